// What the mock tests share: the generated package the mock serves (read the
// way a user's test would), requests, and a server that receives callbacks.
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../helpers.ts";

export interface Catalog {
  codes: { code: string; message: string; http?: string; service?: string }[];
}

/** The generated package of `id` in the repository's out dir: main entry, fixtures index, catalog. */
export async function generatedPackage(id: string) {
  const dir = join(repoRoot, "generated", id);
  const main = (await import(pathToFileURL(join(dir, "dist", "index.js")).href)) as Record<string, any>;
  const fixtures = (await import(pathToFileURL(join(dir, "dist", "fixtures.js")).href)) as Record<string, any>;
  const catalog = JSON.parse(readFileSync(join(dir, "catalog.json"), "utf8")) as Catalog;
  return { main, fixtures, index: fixtures.default as Record<string, any>, catalog };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** A loopback server on a free port that records every request it receives (the integrator's notify endpoint). */
export async function receiver(): Promise<{ url: string; received: Promise<{ method: string; headers: IncomingHttpHeaders; body: any }>; close(): Promise<void> }> {
  let deliver!: (r: { method: string; headers: IncomingHttpHeaders; body: any }) => void;
  const received = new Promise<{ method: string; headers: IncomingHttpHeaders; body: any }>((r) => (deliver = r));
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" }).end('{"responseCode":"2007900","responseMessage":"Successful"}');
      deliver({ method: req.method ?? "", headers: req.headers, body: JSON.parse(text) });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/notify`, received, close: () => new Promise((r) => server.close(() => r())) };
}
