// codebook as a devDependency of another repository: the packed tarball installed into
// scratch monorepos (npm workspaces, pnpm), driven by real npm, pnpm, git and turbo
// processes with an explicit environment. dist/ is built by test/setup/build.ts.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, relative, resolve } from "node:path";
import { repoRoot } from "../helpers.ts";

export { repoRoot };

/** The spec, source document and consumer packages this test writes into the scratch repositories. */
export const fixtures: string = join(repoRoot, "test", "fixtures", "e2e");
/** Tools this repository installs as devDependencies, run by path with this Node. */
export const pnpmBin: string = join(repoRoot, "node_modules", "pnpm", "bin", "pnpm.cjs");
export const turboBin: string = join(repoRoot, "node_modules", "turbo", "bin", "turbo");
/** The TypeScript the repository tests with: the consumers install the same version (warm in the npm cache). */
export const typescriptVersion: string = packageJson(join(repoRoot, "node_modules", "typescript")).version as string;
export const pnpmVersion: string = packageJson(join(repoRoot, "node_modules", "pnpm")).version as string;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time in milliseconds. */
  ms: number;
}

/** Variables passed through from the test's environment: how to find node, npm and git, the npm cache, TLS and proxies. */
const PASSED = ["HOME", "TMPDIR", "LANG", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"];

/**
 * The environment of every scratch command: nothing of the test runner's npm
 * (no npm_config_*, npm_lifecycle_*, no node_modules/.bin of this repository on
 * PATH, so a scratch command can only use what the scratch repository installed),
 * no colour, no update checks, no CI detection.
 */
export function scratchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of PASSED) if (process.env[key] !== undefined) env[key] = process.env[key];
  const path = (process.env.PATH ?? "").split(delimiter).filter((p) => p !== "" && !p.split(/[\\/]/).includes("node_modules"));
  env.PATH = [dirname(process.execPath), ...path].join(delimiter);
  return {
    ...env,
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    ...extra,
  };
}

/** Runs a command to completion, never throwing; `env` is the whole environment. */
export function exec(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = scratchEnv()): Promise<Run> {
  const started = performance.now();
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", (err) => {
      stderr += String(err);
    });
    child.on("close", (code) => resolveRun({ code, stdout, stderr, ms: Math.round(performance.now() - started) }));
  });
}

/** Throws with the command's output unless it exited 0: setup steps fail loudly, with the reason. */
export function ok(what: string, run: Run): Run {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  return run;
}

/** Wall time per step, printed after the file when CODEBOOK_E2E_TIMINGS is set. */
export class Timings {
  readonly steps: [string, number][] = [];
  constructor(readonly name: string) {}
  async time<T>(step: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.steps.push([step, Math.round(performance.now() - started)]);
    }
  }
  print(): void {
    if (!process.env.CODEBOOK_E2E_TIMINGS) return;
    const total = this.steps.reduce((sum, [, ms]) => sum + ms, 0);
    const lines = this.steps.map(([step, ms]) => `  ${(ms / 1000).toFixed(2).padStart(6)} s  ${step}`);
    console.log(`e2e ${this.name}: ${(total / 1000).toFixed(1)} s\n${lines.join("\n")}`);
  }
}

