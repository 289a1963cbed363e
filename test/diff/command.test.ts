// `codebook diff` as a user runs it: the three formats, the exit codes and
// --fail-on, directories, --against a revision of a scratch git repository, and
// every usage error.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { codebook, codebookIn, diffJson, edit, files, shipped, tempDir, type JsonTable } from "./harness.ts";

const iak = shipped("iak-prepaid");
/** 39 moves from pending to failed (breaking); 10's message changes (fix). */
const iakBreaking = edit(
  edit(iak, "name: InProcess\n        message: PROCESS\n        status: Pending", "name: InProcess\n        message: PROCESS\n        status: Failed"),
  "message: REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY",
  'message: "REACH | LIMIT"',
);
/** A new code 78 with the outcome unlisted codes already had (feature). */
const iakFeature = edit(iak, '      - code: "301"\n', '      - code: "78"\n        message: NEW PENDING\n        status: Pending\n        description: New.\n      - code: "301"\n');
/** A description edit (fix). */
const iakFix = edit(iak, "Your customer number (customer_id) has been blocked.", "Your customer number has been blocked.");
const version = (text: string, v: string) => edit(text, "version: 1.0.0", `version: ${v}`);

describe("formats", () => {
  let dir: string;
  beforeAll(async () => {
    dir = files({ "old.yaml": iak, "new.yaml": iakBreaking });
  });

  it("text (the default): one line per change, the reason once per run of a kind, a summary; no colour when not on a terminal", async () => {
    const r = await codebookIn(["diff", "old.yaml", "new.yaml"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "iak-prepaid 1.0.0 → 1.0.0: 1 breaking, 1 fix; suggested version 2.0.0",
        "  breaking  39 in default: pending → failed (status \"Pending\" → \"Failed\")",
        "            outcome-changed: money code branches on the outcome: the payment is now held, delivered or refunded differently",
        '  fix       10 message "REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY" → "REACH | LIMIT"',
        "            message-changed: messages are informational: classification keys on the code, never on the message",
        "",
        "1 table changed (1 breaking, 1 fix).",
        "",
      ].join("\n"),
    );
    expect(r.stdout).not.toContain("\x1b[");
  });

  it("text is coloured when FORCE_COLOR asks, and not with FORCE_COLOR=0 or NO_COLOR", async () => {
    const forced = await codebookIn(["diff", "old.yaml", "new.yaml"], dir, { FORCE_COLOR: "1" });
    expect(forced.stdout).toContain("\x1b[31mbreaking");
    expect(forced.stdout).toContain("\x1b[1miak-prepaid\x1b[0m");
    expect((await codebookIn(["diff", "old.yaml", "new.yaml"], dir, { FORCE_COLOR: "0" })).stdout).not.toContain("\x1b[");
    expect((await codebookIn(["diff", "old.yaml", "new.yaml", "--format", "text"], dir, { NO_COLOR: "1" })).stdout).not.toContain("\x1b[");
  });

  it("markdown: a summary line and a table per spec with level, change and why; cells escaped", async () => {
    const r = await codebookIn(["diff", "old.yaml", "new.yaml", "--format", "markdown"], dir, { FORCE_COLOR: "1" });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "### codebook diff",
        "",
        "1 table changed (1 breaking, 1 fix).",
        "",
        "#### `iak-prepaid` 1.0.0 → 1.0.0 · suggested version **2.0.0**",
        "",
        "| Level | Change | Why |",
        "| --- | --- | --- |",
        '| **breaking** | `outcome-changed` 39 in default: pending → failed (status "Pending" → "Failed") | money code branches on the outcome: the payment is now held, delivered or refunded differently |',
        '| fix | `message-changed` 10 message "REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY" → "REACH \\| LIMIT" | messages are informational: classification keys on the code, never on the message |',
        "",
      ].join("\n"),
    );
  });

  it("json: the documented shape, keys in a stable order, before/after only where meaningful", async () => {
    const r = await codebookIn(["diff", "old.yaml", "new.yaml", "--format", "json"], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { tables: JsonTable[] };
    expect(Object.keys(report)).toEqual(["tables"]);
    expect(Object.keys(report.tables[0]!)).toEqual(["id", "from", "to", "suggestedVersion", "changes"]);
    expect(report.tables[0]!.changes).toEqual([
      {
        level: "breaking",
        kind: "outcome-changed",
        code: "39",
        context: "default",
        before: "pending",
        after: "failed",
        message: '39 in default: pending → failed (status "Pending" → "Failed") — money code branches on the outcome: the payment is now held, delivered or refunded differently',
      },
      {
        level: "fix",
        kind: "message-changed",
        code: "10",
        before: "REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY",
        after: "REACH | LIMIT",
        message: '10 message "REACH TOP UP LIMIT USING SAME DESTINATION NUMBER IN 1 DAY" → "REACH | LIMIT" — messages are informational: classification keys on the code, never on the message',
      },
    ]);
    const order = ["level", "kind", "code", "endpoint", "field", "context", "before", "after", "message"];
    for (const c of report.tables[0]!.changes) {
      const keys = Object.keys(c);
      expect(keys).toEqual(order.filter((k) => keys.includes(k)));
    }
    expect(r.stdout.endsWith("}\n")).toBe(true);
  });

  it("json without before/after for a change that has none (a code added as feature shows only after)", async () => {
    const { table } = await diffJson(iak, iakFeature);
    expect(table.changes).toHaveLength(1);
    expect(Object.keys(table.changes[0]!)).toEqual(["level", "kind", "code", "after", "message"]);
  });
});

