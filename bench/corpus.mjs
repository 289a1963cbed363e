// Synthetic spec corpora for the benchmark, written into a scratch project:
//   apiCorpus(dir, n)          n copies of spec/snap-qr-cpm.yaml under their own ids and type prefixes
//   tableCorpus(dir, n, codes) n code tables of `codes` codes each, with descriptions and a transport rule
// Every corpus is a complete project (config, spec/, spec/sources/) that `codebook generate` accepts.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function project(root, dir) {
  mkdirSync(join(dir, "spec", "sources"), { recursive: true });
  cpSync(join(root, "codebook.config.yaml"), join(dir, "codebook.config.yaml"));
  return dir;
}

const pascal = (id) => id.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
const pad = (i) => String(i).padStart(4, "0");

/** n copies of the SNAP QR CPM API spec (378 codes, 6 endpoints), each its own package. */
export function apiCorpus(root, dir, n) {
  project(root, dir);
  cpSync(join(root, "spec", "sources", "snap-qr-cpm.txt"), join(dir, "spec", "sources", "snap-qr-cpm.txt"));
  const text = readFileSync(join(root, "spec", "snap-qr-cpm.yaml"), "utf8");
  const ids = [];
  for (let i = 0; i < n; i++) {
    const id = `api-${pad(i)}`;
    ids.push(id);
    writeFileSync(join(dir, "spec", `${id}.yaml`), text.replace(/^id: .*$/m, `id: ${id}`).replace(/^typePrefix: .*$/m, `typePrefix: ${pascal(id)}`));
  }
  return ids;
}

/** One code table: `codes` codes, three outcomes, a description on every row. */
export function tableSpec(id, codes) {
  const rows = [];
  for (let c = 0; c < codes; c++) {
    const status = c === 0 ? "Success" : c % 7 === 0 ? "Pending" : "Failed";
    rows.push(
      `      - code: "${String(c).padStart(3, "0")}"`,
      `        message: Synthetic response ${c} of ${id}`,
      `        status: ${status}`,
      `        description: Row ${c} of a synthetic table, long enough to be a realistic description of what the code means to a caller.`,
    );
  }
  return `codebook: 1
kind: code-table
id: ${id}
title: Synthetic table ${id}
version: 1.0.0
typePrefix: ${pascal(id)}
source:
  provider: Synthetic
  document: Benchmark corpus

code:
  pattern: "^[0-9]{3}$"

outcome:
  contexts:
    - id: default
      title: Any request
      from: status
      map:
        Success: success
        Pending: pending
        Failed: failed
  unknown:
    outcome: pending
    reason: A code the table does not list is pending.

tables:
  - id: main
    title: Response codes
    headers: [Code, Message, Status, Description]
    rows:
${rows.join("\n")}
`;
}

export function tableCorpus(root, dir, n, codes) {
  project(root, dir);
  const ids = [];
  for (let i = 0; i < n; i++) {
    const id = `table-${pad(i)}`;
    ids.push(id);
    writeFileSync(join(dir, "spec", `${id}.yaml`), tableSpec(id, codes));
  }
  return ids;
}

/** The edit the "edit one spec" scenarios make: a title changes (the README and headers of one package). */
export function editSpec(dir, id) {
  const path = join(dir, "spec", `${id}.yaml`);
  writeFileSync(path, readFileSync(path, "utf8").replace(/^title: (.*)$/m, "title: $1 (edited)"));
}
