/**
 * Formats the Markdown we generate: tables aligned, blank lines collapsed,
 * trailing spaces removed. Our templates only produce headings, paragraphs,
 * lists, fenced code and pipe tables, so this small formatter replaces
 * prettier's Markdown pass, which cost about a second on the API docs alone
 * (and reformatted the source's verbatim JSON samples inside fenced blocks).
 */

/** Splits a table row into cells, keeping escaped pipes (`\|`) inside cells. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  if (!inner.includes("\\|")) return inner.split("|").map((c) => c.trim());
  const out: string[] = [];
  let cell = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === "\\" && inner[i + 1] === "|") {
      cell += "\\|";
      i++;
    } else if (c === "|") {
      out.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

/** Display width as GitHub renders monospace source: one column per code point. */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function alignTable(rows: string[]): string[] {
  const table = rows.map(cells);
  const columns = Math.max(...table.map((r) => r.length));
  const delimiter = table[1]!;
  const align = Array.from({ length: columns }, (_, i) => /^:?-+:$/.test(delimiter[i] ?? "") ? (/^:/.test(delimiter[i]!) ? "center" : "right") : "left");
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(3, ...table.map((r, ri) => (ri === 1 ? 3 : width(r[i] ?? "")))),
  );
  return table.map((r, ri) => {
    const padded = widths.map((w, i) => {
      if (ri === 1) return align[i] === "right" ? `${"-".repeat(w - 1)}:` : align[i] === "center" ? `:${"-".repeat(w - 2)}:` : "-".repeat(w);
      const text = r[i] ?? "";
      const pad = " ".repeat(w - width(text));
      return align[i] === "right" ? pad + text : text + pad;
    });
    return `| ${padded.join(" | ")} |`;
  });
}

export function formatMarkdown(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n").map((l) => l.replace(/[ \t]+$/, ""));
  const out: string[] = [];
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && line.startsWith("|") && /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$/.test(lines[i + 1] ?? "")) {
      let end = i + 2;
      while (end < lines.length && lines[end]!.startsWith("|")) end++;
      out.push(...alignTable(lines.slice(i, end)));
      i = end - 1;
      continue;
    }
    // At most one blank line in a row, none inside fenced code is touched.
    if (!fenced && line === "" && out.length && out[out.length - 1] === "") continue;
    out.push(line);
  }
  while (out.length && out[0] === "") out.shift();
  while (out.length && out[out.length - 1] === "") out.pop();
  return out.join("\n") + "\n";
}
