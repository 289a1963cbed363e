/**
 * emit -> compile -> format, one package at a time: what a package's files are.
 * Packages stream through a window of at most WINDOW_CHARS of emitted text, so a
 * run holds a few packages' output at once, not the whole corpus: while the
 * thread pool compiles and formats one package, this thread emits the next.
 * Compiling reads the unformatted sources, whose JS and .d.ts the compilers
 * print the same way every run.
 */
import type { Config } from "./config.ts";
import type { GeneratedFile } from "./emit/generated-file.ts";
import type { Spec } from "./model/types.ts";

/**
 * Emitted text in flight: enough that a large package (SNAP's is 1 MB) does not hold
 * up the small ones behind it while it is formatted, small enough to bound memory.
 */
const WINDOW_CHARS = 2_000_000;

export interface ProducedPackage {
  spec: Spec;
  files: GeneratedFile[];
}

const importStages = () => Promise.all([import("./emit/package.ts"), import("./compile/compile.ts"), import("./emit/generated-file.ts"), import("./format/format.ts")]);
let stages: ReturnType<typeof importStages> | undefined;

/**
 * The emit, compile and format modules (ts-morph, oxc-transform, oxfmt), loaded once. The
 * pipeline loads them while a worker lints (see load/lint-in-parallel.ts): requiring
 * ts-morph is the largest part of a cold run's start.
 */
export function loadStages(): ReturnType<typeof importStages> {
  return (stages ??= importStages());
}

/**
 * Yields each spec's package files, in the order given. It takes the specs out of the
 * array as it goes, so that each one's IR can be collected once its package is yielded.
 */
export async function* producePackages(specs: Spec[], config: Config): AsyncGenerator<ProducedPackage> {
  if (specs.length === 0) return;
  const [{ emitPackage }, { compileModule }, { lineHeader }, { formatFiles }] = await loadStages();
  const api = specs.some((s) => s.api) ? await import("./emit/api/index.ts") : null;
  const inFlight: { size: number; done: Promise<ProducedPackage> }[] = [];
  let chars = 0;
  const next = () => {
    const first = inFlight.shift()!;
    chars -= first.size;
    return first.done;
  };
  for (let spec = specs.shift(); spec; spec = specs.shift()) {
    const p = emitPackage(spec, config, api);
    // Formatted: what people read and review, sources, package.json, Markdown. dist/ is
    // compiler output, and JSON.stringify output is already canonical.
    const formatting = formatFiles([...p.modules, ...p.files.filter((f) => !isStringifiedJson(f))]);
    const compiling = Promise.all(p.modules.map((m) => compileModule(m, lineHeader(spec))));
    const done = Promise.all([compiling, formatting]).then(([compiled, formatted]) => ({ spec, files: [...compiled.flat(), ...p.files.filter(isStringifiedJson), ...formatted] }));
    done.catch(() => {}); // awaited below, in turn; a failure must not count as unhandled meanwhile
    const size = [...p.modules, ...p.files].reduce((n, f) => n + f.content.length, 0);
    inFlight.push({ size, done });
    chars += size;
    while (chars > WINDOW_CHARS) yield await next();
  }
  while (inFlight.length) yield await next();
}

/** JSON we produce with JSON.stringify (catalogs, schemas): already in canonical form. */
function isStringifiedJson(f: GeneratedFile): boolean {
  return f.path.endsWith(".json") && !f.path.endsWith("/package.json");
}
