/**
 * The help of `codebook` and of each command, written from the command table
 * (commands.ts): the options a command's help lists are the options it accepts.
 * The README's CLI section says the same in prose.
 */
import { COMMANDS, GLOBAL_OPTIONS, commandSpec, optionsOf, type CommandName, type OptionSpec } from "./commands.ts";

const WIDTH = 80;
/** Where an option's description starts. */
const OPTION_COLUMN = 25;
/** Where a command's summary starts in `codebook help`. */
const COMMAND_COLUMN = 13;

/** `text` wrapped at WIDTH, every line indented by `indent` spaces (the first by `first`, when given). */
function wrap(text: string, indent: number, first = indent): string {
  const lines: string[] = [];
  let line = "";
  let lead = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== "" && lead + line.length + 1 + word.length > WIDTH) {
      lines.push(" ".repeat(lead) + line);
      line = word;
      lead = indent;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(" ".repeat(lead) + line);
  return lines.join("\n");
}

function optionLabel(option: OptionSpec): string {
  const long = `--${option.name}${option.value ? ` ${option.value}` : ""}`;
  const forms = [option.short ? `-${option.short}, ${long}` : long, ...(option.negatable ? [`--no-${option.name}`] : [])];
  return forms.join(", ");
}

function optionLines(options: readonly OptionSpec[]): string {
  return options
    .map((o) => {
      const label = `  ${optionLabel(o)}`;
      // A label too long for its column gets the description on the next line.
      if (label.length >= OPTION_COLUMN - 1) return `${label}\n${wrap(o.help, OPTION_COLUMN)}`;
      return `${label.padEnd(OPTION_COLUMN)}${wrap(o.help, OPTION_COLUMN).slice(OPTION_COLUMN)}`;
    })
    .join("\n");
}

const paragraphs = (text: string) => text.split("\n\n").map((p) => wrap(p, 0)).join("\n\n");

const ENVIRONMENT = `Environment:
  NO_COLOR     never colour output      FORCE_COLOR=1   colour even when piped
  (--color and --no-color win over both)`;

/** `codebook help`: every command's synopsis and what it does. */
export function globalHelp(): string {
  const usage = COMMANDS.flatMap((c) => c.usage.map((u) => `  codebook ${u}`)).join("\n");
  const commands = COMMANDS.map((c) => `  ${c.name.padEnd(COMMAND_COLUMN - 2)}${wrap(c.summary, COMMAND_COLUMN).slice(COMMAND_COLUMN)}`).join("\n");
  const footer = commandSpec("generate").footer!;
  return `codebook — typed packages from payment providers' response-code and API tables

Usage:
${usage}

Commands:
${commands}

Options of every command:
${optionLines(GLOBAL_OPTIONS)}

\`codebook help COMMAND\` or \`codebook COMMAND --help\` lists a command's options.

${footer}

${ENVIRONMENT}
`;
}

/** `codebook help COMMAND` and `codebook COMMAND --help`: its synopsis, what it does, every option it takes. */
export function commandHelp(name: CommandName): string {
  const command = commandSpec(name);
  const options = optionsOf(command);
  const sections = [
    `Usage:\n${command.usage.map((u) => `  codebook ${u}`).join("\n")}`,
    paragraphs(command.about ?? command.summary),
    `Options:\n${optionLines(options)}`,
    ...(command.footer ? [command.footer] : []),
    ...(name === "lint" || name === "generate" || name === "diff" ? [ENVIRONMENT] : []),
  ];
  return `${sections.join("\n\n")}\n`;
}
