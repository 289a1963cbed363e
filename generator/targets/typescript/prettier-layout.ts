/**
 * The one place oxfmt's layout differs from prettier's in what codebook generates.
 * Measured over every shipped and fixture spec, in both enum styles, with type
 * names of 1 to 50 characters (so every construct crosses the print width): a
 * type alias whose union does not fit after `=` but fits on the next line.
 * prettier keeps the union whole on that line; oxfmt 0.79 gives each member a
 * line of its own. This puts such a union back on one line, so the generated
 * sources stay byte-identical to what prettier prints (the format tests hold
 * every generated file to that). Once oxfmt agrees, this finds nothing to do.
 */

/**
 * `type X =` (or `export type X<T> =`) at the top level, then the union's members, one
 * line each (`  | member`), the last one ending the alias with `;`. A member spanning
 * lines (an object type laid out whole) breaks the run of `  | ` lines: no match.
 */
const BROKEN_UNION_ALIAS = /^((?:export )?type [A-Za-z_$][\w$]*(?:<[^=\n]*>)? =\n)((?: {2}\| [^\n]*\n)*? {2}\| [^\n]*;\n)/gm;

export function joinFittingUnions(text: string, printWidth: number): string {
  return text.replace(BROKEN_UNION_ALIAS, (alias: string, head: string, union: string) => {
    const joined = `  ${union.slice("  | ".length, -"\n".length).split("\n  | ").join(" | ")}`;
    return fits(joined, printWidth) ? `${head}${joined}\n` : alias;
  });
}

/**
 * prettier measures a line in columns: a wide (East Asian) character takes two. Only
 * text of printable ASCII is measured here, where a column is a character; a union
 * with anything else keeps oxfmt's layout, which is formatted as well, only not prettier's.
 */
function fits(line: string, printWidth: number): boolean {
  return /^[\x20-\x7e]*$/.test(line) && line.length <= printWidth;
}
