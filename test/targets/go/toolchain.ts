// Running the Go toolchain in tests: offline (no module proxy: the modules need none),
// with a cache of its own under the system's temporary directory so a second run
// reuses the first one's builds, and with no outer go.work or GOFLAGS leaking in.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Spec } from "../../../generator/model/types.ts";
import type { GeneratedFile } from "../../../generator/model/generated-file.ts";
import { goTarget } from "../../../generator/targets/go/target.ts";
import type { GoOptions } from "../../../generator/targets/go/options.ts";
import { modulePath } from "../../../generator/targets/go/options.ts";

/** The module path prefix the tests generate with. */
export const TEST_MODULE = "example.com/codebook";
export const testOptions: GoOptions = goTarget.readOptions({ module: TEST_MODULE });

const cache = join(tmpdir(), "codebook-go-cache");

export const goEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GOFLAGS: "",
  GOPROXY: "off",
  GOSUMDB: "off",
  GONOSUMCHECK: "1",
  GOTOOLCHAIN: "local",
  GOTELEMETRY: "off",
  GO111MODULE: "on",
  GOWORK: "off",
  CGO_ENABLED: "0",
  GOCACHE: join(cache, "build"),
  GOPATH: join(cache, "path"),
};

export interface GoRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Go tool (`go`, `gofmt`) in a directory; never throws on a non-zero exit. */
export function go(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, tool = "go"): GoRun {
  const r = spawnSync(tool, args, { cwd, encoding: "utf8", env: { ...goEnv, ...env }, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like go(), but a non-zero exit throws with the tool's output. */
export function mustGo(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, tool = "go"): string {
  const r = go(args, cwd, env, tool);
  if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} in ${cwd} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** The Go target's files for one spec, emitted and finished as the pipeline does. */
export async function goFiles(spec: Spec, options: GoOptions = testOptions, outDir = "generated-go"): Promise<GeneratedFile[]> {
  const stages = await goTarget.load();
  const run = { options, root: ".", outDir };
  return stages.finish(stages.emit(spec, run), spec, run);
}

/** Writes files under a directory. */
export function writeFiles(dir: string, files: readonly GeneratedFile[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
}

/** Emits every spec's module into `dir`; `edit` may change a module's files first (the tests that inject a difference). */
export async function writeModules(specs: readonly Spec[], dir: string, edit?: (spec: Spec, files: GeneratedFile[]) => GeneratedFile[]): Promise<void> {
  for (const spec of specs) {
    const files = await goFiles(spec);
    writeFiles(dir, edit ? edit(spec, files) : files);
  }
}

/** A go.work over the modules of these specs in `dir`, for one `go vet` / `go test` over all of them. */
export function writeWorkspace(dir: string, specs: readonly Spec[]): string {
  const path = join(dir, "go.work");
  writeFileSync(path, `go 1.19\n\nuse (\n${specs.map((s) => `\t./${s.id}`).join("\n")}\n)\n`);
  return path;
}

/** `require` and `replace` lines that make a scratch module use generated modules from a directory. */
export function replaceDirectives(specs: readonly Spec[], modulesDir: string): string {
  return specs.map((s) => `require ${modulePath(testOptions, s)} v${s.version}\nreplace ${modulePath(testOptions, s)} => ${join(modulesDir, s.id)}\n`).join("\n");
}
