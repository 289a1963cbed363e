#!/usr/bin/env node
/**
 * The `codebook` command. Parses arguments, runs one command, prints what
 * happened (a summary line, diagnostics, or a JSON report), and sets the exit
 * code: 0 ok, 1 problems found, 2 usage/config/out-dir error, 3 internal error.
 */
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config/config.ts";
import { HELP } from "./help.ts";
import { emptyReport, specProblems, warningProblems, withResult, type JsonReport } from "./json-report.ts";
import { styleFor } from "./style.ts";
import { formatDiagnostics, SpecError } from "../load/diagnostics.ts";
import { holdLessMemory } from "./process-memory.ts";

const COMMANDS = ["init", "lint", "generate", "diff", "mock", "proxy", "help"] as const;
type Command = (typeof COMMANDS)[number];

/** Which options each command takes; anything else is a usage error naming the command. */
const ACCEPTS: Record<Command, readonly string[]> = {
  init: ["config", "kind", "from", "quiet"],
  lint: ["config", "only", "json", "quiet", "strict"],
  generate: ["config", "only", "check", "watch", "json", "quiet", "lock-timeout", "strict"],
  diff: [], // parses its own arguments
  mock: [], // parses its own arguments
  proxy: [], // parses its own arguments
  help: [],
};

class UsageError extends Error {}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: "string" },
        only: { type: "string", multiple: true },
        check: { type: "boolean" },
        watch: { type: "boolean" },
        json: { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        strict: { type: "boolean" },
        "lock-timeout": { type: "string" },
        kind: { type: "string" },
        from: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function main(argv: string[]): Promise<number> {
  const stdout = (text: string) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  const stderr = (text: string) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
  if (argv[0] === "diff") return internalErrors(async () => (await import("./diff-command.ts")).diffCommand(argv.slice(1)));
  if (argv[0] === "mock") return internalErrors(async () => (await import("./mock-command.ts")).mockCommand(argv.slice(1)));
  if (argv[0] === "proxy") return internalErrors(async () => (await import("./proxy-command.ts")).proxyCommand(argv.slice(1)));
  if (argv[0] === "help" && argv[1] === "proxy") {
    stdout((await import("./proxy-command.ts")).PROXY_HELP);
    return 0;
  }
  if (argv[0] === "help" && argv[1] === "mock") {
    stdout((await import("./mock-command.ts")).MOCK_HELP);
    return 0;
  }
  if (argv[0] === "help" && argv[1] === "diff") {
    stdout((await import("./diff-command.ts")).DIFF_HELP);
    return 0;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    stderr(`codebook: ${(err as Error).message}\nRun \`codebook help\` for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    const { packageVersion } = await import("../common/codebook-paths.ts");
    stdout(packageVersion);
    return 0;
  }
  if (values.help || positionals[0] === "help" || argv.length === 0) {
    (argv.length === 0 ? stderr : stdout)(HELP);
    return argv.length === 0 ? 2 : 0;
  }
  const command = positionals[0] as Command;
  if (!COMMANDS.includes(command)) {
    stderr(`codebook: unknown command ${JSON.stringify(positionals[0])}; expected ${COMMANDS.join(", ")}\nRun \`codebook help\` for usage.`);
    return 2;
  }
  const json = values.json === true && (command === "lint" || command === "generate");
  const report = json ? emptyReport(command as JsonReport["command"], values.check === true) : null;
  const finish = (code: number): number => {
    if (report) stdout(JSON.stringify({ ...report, ok: code === 0, exitCode: code }, null, 2));
    return code;
  };
  try {
    for (const [key, value] of Object.entries(values))
      if (value !== undefined && !ACCEPTS[command].includes(key)) throw new UsageError(`--${key} does not apply to ${command}`);
    if (values.check && values.watch) throw new UsageError("--check and --watch do not go together");
    if (values.watch && json) throw new UsageError("--watch prints a line per run; it has no --json report");
    const quiet = values.quiet === true || json;
    const only = (values.only ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
    const options = { config: values.config, cwd: process.cwd(), only, strict: values.strict === true };

    if (command === "init") {
      if (positionals.length > 2) throw new UsageError(`init takes at most one spec id, got ${positionals.slice(1).join(" ")}`);
      const { init } = await import("./init.ts");
      const lines = init({ ...options, id: positionals[1], kind: values.kind, from: values.from });
      if (!quiet) stdout(lines.join("\n"));
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`${command} takes no arguments, got ${positionals.slice(1).join(" ")}`);

    if (command === "lint") {
      const { lintWithWarnings } = await import("../run/pipeline.ts");
      const { formatWarnings } = await import("./warnings.ts");
      const { specs, warnings } = await lintWithWarnings(options);
      if (report) Object.assign(report, { root: loadConfig(options.config, options.cwd).root, packages: specs.map((s) => s.id), problems: warningProblems(warnings) });
      else if (warnings.diagnostics.length) stderr(formatWarnings(warnings, styleFor(process.stderr)));
      const n = warnings.diagnostics.length;
      if (!quiet) stdout(`codebook: ${specs.length} spec${specs.length === 1 ? "" : "s"} checked, no problems${n ? `, ${n} warning${n === 1 ? "" : "s"}` : ""}`);
      return finish(0);
    }

    const lockWaitMs = lockTimeout(values["lock-timeout"]);
    if (values.watch) {
      const { watch } = await import("./watch.ts");
      return await watch({ ...options, lockWaitMs, quiet, errStyle: styleFor(process.stderr) });
    }
    const { generate } = await import("../run/pipeline.ts");
    const { checkReport, generateReport, runProblems, runWarnings, unexpectedWarnings } = await import("./report.ts");
    const check = values.check === true;
    const result = await generate({
      ...options,
      check,
      lockWaitMs,
      keepFiles: false, // nothing below reads file contents: the run holds one package's output at a time
      onLockWait: (holder) => quiet || stderr(`codebook: waiting for another codebook run on the out dir (${holder})…`),
    });
    if (report) Object.assign(report, withResult(report, result));
    else if (result.specWarnings?.diagnostics.length) stderr((await import("./warnings.ts")).formatWarnings(result.specWarnings, styleFor(process.stderr)));
    // With --check, unexpected files are problems in the report, not warnings.
    else for (const warning of [...(check ? [] : unexpectedWarnings(result, styleFor(process.stderr))), ...runWarnings(result)]) stderr(warning);
    if (check && runProblems(result).length) {
      if (!json) stderr(checkReport(result, styleFor(process.stderr)));
      return finish(1);
    }
    if (!quiet) stdout(check ? checkReport(result, styleFor(process.stdout)) : generateReport(result, styleFor(process.stdout)));
    return finish(0);
  } catch (err) {
    if (err instanceof SpecError) {
      if (report) {
        report.problems = specProblems(err.diagnostics);
        return finish(1);
      }
      const n = err.diagnostics.length;
      const what = `${n} problem${n === 1 ? "" : "s"} found${command === "generate" ? "; nothing was written" : ""}.`;
      stderr(`${formatDiagnostics(err.diagnostics, err.sources, styleFor(process.stderr))}\n\n${what}`);
      return 1;
    }
    if (err instanceof ConfigError || err instanceof UsageError) {
      if (report) {
        report.problems = [{ severity: "error", kind: err instanceof UsageError ? "usage" : "config", file: null, line: null, column: null, message: err.message }];
        return finish(2);
      }
      stderr(`codebook: ${err.message}${err instanceof UsageError ? "\nRun `codebook help` for usage." : ""}`);
      return 2;
    }
    return internalError(err);
  }
}

function internalError(err: unknown): number {
  process.stderr.write(`codebook: internal error (a bug in codebook; please report it with this output):\n${(err as Error).stack ?? String(err)}\n`);
  return 3;
}

async function internalErrors(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (err) {
    return internalError(err);
  }
}

function lockTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(seconds)) throw new UsageError(`--lock-timeout expects seconds, got ${JSON.stringify(value)}`);
  return seconds * 1000;
}

// Before anything loads a native binding (they load with the emit stages).
holdLessMemory();
process.exitCode = await main(process.argv.slice(2));
