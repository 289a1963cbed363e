/**
 * The TypeScript target's options (a `targets:` entry's `options`, or the top-level
 * `scope`, `enumStyle` and `publish` of a config without `targets`): their schema,
 * their defaults, and the check that reads them.
 */
import { OptionsError, type OptionsSchema } from "../target.ts";
import { PUBLISH_SCHEMA, readPublish, type Publish } from "./publish.ts";

export type EnumStyle = "const" | "enum";

export interface TypeScriptOptions {
  /** npm scope of the generated packages, e.g. "@codebook". */
  scope: string;
  /** "const": `as const` objects plus union types (erasable syntax). "enum": TypeScript enums. */
  enumStyle: EnumStyle;
  /** Publishing options; null: generated packages are private. */
  publish: Publish | null;
}

export const TYPESCRIPT_DEFAULTS: TypeScriptOptions = { scope: "@codebook", enumStyle: "const", publish: null };

const SCOPE = /^@[a-z0-9][a-z0-9._-]*$/;
/** npm caps a package name (`@scope/id`) at 214 characters; ids are at most 100 (SPEC_ID_MAX_LENGTH). */
export const SCOPE_MAX_LENGTH = 100;

export const optionsSchema: OptionsSchema = {
  type: "object",
  description: "Options of the TypeScript target: one npm package per spec.",
  additionalProperties: false,
  properties: {
    scope: { type: "string", pattern: SCOPE.source, maxLength: SCOPE_MAX_LENGTH, default: TYPESCRIPT_DEFAULTS.scope, description: "npm scope of the generated packages." },
    enumStyle: {
      enum: ["const", "enum"],
      default: TYPESCRIPT_DEFAULTS.enumStyle,
      description: "const: `as const` objects and union types (erasable syntax, --isolatedDeclarations); enum: TypeScript enums.",
    },
    publish: PUBLISH_SCHEMA,
  },
};

/** The options as given (each key optional), checked; messages name the key. */
export function readTypeScriptOptions(raw: Readonly<Record<string, unknown>>): TypeScriptOptions {
  const known = Object.keys(optionsSchema.properties);
  for (const key of Object.keys(raw)) if (!known.includes(key)) throw new OptionsError(`unknown option "${key}" (known: ${known.join(", ")})`);
  const { scope, enumStyle, publish } = raw;
  if (scope !== undefined && typeof scope !== "string") throw new OptionsError(`"scope" must be a string`);
  if (enumStyle !== undefined && enumStyle !== "const" && enumStyle !== "enum") throw new OptionsError(`"enumStyle" must be "const" or "enum"`);
  if (typeof scope === "string" && !SCOPE.test(scope)) throw new OptionsError(`"scope" must look like @name`);
  if (typeof scope === "string" && scope.length > SCOPE_MAX_LENGTH) throw new OptionsError(`"scope" is ${scope.length} characters, over the limit of ${SCOPE_MAX_LENGTH}`);
  let published: Publish | null;
  try {
    published = readPublish(publish);
  } catch (err) {
    throw new OptionsError((err as Error).message);
  }
  return { scope: scope ?? TYPESCRIPT_DEFAULTS.scope, enumStyle: enumStyle ?? TYPESCRIPT_DEFAULTS.enumStyle, publish: published };
}

