import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../../../generator/artifacts/markdown-layout.ts";

describe("formatMarkdown", () => {
  it("aligns pipe tables by code points, keeping escaped pipes and alignment markers", () => {
    const input = ["| Code | Message | n |", "| --- | --- | ---: |", "| `00` | A \\| B | 1 |", "| `201` | Kadaluwarsa’ | 10 |", ""].join("\n");
    expect(formatMarkdown(input)).toBe(
      ["| Code  | Message      |   n |", "| ----- | ------------ | --: |", "| `00`  | A \\| B       |   1 |", "| `201` | Kadaluwarsa’ |  10 |", ""].join("\n"),
    );
  });

  it("collapses blank lines and trailing spaces, but never touches fenced code", () => {
    const input = "# T  \n\n\n\ntext\n\n```json\n{\n   \"a\":1\n\n\n}\n```\n\n\n";
    expect(formatMarkdown(input)).toBe('# T\n\ntext\n\n```json\n{\n   "a":1\n\n\n}\n```\n');
  });

  it("leaves pipe lines inside fences alone", () => {
    const input = "```\n| a | b |\n| - | - |\n```\n";
    expect(formatMarkdown(input)).toBe(input);
  });

  it("is idempotent on the generated READMEs' shapes", () => {
    const once = formatMarkdown("| a | bb |\n| --- | --- |\n| ccc | d |\n\nx\n");
    expect(formatMarkdown(once)).toBe(once);
  });
});
