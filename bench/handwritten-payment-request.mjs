// A hand-written validator for the SNAP QR CPM payment request: the floor the
// generated validateSnapQrCpmPaymentRequest is measured against. Same rules,
// same result shape ({ ok, value } | { ok, errors: { path, rule, message,
// field }[] }), written for speed the way a careful person would: literal
// property reads (a shared helper reading `o[key]` with varying keys turns
// every read megamorphic), typeof and length checks, character-code checks
// for amounts and currencies, one anchored regex for the date-time. It does
// the same job: each own property read once, the value a snapshot of the
// declared fields.

const DATE_TIME =
  /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$/;
const KEYS = new Set([
  "partnerReferenceNo", "qrContent", "amount", "feeAmount", "merchantId", "subMerchantId", "title", "expiryTime", "items",
  "externalStoreId", "merchantName", "merchantLocation", "acquirerName", "terminalId", "scannerInfo", "additionalInfo",
]);
const MONEY_KEYS = new Set(["value", "currency"]);
const SCANNER_KEYS = new Set(["deviceId", "deviceVersion", "deviceModel", "deviceIp"]);

/** The object itself when it is a plain record, else a copy of its own enumerable properties. */
const ownSource = (o) => {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null ? o : { ...o };
};
const kind = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/** Length in code points, only called past the UTF-16 fast path. */
function codePoints(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n;
}

