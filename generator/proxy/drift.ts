/**
 * Drift: a code the upstream sends that the spec's table does not list for
 * the endpoint's service. The report names the spec file and the row to add,
 * built from the code's parts (the package's parser splits them) and the
 * body's message, so the fix is a paste and a review, not a search.
 */
import type { MockEndpoint, MockPackage } from "../mock/load-package.ts";

export interface RowSuggestion {
  spec: string;
  /** The spec file, as the config places it. */
  file: string;
  /** Where the row goes: a table of the spec (`tables[id=…].rows`), or a profile's `codes` list. */
  section: string;
  row: Record<string, unknown>;
  /** The row as YAML, indented for its place. */
  yaml: string;
}

/** Keys of a parsed code that are not its composite parts. */
const NOT_PARTS = new Set(["kind", "code", "outcome", "endpoint", "reason", "name", "message", "description", "category", "input"]);

export function suggestRow(pkg: MockPackage, e: MockEndpoint, code: string, message: string | null, seen: string): RowSuggestion {
  const parsed = pkg.parseCode(code);
  const parts: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) if (!NOT_PARTS.has(k) && typeof v === "string") parts[k] = v;
  const text = message ?? "";
  const name = pascal(text) || `Unlisted${code}`;
  const category = pkg.catalog.categories.length ? `TODO: one of ${pkg.catalog.categories.join(", ")}` : null;
  const row: Record<string, unknown> = {
    ...(Object.keys(parts).length ? { parts } : { code }),
    name,
    ...(category ? { category } : {}),
    message: text || "TODO: the message the provider sends",
    description: `TODO: what it means (seen ${seen} from ${e.key}, service ${e.serviceCode})`,
  };
  const profile = pkg.catalog.base !== null;
  const table = tableFor(pkg, e, code);
  const section = profile ? "codes" : `tables[id=${table}].rows`;
  const indent = profile ? "  " : "      ";
  const lines = Object.entries(row).map(([k, v], i) => `${i === 0 ? `${indent}- ` : `${indent}  `}${k}: ${yamlValue(v)}`);
  return { spec: pkg.id, file: pkg.specFile, section, row, yaml: lines.join("\n") };
}

/** The table that holds this service's codes with the same first part (e.g. the same HTTP status), else the first table. */
function tableFor(pkg: MockPackage, e: MockEndpoint, code: string): string {
  const head = code.slice(0, 3);
  for (const c of pkg.catalog.codes.values()) if (c.code.startsWith(head) && c["service"] === e.serviceCode) return c.table;
  return pkg.catalog.tables[0] ?? "TODO";
}

function yamlValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "object" && v !== null)
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${JSON.stringify(x)}`)
      .join(", ")} }`;
  return String(v);
}

/** "Duplicate request, try later" -> "DuplicateRequestTryLater". */
function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
    .join("")
    .replace(/^[0-9]+/, "")
    .slice(0, 64);
}
