/**
 * Output is byte-identical across runs, under another TZ and LANG and from another
 * working directory; every generated file carries the "DO NOT EDIT" header and
 * nothing that varies by machine or time (absolute paths, today's date, the
 * codebook version).
 *
 * The child process runs a fresh esbuild bundle of generator/cli/main.ts (as
 * scripts/build.mjs builds dist/cli.js), laid out like an installed package in a
 * temp dir, so a stale dist/ can never make the comparison lie. It generates from a
 * temp copy of the config and specs into a temp out dir, with TZ=Pacific/Kiritimati
 * (UTC+14) and a Turkish locale, from an unrelated cwd, with --config absolute.
 */
import { execFile } from "node:child_process";
import { cpSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GeneratedFile } from "../../generator/model/generated-file.ts";
import { generate } from "../../generator/run/pipeline.ts";
import { repoRoot, specIds } from "../helpers.ts";

const foreignEnv = { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" };
/** Every spec in spec/, so a spec someone adds is held to the same bytes. */
const ids = specIds();

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runNode(args: string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "", ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

let temp: string;
let first: GeneratedFile[];
let second: GeneratedFile[];
let child: Run;
let childEnvProbe: Run;
let childOut: string;

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), "codebook-determinism-"));
  // An "installed" codebook: fresh bundle + links to what it reads at run time.
  const pkg = join(temp, "codebook");
  mkdirSync(join(pkg, "dist"), { recursive: true });
  copyFileSync(join(repoRoot, "package.json"), join(pkg, "package.json"));
  for (const d of ["generator", "schema", "templates", "spec", "node_modules"]) symlinkSync(join(repoRoot, d), join(pkg, d), process.platform === "win32" ? "junction" : "dir");
  await build({
    entryPoints: [join(repoRoot, "generator", "cli", "main.ts")],
    outfile: join(pkg, "dist", "cli.js"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  // The project: a copy of the config and specs, generating into its own out dir.
  const project = join(temp, "project");
  mkdirSync(project);
  copyFileSync(join(repoRoot, "codebook.config.yaml"), join(project, "codebook.config.yaml"));
  cpSync(join(repoRoot, "spec"), join(project, "spec"), { recursive: true });
  const elsewhere = join(temp, "elsewhere");
  mkdirSync(elsewhere);
  childOut = project;

  const childRun = runNode([join(pkg, "dist", "cli.js"), "generate", "--config", join(project, "codebook.config.yaml")], elsewhere, foreignEnv);
  const probe = runNode(
    ["-e", 'process.stdout.write(`${Intl.DateTimeFormat().resolvedOptions().locale} ${new Date().getTimezoneOffset()} ${process.cwd() === process.argv[1]}`)', elsewhere],
    elsewhere,
    foreignEnv,
  );
  // In memory, twice, from the repository (--only every id: the full pipeline, no manifest fast path),
  // every target's files by their path from the project's root.
  const everyTarget = async () =>
    (await generate({ cwd: repoRoot, check: true, only: ids })).targets.flatMap((t) =>
      t.files.map((f) => ({ ...f, path: `${relative(repoRoot, t.outDir).split("\\").join("/")}/${f.path}` })),
    );
  first = await everyTarget();
  second = await everyTarget();
  [child, childEnvProbe] = await Promise.all([childRun, probe]);
}, 120_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe("determinism", () => {
  it("generates every spec in spec/", () => {
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(first.filter((f) => f.path.startsWith("generated/")).map((f) => f.path.split("/")[1]))).toEqual(new Set(ids));
    for (const id of ids) {
      for (const file of ["package.json", "catalog.json", "README.md", "src/index.ts", "dist/index.js", "dist/index.d.ts"]) {
        expect(first.some((f) => f.path === `generated/${id}/${file}`), `${id}/${file}`).toBe(true);
      }
      for (const file of ["go.mod", "codes.go", "classify.go", "README.md"]) expect(first.some((f) => f.path === `generated-go/${id}/${file}`), `${id}/${file}`).toBe(true);
    }
  });

  it("two in-memory runs give identical bytes for every file", () => {
    expect(second.map((f) => f.path)).toEqual(first.map((f) => f.path));
    for (const [i, f] of first.entries()) {
      expect(Buffer.from(second[i]!.content).equals(Buffer.from(f.content)), f.path).toBe(true);
    }
  });

  it("the child process really ran under the foreign TZ, locale and cwd", () => {
    expect(childEnvProbe.code).toBe(0);
    expect(childEnvProbe.stdout).toBe("tr-TR -840 true");
  });

  it("a child process (TZ=Pacific/Kiritimati, tr_TR.UTF-8, other cwd, absolute --config) writes identical bytes", () => {
    expect(child.stderr).toBe("");
    expect(child.code).toBe(0);
    const lines = child.stdout.split("\n");
    for (const target of ["typescript", "go"]) {
      const n = first.filter((f) => f.path.startsWith(target === "go" ? "generated-go/" : "generated/")).length;
      expect(lines).toContain(`codebook: ${target}: ${ids.length} packages, ${n} files: ${n} created, 0 updated, 0 removed, 0 unchanged`);
    }
    expect(lines.filter((l) => l.startsWith("  ")).sort()).toEqual(first.map((f) => `  created  ${f.path}`).sort());
    expect(child.stdout.endsWith("\n")).toBe(true);

    const written = listFiles(childOut).filter((p) => /^generated(-go)?\//.test(p) && !p.endsWith("/.codebook-manifest.json"));
    expect(written).toEqual(first.map((f) => f.path).sort());
    for (const f of first) {
      const bytes = readFileSync(join(childOut, f.path));
      expect(bytes.equals(Buffer.from(f.content)), f.path).toBe(true);
    }
  });
});

describe("every generated file", () => {
  const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;

  it("starts with the DO NOT EDIT header naming its spec file", () => {
    const kinds = new Set<string>();
    for (const f of first) {
      const id = f.path.split("/")[1]!;
      const header = `Code generated by codebook from spec/${id}.yaml. DO NOT EDIT.`;
      if (/\.(?:ts|js|go)$|\/go\.mod$/.test(f.path)) {
        kinds.add(f.path.endsWith(".d.ts") ? "d.ts" : f.path.slice(f.path.lastIndexOf(".") + 1));
        expect(f.content.split("\n")[0], f.path).toBe(`// ${header}`);
        // TypeScript and JavaScript are out of a repository-wide lint's reach (issue 21, item 2); Go has go vet's own rule.
        if (!/\.go$|\/go\.mod$/.test(f.path)) expect(f.content.split("\n")[1], f.path).toBe("/* eslint-disable */");
      } else if (f.path.endsWith(".md")) {
        kinds.add("md");
        expect(f.content.split("\n")[0], f.path).toBe(`<!-- ${header} -->`);
      } else if (f.path.endsWith(".json") || f.path.endsWith(".d.ts.map")) {
        kinds.add(f.path.endsWith(".map") ? "map" : "json");
        const first = Object.entries(JSON.parse(f.content) as Record<string, unknown>)[0];
        expect(first, f.path).toBeDefined();
        expect(["$comment", "//"], f.path).toContain(first![0]);
        expect(first![1], f.path).toBe(header);
        expect(f.content.startsWith(`{\n  "${first![0]}": "${header}",\n`), f.path).toBe(true);
      } else {
        throw new Error(`no header rule for ${f.path}`);
      }
      // Once: a header doubled by a later stage (e.g. the compile step) is a bug too.
      expect(f.content.split(header).length - 1, `${f.path}: header count`).toBe(1);
    }
    expect([...kinds].sort()).toEqual(["d.ts", "go", "js", "json", "map", "md", "mod", "ts"]);
  });

  it("contains no absolute path", () => {
    const forbidden = [repoRoot, `${dirname(repoRoot)}/`, tmpdir(), temp, "file://"];
    if (homedir().length > 1) forbidden.push(`${homedir()}/`);
    for (const f of first) {
      for (const s of forbidden) expect(f.content.includes(s), `${f.path} contains ${s}`).toBe(false);
      expect(/\b[A-Za-z]:\\/.test(f.content), `${f.path} contains a Windows path`).toBe(false);
    }
  });

  it("contains no timestamp from today", () => {
    const now = new Date();
    const stamps = new Set<string>();
    for (const timeZone of ["UTC", "Pacific/Kiritimati", "Etc/GMT+12", Intl.DateTimeFormat().resolvedOptions().timeZone]) {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
          .formatToParts(now)
          .map((p) => [p.type, p.value]),
      ) as { year: string; month: string; day: string };
      const { year: y, month: m, day: d } = parts;
      for (const s of [`${y}-${m}-${d}`, `${y}${m}${d}`, `${y}/${m}/${d}`, `${d}/${m}/${y}`, `${d}-${m}-${y}`, `${d}.${m}.${y}`]) stamps.add(s);
      const short = new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", year: "numeric" }).format(now);
      stamps.add(short); // e.g. "Nov 22, 2025"
      stamps.add(short.replace(",", "")); // Date#toDateString style
    }
    stamps.add(now.toUTCString().slice(5, 16)); // "22 Nov 2025"
    expect(stamps.size).toBeGreaterThan(6);
    for (const f of first) {
      for (const s of stamps) expect(f.content.includes(s), `${f.path} contains ${s}`).toBe(false);
    }
  });

  it("contains no codebook version", () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const bare = new RegExp(`(?<![\\w.])v?${version.replace(/\./g, "\\.")}(?![\\w.])`);
    for (const f of first) {
      expect(bare.test(f.content), `${f.path} contains ${version}`).toBe(false);
      expect(/codebook[@ ]v?\d+\.\d+/i.test(f.content), `${f.path} names a codebook version`).toBe(false);
    }
  });
});
