// TypeScript declarations of the values schema/spec.schema.json accepts: the raw
// spec's type, which the load stage reads once the schema has checked a spec.
// A converter for the subset of JSON Schema the spec schema uses: objects
// (properties, required, additionalProperties), arrays, enum, const, oneOf/anyOf,
// $ref into the document, type lists, and a root `if` that only requires keys.
// Keywords that only constrain values (pattern, minLength, minItems …) leave the
// type as it is, and so do oneOf branches that only require keys. A keyword
// outside the subset throws, so the schema cannot outgrow its types unnoticed.

/** Keywords that narrow values but not their TypeScript type. */
const VALUE_ONLY = new Set(["pattern", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "minProperties", "description", "$schema", "$id", "title", "$defs", "required", "not"]);
/** Keywords the converter reads. */
const TYPED = new Set(["type", "properties", "additionalProperties", "items", "enum", "const", "oneOf", "anyOf", "$ref", "if", "then", "else"]);

/** The item of a plural property is named by its singular (`parts` -> Part); these are not plain -s plurals. */
const SINGULAR = { errata: "erratum" };

const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const singular = (s) => SINGULAR[s] ?? (s.endsWith("ies") ? `${s.slice(0, -3)}y` : s.endsWith("s") ? s.slice(0, -1) : `${s}Item`);
const doc = (text, indent) => (text ? `${indent}/** ${String(text).replace(/\*\//g, "*\\/")} */\n` : "");
const key = (k) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
const isPlain = (type) => /^[A-Za-z0-9_"]+$/.test(type);
const escape = (step) => step.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The declarations for `schema`: the document as `names.root`, the two branches of a
 * root `if` as `names.then` and `names.else`, each `$defs` entry as `names.prefix` and
 * its name, and every other object with properties by its parent's name (`names.members`
 * for the root's) and its key, the singular of the key for an array's items.
 */
export function schemaTypes(schema, names) {
  const out = [];
  const taken = new Set();
  /** Declared names by JSON pointer, so a $ref and the node's own place share one declaration. */
  const byPointer = new Map();
  const declare = (name, text) => {
    if (taken.has(name)) throw new Error(`spec schema types: two types named ${name}`);
    taken.add(name);
    out.push(text);
  };

  const resolve = (ref) => {
    if (!ref.startsWith("#/")) throw new Error(`spec schema types: only local $refs are supported (${ref})`);
    let node = schema;
    for (const step of ref.slice(2).split("/")) node = node?.[step.replace(/~1/g, "/").replace(/~0/g, "~")];
    if (node === undefined) throw new Error(`spec schema types: $ref ${ref} points nowhere`);
    return node;
  };

  const refType = (ref) => {
    if (byPointer.has(ref)) return byPointer.get(ref);
    const def = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const node = resolve(ref);
    if (!def) {
      const steps = ref.slice(2).split("/").filter((s) => s !== "$defs" && s !== "properties").map(pascal);
      const parent = `${names.prefix}${steps.slice(0, -1).join("")}`;
      const last = steps.at(-1);
      return typeOf(node, ref, `${parent}${last}`, `${parent}${pascal(singular(last.charAt(0).toLowerCase() + last.slice(1)))}`);
    }
    const name = `${names.prefix}${pascal(def[1])}`;
    // Named before it is converted: a definition may refer to itself (a field's fields).
    byPointer.set(ref, name);
    const type = typeOf(node, ref, name, `${name}Item`, true);
    if (type !== name) declare(name, `${doc(node.description, "")}export type ${name} = ${type};`);
    return name;
  };

  /**
   * The type of the node at `pointer`. An object with properties is declared as interface
   * `name` (once per pointer); `itemName` names an array's items.
   */
  function typeOf(node, pointer, name, itemName = `${name}Item`, isDef = false) {
    if (!isDef && byPointer.has(pointer)) return byPointer.get(pointer);
    if (node === true || Object.keys(node).every((k) => VALUE_ONLY.has(k))) return "unknown";
    for (const k of Object.keys(node)) if (!TYPED.has(k) && !VALUE_ONLY.has(k)) throw new Error(`spec schema types: keyword "${k}" at ${pointer} is outside the supported subset`);
    if (node.$ref) return node.properties ? `${refType(node.$ref)} & ${objectLiteral(node, pointer, name)}` : refType(node.$ref);
    if (node.const !== undefined) return JSON.stringify(node.const);
    if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
    const combinator = node.oneOf ? "oneOf" : "anyOf";
    const branches = (node[combinator] ?? []).map((b, i) => [b, i]).filter(([b]) => Object.keys(b).some((k) => TYPED.has(k)));
    if (branches.length) return branches.map(([b, i]) => typeOf(b, `${pointer}/${combinator}/${i}`, `${name}${i}`)).join(" | ");
    const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : node.properties || node.additionalProperties !== undefined ? ["object"] : [];
    if (!types.length) return "unknown";
    return types.map((t) => primitive(t, node, pointer, name, itemName, isDef)).join(" | ");
  }

  function primitive(t, node, pointer, name, itemName, isDef) {
    switch (t) {
      case "string":
      case "boolean":
      case "null":
        return t;
      case "integer":
      case "number":
        return "number";
      case "array": {
        const item = node.items ? typeOf(node.items, `${pointer}/items`, itemName) : "unknown";
        return isPlain(item) ? `${item}[]` : `(${item})[]`;
      }
      case "object":
        return objectType(node, pointer, name, isDef);
      default:
        throw new Error(`spec schema types: type "${t}" at ${pointer} is not supported`);
    }
  }

  /** The members of an object schema, one per line at `indent`; `open`: other keys allowed unless it says otherwise. */
  function members(node, pointer, name, indent, open = true) {
    const required = new Set(node.required ?? []);
    const lines = [];
    for (const [k, v] of Object.entries(node.properties ?? {})) {
      const child = pointer === "#" ? names.members : name;
      const type = typeOf(v, `${pointer}/properties/${escape(k)}`, `${child}${pascal(k)}`, `${child}${pascal(singular(k))}`);
      lines.push(`${doc(v.description, indent)}${indent}${key(k)}${required.has(k) ? "" : "?"}: ${type};`);
    }
    // JSON Schema's default: keys beside the declared ones are allowed.
    const extra = node.additionalProperties ?? open;
    if (extra === true) lines.push(`${indent}[key: string]: unknown;`);
    else if (extra !== false) {
      if (node.properties) throw new Error(`spec schema types: ${pointer} has both properties and a schema for other keys`);
      lines.push(`${indent}[key: string]: ${typeOf(extra, `${pointer}/additionalProperties`, `${name}Entry`)};`);
    }
    return lines;
  }

  function objectLiteral(node, pointer, name) {
    // Beside a $ref: the keys it adds to the referenced type, which says what else is allowed.
    return `{ ${members(node, pointer, name, "", false).join(" ")} }`;
  }

  function objectType(node, pointer, name, isDef) {
    if (!node.properties) {
      const extra = node.additionalProperties ?? true;
      return `Record<string, ${extra === true ? "unknown" : typeOf(extra, `${pointer}/additionalProperties`, `${name}Entry`)}>`;
    }
    if (!isDef) byPointer.set(pointer, name);
    const slot = out.length;
    declare(name, null);
    out[slot] = `${doc(node.description, "")}export interface ${name} {\n${members(node, pointer, name, "  ").join("\n")}\n}`;
    return name;
  }

  if (typeOf(schema, "#", names.root) !== names.root) throw new Error("spec schema types: the root must be an object with properties");
  if (schema.if) {
    const requiresOnly = (n) => Object.keys(n).every((k) => k === "required" || k === "description");
    if (!requiresOnly(schema.if) || !requiresOnly(schema.then ?? {}) || !requiresOnly(schema.else ?? {})) throw new Error("spec schema types: a root `if` may only require keys");
    const pick = (keys) => (keys.length ? ` & Required<Pick<${names.root}, ${keys.map((k) => JSON.stringify(k)).join(" | ")}>>` : "");
    const ifKeys = schema.if.required;
    declare(names.then, `${doc(schema.then?.description, "")}export type ${names.then} = ${names.root}${pick([...ifKeys, ...(schema.then?.required ?? [])])};`);
    declare(names.else, `${doc(schema.else?.description, "")}export type ${names.else} = ${names.root} & { ${ifKeys.map((k) => `${key(k)}?: undefined;`).join(" ")} }${pick(schema.else?.required ?? [])};`);
  }
  return `${out.join("\n\n")}\n`;
}
