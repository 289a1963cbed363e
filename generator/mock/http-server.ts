/**
 * A `node:http` server that nothing a client sends can end or hold: the
 * header and request timeouts (checked every second), the keep-alive timeout,
 * a connection cap, Node's 16 KiB header bound (431), and malformed HTTP
 * answered with a JSON 400 rather than a closed socket. The mock and the
 * proxy both serve through it; `readBody` bounds what a body may hold in memory.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { ConfigError } from "../config/config.ts";
import { MAX_HEADER_BYTES, type MockLimits } from "./limits.ts";

export interface Listening {
  server: Server;
  url: string;
}

type Limits = Pick<MockLimits, "headersTimeout" | "requestTimeout" | "keepAliveTimeout" | "maxConnections">;

/** Creates the server and listens on `host:port`; `log` gets one line (text or JSON) per refused connection burst, client error and server error. */
export async function listen(limits: Limits, handler: RequestListener, host: string, port: number, log: (line: string) => void, json: boolean): Promise<Listening> {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      keepAliveTimeout: limits.keepAliveTimeout,
      maxHeaderSize: MAX_HEADER_BYTES,
      // Node checks the two timeouts on this interval (30 s by default), which would let a slow client stay that much longer.
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeout),
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  let dropping = false;
  server.on("drop", () => {
    // One line when the cap is reached, not one per refused connection (a flood would flood the log too).
    if (dropping) return;
    dropping = true;
    log(json ? JSON.stringify({ event: "connection-cap", maxConnections: limits.maxConnections }) : `connections: ${limits.maxConnections} open (the cap): refusing new ones until one closes`);
  });
  server.on("connection", (socket: Socket) => socket.once("close", () => (dropping = false)));
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    const answered = clientError(err, socket);
    if (answered) log(json ? JSON.stringify({ status: answered.status, code: null, reason: answered.reason }) : `- - - ${answered.status}  ${answered.reason}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" || err.code === "EACCES" || err.code === "EADDRNOTAVAIL" ? new ConfigError(`cannot listen on ${host}:${port}: ${err.code}`) : err),
    );
    server.listen(port, host, () => resolve());
  });
  // After listening, a server error (e.g. EMFILE when accepting) is reported, never thrown into the host.
  server.on("error", (err: Error) => log(json ? JSON.stringify({ event: "error", error: err.message }) : `server error: ${err.message}`));
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return { server, url: `http://${shownHost}:${address.port}` };
}

export const TOO_LARGE = Symbol("too large");
export const BROKEN = Symbol("broken");

/**
 * The body's bytes; TOO_LARGE when it is larger than `max`; BROKEN when it did
 * not arrive. Past `max` the rest is read and dropped (memory holds at most
 * `max` bytes however much is sent), and the caller answers 413 once the
 * client has sent it all (within the request timeout): answering early and
 * closing would reset the connection under a client still sending, which then
 * never reads the 413.
 */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | typeof TOO_LARGE | typeof BROKEN> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
      else chunks.length = 0;
    });
    req.on("end", () => resolve(size > max ? TOO_LARGE : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", () => resolve(BROKEN));
    req.on("close", () => resolve(BROKEN));
  });
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 413: "Content Too Large", 431: "Request Header Fields Too Large" };

/**
 * What a client that sent no usable HTTP request gets (Node's parser or its
 * timeouts refused it): an HTTP answer with a JSON body, then the connection
 * is closed. Null when there is no one to answer (the client left).
 */
function clientError(err: NodeJS.ErrnoException, socket: Socket): { status: number; reason: string } | null {
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === "ECONNRESET" || !socket.writable || response?.headersSent) {
    socket.destroy();
    return null;
  }
  const status =
    err.code === "HPE_HEADER_OVERFLOW" ? 431 : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : err.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW" ? 413 : 400;
  const reason =
    status === 408
      ? "the request did not arrive in time (headers or body too slow)"
      : status === 431
        ? `request headers over ${MAX_HEADER_BYTES} bytes`
        : `malformed HTTP request (${err.code ?? "parse error"}: ${String((err as { reason?: string }).reason ?? err.message).slice(0, 200)})`;
  const body = JSON.stringify({ error: reason });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  // A client that never closes its side does not keep the socket: it goes once the answer is written.
  socket.once("finish", () => socket.destroy());
  return { status, reason };
}

/** A header value from a reason: printable ASCII, cut at `max` characters. */
export function headerValue(reason: string, max: number): string {
  const ascii = reason.replace(/[^\x20-\x7e]/g, "?");
  return ascii.length > max ? `${ascii.slice(0, max - 3)}...` : ascii;
}

export function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 500);
  return String(err).slice(0, 500);
}