describe("exit codes and the suggested version", () => {
  it("no changes: exit 0, suggested version is NEW's, 'No changes' in text", async () => {
    const dir = files({ "old.yaml": iak, "new.yaml": iak });
    const r = await codebookIn(["diff", "old.yaml", "new.yaml"], dir);
    expect(r).toEqual({ code: 0, stdout: "No changes in 1 table.\n", stderr: "" });
  });

  it("feature only, version unchanged: exit 0 (nothing breaking), suggests the next minor", async () => {
    const { run, table } = await diffJson(iak, iakFeature);
    expect(run.code).toBe(0);
    expect(table.suggestedVersion).toBe("1.1.0");
  });

  it("feature with NEW only a patch ahead: suggests OLD's next minor; fix with NEW a patch ahead: NEW's version", async () => {
    expect((await diffJson(iak, version(iakFeature, "1.0.1"))).table.suggestedVersion).toBe("1.1.0");
    const { table, run } = await diffJson(iak, version(iakFix, "1.0.1"));
    expect(table).toMatchObject({ from: "1.0.0", to: "1.0.1", suggestedVersion: "1.0.1" });
    expect(run.code).toBe(0);
  });

  it("breaking with the major version bumped: exit 0, NEW's version suggested", async () => {
    const { run, table } = await diffJson(iak, version(iakBreaking, "2.0.0"));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(table).toMatchObject({ from: "1.0.0", to: "2.0.0", suggestedVersion: "2.0.0" });
  });

  it("breaking with only a minor bump: exit 1, suggests the next major of OLD", async () => {
    const { run, table } = await diffJson(iak, version(iakBreaking, "1.1.0"));
    expect(run.code).toBe(1);
    expect(table.suggestedVersion).toBe("2.0.0");
    expect(run.stderr).toBe("codebook diff: iak-prepaid: breaking changes without a major version bump (1.0.0 → 1.1.0); set version: 2.0.0\n");
  });

  it("the bin, as a process, gives what the command gives in process: the report on stdout, the reason on stderr, exit 1", async () => {
    const dir = files({ "old.yaml": iak, "new.yaml": version(iakBreaking, "1.1.0") });
    const args = ["diff", "old.yaml", "new.yaml", "--format", "json"];
    const inProcess = await codebookIn(args, dir);
    expect(codebook(args, dir)).toEqual(inProcess);
    expect(inProcess.code).toBe(1);
    expect(JSON.parse(inProcess.stdout).tables).toHaveLength(1);
  });

  it("--fail-on overrides the rule: any change at that level or above fails, whatever the versions say; none never fails", async () => {
    expect((await diffJson(iak, iakFeature, ["--fail-on", "feature"])).run.code).toBe(1);
    expect((await diffJson(iak, iakFeature, ["--fail-on", "fix"])).run.code).toBe(1);
    expect((await diffJson(iak, iakFeature, ["--fail-on", "breaking"])).run.code).toBe(0);
    expect((await diffJson(iak, iakFix, ["--fail-on", "feature"])).run.code).toBe(0);
    expect((await diffJson(iak, iakBreaking, ["--fail-on", "none"])).run.code).toBe(0);
    const bumped = (await diffJson(iak, version(iakBreaking, "2.0.0"), ["--fail-on", "breaking"])).run;
    expect(bumped.code).toBe(1);
    expect(bumped.stderr).toBe("codebook diff: iak-prepaid: changes at level breaking or above (--fail-on breaking)\n");
    expect((await diffJson(iak, iak, ["--fail-on", "fix"])).run.code).toBe(0);
  });
});

