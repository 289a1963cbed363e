/**
 * Serving a recording (`codebook mock --replay FILE`): each request gets the
 * recorded answer of an exchange with the same method and path, byte for
 * byte: first those whose request body is the same bytes, in recorded order
 * (after the last, the last again), else any of that method and path, in
 * order. A request the recording has no exchange for is a 404 saying so.
 */
import { bodyBytes, type RecordedExchange, type Recording } from "./recording.ts";

export interface Replayed {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  reason: string;
  /** The exchange's number in the recording (1-based), or null when none matched. */
  exchange: number | null;
}

/** Headers that describe one connection or one transfer: never replayed (the length is the body's). */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "proxy-connection", "te", "trailer", "date"]);

export class Replayer {
  private readonly exact = new Map<string, number[]>();
  private readonly loose = new Map<string, number[]>();
  private readonly cursors = new Map<string, number>();

  constructor(private readonly recording: Recording) {
    recording.exchanges.forEach((x, i) => {
      if (x.response === null) return;
      const route = `${x.request.method.toUpperCase()} ${x.request.path}`;
      push(this.exact, `${route}\0${bodyBytes(x.request).toString("base64")}`, i);
      push(this.loose, route, i);
    });
  }

  get routes(): string[] {
    return [...this.loose.keys()];
  }

  answer(method: string, path: string, body: Buffer): Replayed {
    const route = `${method.toUpperCase()} ${path}`;
    const exactKey = `${route}\0${body.toString("base64")}`;
    const [key, list] = this.exact.has(exactKey) ? [exactKey, this.exact.get(exactKey)!] : [route, this.loose.get(route)];
    if (!list) {
      const recorded = this.routes;
      return {
        status: 404,
        headers: { "content-type": "application/json" },
        body: Buffer.from(JSON.stringify({ error: `the recording has no exchange for ${route}`, recorded })),
        reason: "replay: not in the recording",
        exchange: null,
      };
    }
    const n = this.cursors.get(key) ?? 0;
    this.cursors.set(key, n + 1);
    const index = list[Math.min(n, list.length - 1)]!;
    const x = this.recording.exchanges[index] as RecordedExchange & { response: NonNullable<RecordedExchange["response"]> };
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(x.response.headers)) if (!HOP_BY_HOP.has(k.toLowerCase())) headers[k] = v;
    const same = key === exactKey ? "same body" : "same path, another body";
    return { status: x.response.status, headers, body: bodyBytes(x.response), reason: `replay: exchange ${index + 1} (${same}, recorded ${x.at})`, exchange: index + 1 };
  }
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}
