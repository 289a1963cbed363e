/**
 * How messages are styled: plain text everywhere, unless the CLI passes the ANSI
 * style for a terminal (cli/style.ts). Messages take a Style so that the text is
 * built once, coloured or not.
 */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

const same = (text: string) => text;
export const plain: Style = { bold: same, dim: same, red: same, green: same, yellow: same };
