import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** ../shared (read-only source documents and conformance bodies); CODEBOOK_SHARED overrides. */
export const sharedDir: string = resolve(repoRoot, process.env.CODEBOOK_SHARED ?? "../shared");
