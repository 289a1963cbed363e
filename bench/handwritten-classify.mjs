// The hand-written floor for the generated classifiers: what an integrator would write by hand
// for each shipped table, giving the same answers (the bench checks every answer is equal before
// it times anything). The data (rows, reason texts) is taken from the package, since that is what
// the table says; the logic is written out per provider: a Map of the rows, a regex literal for the
// code's shape, the source's rule for an unlisted code, and the reason a value is malformed.
//
//   floors({ [id]: package }) -> { [id]: (code) => result }   (the default context)

/** The message of a malformed value, as the packages word it. */
function malformedReason(value, pattern, described) {
  const expected = `expected a string matching ${pattern}, got `;
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 32 ? value.slice(0, 32) + "…" : value) + ` does not match ${described}`;
    case "number":
      return expected + "the number " + String(value) + (Number.isFinite(value) ? ", not the string " + JSON.stringify(String(value)) : "");
    case "bigint":
      return expected + "the bigint " + String(value) + "n, not the string " + JSON.stringify(String(value));
    case "object": {
      if (value === null) return expected + "null";
      let array = false;
      try {
        array = Array.isArray(value);
      } catch {
        // a revoked proxy
      }
      return expected + (array ? "an array" : "an object");
    }
    case "undefined":
      return expected + "undefined";
    default:
      return expected + "a " + typeof value;
  }
}

/** Every row of a package, by code (the package's own rows, so `entry` is the same object). */
function rows(pkg, prefix) {
  const describe = pkg[`describe${prefix}Code`];
  return new Map(Object.values(pkg[`${prefix}Code`]).map((code) => [code, describe(code)]));
}

/** The reason the package gives an unlisted code, for the floor to return the same words. */
const reasonOf = (pkg, prefix, code) => pkg[`classify${prefix}Code`](code).reason;

function iakPrepaid(pkg) {
  const prefix = "IakPrepaid";
  const ROWS = rows(pkg, prefix);
  const CODE = /^[0-9]{2,3}$/;
  const UNLISTED = reasonOf(pkg, prefix, "999");
  return (code) => {
    if (typeof code === "string") {
      const entry = ROWS.get(code);
      if (entry !== undefined) return { known: true, outcome: entry.outcome, code, entry };
      if (CODE.test(code)) return { known: false, outcome: "pending", code, category: null, reason: UNLISTED };
    }
    return { known: false, malformed: true, outcome: "pending", code: null, input: code, category: null, reason: malformedReason(code, "^[0-9]{2,3}$", "^[0-9]{2,3}$") };
  };
}

// The same as iakPrepaid, written again: one function per table, as an integrator would have it
// (two closures of one function would share V8's type feedback and slow each other down).
function iakPostpaid(pkg) {
  const prefix = "IakPostpaid";
  const ROWS = rows(pkg, prefix);
  const CODE = /^[0-9]{2,3}$/;
  const UNLISTED = reasonOf(pkg, prefix, "999");
  return (code) => {
    if (typeof code === "string") {
      const entry = ROWS.get(code);
      if (entry !== undefined) return { known: true, outcome: entry.outcome, code, entry };
      if (CODE.test(code)) return { known: false, outcome: "pending", code, category: null, reason: UNLISTED };
    }
    return { known: false, malformed: true, outcome: "pending", code: null, input: code, category: null, reason: malformedReason(code, "^[0-9]{2,3}$", "^[0-9]{2,3}$") };
  };
}

