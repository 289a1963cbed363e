// The layers of generator/, lowest first (generator/ARCHITECTURE.md, "Layers");
// `index.ts`, the programmatic API, sits above them all.
export const LAYERS = ["common", "model", "artifacts", "targets", "config", "load", "write", "cache", "run", "diff", "mock", "proxy", "cli"] as const;
