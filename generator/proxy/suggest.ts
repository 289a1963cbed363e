/**
 * Fixture bodies from a recording (`codebook proxy --suggest-fixtures FILE`):
 * for each endpoint and response code the recording holds, the first recorded
 * body that is not already the package's fixture for that code, whether the
 * package's validator accepts it, and the spec `samples` entry to paste (the
 * spec's sample bodies are what the generated fixtures come from).
 */
import type { MockPackage } from "../mock/load-package.ts";
import { bodyBytes, type Recording } from "../mock/recording.ts";

export interface FixtureSuggestion {
  endpoint: string;
  code: string;
  /** The endpoint's service lists the code. */
  listed: boolean;
  /** The package's response validator accepts the body (strict mode off, as a reader would be). */
  valid: boolean;
  errors: string[];
  /** The exchange's number in the recording (1-based) and when it happened. */
  exchange: number;
  at: string;
  body: unknown;
  /** A spec `samples` entry with the body, indented for an endpoint's samples list. */
  yaml: string;
}

export function suggestFixtures(recording: Recording, pkg: MockPackage): FixtureSuggestion[] {
  const out: FixtureSuggestion[] = [];
  const seen = new Set<string>();
  const field = pkg.fixtures.codeField;
  recording.exchanges.forEach((x, i) => {
    const e = pkg.endpoints.find((p) => p.key === x.endpoint);
    if (!e || !x.response) return;
    let body: unknown;
    try {
      body = JSON.parse(bodyBytes(x.response).toString("utf8"));
    } catch {
      return;
    }
    const code = typeof body === "object" && body !== null && typeof (body as Record<string, unknown>)[field] === "string" ? ((body as Record<string, unknown>)[field] as string) : null;
    if (code === null || seen.has(`${e.key} ${code}`) || pkg.parseCode(code).kind === "malformed") return;
    const listed = Object.hasOwn(e.responses, code);
    if (listed && JSON.stringify(e.responses[code]) === JSON.stringify(body)) return;
    seen.add(`${e.key} ${code}`);
    const verdict = e.validate.response(body);
    const errors = verdict.ok ? [] : verdict.errors.map((x) => `${x.path || "(the body)"}: ${x.message}`);
    const text = JSON.stringify(body, null, 2);
    const yaml = [
      `        - kind: response`,
      `          title: ${JSON.stringify(`Recorded ${code} (${x.at})`)}`,
      `          body: |`,
      ...text.split("\n").map((l) => `            ${l}`),
    ].join("\n");
    out.push({ endpoint: e.key, code, listed, valid: verdict.ok, errors, exchange: i + 1, at: x.at, body, yaml });
  });
  return out;
}

/** The suggestions as text: per endpoint, where they go, then each entry with its verdict. */
export function suggestionsText(suggestions: FixtureSuggestion[], pkg: MockPackage): string {
  if (!suggestions.length) return `codebook proxy: the recording has no response body that the package's fixtures do not already have`;
  const lines: string[] = [];
  for (const key of [...new Set(suggestions.map((s) => s.endpoint))]) {
    lines.push(`# ${pkg.specFile}: api.endpoints[key=${key}].samples — recorded response bodies to add`);
    for (const s of suggestions.filter((x) => x.endpoint === key)) {
      const verdict = s.valid ? "valid" : `not valid: ${s.errors.join("; ")}`;
      lines.push(`#   ${s.code} (${s.listed ? "listed" : "unlisted: add its row first"}; ${verdict}), exchange ${s.exchange}`, s.yaml);
    }
  }
  return lines.join("\n");
}
