// The README's API section: per endpoint the service code, method, path,
// field tables, samples and response codes; tables stay tables whatever the
// source text holds.
import { describe, expect, it } from "vitest";
import { apiMarkdown } from "../../../../generator/targets/typescript/api/api-module.ts";
import type { Spec } from "../../../../generator/model/types.ts";
import { loadSpec } from "./harness.ts";

const spec = loadSpec();

/** Cells of a table row, splitting on unescaped pipes outside code spans (as GitHub does, pipes in code spans must be escaped too). */
function cells(row: string): number {
  return row.replace(/\\\|/g, "").split("|").length - 2;
}

function tables(md: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of md.split("\n")) {
    if (line.startsWith("|")) (current ??= (out.push([]), out[out.length - 1]!)).push(line);
    else current = null;
  }
  return out;
}

function checkWellFormed(md: string): void {
  for (const t of tables(md)) {
    const width = cells(t[0]!);
    expect(t[1]).toMatch(/^\|( --- \|)+$/);
    for (const row of t) expect(cells(row), row).toBe(width);
  }
  // Fences open and close in pairs.
  const fences = md.split("\n").filter((l) => /^`{3,}/.test(l));
  expect(fences.length % 2).toBe(0);
}

describe("API Markdown", () => {
  const md = apiMarkdown(spec, "@codebook/snap-qr-cpm");

  it("is well-formed: every table row has its header's width, fences pair up", () => {
    checkWellFormed(md);
  });

  it("has a section per endpoint with its service code, method, path, tables, samples and codes", () => {
    for (const e of spec.api!.endpoints) {
      const start = md.indexOf(`### ${e.name} (service ${e.serviceCode})`);
      expect(start, e.name).toBeGreaterThan(0);
      const next = md.indexOf("\n### ", start + 1);
      const section = md.slice(start, next < 0 ? undefined : next);
      expect(section).toContain(`\`${e.method} ${e.path}\``);
      expect(section).toContain("#### Request body");
      expect(section).toContain("#### Response body");
      for (const f of e.request.fields) expect(section).toContain(`| \`${f.key}\``);
      for (const s of e.samples) expect(section).toContain("```json\n" + s.body.trimEnd() + "\n```");
      for (const s of e.samples) if (s.requestLine) expect(section).toContain("```http\n" + s.requestLine);
      const codes = spec.codes.filter((c) => c.parts!.service === e.serviceCode);
      for (const c of codes) expect(section).toContain(`| \`${c.code}\` | \`${c.name}\` |`);
      expect(section.match(/^\| `\d{7}` \|/gm)).toHaveLength(codes.length);
    }
  });

  it("shows the complete example: validate a payment response, parse its code, branch on the outcome", () => {
    expect(md).toContain('import { validateSnapQrCpmPaymentResponse, checkSnapQrCpmHttpStatus } from "@codebook/snap-qr-cpm";');
    expect(md).toContain('checked.value.responseCode === "2006000") markPaid(checked.value.referenceNo)');
    expect(md).toMatch(/case "success"[\s\S]*case "pending"[\s\S]*case "failed"/);
  });

  it("lists the request headers and the per-service outcome of 404 18", () => {
    for (const h of spec.api!.headers) expect(md).toContain(`| \`${h.name}\` |`);
    expect(md).toMatch(/\| `4046018` \|.*\*\*failed\*\* — API CPM Payment is a QR CPM payment/);
    expect(md).toMatch(/\| `4048018` \|.*\*\*success\*\*/);
  });

  it("escapes pipes, line breaks, backticks and HTML from the source", () => {
    const hostile: Spec = structuredClone(spec);
    const e = hostile.api!.endpoints[0]!;
    e.request.fields[0]!.description = "a | b\nc ``` <script>alert(1)</script> `x`";
    e.request.fields[0]!.dataType = "String|Number";
    e.name = "Name | with pipe";
    e.samples[0]!.body = '{"a":"```"}';
    hostile.api!.headers[0]!.example = "x | y ` z";
    hostile.codes[0]!.message = "M | N\nO";
    const out = apiMarkdown(hostile);
    checkWellFormed(out);
    expect(out).not.toContain("<script>");
    expect(out).toContain('````json\n{"a":"```"}\n````');
  });
});