describe("two directories: tables matched by id", () => {
  it("a table only in NEW is added (feature), only in OLD removed (breaking, exit 1 whatever the versions)", async () => {
    const dir = files({
      "old/iak-prepaid.yaml": iak,
      "old/doku-biller.yaml": shipped("doku-biller"),
      "new/iak-prepaid.yaml": iakFix,
      "new/tokopedia-partner.yaml": shipped("tokopedia-partner"),
      "new/notes.txt": "not a spec",
    });
    const r = await codebookIn(["diff", "old", "new", "--format", "json"], dir);
    expect(r.code).toBe(1);
    const tables = (JSON.parse(r.stdout) as { tables: JsonTable[] }).tables;
    expect(tables.map((t) => [t.id, t.from, t.to, t.suggestedVersion])).toEqual([
      ["doku-biller", "1.0.0", null, null],
      ["iak-prepaid", "1.0.0", "1.0.0", "1.0.1"],
      ["tokopedia-partner", null, "1.0.0", "1.0.0"],
    ]);
    expect(tables[0]!.changes.map((c) => [c.level, c.kind])).toEqual([["breaking", "table-removed"]]);
    expect(tables[2]!.changes.map((c) => [c.level, c.kind])).toEqual([["feature", "table-added"]]);
    expect(r.stderr).toContain("doku-biller: the table was removed");
    expect((await codebookIn(["diff", "old", "new", "--fail-on", "none"], dir)).code).toBe(0);
  });
});

