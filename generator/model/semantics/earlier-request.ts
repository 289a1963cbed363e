/**
 * A code that reports on an earlier request (`earlierRequest` on a row): a duplicate
 * reference, "already processed". The request that got it changed nothing, and the
 * earlier one may have succeeded: whoever treats the code as a failure refunds or
 * re-bills a payment that went through, whoever retries pays twice. So codebook never
 * lets it be a plain failure: where the source's rules would give it failed, it is
 * pending, and its action says how to look the original up. Every target, the README
 * and `diff` read the rule here.
 */
import type { Code, Outcome } from "../types.ts";

/** The outcome of a code that reports on an earlier request, from the one its rules give: failed becomes pending. */
export function earlierRequestOutcome(stated: Outcome): Outcome {
  return stated === "failed" ? "pending" : stated;
}

/** The rule as the README and the TSDoc state it. */
export const EARLIER_REQUEST_RULE =
  "reports on an earlier request: look the original up, do not pay again, and do not count it as a failure (where the rules would make it failed, it is pending)";

/** One line for a code that reports on an earlier request, naming its action. */
export function earlierRequestLine(code: Pick<Code, "earlierRequest">, actionTitle: string): string | null {
  const e = code.earlierRequest;
  return e !== undefined ? `Reports on an earlier request: ${actionTitle} (action ${e.action}); do not pay again; not a failure. ${e.reason}` : null;
}
