/**
 * The Go target's options (the `options` of its `targets:` entry): the module
 * path prefix every spec's module path starts with, and the `go` directive.
 */
import { OptionsError, type OptionsSchema } from "../target.ts";

export interface GoOptions {
  /** The module path prefix: `example.com/payments/codebook` makes `example.com/payments/codebook/iak-prepaid`. */
  module: string;
  /** The `go` directive of every go.mod: the oldest Go the modules build with. */
  go: string;
}

/** The oldest Go the generated code builds with (Debian's golang-go); the default `go` directive. */
export const GO_MIN_VERSION = "1.19";

export const goOptionsSchema: OptionsSchema = {
  type: "object",
  description: "Options of the Go target: one Go module per spec.",
  properties: {
    module: {
      type: "string",
      pattern: "^[a-z0-9][-a-z0-9.]*(/[-A-Za-z0-9._~]+)*$",
      description: "The module path prefix: example.com/payments/codebook gives example.com/payments/codebook/iak-prepaid. For `go get` from your repository, the repository's module path and the out dir.",
    },
    go: { type: "string", pattern: "^1\\.(19|[2-9][0-9])(\\.[0-9]+)?$", default: GO_MIN_VERSION, description: "The go directive of each go.mod (1.19 or newer)." },
  },
  required: ["module"],
  additionalProperties: false,
};

/** The entry's options checked, with their defaults. */
export function readGoOptions(raw: Readonly<Record<string, unknown>>): GoOptions {
  for (const key of Object.keys(raw)) if (!(key in goOptionsSchema.properties)) throw new OptionsError(`go: unknown option "${key}" (options: ${Object.keys(goOptionsSchema.properties).join(", ")})`);
  const module = raw.module;
  if (typeof module !== "string" || !new RegExp(goOptionsSchema.properties.module!.pattern as string).test(module))
    throw new OptionsError(`go: options.module must be a module path prefix such as example.com/payments/codebook${module === undefined ? "" : `, got ${JSON.stringify(module)}`}`);
  const go = raw.go ?? GO_MIN_VERSION;
  if (typeof go !== "string" || !new RegExp(goOptionsSchema.properties.go!.pattern as string).test(go))
    throw new OptionsError(`go: options.go must be a Go version of ${GO_MIN_VERSION} or newer, such as "1.22"${go === undefined ? "" : `, got ${JSON.stringify(go)}`}`);
  return { module, go };
}

/**
 * A spec's module path. From version 2 on, Go's import compatibility rule puts the
 * major version at the end of the path (`…/iak-prepaid/v2`): a new major version is
 * a new import path, so both can be used side by side.
 */
export function modulePath(options: GoOptions, spec: { id: string; version: string }): string {
  const major = Number(spec.version.split(".")[0]);
  return `${options.module}/${spec.id}${major >= 2 ? `/v${major}` : ""}`;
}
