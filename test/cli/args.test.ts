// The one argument parser and the help written from the command table, in process.
import { describe, expect, it } from "vitest";
import { parseArguments, usageHint } from "../../generator/cli/args.ts";
import { COMMANDS, COMMAND_NAMES, GLOBAL_OPTIONS, optionsOf } from "../../generator/cli/commands.ts";
import { commandHelp, globalHelp } from "../../generator/cli/help.ts";
import { CodebookError, ConfigError, UsageError } from "../../generator/common/errors.ts";
import { OutDirError } from "../../generator/write/write.ts";
import { ManifestError } from "../../generator/write/manifest.ts";
import { LockBusyError } from "../../generator/write/lock.ts";
import { InputError, UsageError as DiffUsageError } from "../../generator/diff/inputs.ts";

describe("the command table", () => {
  it("lists every command once, and one name is one option everywhere (same short, same kind of value)", () => {
    expect(COMMANDS.map((c) => c.name)).toEqual([...COMMAND_NAMES]);
    const seen = new Map<string, { short?: string; value: boolean; multiple: boolean }>();
    for (const option of [...GLOBAL_OPTIONS, ...COMMANDS.flatMap((c) => c.options)]) {
      const shape = { short: option.short, value: option.value !== undefined, multiple: option.multiple === true };
      if (seen.has(option.name)) expect(shape, option.name).toEqual(seen.get(option.name));
      seen.set(option.name, shape);
    }
  });

  it("no command takes an option twice", () => {
    for (const c of COMMANDS) {
      const names = optionsOf(c).map((o) => o.name);
      expect(new Set(names).size, c.name).toBe(names.length);
    }
  });
});

describe("per-command help", () => {
  it.each(COMMAND_NAMES.map((n) => [n]))("%s: its synopsis and every option it takes, and no other command's", (name) => {
    const help = commandHelp(name);
    const command = COMMANDS.find((c) => c.name === name)!;
    for (const line of command.usage) expect(help).toContain(`codebook ${line}`);
    for (const option of optionsOf(command)) expect(help, option.name).toContain(`--${option.name}${option.value ? ` ${option.value}` : ""}`);
    expect(help).toContain("--no-color");
    const others = COMMANDS.flatMap((c) => c.options).filter((o) => !optionsOf(command).some((m) => m.name === o.name));
    for (const option of others) expect(help, `${name} lists --${option.name}`).not.toMatch(new RegExp(`^  (-., )?--${option.name}(?![\\w-])`, "m"));
  });

  it("lines fit in 80 columns, but for synopses", () => {
    for (const name of COMMAND_NAMES)
      for (const line of commandHelp(name).split("\n")) if (!line.startsWith("  codebook ")) expect(line.length, `${name}: ${line}`).toBeLessThanOrEqual(80);
  });

  it("the global help has every command's synopsis and summary, and says where the options are", () => {
    const help = globalHelp();
    for (const c of COMMANDS) for (const line of c.usage) expect(help).toContain(`codebook ${line}`);
    expect(help).toContain("`codebook help COMMAND` or `codebook COMMAND --help` lists a command's options.");
    for (const word of ["specDir", "outDir", "scope", "enumStyle", "publish", "NO_COLOR", "FORCE_COLOR", "Exit codes", "--version", "--no-color"]) expect(help).toContain(word);
  });
});

