/**
 * Every command of `codebook` and the options it takes, in one table: the
 * argument parser (args.ts) accepts what it lists, and the help (help.ts) is
 * written from it, `codebook help` and each `codebook help COMMAND` alike. A new
 * option is one entry here; nothing else lists options.
 */
import { LEVELS } from "../diff/levels.ts";
import { FORMATS } from "../diff/render.ts";
import { DEFAULT_REDACTED_HEADERS } from "../mock/recording.ts";

export interface OptionSpec {
  /** The long name, without the dashes: `--lock-timeout` is "lock-timeout". */
  readonly name: string;
  /** A one-letter alias (`-q`). */
  readonly short?: string;
  /** The value's placeholder in the help (FILE, ID, N): the option takes a value. Without it, a flag. */
  readonly value?: string;
  /** The option may be given more than once; its values are kept in order. */
  readonly multiple?: boolean;
  /** A flag that `--no-NAME` turns off (the value is then false). */
  readonly negatable?: boolean;
  /** The values the option accepts; any other is a usage error naming them. */
  readonly choices?: readonly string[];
  /** One paragraph; the help wraps it. */
  readonly help: string;
}

export interface CommandSpec {
  readonly name: CommandName;
  /** The synopsis lines, after `codebook ` (they show which options go together). */
  readonly usage: readonly string[];
  /** What the command does, for `codebook help` (one paragraph). */
  readonly summary: string;
  /** Said before the options in `codebook help COMMAND` (paragraphs, blank-line separated); the summary when absent. */
  readonly about?: string;
  /**
   * The most positional arguments it takes, and what one is called in the message when
   * there are more; absent: the command checks them itself (diff: OLD NEW, or one PATH).
   */
  readonly arguments?: { readonly max: number; readonly noun: string };
  readonly options: readonly OptionSpec[];
  /** Said after the options: exit codes, the config, the environment. */
  readonly footer?: string;
}

export const COMMAND_NAMES = ["init", "lint", "generate", "diff", "mock", "proxy", "help"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Options every command takes. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: "help", short: "h", help: "Show this help." },
  { name: "version", short: "v", help: "Show codebook's version." },
  {
    name: "color",
    negatable: true,
    help: "--color colours the text on stdout and stderr even when piped; --no-color never colours it. Either wins over NO_COLOR and FORCE_COLOR. JSON is never coloured.",
  },
];

const config = (what = "Config file"): OptionSpec => ({
  name: "config",
  value: "FILE",
  help: `${what} (default: the nearest codebook.config.yaml here or above, up to the repository root). Paths in it are relative to its directory.`,
});
const only: OptionSpec = { name: "only", value: "ID", multiple: true, help: "Only this spec id (repeatable, or comma-separated)." };
const strict: OptionSpec = {
  name: "strict",
  help: "Spec warnings (FILE:LINE:COL: warning: …) are errors: exit 1, nothing written. Without it they print and the run succeeds.",
};
const json: OptionSpec = {
  name: "json",
  help: "Print one JSON report on stdout and nothing else (files written, unchanged and removed; problems with file, line, column), usage and config errors included.",
};
const quiet: OptionSpec = { name: "quiet", short: "q", help: "Print only problems, no summary line." };

