/**
 * A table's content: everything its `version` versions. The IR holds no YAML
 * positions, so comments and formatting are not content; the version itself and
 * the path of the spec file are not either. Object keys are sorted, so a map
 * written in another order is the same content.
 */
import type { Spec } from "./types.ts";

export function tableContent(spec: Spec): string {
  const { version: _version, specFile: _specFile, ...content } = spec;
  // Like specFile, where a profile's base file is found is not the table's content.
  if (content.profile) content.profile = { ...content.profile, base: { ...content.profile.base, file: undefined as unknown as string } };
  return canonicalJson(content);
}

/**
 * JSON with object keys sorted at every depth; array order is kept (source order is content).
 * Written out rather than as JSON.stringify with a replacer, which copied every object of the
 * IR (about 0.8 s of a cold run of 1,000 tables). The text is the one that version printed, to
 * the byte, so recorded hashes hold: keys in string order, except that integer keys come
 * first in numeric order (JavaScript enumerates an object's keys so, and it printed copies).
 */
export function canonicalJson(value: unknown): string {
  return jsonOf(value)!;
}

function jsonOf(v: unknown): string | undefined {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (typeof (v as { toJSON?: unknown }).toJSON === "function") return jsonOf((v as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(v)) {
    const items: string[] = [];
    for (let i = 0; i < v.length; i++) items.push(jsonOf(v[i]) ?? "null");
    return `[${items.join(",")}]`;
  }
  const members: string[] = [];
  for (const key of sortedKeys(v)) {
    const json = jsonOf((v as Record<string, unknown>)[key]);
    if (json !== undefined) members.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${members.join(",")}}`;
}

const INDEX = /^(?:0|[1-9][0-9]{0,9})$/;
const isIndex = (key: string) => INDEX.test(key) && Number(key) < 2 ** 32 - 1;

function sortedKeys(v: object): string[] {
  const keys = Object.keys(v).sort();
  if (!keys.some(isIndex)) return keys;
  return [...keys.filter(isIndex).sort((a, b) => Number(a) - Number(b)), ...keys.filter((k) => !isIndex(k))];
}
