/**
 * The one argument parser of `codebook`: every command's options come from the
 * table in commands.ts. It never throws and never stops at the first problem: it
 * returns what it understood and each usage problem as one line in codebook's
 * own words (naming the option and the command), so that the command can report
 * them in text or, with --json, in the JSON report.
 *
 * Options may come before or after the command (`codebook --config x.yaml lint`);
 * `--name=value` and `--name value` both work, and a value that starts with a dash
 * must use the first form (so that a forgotten value never swallows the next option);
 * `--` ends the options.
 */
import { COMMANDS, GLOBAL_OPTIONS, commandSpec, isCommandName, optionsOf, type CommandName, type OptionSpec } from "./commands.ts";

export type OptionValue = string | boolean | string[];

export interface ParsedArgs {
  /** The command; null when none was given, or when the first argument names none (see `unknownCommand`). */
  command: CommandName | null;
  /** The first argument, when it names no command. */
  unknownCommand: string | null;
  /** By long name (`lock-timeout`): a flag is true (false for `--no-NAME`), a value a string, a repeatable option a list. */
  values: Record<string, OptionValue | undefined>;
  /** The arguments after the command. */
  positionals: string[];
  /** Each usage problem, one line, in the order met. */
  problems: string[];
}

/** Every option any command takes, by long name and by short: one name is one option everywhere. */
const ALL = new Map<string, OptionSpec>();
const SHORT = new Map<string, OptionSpec>();
for (const option of [...GLOBAL_OPTIONS, ...COMMANDS.flatMap((c) => c.options)]) {
  ALL.set(option.name, option);
  if (option.short) SHORT.set(option.short, option);
}

/** How a problem names an option: its long form as the user wrote it. */
const flag = (option: OptionSpec, negated = false) => `--${negated ? "no-" : ""}${option.name}`;

export function parseArguments(argv: readonly string[]): ParsedArgs {
  const problems: string[] = [];
  const given: { option: OptionSpec | null; token: string; value: OptionValue }[] = [];
  const free: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") {
      free.push(...argv.slice(i + 1));
      break;
    }
    if (token.startsWith("--")) {
      const eq = token.indexOf("=");
      const name = token.slice(2, eq === -1 ? undefined : eq);
      const inline = eq === -1 ? undefined : token.slice(eq + 1);
      const negated = !ALL.has(name) && name.startsWith("no-") && ALL.get(name.slice(3))?.negatable === true;
      const option = ALL.get(negated ? name.slice(3) : name);
      if (!option) {
        given.push({ option: null, token: `--${name}`, value: true });
        continue;
      }
      if (option.value === undefined || negated) {
        if (inline !== undefined) problems.push(`${flag(option, negated)} takes no value, got ${JSON.stringify(inline)}`);
        else given.push({ option, token: flag(option, negated), value: !negated });
        continue;
      }
      const next = argv[i + 1];
      if (inline !== undefined) given.push({ option, token: flag(option), value: inline });
      else if (next !== undefined && (!next.startsWith("-") || next === "-")) given.push({ option, token: flag(option), value: argv[++i]! });
      else
        problems.push(
          next === undefined
            ? `${flag(option)} needs a value (${option.value})`
            : `${flag(option)} needs a value (${option.value}), got the option ${next}; write ${flag(option)}=${next} for a value that starts with a dash`,
        );
      continue;
    }
    if (token.startsWith("-") && token !== "-") {
      for (const letter of token.slice(1)) {
        const option = SHORT.get(letter);
        given.push(option ? { option, token: `-${letter}`, value: true } : { option: null, token: `-${letter}`, value: true });
      }
      continue;
    }
    free.push(token);
  }

  const first = free[0];
  const command = first !== undefined && isCommandName(first) ? first : null;
  const unknownCommand = first !== undefined && command === null ? first : null;
  // By name: commands describe a shared option (--json, --config) each in their own words.
  const accepted = new Map((command ? optionsOf(commandSpec(command)) : GLOBAL_OPTIONS).map((o) => [o.name, o]));
  const where = command ?? "codebook";
  const values: Record<string, OptionValue | undefined> = {};
  for (const { option: any, token, value } of given) {
    const option = any && accepted.get(any.name);
    if (!option) {
      // An option some other command takes is named as such: `lint --check` is a slip, `--frob` a typo.
      problems.push(any === null ? `unknown option ${token} for ${where}` : `${token} does not apply to ${where}`);
      continue;
    }
    if (option.choices && typeof value === "string" && !option.choices.includes(value)) {
      problems.push(`${token} must be one of ${option.choices.join(", ")}, not ${JSON.stringify(value)}`);
      continue;
    }
    if (option.multiple) values[option.name] = [...((values[option.name] as string[] | undefined) ?? []), value as string];
    else values[option.name] = value;
  }
  const positionals = free.slice(1);
  const limit = command ? commandSpec(command).arguments : undefined;
  if (limit && positionals.length > limit.max)
    problems.push(
      limit.max === 0 ? `${command} takes no arguments, got ${positionals.join(" ")}` : `${command} takes at most one ${limit.noun}, got ${positionals.join(" ")}`,
    );
  return { command, unknownCommand, values, positionals, problems };
}

/** The line after a usage problem: where the command's options are listed. */
export function usageHint(command: CommandName | null): string {
  return command === null || command === "help" ? "Run `codebook help` for usage." : `Run \`codebook ${command} --help\` for usage.`;
}