const CONFIG_FOOTER = `Config (codebook.config.yaml):
  specDir     Directory of spec files, *.yaml or *.yml (default: spec)
  outDir      Directory generated packages are written to (default: generated);
              codebook's alone: not ".", "..", "/" or the spec directory
  scope       npm scope of generated packages (default: @codebook)
  enumStyle   const (default): \`as const\` objects and union types;
              enum: TypeScript enums
  publish     Opt in to publishing: license (required), repository,
              publishConfig (access, registry, tag, provenance). Without it
              every generated package is "private": true.

Exit codes: 0 success; 1 spec problems (with generate --check: stale output);
2 usage, config or out-dir error (nothing was written); 3 internal error.`;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "init",
    usage: ["init [ID] [--kind code-table|api]", "init --from SHIPPED-ID"],
    summary:
      "Without ID: set up this directory for codebook (codebook.config.yaml, spec/, and .gitattributes and .prettierignore lines for the out dir). With ID: scaffold spec/ID.yaml, a spec to fill in (--kind code-table, the default, or api); it lints clean and generates as it is.",
    about:
      "Without ID: set up the project for codebook: codebook.config.yaml (kept if there is one), the spec directory, a .gitattributes line that marks the out dir as generated, and a .prettierignore line for it at the repository's top. Existing files are kept; lines are added only where missing.\n\nWith ID: also scaffold spec/ID.yaml, a spec to fill in; it lints clean and generates as it is. init never overwrites a spec.\n\nWith --from ID: copy the spec codebook ships as ID, and its source document, into the spec directory (only the $schema line changes), to edit or to extend.",
    arguments: { max: 1, noun: "spec id" },
    options: [
      config("Config file to create or use"),
      { name: "kind", value: "KIND", choices: ["code-table", "api"], help: "With ID: the kind of spec to scaffold, code-table (default) or api." },
      { name: "from", value: "ID", help: "Copy the spec codebook ships as ID (and its source document) into the spec directory." },
      quiet,
    ],
    footer: "Exit codes: 0 done; 2 a usage or config error, or a link where init would\nwrite (nothing was written).",
  },
  {
    name: "lint",
    usage: ["lint [--only ID...] [--strict] [--json] [--quiet]"],
    summary: "Check every spec; print each problem as FILE:LINE:COL: message.",
    about: "Check every spec in the config's specDir; print each problem as FILE:LINE:COL: message with a code frame, then a count. Writes nothing.",
    arguments: { max: 0, noun: "argument" },
    options: [config(), only, strict, json, quiet],
    footer: CONFIG_FOOTER,
  },
  {
    name: "generate",
    usage: ["generate [--only ID...] [--check | --watch] [--strict] [--json] [--quiet] [--lock-timeout SECONDS]"],
    summary:
      "Lint, then write one package per spec into the out dir. Writes only files whose bytes changed, each atomically, and removes files it generated earlier whose spec is gone. One run at a time per out dir: a second run waits for the first.",
    arguments: { max: 0, noun: "argument" },
    options: [
      config(),
      only,
      {
        name: "check",
        help: "Generate in memory and compare with disk; list every stale, missing, orphaned or unexpected file with a diff of every changed region; write nothing. Exit 1 if any.",
      },
      { name: "watch", help: "Generate, then again whenever a spec, a template or the config changes. Ctrl-C stops it." },
      strict,
      json,
      quiet,
      { name: "lock-timeout", value: "SECONDS", help: "How long generate waits for another run on the same out dir (default 60)." },
    ],
    footer: CONFIG_FOOTER,
  },
  {
    name: "diff",
    usage: ["diff OLD NEW [--format text|markdown|json] [--fail-on LEVEL]", "diff --against REF [PATH] [--config FILE] [--format …] [--fail-on LEVEL]"],
    summary:
      "What changed between two versions of the specs, each change with its semver level (breaking, feature, fix) and why, and a suggested version per table. Exit 1 on a breaking change without a major bump.",
    about:
      "Compares two versions of spec files (OLD and NEW both files, or both directories whose tables are matched by id), or the working tree's specs with those at git revision REF (read from git, no checkout; PATH defaults to the config's specDir). Each change gets a semver level for the generated package (breaking, feature or fix) and the reason; each table a suggested version.",
    options: [
      {
        name: "format",
        value: "FORMAT",
        choices: FORMATS,
        help: "text (default; coloured on a terminal or with FORCE_COLOR=1 or --color, never with NO_COLOR or --no-color), markdown (a pull-request comment) or json (for tools).",
      },
      { name: "fail-on", value: "LEVEL", choices: [...LEVELS, "none"], help: "Exit 1 when any change is at LEVEL or above, whatever the versions say: breaking, feature, fix, or none (never)." },
      { name: "against", value: "REF", help: "Compare with the specs at a git revision (HEAD, main, a tag)." },
      config("With --against: the config whose specDir is compared"),
    ],
    footer:
      "Exit codes: 0 nothing breaking, or the major version was bumped; 1 a breaking\nchange without a major version bump (or what --fail-on names); 2 usage errors,\nincluding a spec that does not lint on either side.",
  },
  {
    name: "mock",
    usage: ["mock --spec ID [--port N] [--host H] [--delay MS] [--notify-url URL] [--base-path P] [--scenarios FILE | --replay FILE] [--json]"],
    summary:
      "Serve a generated API package over HTTP as a provider sandbox (loopback, port 4010 by default): validates requests with the package's validators and answers the spec's own codes; `Prefer: code=<code>` answers any code of the spec's pattern; scenario files add flows (state over time) and idempotency.",
    about: "Serve a generated API package as a provider sandbox, until Ctrl-C (SIGINT) or SIGTERM.",
    arguments: { max: 0, noun: "argument" },
    options: [
      { name: "spec", value: "ID", help: "The API spec to serve (its package in the config's out dir)." },
      { name: "port", value: "N", help: "Port (default 4010; 0: a free port)." },
      { name: "host", value: "HOST", help: "Interface (default 127.0.0.1: loopback only)." },
      { name: "delay", value: "MS", help: "Wait before every answer (at most 2147483647, about 24.8 days)." },
      { name: "notify-url", value: "URL", help: "POST the callback (e.g. the payment notification) here after a success of an endpoint whose spec names one." },
      { name: "base-path", value: "PATH", help: "Serve every endpoint below PATH (e.g. /api)." },
      {
        name: "scenarios",
        value: "FILE",
        help: "YAML or JSON: scenarios (request field values -> a code and a delay), flows (a transaction's states over time, by its reference) and idempotency rules; schema: codebook/schema/mock-scenarios.schema.json.",
      },
      { name: "replay", value: "FILE", help: "Serve a recording of `codebook proxy --record FILE`: the recorded answers, byte for byte (--spec: the recording's)." },
      { name: "json", help: "Log JSON lines." },
      config(),
    ],
    footer: `Requests: a body the package's validator rejects gets the spec's request-error
code naming the field; \`Prefer: code=<code>\` answers that code (any code of the
spec's pattern: one the service does not list is served as unlisted); then the
flows and idempotency rules, the scenarios, and otherwise the success fixture.
The state is listed and reset at /__codebook/state (GET, DELETE). Exit codes:
0 stopped by a signal; 2 usage, config, a port in use, or a scenario file or
recording refused (not a regular file, over its cap, or a problem in it).`,
  },
  {
    name: "proxy",
    usage: ["proxy --spec ID --target URL [--port N] [--record FILE] [--json]", "proxy --check-recording FILE | --suggest-fixtures FILE"],
    summary:
      "Forward to a provider's sandbox and check the traffic against the package: unlisted codes (drift, with the row to add), malformed codes, status/code disagreements, invalid bodies; --record keeps it for `codebook mock --replay`.",
    about:
      "A validating proxy in front of a provider. Forwards every request to URL and returns the provider's answer unchanged (status, headers, body bytes); checks both directions with the generated package and reports, one line per exchange: a code the table does not list (drift: the spec file and the row to add), a malformed code, an HTTP status that disagrees with the body's code, request and response validation errors (each with its JSON Pointer), an unknown endpoint.",
    arguments: { max: 0, noun: "argument" },
    options: [
      { name: "spec", value: "ID", help: "The API spec whose package checks the traffic." },
      { name: "target", value: "URL", help: "The provider's base URL (http or https), e.g. its sandbox." },
      { name: "port", value: "N", help: "Port (default 4011; 0: a free port)." },
      { name: "host", value: "HOST", help: "Interface (default 127.0.0.1: loopback only)." },
      { name: "base-path", value: "PATH", help: "The prefix the spec's paths sit under in incoming requests." },
      { name: "record", value: "FILE", help: "Keep every exchange in FILE (JSON lines) for `codebook mock --replay FILE` and --suggest-fixtures." },
      {
        name: "redact",
        value: "NAMES",
        multiple: true,
        help: `Header names whose values the recording replaces with [redacted], comma-separated, replacing the default list: ${DEFAULT_REDACTED_HEADERS.join(", ")}.`,
      },
      { name: "strict", help: "Validate in strict mode: undeclared fields are findings." },
      { name: "json", help: "JSON lines: {method,path,endpoint,status,code,ms,findings}." },
      config(),
      { name: "check-recording", value: "FILE", help: "Check a recording again against the package as it is now, offline: one line per exchange; exit 1 on findings." },
      { name: "suggest-fixtures", value: "FILE", help: "Read a recording and print the spec samples (response bodies the fixtures lack) it suggests; forwards nothing." },
    ],
    footer: `The proxy answers by itself only where it cannot forward: a request body over
1 MiB (413), an upstream that cannot be reached (502) or does not answer within
30 s (504).
Exit codes: 0 stopped by a signal (or a recording checked clean); 1 findings in
a checked recording; 2 usage, config, a port in use, an unwritable --record file
or an unreadable recording.`,
  },
  {
    name: "help",
    usage: ["help [COMMAND] | --help | --version"],
    summary: "Show this help; `codebook help COMMAND` (or `codebook COMMAND --help`) shows a command's options.",
    arguments: { max: 1, noun: "command" },
    options: [],
  },
];

export function commandSpec(name: CommandName): CommandSpec {
  return COMMANDS.find((c) => c.name === name)!;
}

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/** Every option a command takes: its own, then the global ones. */
export function optionsOf(command: CommandSpec): readonly OptionSpec[] {
  return [...command.options, ...GLOBAL_OPTIONS];
}
