// A small HTTP/1.1 load client on raw sockets: `connections` keep-alive
// connections, each sending its next request as soon as the previous answer is
// in, for `seconds` (or until `requests` are answered). Every request is built
// by `request(i)` (so each may carry its own reference), every latency kept.
// One client for every system measured, so the figures compare.
import { connect } from "node:net";

/**
 * @param {{ port: number, host?: string, connections: number, seconds?: number, requests?: number, request: (i: number) => string }} o
 * @returns {Promise<{ requests: number, seconds: number, rps: number, p50: number, p99: number, statuses: Record<string, number>, errors: number }>}
 */
export function load(o) {
  const host = o.host ?? "127.0.0.1";
  const latencies = [];
  const statuses = {};
  let next = 0;
  let answered = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = o.seconds ? started + o.seconds * 1000 : Infinity;
  const limit = o.requests ?? Infinity;
  return new Promise((resolve) => {
    let open = o.connections;
    const finish = () => {
      if (--open > 0) return;
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
      resolve({ requests: answered, seconds, rps: answered / seconds, p50: at(0.5), p99: at(0.99), statuses, errors });
    };
    for (let c = 0; c < o.connections; c++) {
      const socket = connect(o.port, host);
      socket.setNoDelay(true);
      let buffer = Buffer.alloc(0);
      let sentAt = 0;
      let done = false;
      const stop = () => {
        if (done) return;
        done = true;
        socket.destroy();
        finish();
      };
      const send = () => {
        if (performance.now() >= deadline || next >= limit) return stop();
        sentAt = performance.now();
        socket.write(o.request(next++));
      };
      socket.on("connect", send);
      socket.on("error", () => {
        errors++;
        stop();
      });
      socket.on("close", stop);
      socket.on("data", (chunk) => {
        buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
        for (;;) {
          const end = buffer.indexOf("\r\n\r\n");
          if (end < 0) return;
          const head = buffer.subarray(0, end).toString("latin1");
          const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
          if (buffer.length < end + 4 + length) return;
          const status = head.slice(9, 12);
          statuses[status] = (statuses[status] ?? 0) + 1;
          latencies.push(performance.now() - sentAt);
          answered++;
          buffer = buffer.subarray(end + 4 + length);
          send();
        }
      });
    }
  });
}

/** A POST of `body` to `path` as raw HTTP/1.1 text, with `headers` (name -> value). */
export function post(path, body, headers = {}) {
  const lines = [`POST ${path} HTTP/1.1`, "Host: 127.0.0.1", "Content-Type: application/json", `Content-Length: ${Buffer.byteLength(body)}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}
