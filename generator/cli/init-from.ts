/**
 * `codebook init --from <shipped id>`: a copy of a spec codebook ships, put into
 * the user's spec directory to edit as their own, with its source document (the
 * file its `source.seed` names) beside it, where the seed expects it. Only the
 * `$schema` line changes: the shipped one points into codebook's repository
 * (`../schema/spec.schema.json`); the copy's points at the installed schema, as a
 * scaffold's does. Nothing else in the text changes, so the copy lints and
 * generates the same package as the shipped spec.
 *
 * A profile needs no copy: `extends: <shipped id>` resolves to the installed
 * codebook's spec when the spec directory has none (load/shipped-specs.ts).
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, normalize, relative, sep } from "node:path";
import { parse } from "yaml";
import { ConfigError } from "../config/config.ts";
import { shippedSpec, shippedSpecIds } from "../load/shipped-specs.ts";

/** One file to create in the user's spec directory. */
export interface ShippedCopy {
  path: string;
  bytes: Uint8Array;
  /** What the line init prints says about it. */
  what: string;
}

const SCHEMA_LINE = /^# yaml-language-server: \$schema=\S+$/;

/** The files `init --from id` creates: the spec, then its source document. `schemaRef` is the copy's `$schema` target. */
export function shippedCopies(id: string, specDir: string, schemaRef: string): ShippedCopy[] {
  const shipped = shippedSpec(id);
  if (!shipped) throw new ConfigError(`--from: codebook ships no spec "${id}" (shipped: ${shippedSpecIds().join(", ") || "none"})`);
  const text = readFileSync(shipped.path, "utf8");
  const lines = text.split("\n");
  const line = `# yaml-language-server: $schema=${schemaRef}`;
  if (SCHEMA_LINE.test(lines[0]!)) lines[0] = line;
  else lines.unshift(line);
  const copies: ShippedCopy[] = [{ path: join(specDir, `${id}.yaml`), bytes: Buffer.from(lines.join("\n")), what: `a copy of ${shipped.display}` }];
  const seed = (parse(text) as { source?: { seed?: unknown } } | null)?.source?.seed;
  if (typeof seed === "string" && !isAbsolute(seed)) {
    const from = join(dirname(shipped.path), seed);
    const rel = normalize(seed);
    // A shipped seed lies below the shipped spec directory; the copy keeps it at the same relative path.
    if (rel.startsWith(`..${sep}`) || rel === "..") throw new ConfigError(`--from: ${shipped.display}'s seed "${seed}" lies outside its directory`);
    copies.push({ path: join(specDir, rel), bytes: readFileSync(from), what: `its source document (codebook/spec/${relative(dirname(shipped.path), from).split(sep).join("/")})` });
  }
  return copies;
}

/** The note `codebook init <id>` gives when codebook ships a spec of that id, or null. */
export function shippedSpecNote(id: string): string | null {
  const shipped = shippedSpec(id);
  if (!shipped) return null;
  return (
    `codebook ships a spec "${id}" (${shipped.display}); \`codebook init --from ${id}\` copies it and its source document into your spec directory. ` +
    `A profile needs no copy: \`extends: ${id}\` resolves to the shipped spec. To write a table of your own, choose another id`
  );
}
