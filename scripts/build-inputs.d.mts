/** Where the build writes the hash of what dist/ was built from. */
export const STAMP: string;
/** sha256 of generator/**, the build script and its tsconfig: what dist/ is built from. */
export function buildInputsHash(root: string): string;
