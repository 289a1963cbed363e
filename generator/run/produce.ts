/**
 * emit -> finish, one package at a time, for every target a spec is stale in.
 * Packages stream through a window of at most WINDOW_CHARS of emitted text, so a
 * run holds a few packages' output at once, not the whole corpus: while the
 * thread pool finishes one package (compiling, formatting), this thread emits the
 * next.
 */
import type { GeneratedFile } from "../model/generated-file.ts";
import type { Spec } from "../model/types.ts";
import type { Target, TargetRun, TargetStages } from "../targets/target.ts";

/**
 * Emitted text in flight: enough that a large package (SNAP's is 1 MB) does not hold
 * up the small ones behind it while it is finished, small enough to bound memory.
 */
const WINDOW_CHARS = 2_000_000;

/** One target's stages and run options: where a spec's package for that target is made. */
export interface ProductionLine {
  /** Which configured target this is (its out dir), for the caller to route the files. */
  key: string;
  stages: TargetStages<unknown>;
  run: TargetRun<unknown>;
}

export interface ProducedPackage {
  spec: Spec;
  line: ProductionLine;
  files: GeneratedFile[];
}

const loaded = new Map<Target<unknown>, Promise<TargetStages<unknown>>>();

/**
 * A target's heavy stages, loaded once per process and only by a run with a package
 * to emit: loading the emitters and their native bindings is a large part of a cold
 * run's start, and an unchanged run skips it.
 */
export function loadTarget(target: Target<unknown>): Promise<TargetStages<unknown>> {
  let stages = loaded.get(target);
  if (!stages) loaded.set(target, (stages = target.load()));
  return stages;
}

/**
 * Yields each spec's package files for each of its lines, in the order given. It takes
 * the specs out of the array as it goes, so that each one's IR can be collected once
 * its packages are yielded.
 */
export async function* producePackages(specs: Spec[], linesFor: (spec: Spec) => readonly ProductionLine[]): AsyncGenerator<ProducedPackage> {
  const inFlight: { size: number; done: Promise<ProducedPackage> }[] = [];
  let chars = 0;
  const next = () => {
    const first = inFlight.shift()!;
    chars -= first.size;
    return first.done;
  };
  for (let spec = specs.shift(); spec; spec = specs.shift()) {
    for (const line of linesFor(spec)) {
      const emitted = line.stages.emit(spec, line.run);
      const done = line.stages.finish(emitted, spec, line.run).then((files) => ({ spec, line, files }));
      done.catch(() => {}); // awaited below, in turn; a failure must not count as unhandled meanwhile
      const size = emitted.reduce((n, f) => n + f.content.length, 0);
      inFlight.push({ size, done });
      chars += size;
      while (chars > WINDOW_CHARS) yield await next();
    }
  }
  while (inFlight.length) yield await next();
}