describe("--against a git revision", () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });
  beforeAll(async () => {
    repo = tempDir("codebook-diff-git-");
    git("init", "-q");
    git("config", "user.name", "codebook test");
    git("config", "user.email", "test@example.invalid");
    git("config", "commit.gpgsign", "false");
    mkdirSync(join(repo, "spec"));
    writeFileSync(join(repo, "spec", "iak-prepaid.yaml"), iakFix.replace("Your customer number has been blocked.", "first version"));
    writeFileSync(join(repo, "spec", "doku-biller.yaml"), shipped("doku-biller"));
    git("add", ".");
    git("commit", "-qm", "first");
    writeFileSync(join(repo, "spec", "iak-prepaid.yaml"), iak);
    git("commit", "-qam", "second");
    // The working tree: 39 pending → failed, doku gone, tokopedia new (untracked).
    writeFileSync(join(repo, "spec", "iak-prepaid.yaml"), iakBreaking);
    rmSync(join(repo, "spec", "doku-biller.yaml"));
    writeFileSync(join(repo, "spec", "tokopedia-partner.yaml"), shipped("tokopedia-partner"));
  });

  it("compares the working tree's spec dir with HEAD, read from git; the working tree is left as it was", async () => {
    const status = git("status", "--porcelain");
    const r = await codebookIn(["diff", "--against", "HEAD", "--format", "json"], repo);
    expect(r.code).toBe(1);
    const tables = (JSON.parse(r.stdout) as { tables: JsonTable[] }).tables;
    expect(tables.map((t) => [t.id, t.from, t.to])).toEqual([
      ["doku-biller", "1.0.0", null],
      ["iak-prepaid", "1.0.0", "1.0.0"],
      ["tokopedia-partner", null, "1.0.0"],
    ]);
    expect(tables[1]!.changes.map((c) => `${c.level} ${c.kind} ${c.code}`)).toEqual(["breaking outcome-changed 39", "fix message-changed 10"]);
    expect(git("status", "--porcelain")).toBe(status);
    expect(readFileSync(join(repo, "spec", "iak-prepaid.yaml"), "utf8")).toBe(iakBreaking);
  });

  it("one spec file, and any revision git names (HEAD~1)", async () => {
    const r = await codebookIn(["diff", "--against", "HEAD~1", "spec/iak-prepaid.yaml", "--format", "json"], repo);
    const tables = (JSON.parse(r.stdout) as { tables: JsonTable[] }).tables;
    expect(tables.map((t) => t.id)).toEqual(["iak-prepaid"]);
    expect(tables[0]!.changes.map((c) => `${c.kind} ${c.code}`).sort()).toEqual(["description-changed 13", "message-changed 10", "outcome-changed 39"]);
  });

  it("reads the spec dir from the config (--config), from a subdirectory too", async () => {
    writeFileSync(join(repo, "codebook.config.yaml"), "specDir: spec\noutDir: out\n");
    mkdirSync(join(repo, "elsewhere"), { recursive: true });
    const r = await codebookIn(["diff", "--against", "HEAD", "--config", "../codebook.config.yaml", "--fail-on", "none"], join(repo, "elsewhere"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("iak-prepaid 1.0.0 → 1.0.0: 1 breaking, 1 fix; suggested version 2.0.0");
    rmSync(join(repo, "codebook.config.yaml"));
  });

  it("a spec that does not lint at the revision: exit 2, diagnostics named REF:path:line:col", async () => {
    const scratch = tempDir("codebook-diff-git-");
    const g = (...args: string[]) => execFileSync("git", args, { cwd: scratch, encoding: "utf8" });
    g("init", "-q");
    g("config", "user.name", "codebook test");
    g("config", "user.email", "test@example.invalid");
    g("config", "commit.gpgsign", "false");
    mkdirSync(join(scratch, "spec"));
    writeFileSync(join(scratch, "spec", "iak-prepaid.yaml"), edit(iak, '      - code: "06"', "      - code: 06"));
    g("add", ".");
    g("commit", "-qm", "broken");
    writeFileSync(join(scratch, "spec", "iak-prepaid.yaml"), iak);
    const r = await codebookIn(["diff", "--against", "HEAD"], scratch);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^HEAD:spec\/iak-prepaid\.yaml:\d+:\d+: "code" must be a string/);
    expect(r.stderr).toContain("codebook diff: 1 problem in the specs to compare");
  });

  it("a revision that does not exist, or a directory outside git: exit 2", async () => {
    const bad = await codebookIn(["diff", "--against", "no-such-branch"], repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--against: "no-such-branch" is not a revision');
    const option = await codebookIn(["diff", "--against=--output=x"], repo);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--against: "--output=x" is not a git revision');
    const outside = files({ "spec/iak-prepaid.yaml": iak });
    const r = await codebookIn(["diff", "--against", "HEAD"], outside, { GIT_CEILING_DIRECTORIES: join(outside, "..") });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^codebook diff: git rev-parse: /);
  });
});

