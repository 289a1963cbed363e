/**
 * The aggregate phase: after a target's packages, the output over all of them (an
 * index of every spec, say), for a target that has one. It reads every package's
 * catalog, emitted this run or reused (the manifest proves a reused one current, so
 * its catalog is read back from disk), and is itself reused while every catalog is
 * what it was made from. Its files lie outside every package folder and are recorded
 * apart from the packages in the manifest.
 */
import type { ConfiguredTarget } from "../config/config.ts";
import type { GeneratedFile } from "../model/generated-file.ts";
import type { AggregateInput, TargetRun } from "../targets/target.ts";
import { aggregateInputs, filesAsRecorded } from "../cache/cache.ts";
import { isAggregateFilePath, type Manifest } from "../write/manifest.ts";
import { OUTPUT_FILE_MAX_BYTES, type OutDirWriter } from "../write/write.ts";
import { readInputFile } from "../common/input-file.ts";

/** What the aggregate needs of a target's write in progress. */
export interface AggregateSite {
  work: { entry: ConfiguredTarget; toolchain: string; last: Manifest | null };
  run: TargetRun<unknown>;
  writer: OutDirWriter;
  /** The manifest being built; its packages are final (reused, emitted and carried over). */
  next: Manifest;
  /** Catalog texts of the packages emitted this run, by id. */
  catalogs: ReadonlyMap<string, string>;
}

/** Writes (or compares) the target's aggregate into `site.next`; its files, when kept. Null for a target without one. */
export async function produceAggregate(site: AggregateSite, options: { force: boolean; keepFiles: boolean }): Promise<GeneratedFile[] | null> {
  const { entry, toolchain, last } = site.work;
  const aggregate = entry.target.aggregate;
  if (!aggregate) return null;
  const inputs = aggregateInputs(site.next.packages, aggregate);
  const recorded = last?.toolchain === toolchain && last.aggregate?.inputs === inputs ? last.aggregate : undefined;
  const reusable = !options.force && recorded ? filesAsRecorded(entry.outDir, recorded.files, options.keepFiles) : null;
  if (recorded && reusable) {
    site.writer.reused(recorded);
    site.next.aggregate = recorded;
    return reusable;
  }
  const catalogs: AggregateInput[] = Object.keys(site.next.packages)
    .sort()
    .map((id) => ({ id, catalog: JSON.parse(site.catalogs.get(id) ?? readCatalog(entry.outDir, aggregate.catalogPath(id))) as unknown }));
  const files = aggregate.emit(catalogs, site.run);
  for (const f of files)
    if (!isAggregateFilePath(f.path)) throw new Error(`codebook: the ${entry.target.name} target's aggregate wrote ${JSON.stringify(f.path)}, inside a package folder or outside the out dir (a target bug)`);
  site.next.aggregate = { inputs, files: await site.writer.emitted(files) };
  return files;
}

/** A reused package's catalog, as on disk. */
function readCatalog(outDir: string, path: string): string {
  const read = readInputFile(`${outDir}/${path}`, { maxBytes: OUTPUT_FILE_MAX_BYTES, noFollow: true });
  if (!read.ok) throw new Error(`codebook: ${outDir}/${path} ${read.problem}; the manifest recorded it a moment ago`);
  return read.bytes.toString("utf8");
}