/** 16,2: 1–14 digits, a dot, 2 digits. */
function isAmount(s) {
  const n = s.length;
  if (n < 4 || n > 17 || s.charCodeAt(n - 3) !== 46) return false;
  for (let i = 0; i < n; i++) {
    if (i === n - 3) continue;
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isCurrency(s) {
  if (s.length !== 3) return false;
  const a = s.charCodeAt(0), b = s.charCodeAt(1), c = s.charCodeAt(2);
  return a >= 65 && a <= 90 && b >= 65 && b <= 90 && c >= 65 && c <= 90;
}

function isDateTime(s) {
  if (!DATE_TIME.test(s)) return false;
  const day = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
  if (day <= 28) return true;
  const month = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
  if (month === 2) {
    const year = Number(s.slice(0, 4));
    return day === 29 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  }
  return day <= 30 || month === 1 || month === 3 || month === 5 || month === 7 || month === 8 || month === 10 || month === 12;
}

function extra(o, known, base, errors) {
  for (const k of Object.keys(o))
    if (!known.has(k)) errors.push({ path: `${base}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, rule: "additionalProperties", message: `unknown property ${JSON.stringify(k)} (strict mode)`, field: null });
}

const err = (errors, path, rule, message, field) => errors.push({ path, rule, message, field });

/** amount / feeAmount: { value: amount 16,2; currency: 3 capital letters }. */
function money(v, name, errors, strict, parent) {
  if (!isObject(v)) return err(errors, `/${name}`, "type", `${name} must be an object, got ${kind(v)}`, name);
  const src = ownSource(v);
  const out = {};
  parent[name] = out;
  let value = src.value;
  if (value !== undefined && "value" in Object.prototype && !Object.hasOwn(src, "value")) value = undefined;
  if (value !== undefined) out.value = value;
  if (value === undefined) err(errors, `/${name}/value`, "required", `${name}.value is mandatory (M)`, `${name}.value`);
  else if (typeof value !== "string") err(errors, `/${name}/value`, "type", `${name}.value must be a string, got ${kind(value)}`, `${name}.value`);
  else if (!isAmount(value)) err(errors, `/${name}/value`, "amount", `${name}.value must be an amount (16,2)`, `${name}.value`);
  let currency = src.currency;
  if (currency !== undefined && "currency" in Object.prototype && !Object.hasOwn(src, "currency")) currency = undefined;
  if (currency !== undefined) out.currency = currency;
  if (currency === undefined) err(errors, `/${name}/currency`, "required", `${name}.currency is mandatory (M)`, `${name}.currency`);
  else if (typeof currency !== "string") err(errors, `/${name}/currency`, "type", `${name}.currency must be a string, got ${kind(currency)}`, `${name}.currency`);
  else {
    if (currency.length > 3 && codePoints(currency) > 3) err(errors, `/${name}/currency`, "maxLength", `${name}.currency must be at most 3 characters`, `${name}.currency`);
    if (!isCurrency(currency)) err(errors, `/${name}/currency`, "currency", `${name}.currency must be three capital letters (ISO 4217)`, `${name}.currency`);
  }
  if (strict) extra(src, MONEY_KEYS, `/${name}`, errors);
}

export function validatePaymentRequest(input, options) {
  try {
    if (!isObject(input)) return { ok: false, errors: [{ path: "", rule: "type", message: `the body must be a JSON object, got ${kind(input)}`, field: null }] };
    const strict = typeof options === "object" && options !== null && options.strict === true;
    const errors = [];
    const src = ownSource(input);
    const out = {};
    let v;

    v = src.partnerReferenceNo;
    if (v !== undefined && "partnerReferenceNo" in Object.prototype && !Object.hasOwn(src, "partnerReferenceNo")) v = undefined;
    if (v !== undefined) out.partnerReferenceNo = v;
    if (v === undefined) err(errors, "/partnerReferenceNo", "required", "partnerReferenceNo is mandatory (M)", "partnerReferenceNo");
    else if (typeof v !== "string") err(errors, "/partnerReferenceNo", "type", `partnerReferenceNo must be a string, got ${kind(v)}`, "partnerReferenceNo");
    else if (v.length > 64 && codePoints(v) > 64) err(errors, "/partnerReferenceNo", "maxLength", "partnerReferenceNo must be at most 64 characters", "partnerReferenceNo");

    v = src.qrContent;
    if (v !== undefined && "qrContent" in Object.prototype && !Object.hasOwn(src, "qrContent")) v = undefined;
    if (v !== undefined) out.qrContent = v;
    if (v === undefined) err(errors, "/qrContent", "required", "qrContent is mandatory (M)", "qrContent");
    else if (typeof v !== "string") err(errors, "/qrContent", "type", `qrContent must be a string, got ${kind(v)}`, "qrContent");
    else if (v.length > 512 && codePoints(v) > 512) err(errors, "/qrContent", "maxLength", "qrContent must be at most 512 characters", "qrContent");

    v = src.amount;
    if (v !== undefined && "amount" in Object.prototype && !Object.hasOwn(src, "amount")) v = undefined;
    if (v !== undefined) out.amount = v;
    if (v !== undefined) money(v, "amount", errors, strict, out);
    v = src.feeAmount;
    if (v !== undefined && "feeAmount" in Object.prototype && !Object.hasOwn(src, "feeAmount")) v = undefined;
    if (v !== undefined) out.feeAmount = v;
    if (v !== undefined) money(v, "feeAmount", errors, strict, out);

    v = src.merchantId;
    if (v !== undefined && "merchantId" in Object.prototype && !Object.hasOwn(src, "merchantId")) v = undefined;
    if (v !== undefined) out.merchantId = v;
    if (v === undefined) err(errors, "/merchantId", "required", "merchantId is mandatory (M)", "merchantId");
    else if (typeof v !== "string") err(errors, "/merchantId", "type", `merchantId must be a string, got ${kind(v)}`, "merchantId");
    else if (v.length > 64 && codePoints(v) > 64) err(errors, "/merchantId", "maxLength", "merchantId must be at most 64 characters", "merchantId");

    v = src.subMerchantId;
    if (v !== undefined && "subMerchantId" in Object.prototype && !Object.hasOwn(src, "subMerchantId")) v = undefined;
    if (v !== undefined) out.subMerchantId = v;
    if (v !== undefined) {
      if (typeof v !== "string") err(errors, "/subMerchantId", "type", `subMerchantId must be a string, got ${kind(v)}`, "subMerchantId");
      else if (v.length > 32 && codePoints(v) > 32) err(errors, "/subMerchantId", "maxLength", "subMerchantId must be at most 32 characters", "subMerchantId");
    }
    v = src.title;
    if (v !== undefined && "title" in Object.prototype && !Object.hasOwn(src, "title")) v = undefined;
    if (v !== undefined) out.title = v;
    if (v !== undefined) {
      if (typeof v !== "string") err(errors, "/title", "type", `title must be a string, got ${kind(v)}`, "title");
      else if (v.length > 256 && codePoints(v) > 256) err(errors, "/title", "maxLength", "title must be at most 256 characters", "title");
    }

    v = src.expiryTime;
    if (v !== undefined && "expiryTime" in Object.prototype && !Object.hasOwn(src, "expiryTime")) v = undefined;
    if (v !== undefined) out.expiryTime = v;
    if (v === undefined) err(errors, "/expiryTime", "required", "expiryTime is mandatory (M)", "expiryTime");
    else if (typeof v !== "string") err(errors, "/expiryTime", "type", `expiryTime must be a string, got ${kind(v)}`, "expiryTime");
    else {
      if (v.length > 25 && codePoints(v) > 25) err(errors, "/expiryTime", "maxLength", "expiryTime must be at most 25 characters", "expiryTime");
      if (!isDateTime(v)) err(errors, "/expiryTime", "date-time", "expiryTime must be an ISO-8601 date-time", "expiryTime");
    }

    v = src.items;
    if (v !== undefined && "items" in Object.prototype && !Object.hasOwn(src, "items")) v = undefined;
    if (v !== undefined) out.items = v;
    if (v !== undefined && !isObject(v)) err(errors, "/items", "type", `items must be an object, got ${kind(v)}`, "items");

    v = src.externalStoreId;
    if (v !== undefined && "externalStoreId" in Object.prototype && !Object.hasOwn(src, "externalStoreId")) v = undefined;
    if (v !== undefined) out.externalStoreId = v;
    if (v !== undefined) {
      if (typeof v !== "string") err(errors, "/externalStoreId", "type", `externalStoreId must be a string, got ${kind(v)}`, "externalStoreId");
      else if (v.length > 64 && codePoints(v) > 64) err(errors, "/externalStoreId", "maxLength", "externalStoreId must be at most 64 characters", "externalStoreId");
    }
    v = src.merchantName;
    if (v !== undefined && "merchantName" in Object.prototype && !Object.hasOwn(src, "merchantName")) v = undefined;
    if (v !== undefined) out.merchantName = v;
    if (v !== undefined) {
      if (typeof v !== "string") err(errors, "/merchantName", "type", `merchantName must be a string, got ${kind(v)}`, "merchantName");
      else if (v.length > 64 && codePoints(v) > 64) err(errors, "/merchantName", "maxLength", "merchantName must be at most 64 characters", "merchantName");
    }
    v = src.merchantLocation;
    if (v !== undefined && "merchantLocation" in Object.prototype && !Object.hasOwn(src, "merchantLocation")) v = undefined;
    if (v !== undefined) out.merchantLocation = v;
    if (v !== undefined) {
      if (typeof v !== "string") err(errors, "/merchantLocation", "type", `merchantLocation must be a string, got ${kind(v)}`, "merchantLocation");
      else if (v.length > 64 && codePoints(v) > 64) err(errors, "/merchantLocation", "maxLength", "merchantLocation must be at most 64 characters", "merchantLocation");
    }
    v = src.acquirerName;
    if (v !== undefined && "acquirerName" in Object.prototype && !Object.hasOwn(src, "acquirerName")) v = undefined;
    if (v !== undefined) out.acquirerName = v;
    if (v !== undefined) {
      if (typeof v !== "string") err(errors, "/acquirerName", "type", `acquirerName must be a string, got ${kind(v)}`, "acquirerName");
      else if (v.length > 64 && codePoints(v) > 64) err(errors, "/acquirerName", "maxLength", "acquirerName must be at most 64 characters", "acquirerName");
    }
    v = src.terminalId;
    if (v !== undefined && "terminalId" in Object.prototype && !Object.hasOwn(src, "terminalId")) v = undefined;
    if (v !== undefined) out.terminalId = v;
    if (v !== undefined) {
      if (typeof v !== "string") err(errors, "/terminalId", "type", `terminalId must be a string, got ${kind(v)}`, "terminalId");
      else if (v.length > 32 && codePoints(v) > 32) err(errors, "/terminalId", "maxLength", "terminalId must be at most 32 characters", "terminalId");
    }

    let scanner = src.scannerInfo;
    if (scanner !== undefined && "scannerInfo" in Object.prototype && !Object.hasOwn(src, "scannerInfo")) scanner = undefined;
    if (scanner !== undefined) out.scannerInfo = scanner;
    if (scanner !== undefined) {
      if (!isObject(scanner)) err(errors, "/scannerInfo", "type", `scannerInfo must be an object, got ${kind(scanner)}`, "scannerInfo");
      else {
        const scannerSrc = ownSource(scanner);
        const scannerOut = {};
        out.scannerInfo = scannerOut;
        v = scannerSrc.deviceId;
        if (v !== undefined && "deviceId" in Object.prototype && !Object.hasOwn(scannerSrc, "deviceId")) v = undefined;
        if (v !== undefined) scannerOut.deviceId = v;
        if (v !== undefined) {
          if (typeof v !== "string") err(errors, "/scannerInfo/deviceId", "type", `scannerInfo.deviceId must be a string, got ${kind(v)}`, "scannerInfo.deviceId");
          else if (v.length > 64 && codePoints(v) > 64) err(errors, "/scannerInfo/deviceId", "maxLength", "scannerInfo.deviceId must be at most 64 characters", "scannerInfo.deviceId");
        }
        v = scannerSrc.deviceVersion;
        if (v !== undefined && "deviceVersion" in Object.prototype && !Object.hasOwn(scannerSrc, "deviceVersion")) v = undefined;
        if (v !== undefined) scannerOut.deviceVersion = v;
        if (v !== undefined) {
          if (typeof v !== "string") err(errors, "/scannerInfo/deviceVersion", "type", `scannerInfo.deviceVersion must be a string, got ${kind(v)}`, "scannerInfo.deviceVersion");
          else if (v.length > 128 && codePoints(v) > 128) err(errors, "/scannerInfo/deviceVersion", "maxLength", "scannerInfo.deviceVersion must be at most 128 characters", "scannerInfo.deviceVersion");
        }
        v = scannerSrc.deviceModel;
        if (v !== undefined && "deviceModel" in Object.prototype && !Object.hasOwn(scannerSrc, "deviceModel")) v = undefined;
        if (v !== undefined) scannerOut.deviceModel = v;
        if (v !== undefined) {
          if (typeof v !== "string") err(errors, "/scannerInfo/deviceModel", "type", `scannerInfo.deviceModel must be a string, got ${kind(v)}`, "scannerInfo.deviceModel");
          else if (v.length > 128 && codePoints(v) > 128) err(errors, "/scannerInfo/deviceModel", "maxLength", "scannerInfo.deviceModel must be at most 128 characters", "scannerInfo.deviceModel");
        }
        v = scannerSrc.deviceIp;
        if (v !== undefined && "deviceIp" in Object.prototype && !Object.hasOwn(scannerSrc, "deviceIp")) v = undefined;
        if (v !== undefined) scannerOut.deviceIp = v;
        if (v !== undefined) {
          if (typeof v !== "string") err(errors, "/scannerInfo/deviceIp", "type", `scannerInfo.deviceIp must be a string, got ${kind(v)}`, "scannerInfo.deviceIp");
          else if (v.length > 64 && codePoints(v) > 64) err(errors, "/scannerInfo/deviceIp", "maxLength", "scannerInfo.deviceIp must be at most 64 characters", "scannerInfo.deviceIp");
        }
        if (strict) extra(scannerSrc, SCANNER_KEYS, "/scannerInfo", errors);
      }
    }

    v = src.additionalInfo;
    if (v !== undefined && "additionalInfo" in Object.prototype && !Object.hasOwn(src, "additionalInfo")) v = undefined;
    if (v !== undefined) out.additionalInfo = v;
    if (v !== undefined && !isObject(v)) err(errors, "/additionalInfo", "type", `additionalInfo must be an object, got ${kind(v)}`, "additionalInfo");

    if (strict) extra(src, KEYS, "", errors);
    return errors.length === 0 ? { ok: true, value: out } : { ok: false, errors };
  } catch (error) {
    let what;
    try {
      what = error instanceof Error ? String(error.message) : typeof error;
    } catch {
      what = "unreadable error";
    }
    return { ok: false, errors: [{ path: "", rule: "exception", message: `the input could not be read: ${what}`, field: null }] };
  }
}
