// Types of source-hash.js (plain JavaScript, shared with scripts/build.mjs).
export interface GeneratorSourceHashes {
  /** Every generator file outside the front-ends and the target folders. */
  core: string;
  /** targets/<name>/'s files, by target folder name. */
  targets: Record<string, string>;
}
export declare function generatorSourceHashes(generatorDir: string): GeneratorSourceHashes;
