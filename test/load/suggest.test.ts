// "Did you mean" (generator/load/suggest.ts): close matches only, so a suggestion
// never sends someone to a different word.
import { describe, expect, it } from "vitest";
import { camelCase, closest, editDistance, kebabCase, pascalCase } from "../../generator/load/suggest.ts";

describe("edit distance", () => {
  it.each([
    ["sucess", "success", 1],
    ["pedning", "pending", 1],
    ["mesage", "message", 1],
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["abc", "abc", 0],
  ] as const)("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe("closest", () => {
  it("suggests a typo's word", () => {
    expect(closest("descripton", ["code", "message", "status", "description"])).toBe("description");
    expect(closest("Pendng", ["Success", "Pending", "Failed"])).toBe("Pending");
    expect(closest("users", ["user", "system"])).toBe("user");
  });

  it("suggests a difference of case", () => {
    expect(closest("pending", ["Success", "Pending"])).toBe("Pending");
  });

  it("does not suggest a different word", () => {
    expect(closest("solution", ["code", "message", "status", "description"])).toBeNull();
    expect(closest("Suspect", ["Success", "Pending", "Failed"])).toBeNull();
    expect(closest("ab", ["cd"])).toBeNull();
    expect(closest("x", [])).toBeNull();
  });

  it("never suggests the word itself", () => {
    expect(closest("status", ["status"])).toBeNull();
  });
});

describe("identifier rewrites", () => {
  it.each([
    ["User-Errors", "userErrors", "UserErrors", "user-errors"],
    ["user_errors", "userErrors", "UserErrors", "user-errors"],
    ["USER ERRORS", "userErrors", "UserErrors", "user-errors"],
    ["inquiryGame", "inquiryGame", "InquiryGame", "inquiry-game"],
  ])("%s → %s, %s, %s", (input, camel, pascal, kebab) => {
    expect(camelCase(input)).toBe(camel);
    expect(pascalCase(input)).toBe(pascal);
    expect(kebabCase(input)).toBe(kebab);
  });

  it("gives nothing when no valid id is left", () => {
    expect(camelCase("—")).toBeNull();
    expect(camelCase("1st")).toBeNull();
  });
});
