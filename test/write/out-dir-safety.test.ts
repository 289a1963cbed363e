// The out dir is the only place codebook touches, driven through the command (in
// process; the hang checks and concurrent runs are processes of the built CLI):
// a tampered manifest, symlinks below the out dir, leftovers of a killed run,
// files codebook did not write, and the lock that keeps one writer per out dir.
import { spawnSync } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { minimalSpec, project, runAsync, runIn, snapshot, tempDir } from "../cli/harness.ts";

const MANIFEST = ".codebook-manifest.json";

/** A generated scratch project with two small specs, and a folder beside it that codebook must never touch. */
async function generated(): Promise<{ dir: string; out: string; victim: string }> {
  const dir = project([], { "codes.yaml": minimalSpec(), "other.yaml": minimalSpec("other") });
  expect((await runIn(["generate"], dir)).code).toBe(0);
  const victim = tempDir("codebook-victim-");
  writeFileSync(join(victim, "victim.txt"), "keep me");
  mkdirSync(join(victim, "src"));
  writeFileSync(join(victim, "src", "index.ts"), "// not codebook's");
  return { dir, out: join(dir, "generated"), victim };
}

type Manifest = { packages: Record<string, { spec: string; files: Record<string, string> }> };

function editManifest(out: string, edit: (m: Manifest) => void): void {
  const m = JSON.parse(readFileSync(join(out, MANIFEST), "utf8")) as Manifest;
  edit(m);
  writeFileSync(join(out, MANIFEST), JSON.stringify(m, null, 2));
}

const tampering: [string, (m: Manifest, victimFile: string) => void][] = [
  ["a path that climbs out", (m, victimFile) => (m.packages.other!.files[`other/../../../..${victimFile}`] = "0")],
  ["a fake package whose file climbs out", (m, victimFile) => (m.packages.ghost = { spec: "x", files: { [`ghost/../../../..${victimFile}`]: "0" } })],
  ["an absolute path", (m, victimFile) => (m.packages.other!.files[victimFile] = "0")],
  ["a package id that is a path", (m, victimFile) => (m.packages["../x"] = { spec: "x", files: { [`../x/${victimFile}`]: "0" } })],
];

describe("a tampered manifest never makes codebook touch a file outside the out dir", () => {
  it.each(tampering)("%s: generate and --check stop with a clear error, exit 2, and the file survives", async (_name, tamper) => {
    const { dir, out, victim } = await generated();
    const victimFile = join(victim, "victim.txt");
    editManifest(out, (m) => tamper(m, victimFile));
    // The spec whose package lists the entry is removed, so the entry would be up for removal.
    rmSync(join(dir, "spec", "other.yaml"));
    for (const args of [["generate"], ["generate", "--check"]]) {
      const r = await runIn(args, dir);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^codebook: .*\.codebook-manifest\.json: .*(outside package|is not a package codebook writes).*\n$/);
    }
    expect(readFileSync(victimFile, "utf8")).toBe("keep me");
    expect(existsSync(join(out, "other", "src", "index.ts"))).toBe(true);
  });
});

