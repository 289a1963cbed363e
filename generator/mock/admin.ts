/**
 * The mock's admin endpoint, under a path prefix no provider path uses
 * (ADMIN_PREFIX; a base path or a route under it is refused at startup):
 *
 *   GET    /__codebook/state              every transaction and idempotency record count
 *   GET    /__codebook/state/<reference>  the transactions with that reference (404 if none)
 *   DELETE /__codebook/state              forget them all (also POST /__codebook/reset)
 *
 * Answers are JSON; nothing here reaches the provider's routes or the log's codes.
 */
import type { Transactions } from "./transactions.ts";

export const ADMIN_PREFIX = "/__codebook";

export interface AdminAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  reason: string;
}

/** The admin answer to `method path` (a path under ADMIN_PREFIX). */
export function admin(method: string, path: string, transactions: Transactions): AdminAnswer {
  const rest = path.slice(ADMIN_PREFIX.length);
  const paths = [`GET ${ADMIN_PREFIX}/state`, `GET ${ADMIN_PREFIX}/state/<reference>`, `DELETE ${ADMIN_PREFIX}/state`, `POST ${ADMIN_PREFIX}/reset`];
  if (rest === "/state" || rest === "/reset") {
    const allowed = rest === "/state" ? ["GET", "DELETE"] : ["POST"];
    if (!allowed.includes(method)) return { status: 405, headers: { allow: allowed.join(", ") }, body: { error: `${method} is not served at ${path}`, paths }, reason: `admin: ${method} not allowed` };
    if (method === "GET") return { status: 200, body: transactions.view(), reason: "admin: state" };
    const n = transactions.reset();
    return { status: 200, body: { reset: true, transactions: n }, reason: `admin: reset (${n} transactions)` };
  }
  if (rest.startsWith("/state/")) {
    if (method !== "GET") return { status: 405, headers: { allow: "GET" }, body: { error: `${method} is not served at ${path}`, paths }, reason: `admin: ${method} not allowed` };
    let reference: string;
    try {
      reference = decodeURIComponent(rest.slice("/state/".length));
    } catch {
      return { status: 400, body: { error: "the reference is not URL-encoded UTF-8" }, reason: "admin: bad reference" };
    }
    const found = transactions.find(reference);
    return found.length
      ? { status: 200, body: { transactions: found }, reason: "admin: transaction" }
      : { status: 404, body: { error: `no transaction with reference ${JSON.stringify(reference.slice(0, 200))}` }, reason: "admin: no such transaction" };
  }
  return { status: 404, body: { error: `no admin path ${path}`, paths }, reason: "admin: no such path" };
}
