/**
 * Colour, only where a person reads it: a stream that is a terminal, unless
 * NO_COLOR is set (https://no-color.org); FORCE_COLOR=1 turns it on for CI logs
 * that render ANSI. `--color` and `--no-color` (the `choice` here) win over all of
 * these. JSON is never coloured.
 */
import { plain, type Style } from "../common/text-style.ts";

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

const ansi: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) };

/** Whether output to `stream` is coloured: the one rule every command follows. */
export function colourFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env, choice?: boolean): boolean {
  if (choice !== undefined) return choice;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  return stream.isTTY === true;
}

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env, choice?: boolean): Style {
  return colourFor(stream, env, choice) ? ansi : plain;
}
