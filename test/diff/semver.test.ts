// The suggested version: NEW's own when it already bumps OLD's enough, else OLD's bumped by the highest level.
import { describe, expect, it } from "vitest";
import { bump, bumpCovers, suggestVersion } from "../../generator/diff/semver.ts";

describe("semver", () => {
  it("bumps by level", () => {
    expect([bump("1.4.2", "breaking"), bump("1.4.2", "feature"), bump("1.4.2", "fix")]).toEqual(["2.0.0", "1.5.0", "1.4.3"]);
    expect(bump("0.9.9", "breaking")).toBe("1.0.0");
  });

  it("tells whether a version change covers a level", () => {
    expect(bumpCovers("1.4.2", "2.0.0", "breaking")).toBe(true);
    expect(bumpCovers("1.4.2", "1.9.0", "breaking")).toBe(false);
    expect(bumpCovers("1.4.2", "1.5.0", "feature")).toBe(true);
    expect(bumpCovers("1.4.2", "1.4.9", "feature")).toBe(false);
    expect(bumpCovers("1.4.2", "1.4.3", "fix")).toBe(true);
    expect(bumpCovers("1.4.2", "1.4.2", "fix")).toBe(false);
    expect(bumpCovers("1.4.2", "1.3.0", "fix")).toBe(false);
    // Compared as numbers, not text.
    expect(bumpCovers("9.0.0", "10.0.0", "breaking")).toBe(true);
  });

  it("suggests NEW's version when it covers the highest level (or nothing changed), else OLD bumped", () => {
    expect(suggestVersion("1.0.0", "1.0.0", null)).toBe("1.0.0");
    expect(suggestVersion("1.0.0", "3.0.0", "breaking")).toBe("3.0.0");
    expect(suggestVersion("1.0.0", "1.1.0", "breaking")).toBe("2.0.0");
    expect(suggestVersion("1.2.3", "1.2.3", "feature")).toBe("1.3.0");
    expect(suggestVersion("1.2.3", "1.2.4", "fix")).toBe("1.2.4");
  });

  it("refuses what is not MAJOR.MINOR.PATCH", () => {
    expect(() => bump("1.0", "fix")).toThrow(/MAJOR\.MINOR\.PATCH/);
  });
});

describe("semver past 2^53 (issue 18)", () => {
  // As numbers, 9007199254740993 reads as 9007199254740992: a breaking change from
  // 9007199254740993.0.0 was suggested 9007199254740993.0.0 (lower than the next major).
  it("compares and bumps exactly, whatever the size of a part", () => {
    expect(bump("9007199254740993.0.0", "breaking")).toBe("9007199254740994.0.0");
    expect(bump("9007199254740991.0.0", "breaking")).toBe("9007199254740992.0.0");
    expect(bumpCovers("9007199254740992.0.0", "9007199254740993.0.0", "breaking")).toBe(true);
    expect(bumpCovers("1.9007199254740993.0", "1.9007199254740992.0", "feature")).toBe(false);
    expect(suggestVersion("9007199254740993.0.0", "9007199254740993.0.0", "breaking")).toBe("9007199254740994.0.0");
  });
});
