// Types of source-hash.js (plain JavaScript, shared with scripts/build.mjs).
export declare function generatorSourceHash(generatorDir: string): string;
