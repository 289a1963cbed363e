/**
 * The `codebook` command, as a function: parses arguments, runs one command, prints what
 * happened (a summary line, diagnostics, or a JSON report) and returns the exit code: 0 ok,
 * 1 problems found, 2 usage/config/out-dir error, 3 internal error. main.ts is the bin.
 */
import { dirname } from "node:path";
import { findConfigFile, loadConfig } from "../config/config.ts";
import { CodebookError, UsageError } from "../common/errors.ts";
import { parseArguments, usageHint } from "./args.ts";
import { COMMAND_NAMES, isCommandName, type CommandName } from "./commands.ts";
import { commandHelp, globalHelp } from "./help.ts";
import { emptyReport, specProblems, warningProblems, withResult, type JsonReport } from "./json-report.ts";
import { styleFor } from "./style.ts";
import { formatDiagnostics, SpecError } from "../load/diagnostics.ts";
import type { CliIo } from "./cli-io.ts";

/** The commands that parse into a server or a report of their own; their messages start `codebook <command>:`. */
const SUBCOMMANDS: readonly CommandName[] = ["diff", "mock", "proxy"];

/**
 * Runs one command. The streams, working directory and environment are the caller's: the
 * bin passes its own, tests pass theirs and run commands in their process. The commands
 * that serve or watch (mock, proxy, --watch) hold the process and write to its streams.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const stdout = (text: string) => io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  const stderr = (text: string) => io.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
  const parsed = parseArguments([...argv]);
  const { command, values, positionals } = parsed;
  // --color / --no-color win over the environment (style.ts).
  const colour = typeof values.color === "boolean" ? values.color : undefined;
  if (values.version) {
    const { packageVersion } = await import("../common/codebook-paths.ts");
    stdout(packageVersion);
    return 0;
  }
  if (values.help || command === "help") {
    const topic = command === "help" ? positionals[0] : (command ?? undefined);
    if (topic === undefined) {
      stdout(globalHelp());
      return 0;
    }
    if (!isCommandName(topic)) return unknownCommand(topic, stderr);
    stdout(commandHelp(topic));
    return 0;
  }
  if (parsed.unknownCommand !== null) return unknownCommand(parsed.unknownCommand, stderr);
  if (command === null) {
    stderr(globalHelp());
    return 2;
  }
  const json = values.json === true && (command === "lint" || command === "generate");
  const report = json ? emptyReport(command as JsonReport["command"], values.check === true) : null;
  const config = typeof values.config === "string" ? values.config : undefined;
  const cwd = io.cwd;
  const finish = (code: number): number => {
    if (report) stdout(JSON.stringify({ ...report, root: report.root ?? reportRoot(config, cwd), ok: code === 0, exitCode: code }, null, 2));
    return code;
  };
  const prefix = SUBCOMMANDS.includes(command) ? `codebook ${command}` : "codebook";
  const errStyle = () => styleFor(io.stderr, io.env, colour);
  const outStyle = () => styleFor(io.stdout, io.env, colour);
  try {
    if (parsed.problems.length) throw new UsageError(parsed.problems.join("\n"));
    if (command === "diff") return await (await import("./diff-command.ts")).diffCommand(values, positionals, io, colour);
    if (command === "mock") return await (await import("./mock-command.ts")).mockCommand(values);
    if (command === "proxy") return await (await import("./proxy-command.ts")).proxyCommand(values);
    if (values.check && values.watch) throw new UsageError("--check and --watch do not go together");
    if (values.watch && json) throw new UsageError("--watch prints a line per run; it has no --json report");
    const quiet = values.quiet === true || json;
    const only = ((values.only as string[] | undefined) ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
    const options = { config, cwd, only, strict: values.strict === true };

    if (command === "init") {
      const { init } = await import("./init.ts");
      const lines = init({ ...options, id: positionals[0], kind: values.kind as string | undefined, from: values.from as string | undefined });
      if (!quiet) stdout(lines.join("\n"));
      return 0;
    }

    if (command === "lint") {
      const { lintWithWarnings } = await import("../run/pipeline.ts");
      const { formatWarnings } = await import("./warnings.ts");
      const { specs, warnings } = await lintWithWarnings(options);
      if (report) Object.assign(report, { root: loadConfig(options.config, options.cwd).root, packages: specs.map((s) => s.id), problems: warningProblems(warnings) });
      else if (warnings.diagnostics.length) stderr(formatWarnings(warnings, errStyle()));
      const n = warnings.diagnostics.length;
      if (!quiet) stdout(`codebook: ${specs.length} spec${specs.length === 1 ? "" : "s"} checked, no problems${n ? `, ${n} warning${n === 1 ? "" : "s"}` : ""}`);
      return finish(0);
    }

    const lockWaitMs = lockTimeout(values["lock-timeout"] as string | undefined);
    if (values.watch) {
      const { watch } = await import("./watch.ts");
      return await watch({ ...options, lockWaitMs, quiet, errStyle: errStyle() });
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
    else if (result.specWarnings?.diagnostics.length) stderr((await import("./warnings.ts")).formatWarnings(result.specWarnings, errStyle()));
    // With --check, unexpected files are problems in the report, not warnings.
    else for (const warning of [...(check ? [] : unexpectedWarnings(result, errStyle())), ...runWarnings(result)]) stderr(warning);
    if (check && runProblems(result).length) {
      if (!json) stderr(checkReport(result, errStyle()));
      return finish(1);
    }
    if (!quiet) stdout(check ? checkReport(result, outStyle()) : generateReport(result, outStyle()));
    return finish(0);
  } catch (err) {
    if (err instanceof SpecError) {
      if (report) {
        report.problems = specProblems(err.diagnostics);
        return finish(1);
      }
      const n = err.diagnostics.length;
      const what = `${n} problem${n === 1 ? "" : "s"} found${command === "generate" ? "; nothing was written" : ""}.`;
      stderr(`${formatDiagnostics(err.diagnostics, err.sources, errStyle())}\n\n${what}`);
      return 1;
    }
    if (err instanceof CodebookError) {
      if (report) {
        const messages = err instanceof UsageError ? err.message.split("\n") : [err.message];
        report.problems = messages.map((message) => ({ severity: "error", kind: err.kind, file: null, line: null, column: null, message }));
        return finish(err.exitCode);
      }
      // A usage error may hold several problems, one a line; each is named like the others.
      if (err instanceof UsageError) stderr(`${err.message.split("\n").map((line) => `${prefix}: ${line}`).join("\n")}\n${usageHint(command)}`);
      else stderr(`${prefix}: ${err.message}`);
      return err.exitCode;
    }
    return internalError(err, stderr);
  }
}

/** The report's root when the run stopped before the config was read: the config's directory, else the working directory. */
function reportRoot(config: string | undefined, cwd: string): string {
  try {
    const file = findConfigFile(config, cwd);
    return file === null ? cwd : dirname(file);
  } catch {
    return cwd;
  }
}

function unknownCommand(name: string, stderr: (text: string) => void): number {
  stderr(`codebook: unknown command ${JSON.stringify(name)}; expected ${COMMAND_NAMES.join(", ")}\n${usageHint(null)}`);
  return 2;
}

function internalError(err: unknown, stderr: (text: string) => void): number {
  stderr(`codebook: internal error (a bug in codebook; please report it with this output):\n${(err as Error).stack ?? String(err)}\n`);
  return 3;
}

function lockTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(seconds)) throw new UsageError(`--lock-timeout expects seconds, got ${JSON.stringify(value)}`);
  return seconds * 1000;
}

