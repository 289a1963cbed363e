/**
 * The `targets:` block of codebook.config.yaml: which outputs a run emits, each
 * with its own out dir and options.
 *
 *   targets:
 *     - target: typescript
 *       outDir: generated
 *       options: { scope: "@acme", enumStyle: const }
 *     - target: go
 *       outDir: generated-go
 *       options: { module: example.com/payments/codebook }
 *
 * Without `targets`, the top-level `outDir`, `scope`, `enumStyle` and `publish`
 * keys configure one TypeScript target, as they always have. Each target gets its
 * own out dir, manifest, lock and fingerprint.
 */
import { OptionsError, type Target } from "../targets/target.ts";

/** One configured target, before its out dir is resolved against the config's directory. */
export interface TargetSetting {
  target: Target<unknown>;
  /** As written (relative to the config's directory), or the target's default. */
  outDir: string;
  /** The target's options, checked by the target. */
  options: unknown;
  /** The options as written, for the fingerprint (what shapes this target's output). */
  rawOptions: Readonly<Record<string, unknown>>;
}

/** Keys that configure the one TypeScript target when there is no `targets` block. */
export const SINGLE_TARGET_KEYS = ["outDir", "scope", "enumStyle", "publish"] as const;

const ENTRY_KEYS = ["target", "outDir", "options"];

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The targets a config names, checked against `registry`. Throws an Error whose
 * message says which entry and key is wrong (the caller prefixes the file).
 */
export function readTargets(raw: Record<string, unknown>, registry: readonly Target<any>[]): TargetSetting[] {
  const byName = new Map(registry.map((t) => [t.name, t]));
  if (raw.targets === undefined) {
    const typescript = byName.get("typescript")!;
    const options: Record<string, unknown> = {};
    for (const key of ["scope", "enumStyle", "publish"]) if (raw[key] !== undefined) options[key] = raw[key];
    if (raw.outDir !== undefined && typeof raw.outDir !== "string") throw new Error(`"outDir" must be a string`);
    if (raw.outDir === "") throw new Error(`"outDir" must not be empty`);
    return [setting(typescript, (raw.outDir as string | undefined) ?? typescript.defaultOutDir, options, "")];
  }
  const given = SINGLE_TARGET_KEYS.filter((k) => raw[k] !== undefined);
  if (given.length)
    throw new Error(`${given.map((k) => `"${k}"`).join(", ")} ${given.length === 1 ? "belongs" : "belong"} in a targets entry when "targets" is given (e.g. targets: [{ target: typescript, outDir: generated, options: { scope: "@acme" } }])`);
  if (!Array.isArray(raw.targets) || raw.targets.length === 0) throw new Error(`"targets" must be a list of { target, outDir, options } entries (known targets: ${[...byName.keys()].join(", ")})`);
  return raw.targets.map((entry: unknown, i: number) => {
    const where = `targets[${i}]`;
    if (!isMapping(entry)) throw new Error(`${where} must be a mapping with "target" (one of ${[...byName.keys()].join(", ")}), and optionally "outDir" and "options"`);
    for (const key of Object.keys(entry)) if (!ENTRY_KEYS.includes(key)) throw new Error(`${where}: unknown key "${key}" (known: ${ENTRY_KEYS.join(", ")})`);
    const target = typeof entry.target === "string" ? byName.get(entry.target) : undefined;
    if (!target) throw new Error(`${where}: "target" must be one of ${[...byName.keys()].join(", ")}${typeof entry.target === "string" ? `, not ${JSON.stringify(entry.target)}` : ""}`);
    if (entry.outDir !== undefined && (typeof entry.outDir !== "string" || entry.outDir === "")) throw new Error(`${where}: "outDir" must be a non-empty string`);
    if (entry.options !== undefined && !isMapping(entry.options)) throw new Error(`${where}: "options" must be a mapping`);
    return setting(target, (entry.outDir as string | undefined) ?? target.defaultOutDir, (entry.options as Record<string, unknown> | undefined) ?? {}, `${where}.options: `);
  });
}

function setting(target: Target<unknown>, outDir: string, raw: Record<string, unknown>, where: string): TargetSetting {
  try {
    return { target, outDir, options: target.readOptions(raw), rawOptions: raw };
  } catch (err) {
    if (err instanceof OptionsError) throw new Error(`${where}${err.message}`);
    throw err;
  }
}
