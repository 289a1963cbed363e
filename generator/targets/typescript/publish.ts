/**
 * The `publish` block of codebook.config.yaml. Without it every generated
 * package is `"private": true`: npm refuses to publish it, and it claims no
 * license. With it, packages carry the license, repository and publishConfig
 * the team chose, so nothing reaches a registry by accident or unlicensed.
 */

export interface Repository {
  type: string;
  url: string;
  /** Where the out dir is inside the repository; each package's own directory is this plus its id. */
  directory: string | null;
}

export interface Publish {
  /** An SPDX license expression, e.g. MIT (or UNLICENSED for a private registry). */
  license: string;
  repository: string | Repository | null;
  /** Passed to package.json as is: access, registry, tag, provenance. */
  publishConfig: { access?: "public" | "restricted"; registry?: string; tag?: string; provenance?: boolean } | null;
}

/** The `publish` block's JSON Schema (part of the TypeScript target's options schema). */
export const PUBLISH_SCHEMA: Record<string, unknown> = {
  type: "object",
  additionalProperties: false,
  required: ["license"],
  description: 'Opt in to publishing the generated packages. Without it every package is "private": true with license UNLICENSED.',
  properties: {
    license: { type: "string", minLength: 1, description: "SPDX license expression, e.g. MIT (or UNLICENSED for a private registry)." },
    repository: {
      description: "The repository, as a URL or a mapping; a directory gets each package's id appended.",
      oneOf: [
        { type: "string", minLength: 1 },
        {
          type: "object",
          additionalProperties: false,
          required: ["url"],
          properties: {
            type: { type: "string", minLength: 1, default: "git", description: "The version-control system, as package.json's repository.type." },
            url: { type: "string", minLength: 1, description: "The repository's URL, as package.json's repository.url." },
            directory: { type: "string", minLength: 1, description: "Where the out dir is inside the repository." },
          },
        },
      ],
    },
    publishConfig: {
      type: "object",
      additionalProperties: false,
      description: "Copied into each package.json.",
      properties: {
        access: { enum: ["public", "restricted"], description: "npm access for a scoped package: restricted (the registry's default) or public." },
        registry: { type: "string", pattern: "^https?://", description: "The registry `npm publish` sends the package to." },
        tag: { type: "string", minLength: 1, description: "The dist-tag a publish sets (npm's default is latest)." },
        provenance: { type: "boolean", description: "Publish with a provenance statement (needs a supported CI)." },
      },
    },
  },
};

const KEYS = ["license", "repository", "publishConfig"];
const PUBLISH_CONFIG_KEYS = ["access", "registry", "tag", "provenance"];
const REPOSITORY_KEYS = ["type", "url", "directory"];

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** Reads the `publish` option; throws an Error whose message names the bad key. */
export function readPublish(value: unknown): Publish | null {
  if (value === undefined || value === null) return null;
  if (!isMapping(value)) throw new Error(`"publish" must be a mapping with license, and optionally repository and publishConfig`);
  for (const key of Object.keys(value)) if (!KEYS.includes(key)) throw new Error(`unknown option "publish.${key}" (known: ${KEYS.join(", ")})`);
  if (!nonEmpty(value.license)) throw new Error(`"publish.license" is required: an SPDX license expression such as MIT, or UNLICENSED`);
  return { license: value.license, repository: readRepository(value.repository), publishConfig: readPublishConfig(value.publishConfig) };
}

function readRepository(value: unknown): Publish["repository"] {
  if (value === undefined || value === null) return null;
  if (nonEmpty(value)) return value;
  if (!isMapping(value)) throw new Error(`"publish.repository" must be a URL or a mapping with url (and optionally type and directory)`);
  for (const key of Object.keys(value)) if (!REPOSITORY_KEYS.includes(key)) throw new Error(`unknown option "publish.repository.${key}" (known: ${REPOSITORY_KEYS.join(", ")})`);
  if (!nonEmpty(value.url)) throw new Error(`"publish.repository.url" is required`);
  for (const key of ["type", "directory"]) if (value[key] !== undefined && !nonEmpty(value[key])) throw new Error(`"publish.repository.${key}" must be a non-empty string`);
  return { type: (value.type as string | undefined) ?? "git", url: value.url, directory: (value.directory as string | undefined)?.replace(/\/+$/, "") ?? null };
}

function readPublishConfig(value: unknown): Publish["publishConfig"] {
  if (value === undefined || value === null) return null;
  if (!isMapping(value)) throw new Error(`"publish.publishConfig" must be a mapping (access, registry, tag, provenance)`);
  for (const key of Object.keys(value))
    if (!PUBLISH_CONFIG_KEYS.includes(key)) throw new Error(`unknown option "publish.publishConfig.${key}" (known: ${PUBLISH_CONFIG_KEYS.join(", ")})`);
  if (value.access !== undefined && value.access !== "public" && value.access !== "restricted")
    throw new Error(`"publish.publishConfig.access" must be "public" or "restricted"`);
  if (value.registry !== undefined && !(nonEmpty(value.registry) && /^https?:\/\//.test(value.registry)))
    throw new Error(`"publish.publishConfig.registry" must be an http(s) URL`);
  if (value.tag !== undefined && !nonEmpty(value.tag)) throw new Error(`"publish.publishConfig.tag" must be a non-empty string`);
  if (value.provenance !== undefined && typeof value.provenance !== "boolean") throw new Error(`"publish.publishConfig.provenance" must be true or false`);
  const out: NonNullable<Publish["publishConfig"]> = {};
  for (const key of PUBLISH_CONFIG_KEYS) if (value[key] !== undefined) (out as Record<string, unknown>)[key] = value[key];
  return out;
}

/** The package.json fields for one package: publishing ones, or `private` with no license granted. */
export function packagePublishFields(publish: Publish | null, id: string): Record<string, unknown> {
  if (!publish) return { private: true, license: "UNLICENSED" };
  const repository =
    publish.repository === null || typeof publish.repository === "string"
      ? publish.repository
      : { type: publish.repository.type, url: publish.repository.url, ...(publish.repository.directory ? { directory: `${publish.repository.directory}/${id}` } : {}) };
  return { license: publish.license, ...(repository ? { repository } : {}), ...(publish.publishConfig ? { publishConfig: publish.publishConfig } : {}) };
}