function doku(pkg) {
  const ROWS = rows(pkg, "DokuBiller");
  const CODE = /^(?:[0-9]{4}|[A-Z][A-Z0-9][0-9]{2})$/;
  const R = { user: reasonOf(pkg, "DokuBiller", "U099"), integration: reasonOf(pkg, "DokuBiller", "IT99"), system: reasonOf(pkg, "DokuBiller", "SY99"), unmapped: reasonOf(pkg, "DokuBiller", "UE99"), none: reasonOf(pkg, "DokuBiller", "9999") };
  const pattern = "^(?:[0-9]{4}|[A-Z][A-Z0-9][0-9]{2})$";
  const described = `${pattern} (Our response codes consist of 4 digits in the format XXYY)`;
  return (code) => {
    if (typeof code === "string") {
      const entry = ROWS.get(code);
      if (entry !== undefined) return { known: true, outcome: entry.outcome, code, entry };
      if (CODE.test(code)) {
        const head = code.slice(0, 2);
        if (head === "U0" || head === "U1") return { known: false, outcome: "failed", code, category: "user", reason: R.user };
        if (head === "IT") return { known: false, outcome: "failed", code, category: "integration", reason: R.integration };
        if (head === "SY") return { known: false, outcome: "failed", code, category: "system", reason: R.system };
        if (head === "UE") return { known: false, outcome: "failed", code, category: "unmapped", reason: R.unmapped };
        return { known: false, outcome: "unknown", code, category: null, reason: R.none };
      }
    }
    return { known: false, malformed: true, outcome: "unknown", code: null, input: code, category: null, reason: malformedReason(code, pattern, described) };
  };
}

function tokopedia(pkg) {
  const ROWS = rows(pkg, "TokopediaPartner");
  const CODE = /^[0-9]{2}$/;
  const UNLISTED = reasonOf(pkg, "TokopediaPartner", "98");
  const ONLY_00 = pkg.classifyTokopediaPartnerCode("98", "inquiry").reason;
  // The same contract as the package's: a context, "payment" by default; an unknown one is a RangeError.
  return (code, context = "payment") => {
    switch (context) {
      case "payment":
      case "checkStatus":
      case "getToken":
      case "healthCheck":
      case "getBalance":
      case "inquiry":
        break;
      default:
        throw new RangeError(`unknown context "${typeof context === "string" ? context : typeof context}"`);
    }
    const lenient = context === "payment" || context === "checkStatus";
    if (typeof code === "string") {
      const entry = ROWS.get(code);
      if (entry !== undefined) return { known: true, outcome: entry.outcomes[context], code, entry };
      if (CODE.test(code)) return lenient ? { known: false, outcome: "unknown", code, category: null, reason: UNLISTED } : { known: false, outcome: "failed", code, category: null, reason: ONLY_00 };
    }
    return { known: false, malformed: true, outcome: lenient ? "unknown" : "failed", code: null, input: code, category: null, reason: malformedReason(code, "^[0-9]{2}$", "^[0-9]{2}$") };
  };
}

function snap(pkg) {
  const ROWS = rows(pkg, "SnapQrCpm");
  const CODE = /^[0-9]{7}$/;
  const R = { ok: reasonOf(pkg, "SnapQrCpm", "2009999"), accepted: reasonOf(pkg, "SnapQrCpm", "2029999"), client: reasonOf(pkg, "SnapQrCpm", "4999999"), server: reasonOf(pkg, "SnapQrCpm", "5999999"), none: reasonOf(pkg, "SnapQrCpm", "9999999") };
  const described = "^[0-9]{7}$ (response code = HTTP status code + service code + case code)";
  return (code) => {
    if (typeof code === "string") {
      const entry = ROWS.get(code);
      if (entry !== undefined) return { known: true, outcome: entry.outcome, code, entry };
      if (CODE.test(code)) {
        if (code.startsWith("200")) return { known: false, outcome: "pending", code, category: null, reason: R.ok };
        if (code.startsWith("202")) return { known: false, outcome: "pending", code, category: null, reason: R.accepted };
        if (code[0] === "4") return { known: false, outcome: "failed", code, category: null, reason: R.client };
        if (code[0] === "5") return { known: false, outcome: "pending", code, category: null, reason: R.server };
        return { known: false, outcome: "unknown", code, category: null, reason: R.none };
      }
    }
    return { known: false, malformed: true, outcome: "unknown", code: null, input: code, category: null, reason: malformedReason(code, "^[0-9]{7}$", described) };
  };
}

/** The hand-written classifier of each shipped package given, by id (packages: id -> module). */
export function floors(packages) {
  const make = {
    "iak-prepaid": iakPrepaid,
    "iak-postpaid": iakPostpaid,
    "doku-biller": doku,
    "tokopedia-partner": tokopedia,
    "snap-qr-cpm": snap,
  };
  return Object.fromEntries(Object.entries(packages).map(([id, pkg]) => [id, make[id](pkg)]));
}