describe("symlinks below the out dir are never written or deleted through", () => {
  it("a package's src/ linked to an outside folder: generate refuses (exit 2), --check reports it", async () => {
    const { dir, out, victim } = await generated();
    rmSync(join(out, "codes", "src"), { recursive: true });
    symlinkSync(join(victim, "src"), join(out, "codes", "src"), "dir");
    const before = snapshot(victim);
    const r = await runIn(["generate"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`codebook: ${join(out, "codes", "src")} is a symbolic link; codebook never writes or deletes through a link below the out dir. Replace it with a real directory or file, or remove it, and run again\n`);
    expect(snapshot(victim)).toEqual(before);
    const check = await runIn(["generate", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("  symlink    generated/codes/src (a symbolic link: codebook will not write through it)");
  });

  it("a package folder that is a link, whose spec is removed: nothing outside is deleted", async () => {
    const { dir, out, victim } = await generated();
    // The outside folder holds same-named files: a removal through the link would delete them.
    for (const f of ["README.md", "catalog.json", "package.json"]) writeFileSync(join(victim, f), "outside");
    renameSync(join(out, "other"), join(victim, "other-real"));
    rmSync(join(victim, "other-real"), { recursive: true });
    symlinkSync(victim, join(out, "other"), "dir");
    rmSync(join(dir, "spec", "other.yaml"));
    const before = snapshot(victim);
    const r = await runIn(["generate"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is a symbolic link");
    expect(snapshot(victim)).toEqual(before);
  });
});

describe("leftovers and files codebook did not write", () => {
  it("a temporary file of a killed run: --check reports it, generate removes it", async () => {
    const { dir, out } = await generated();
    const leftover = join(out, "codes", "src", "index.ts.codebook-tmp-99999");
    writeFileSync(leftover, "half a file");
    const check = await runIn(["generate", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("  leftover   generated/codes/src/index.ts.codebook-tmp-99999 (temporary file of an interrupted run)");
    const r = await runIn(["generate"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  cleaned  generated/codes/src/index.ts.codebook-tmp-99999 (temporary file of an interrupted run)");
    expect(existsSync(leftover)).toBe(false);
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
  });

  it("a stale package the manifest does not list (restored from a cache after its spec went): --check fails, generate warns and keeps it", async () => {
    const { dir, out } = await generated();
    const copy = tempDir();
    renameSync(join(out, "other"), join(copy, "other"));
    rmSync(join(dir, "spec", "other.yaml"));
    expect((await runIn(["generate"], dir)).code).toBe(0);
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
    renameSync(join(copy, "other"), join(out, "other")); // the cache restores the old package folder
    const check = await runIn(["generate", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/^codebook: 11 problems in generated; remove what codebook did not write:\n/);
    expect(check.stderr).toContain("  unexpected generated/other/src/index.ts (not written by codebook; remove it)");
    const r = await runIn(["generate"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("codebook: warning: generated/other/package.json is not written by codebook; left in place, and `codebook generate --check` fails until it is removed\n");
    expect(existsSync(join(out, "other", "package.json"))).toBe(true);
    const json = JSON.parse((await runIn(["generate", "--check", "--json"], dir)).stdout);
    expect(json.problems.filter((p: { kind: string }) => p.kind === "unexpected")).toHaveLength(11);
  });

  it("an unexpected file in a current package: --check fails even when the manifest proves everything else current", async () => {
    const { dir, out } = await generated();
    writeFileSync(join(out, "codes", "src", "extra.ts"), "export {};\n");
    const check = await runIn(["generate", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("  unexpected generated/codes/src/extra.ts");
  });
});

describe("one writer per out dir", () => {
  it("a lock held by a live run: the second run waits, then fails with a clear message naming the holder; exit 2", async () => {
    const { dir, out } = await generated();
    writeFileSync(join(dir, "spec", "codes.yaml"), minimalSpec().replace("message: Failed", "message: Declined"));
    writeFileSync(join(out, ".codebook-lock"), JSON.stringify({ pid: process.pid, host: hostname(), started: "2026-01-01T00:00:00.000Z" }));
    const before = snapshot(out);
    const r = await runIn(["generate", "--lock-timeout", "0.5"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`codebook: waiting for another codebook run on the out dir (pid ${process.pid} on ${hostname()}, since 2026-01-01T00:00:00.000Z)…\n`);
    expect(r.stderr).toContain(`.codebook-lock is held by another codebook run (pid ${process.pid} on ${hostname()}, since 2026-01-01T00:00:00.000Z); waited 0.5 s. If no codebook is running, delete that file.`);
    expect(snapshot(out)).toEqual(before);
  });

  it("a lock left by a killed run (its process is gone) is taken over", async () => {
    const { dir, out } = await generated();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    writeFileSync(join(out, ".codebook-lock"), JSON.stringify({ pid: Number(dead), host: hostname(), started: "2026-01-01T00:00:00.000Z" }));
    writeFileSync(join(dir, "spec", "codes.yaml"), minimalSpec().replace("message: Failed", "message: Declined"));
    const r = await runIn(["generate", "--lock-timeout", "0"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("updated  generated/codes/src/index.ts");
    expect(existsSync(join(out, ".codebook-lock"))).toBe(false);
  });

  it("a lock left by a run killed after its last write (the out dir is current) is removed by the next run; --check leaves it", async () => {
    const { dir, out } = await generated();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const lock = JSON.stringify({ pid: Number(dead), host: hostname(), started: "2026-01-01T00:00:00.000Z" });
    writeFileSync(join(out, ".codebook-lock"), lock);
    const before = snapshot(out);
    const check = await runIn(["generate", "--check"], dir);
    expect(check.code).toBe(0);
    expect(snapshot(out)).toEqual(before);
    const r = await runIn(["generate"], dir);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/ 0 created, 0 updated, 0 removed, \d+ unchanged/);
    before.delete(".codebook-lock");
    expect(snapshot(out)).toEqual(before);
  });

  it("an up-to-date run leaves a live holder's lock alone", async () => {
    const { dir, out } = await generated();
    const lock = JSON.stringify({ pid: process.pid, host: hostname(), started: "2026-01-01T00:00:00.000Z" });
    writeFileSync(join(out, ".codebook-lock"), lock);
    const r = await runIn(["generate", "--lock-timeout", "0"], dir);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(join(out, ".codebook-lock"), "utf8")).toBe(lock);
  });

  it("a second run started while the first writes waits for it; both succeed", async () => {
    const { dir } = await generated();
    writeFileSync(join(dir, "spec", "codes.yaml"), minimalSpec().replace("message: Failed", "message: Declined"));
    const [a, b] = await Promise.all([runAsync(["generate"], dir), runAsync(["generate"], dir)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
  });
});

describe("a lock path that is not a regular file (issue 18): one line, exit 2, within --lock-timeout", () => {
  // A dangling link or a directory at the lock path made generate spin at 100% CPU forever, printing
  // nothing: readHolder found no holder and the loop skipped both the deadline and the sleep.
  it.each([
    ["a dangling symbolic link", (lock: string) => symlinkSync(join(tempDir(), "gone"), lock), "is a symbolic link"],
    ["a symbolic link to a file that looks like a lock", (lock: string) => symlinkSync(lockLike(), lock), "is a symbolic link"],
    ["a directory", (lock: string) => mkdirSync(lock), "is a directory"],
    ["a directory with a file in it", (lock: string) => (mkdirSync(lock), writeFileSync(join(lock, "x"), "")), "is a directory"],
    ["a FIFO", (lock: string) => execFileSync("mkfifo", [lock]), "is a FIFO (named pipe)"],
  ])("%s", async (_name, make, what) => {
    const { dir, out } = await generated();
    writeFileSync(join(dir, "spec", "codes.yaml"), minimalSpec().replace("message: Failed", "message: Declined"));
    const lock = join(out, ".codebook-lock");
    make(lock);
    const before = snapshot(out);
    for (const timeout of ["0", "60"]) {
      const r = await runIn(["generate", "--lock-timeout", timeout], dir, {}, 30_000);
      expect(r.code, `--lock-timeout ${timeout}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toBe(`codebook: ${lock} ${what}: not a lock codebook made, and no codebook run can take the out dir while it is there. Remove it and run again\n`);
      expect(snapshot(out)).toEqual(before);
    }
    rmSync(lock, { recursive: true });
    expect((await runIn(["generate"], dir)).code).toBe(0);
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
  });
});

/** A file outside the out dir holding what a live holder's lock holds. */
function lockLike(): string {
  const target = join(tempDir(), "lock");
  writeFileSync(target, JSON.stringify({ pid: process.pid, host: hostname(), started: "2026-01-01T00:00:00.000Z" }));
  return target;
}

describe("the out-dir checks judge real paths, links resolved at every level (issue 18)", () => {
  /** A project two directories below a scratch folder, so that "above the project" stays inside the scratch folder. */
  function nested(): { top: string; dir: string } {
    const top = tempDir();
    const dir = join(top, "one", "two");
    mkdirSync(join(dir, "spec", "sources"), { recursive: true });
    writeFileSync(join(dir, "spec", "codes.yaml"), minimalSpec());
    writeFileSync(join(dir, "spec", "sources", "codes.txt"), "the source document");
    return { top, dir };
  }

  it.each([
    // Finding 4: packages and a manifest were written into spec/, and a manifest entry could then delete a spec's source document.
    ["gen -> spec, outDir: gen", "gen", (dir: string) => symlinkSync("spec", join(dir, "gen")), /outDir "gen" is the spec directory \(.*\/spec, links resolved\)/],
    ["gen -> spec/sources, outDir: gen", "gen", (dir: string) => symlinkSync(join("spec", "sources"), join(dir, "gen")), /outDir "gen" lies inside the spec directory \(.*\/spec\/sources, links resolved\)/],
    ["outDir: spec/generated (inside the spec directory, no link)", "spec/generated", () => {}, /outDir "spec\/generated" lies inside the spec directory;/],
    ["gen -> .., outDir: gen", "gen", (dir: string) => symlinkSync("..", join(dir, "gen")), /outDir "gen" holds the config file's directory \(.*\/one, links resolved\)/],
    ["gen -> ., outDir: gen", "gen", (dir: string) => symlinkSync(".", join(dir, "gen")), /outDir "gen" is the config file's own directory \(.*\/two, links resolved\)/],
    // Finding 4: two directories were written above the project; the check was lexical.
    ["outDir: a/up/x with a/up -> ../..", "a/up/x", (dir: string) => (mkdirSync(join(dir, "a")), symlinkSync(join("..", ".."), join(dir, "a", "up"))), /outDir "a\/up\/x" leads out of the config file's directory through a symbolic link \(.*\/one\/x, links resolved\)/],
    ["outDir: a/up with a/up -> ../../.. (above the project)", "a/up", (dir: string) => (mkdirSync(join(dir, "a")), symlinkSync(join("..", "..", ".."), join(dir, "a", "up"))), /outDir "a\/up" holds the config file's directory/],
    ["outDir: gen, a link that leads nowhere", "gen", (dir: string) => symlinkSync(join("missing", "x"), join(dir, "gen")), /outDir "gen" goes through .*\/gen, a symbolic link that leads nowhere/],
    ["outDir: file/x, below a regular file", "file/x", (dir: string) => writeFileSync(join(dir, "file"), ""), /outDir "file\/x" is not a directory \(.*\/file is a regular file\)/],
  ])("%s: refused with one line, exit 2, and nothing written anywhere", async (_name, outDir, make, message) => {
    const { top, dir } = nested();
    writeFileSync(join(dir, "codebook.config.yaml"), `specDir: spec\noutDir: ${outDir}\n`);
    make(dir);
    const before = snapshot(top);
    for (const args of [["generate"], ["generate", "--check"]]) {
      const r = await runIn(args, dir, {}, 60_000);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split("\n").filter(Boolean), r.stderr).toHaveLength(1);
      expect(snapshot(top)).toEqual(before);
    }
    expect(readFileSync(join(dir, "spec", "sources", "codes.txt"), "utf8")).toBe("the source document");
  });

  it("an out dir that is a link to a directory of the project's own is accepted, and written through", async () => {
    const { dir } = nested();
    mkdirSync(join(dir, "build", "codebook"), { recursive: true });
    symlinkSync(join("build", "codebook"), join(dir, "gen"));
    writeFileSync(join(dir, "codebook.config.yaml"), "specDir: spec\noutDir: gen\n");
    expect((await runIn(["generate"], dir)).code).toBe(0);
    expect(existsSync(join(dir, "build", "codebook", "codes", "src", "index.ts"))).toBe(true);
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
  });
});

describe("obstructions in the out dir: one line saying what to move, exit 2, nothing written (issue 18)", () => {
  // Each gave exit 3 with a stack (EEXIST, ENOTDIR, EISDIR from mkdir, rename or the manifest's write).
  const edit = (dir: string) => writeFileSync(join(dir, "spec", "codes.yaml"), minimalSpec().replace("message: Failed", "message: Declined"));
  it.each([
    ["a file where dist/ goes", (out: string) => (rmSync(join(out, "codes", "dist"), { recursive: true }), writeFileSync(join(out, "codes", "dist"), "")), "codes/dist is a file where codebook writes a directory (for "],
    ["a file where a package folder goes", (out: string) => (rmSync(join(out, "codes"), { recursive: true }), writeFileSync(join(out, "codes"), "")), "codes is a file where codebook writes a directory;"],
    ["a FIFO where src/ goes", (out: string) => (rmSync(join(out, "codes", "src"), { recursive: true }), execFileSync("mkfifo", [join(out, "codes", "src")])), "codes/src is a file where codebook writes a directory (for "],
    ["a directory where a file goes", (out: string) => (rmSync(join(out, "codes", "README.md")), mkdirSync(join(out, "codes", "README.md"))), "codes/README.md is a directory where codebook writes a file;"],
    ["a directory where the manifest goes", (out: string) => (rmSync(join(out, MANIFEST)), mkdirSync(join(out, MANIFEST))), `${MANIFEST} is a directory, not a regular file, where codebook keeps its manifest;`],
    ["a FIFO where the manifest goes", (out: string) => (rmSync(join(out, MANIFEST)), execFileSync("mkfifo", [join(out, MANIFEST)])), `${MANIFEST} is a FIFO (named pipe), not a regular file, where codebook keeps its manifest;`],
  ])("%s", async (_name, obstruct, message) => {
    const { dir, out } = await generated();
    edit(dir);
    obstruct(out);
    const before = snapshot(out);
    const r = await runIn(["generate"], dir, {}, 60_000);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.startsWith(`codebook: ${out}/${message}`), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/move it out of the out dir, or delete it, and run again\n$/);
    expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(snapshot(out)).toEqual(before);
  });

  it("a file where dist/ goes on a first run (no manifest yet): refused before anything is written", async () => {
    const dir = project([], { "codes.yaml": minimalSpec() });
    const out = join(dir, "generated");
    mkdirSync(join(out, "codes"), { recursive: true });
    writeFileSync(join(out, "codes", "dist"), "");
    const r = await runIn(["generate"], dir, {}, 60_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^codebook: .*\/generated\/codes\/dist is a file where codebook writes a directory \(for .*\/codes\/dist\/.*\); move it out of the out dir, or delete it, and run again\n$/);
    expect(snapshot(out)).toEqual(new Map([["codes/dist", ""]]));
  });

  it("a FIFO in a package folder is never read: generate warns and writes, --check reports it", async () => {
    const { dir, out } = await generated();
    edit(dir);
    execFileSync("mkfifo", [join(out, "codes", "src", "pipe")]);
    const r = await runIn(["generate"], dir, {}, 60_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("codebook: warning: generated/codes/src/pipe is not written by codebook; left in place");
    const check = await runIn(["generate", "--check"], dir, {}, 60_000);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("  unexpected generated/codes/src/pipe (not written by codebook; remove it)");
  });

  it("a generated file replaced by a link to /dev/zero: --check reports the link and does not read through it", async () => {
    const { dir, out } = await generated();
    rmSync(join(out, "codes", "README.md"));
    symlinkSync("/dev/zero", join(out, "codes", "README.md"));
    // The cache proved the package current by hashing its files, through the link, forever.
    const check = await runIn(["generate", "--check"], dir, {}, 60_000);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("  symlink    generated/codes/README.md (a symbolic link: codebook will not write through it)");
    const r = await runIn(["generate"], dir, {}, 60_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is a symbolic link; codebook never writes or deletes through a link below the out dir");
  });
});

describe("the claims journal of an interrupted run (.codebook-manifest.claims)", () => {
  const JOURNAL = ".codebook-manifest.claims";

  it("is read back with the manifest: --check reports it, generate removes what it claims and is no longer produced, then the journal", async () => {
    const { dir, out } = await generated();
    // What a run killed mid-write leaves: a new file created, claimed by the journal, and a cut last line.
    writeFileSync(join(out, "codes", "src", "extra.ts"), "// written by the killed run\n");
    writeFileSync(join(out, JOURNAL), `${JSON.stringify(["codes/src/extra.ts"])}\n["codes/src/cut`);
    const check = await runIn(["generate", "--check"], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`  leftover   generated/${JOURNAL} (temporary file of an interrupted run)`);
    expect(check.stderr).toContain("  orphaned   generated/codes/src/extra.ts");
    const r = await runIn(["generate"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`  cleaned  generated/${JOURNAL} (temporary file of an interrupted run)`);
    expect(existsSync(join(out, "codes", "src", "extra.ts"))).toBe(false);
    expect(existsSync(join(out, JOURNAL))).toBe(false);
    expect((await runIn(["generate", "--check"], dir)).code).toBe(0);
  });

  it("a journal that claims a path outside its package stops the run (exit 2) and the file survives", async () => {
    const { dir, out, victim } = await generated();
    writeFileSync(join(out, JOURNAL), `${JSON.stringify([`codes/../../../..${join(victim, "victim.txt")}`])}\n`);
    for (const args of [["generate"], ["generate", "--check"]]) {
      const r = await runIn(args, dir);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^codebook: .*\.codebook-manifest\.claims: .* is outside package codes's folder;.*\n$/);
    }
    expect(readFileSync(join(victim, "victim.txt"), "utf8")).toBe("keep me");
  });
});
