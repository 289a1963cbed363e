// A provider's sandbox for the proxy tests: a loopback server that answers by
// the request's partnerReferenceNo (or path), with exact bytes a test compares
// with what the proxy's client receives.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Upstream {
  url: string;
  /** Every request it received: method, path, headers, body text. */
  received: { method: string; path: string; headers: IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

/** What the sandbox answers to a payment whose partnerReferenceNo is the key: status, body text, extra headers. */
export const ANSWERS: Record<string, { status: number; body: string; headers?: Record<string, string | string[]> }> = {
  LISTED: { status: 200, body: '{"responseCode":"2006000","responseMessage":"Successful","referenceNo":"R-1","partnerReferenceNo":"LISTED"}' },
  UNLISTED: { status: 409, body: '{"responseCode":"4096002","responseMessage":"Duplicate Request Detected"}' },
  MALFORMED: { status: 400, body: '{"responseCode":"40060","responseMessage":"Bad Request"}' },
  MISMATCH: { status: 200, body: '{"responseCode":"5046000","responseMessage":"Timeout"}' },
  INVALID: { status: 200, body: '{"responseCode":"2006000","responseMessage":"Successful","partnerReferenceNo":"INVALID","transactionDate":"yesterday"}' },
  HEADERS: { status: 200, body: '{"responseCode":"2006000", "responseMessage":"Successful",  "referenceNo":"R-2"}\n', headers: { "x-upstream": "sandbox", "set-cookie": ["a=1; Path=/", "b=2; Path=/"] } },
};

export async function upstream(): Promise<Upstream> {
  const received: Upstream["received"] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: text });
      let key = "LISTED";
      try {
        key = (JSON.parse(text) as { partnerReferenceNo?: string }).partnerReferenceNo ?? "LISTED";
      } catch {
        // not JSON: the listed answer
      }
      if (req.url?.includes("nowhere")) return res.writeHead(404, { "content-type": "text/plain" }).end("not here");
      const a = ANSWERS[key] ?? ANSWERS.LISTED!;
      res.writeHead(a.status, "Sandbox Says", { "content-type": "application/json", ...(a.headers ?? {}) });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