describe("parsing", () => {
  it.each<[string, string[], object]>([
    ["a command and flags", ["lint", "--json", "-q"], { command: "lint", values: { json: true, quiet: true }, positionals: [], problems: [] }],
    ["options before the command", ["--config", "x.yaml", "lint"], { command: "lint", values: { config: "x.yaml" }, problems: [] }],
    ["--name=value", ["generate", "--lock-timeout=5"], { command: "generate", values: { "lock-timeout": "5" }, problems: [] }],
    ["a value that starts with a dash, in the = form", ["diff", "--against=--output=x"], { command: "diff", values: { against: "--output=x" }, problems: [] }],
    ["a repeatable option keeps every value", ["generate", "--only", "a", "--only=b,c"], { values: { only: ["a", "b,c"] }, problems: [] }],
    ["--no-color", ["lint", "--no-color"], { values: { color: false }, problems: [] }],
    ["--color", ["diff", "a", "b", "--color"], { values: { color: true }, positionals: ["a", "b"], problems: [] }],
    ["-- ends the options", ["diff", "--", "--a.yaml", "b.yaml"], { positionals: ["--a.yaml", "b.yaml"], problems: [] }],
    ["grouped short flags", ["generate", "-qh"], { values: { quiet: true, help: true }, problems: [] }],
    ["no command", ["--help"], { command: null, unknownCommand: null, values: { help: true }, problems: [] }],
    ["an unknown command", ["frob", "--json"], { command: null, unknownCommand: "frob" }],
  ])("%s", (_name, argv, expected) => {
    expect(parseArguments(argv)).toMatchObject(expected);
  });

  // Node's parseArgs said: Unknown option '--frob'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--frob" (an unbalanced quote).
  it.each<[string, string[], string[]]>([
    ["an unknown option, named with the command", ["lint", "--frob"], ["unknown option --frob for lint"]],
    ["an unknown short option", ["generate", "-x"], ["unknown option -x for generate"]],
    ["an option of another command", ["lint", "--check"], ["--check does not apply to lint"]],
    ["an option of another command, to a server", ["mock", "--spec", "x", "--only", "y"], ["--only does not apply to mock"]],
    ["a value given to a flag", ["lint", "--json=yes"], ['--json takes no value, got "yes"']],
    ["--no- of a flag that has no negation", ["lint", "--no-json"], ["unknown option --no-json for lint"]],
    ["a missing value at the end", ["mock", "--port"], ["--port needs a value (N)"]],
    ["a missing value before another option", ["lint", "--config", "--json"], ["--config needs a value (FILE), got the option --json; write --config=--json for a value that starts with a dash"]],
    ["a value outside the choices", ["diff", "a", "b", "--format", "html"], ['--format must be one of text, markdown, json, not "html"']],
    ["--fail-on outside its levels", ["diff", "a", "b", "--fail-on=major"], ['--fail-on must be one of breaking, feature, fix, none, not "major"']],
    ["--kind outside its kinds", ["init", "x", "--kind", "table"], ['--kind must be one of code-table, api, not "table"']],
    ["a stray argument", ["lint", "extra"], ["lint takes no arguments, got extra"]],
    ["two spec ids to init", ["init", "a", "b"], ["init takes at most one spec id, got a b"]],
    ["every problem, in order", ["generate", "--frob", "--kind", "api", "x"], ["unknown option --frob for generate", "--kind does not apply to generate", "generate takes no arguments, got x"]],
  ])("%s: a problem in codebook's words", (_name, argv, problems) => {
    const parsed = parseArguments(argv);
    expect(parsed.problems).toEqual(problems);
    for (const p of parsed.problems) {
      expect(p).not.toMatch(/'/);
      expect(p.split("\n")).toHaveLength(1);
    }
  });

  it("an option given without a command is named as codebook's", () => {
    expect(parseArguments(["--json"]).problems).toEqual(["--json does not apply to codebook"]);
  });

  it("the hint names the command's own help", () => {
    expect(usageHint("lint")).toBe("Run `codebook lint --help` for usage.");
    expect(usageHint("proxy")).toBe("Run `codebook proxy --help` for usage.");
    expect(usageHint(null)).toBe("Run `codebook help` for usage.");
  });
});

describe("errors carry their exit code (issue 24 item 7)", () => {
  it.each<[string, CodebookError, 1 | 2, string]>([
    ["ConfigError", new ConfigError("x"), 2, "config"],
    ["UsageError", new UsageError("x"), 2, "usage"],
    ["OutDirError", new OutDirError("x"), 2, "config"],
    ["ManifestError", new ManifestError("x"), 2, "config"],
    ["LockBusyError", new LockBusyError("x"), 2, "config"],
    ["diff's InputError", new InputError("x"), 2, "config"],
    ["a refusal with exit 1", new CodebookError("x", 1), 1, "config"],
  ])("%s: exit %s, kind %s", (name, err, exitCode, kind) => {
    expect(err).toBeInstanceOf(CodebookError);
    expect(err.exitCode).toBe(exitCode);
    expect(err.kind).toBe(kind);
    expect(err.name).toBe(name.replace("diff's ", "").replace("a refusal with exit 1", "CodebookError"));
  });

  it("the out-dir, manifest and lock errors are not config errors", () => {
    for (const err of [new OutDirError("x"), new ManifestError("x"), new LockBusyError("x"), new UsageError("x"), new InputError("x")]) expect(err).not.toBeInstanceOf(ConfigError);
    expect(new DiffUsageError("x")).toBeInstanceOf(UsageError);
  });
});