describe("usage errors exit 2 with a hint", () => {
  let dir: string;
  beforeAll(async () => {
    dir = files({ "old.yaml": iak, "new.yaml": iakFix, "dir/iak-prepaid.yaml": iak, "doku.yaml": shipped("doku-biller"), "broken.yaml": edit(iak, "title: IAK prepaid response codes\n", "") });
  });
  const cases: [string, string[], string][] = [
    ["no paths", ["diff"], "expected OLD and NEW (two spec files or two spec directories), got 0 paths"],
    ["one path", ["diff", "old.yaml"], "expected OLD and NEW (two spec files or two spec directories), got 1 path\n"],
    ["three paths", ["diff", "old.yaml", "new.yaml", "dir"], "expected OLD and NEW (two spec files or two spec directories), got 3 paths"],
    ["an unknown format", ["diff", "old.yaml", "new.yaml", "--format", "html"], '--format must be one of text, markdown, json, not "html"'],
    ["an unknown --fail-on level", ["diff", "old.yaml", "new.yaml", "--fail-on", "major"], '--fail-on must be one of breaking, feature, fix, none, not "major"'],
    ["an unknown option", ["diff", "old.yaml", "new.yaml", "--frob"], "unknown option --frob for diff"],
    ["a missing path", ["diff", "old.yaml", "nope.yaml"], "nope.yaml: no such file or directory"],
    ["a file and a directory", ["diff", "old.yaml", "dir"], "OLD (old.yaml) is a file but NEW (dir) is a directory"],
    ["two different tables", ["diff", "old.yaml", "doku.yaml"], 'OLD is table "iak-prepaid" but NEW is table "doku-biller"'],
    ["--config without --against", ["diff", "old.yaml", "new.yaml", "--config", "x.yaml"], "--config applies only with --against"],
    ["--against with two paths", ["diff", "--against", "HEAD", "old.yaml", "new.yaml"], "--against takes at most one PATH"],
  ];
  it.each(cases)("%s", async (_name, args, message) => {
    const r = await codebookIn(args, dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`codebook diff: ${message}`);
    expect(r.stderr).toContain("Run `codebook diff --help` for usage.");
  });

  it("a side that does not lint: exit 2, every diagnostic with file:line:col, nothing on stdout", async () => {
    const r = await codebookIn(["diff", "old.yaml", "broken.yaml"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^broken\.yaml:\d+:\d+: .*title/);
  });

  it("--help: exit 0, documents both forms, the formats, --fail-on and the exit codes; codebook --help lists diff and publish", async () => {
    const r = await codebookIn(["diff", "--help"], dir);
    expect(r.code).toBe(0);
    for (const word of ["codebook diff OLD NEW", "--against REF", "--format", "markdown", "json", "--fail-on", "NO_COLOR", "FORCE_COLOR", "Exit codes"]) expect(r.stdout).toContain(word);
    const top = await codebookIn(["--help"], dir);
    for (const word of ["codebook diff", "publish"]) expect(top.stdout).toContain(word);
  });
});

describe("inputs a spec cannot be (issue 18): one line, exit 2, bounded reads", () => {
  let dir: string;
  beforeAll(async () => {
    dir = files({ "new.yaml": iak, "big.yaml": "", "dir/iak-prepaid.yaml": iak });
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    truncateSync(join(dir, "big.yaml"), 5 * 1024 * 1024);
  });

  it.each([
    // Read until memory ran out.
    ["/dev/zero", ["/dev/zero", "new.yaml"], "codebook diff: /dev/zero is a character device, not a spec file or directory; diff compares spec files (regular files) or directories of them\n"],
    ["/dev/zero as NEW", ["new.yaml", "/dev/zero"], "codebook diff: /dev/zero is a character device, not a spec file or directory; diff compares spec files (regular files) or directories of them\n"],
    // Blocked the command at startup.
    ["a FIFO", ["pipe.yaml", "new.yaml"], "codebook diff: pipe.yaml is a FIFO (named pipe), not a spec file or directory; diff compares spec files (regular files) or directories of them\n"],
    ["a FIFO with --against", ["--against", "HEAD", "pipe.yaml"], "codebook diff: pipe.yaml is a FIFO (named pipe), not a spec file or directory; diff compares spec files (regular files) or directories of them\n"],
    ["a file over the spec limit", ["big.yaml", "new.yaml"], "codebook diff: big.yaml is 5242880 bytes, over the limit of 4194304 (4 MiB); a spec is at most that\n"],
  ])("%s", async (_name, args, stderr) => {
    expect(await codebookIn(["diff", ...args], dir, {}, 60_000)).toEqual({ code: 2, stdout: "", stderr });
  });

  it("a spec directory holding a FIFO named like a spec: the FIFO is not a spec file, and is not read", async () => {
    const side = files({ "a/iak-prepaid.yaml": iak, "b/iak-prepaid.yaml": iak });
    execFileSync("mkfifo", [join(side, "b", "other.yaml")]);
    const r = await codebookIn(["diff", "a", "b"], side, {}, 60_000);
    expect(r.code, r.stderr).toBe(0);
  });

  // 9007199254740993.0.0 passed the schema, and diff then suggested a lower version (9007199254740992.0.0 is what the number reads as).
  it("a version past 2^53 - 1 on either side: exit 2 with the positioned lint problem", async () => {
    const side = files({ "old.yaml": version(iak, "9007199254740993.0.0"), "new.yaml": version(iakBreaking, "9007199254740993.0.0") });
    const r = await codebookIn(["diff", "old.yaml", "new.yaml"], side);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("old.yaml:6:10: version 9007199254740993.0.0: 9007199254740993 is over 9007199254740991, the largest whole number JavaScript holds exactly");
    expect(r.stderr).toContain("new.yaml:6:10: version 9007199254740993.0.0:");
  });
});