/** A scratch directory under the OS's temp dir; `cleanup` removes every one made. */
const made: string[] = [];
export function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `codebook-e2e-${prefix}-`));
  made.push(dir);
  return dir;
}
export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `npm pack` of this repository into `dest` (scripts off: dist/ is already built). Returns the tarball's path. */
export async function pack(dest: string): Promise<string> {
  const run = ok("npm pack", await exec("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dest], repoRoot));
  const [{ filename }] = JSON.parse(run.stdout) as [{ filename: string }];
  return join(dest, filename);
}

export interface PackedFile {
  path: string;
  size: number;
}
export interface PackReport {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: PackedFile[];
}

/** What `npm pack` would put in the tarball, as npm reports it. */
export async function packDryRun(): Promise<PackReport> {
  const run = ok("npm pack --dry-run", await exec("npm", ["pack", "--dry-run", "--ignore-scripts", "--json"], repoRoot));
  return (JSON.parse(run.stdout) as PackReport[])[0]!;
}

export function packageJson(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown>;
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The lifecycle scripts a package manager runs when it installs a package. */
export const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall"] as const;

/**
 * Every installed package below a node_modules directory (following pnpm's
 * .pnpm/<name>@<version>/node_modules/<name> layout too): how many there are,
 * and those with an install script, as "name@version (script: command)".
 */
export function installScripts(nodeModules: string): { packages: number; withScripts: string[] } {
  const seen = new Set<string>();
  const withScripts = new Set<string>();
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (!entry.isDirectory() || entry.name === ".bin") continue;
      if (entry.name.startsWith("@")) visit(path);
      else if (entry.name === ".pnpm") {
        for (const store of readdirSync(path, { withFileTypes: true })) if (store.isDirectory()) visit(join(path, store.name, "node_modules"));
      } else if (existsSync(join(path, "package.json"))) {
        const pkg = packageJson(path) as { name?: string; version?: string; scripts?: Record<string, string> };
        seen.add(`${pkg.name}@${pkg.version}`);
        for (const script of INSTALL_SCRIPTS) if (pkg.scripts?.[script]) withScripts.add(`${pkg.name}@${pkg.version} (${script}: ${pkg.scripts[script]})`);
        visit(join(path, "node_modules"));
      }
    }
  };
  visit(nodeModules);
  return { packages: seen.size, withScripts: [...withScripts].sort() };
}

/** The file a `# yaml-language-server: $schema=…` first line points at, resolved from the file's directory. */
export function schemaLine(file: string): { ref: string; resolved: string } {
  const first = readFileSync(file, "utf8").split("\n")[0]!;
  const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
  if (!m) throw new Error(`${file}: first line is not a $schema line: ${first}`);
  return { ref: m[1]!, resolved: resolve(dirname(file), m[1]!) };
}

/** Every file below `dir` (relative path -> bytes). */
export function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(relative(dir, path).split("\\").join("/"), readFileSync(path));
  }
  return out;
}

/** Writes the provider table of this test (spec and source document) into a scratch repository's spec/. */
export function writeSpec(specDir: string): void {
  cpSync(join(fixtures, "spec"), specDir, { recursive: true });
}

/**
 * The two consumer packages: `checkout` (ESM TypeScript, built with tsc) and
 * `legacy` (CommonJS, `require()`), each depending on the generated package
 * through `dependency` ("*" for npm workspaces, "workspace:*" for pnpm).
 */
export function writeConsumers(root: string, dependency: string): void {
  cpSync(join(fixtures, "packages"), join(root, "packages"), { recursive: true });
  const deps = { "@codebook/acme-gateway": dependency };
  writeJson(join(root, "packages", "checkout", "package.json"), {
    name: "checkout",
    version: "1.0.0",
    private: true,
    type: "module",
    scripts: { build: "tsc -p ." },
    dependencies: deps,
  });
  writeJson(join(root, "packages", "legacy", "package.json"), {
    name: "legacy",
    version: "1.0.0",
    private: true,
    type: "commonjs",
    main: "index.js",
    dependencies: deps,
  });
}

/**
 * What the consumers print: the classifications the spec states (its source
 * document's Status column, and its rule for unlisted codes: pending).
 */
export const CHECKOUT_STDOUT = [
  "deliver 00 APPROVED",
  "hold 09 processing",
  "hold 91 processing",
  "refund 05 declined",
  "refund 51 declined",
  "refund 96 error",
  "hold 77 unlisted",
  "insufficient funds is 51: The account balance is too low.",
  'isAcmeGatewayCode: "51" true, 51 false, "77" false',
  "",
].join("\n");

export const LEGACY_STDOUT = [
  "00 success listed Approved",
  "68 pending listed Processing",
  "14 failed listed Declined",
  "96 failed listed Error",
  "42 pending unlisted -",
  "reason: The document says to treat a code it does not list as pending: query the status, never retry or refund on it.",
  "",
].join("\n");
