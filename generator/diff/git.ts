/**
 * Spec texts at a git revision, read from the object store (`git ls-tree`,
 * `git cat-file`) with execFile: no checkout, no shell, the working tree untouched.
 */
import { execFile } from "node:child_process";
import { realpathSync } from "node:fs";
import { basename, dirname, relative } from "node:path";
import { promisify } from "node:util";
import { UsageError, type SpecText } from "./inputs.ts";

const run = promisify(execFile);

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd, encoding: "utf8", maxBuffer: 256 << 20 });
    return stdout;
  } catch (err) {
    const e = err as { code?: unknown; stderr?: string; message: string };
    if (e.code === "ENOENT") throw new UsageError("--against needs git, and git was not found");
    throw new UsageError(`git ${args[0]}: ${(e.stderr || e.message).trim().split("\n")[0]}`);
  }
}

/**
 * The spec files at `ref` where `path` (a spec file or directory in the working
 * tree) is: for a directory, its `*.yaml` files; for a file, that file, or
 * nothing when it did not exist at `ref`.
 */
export async function specsAtRevision(ref: string, path: string, kind: "file" | "dir"): Promise<SpecText[]> {
  if (ref === "" || ref.startsWith("-")) throw new UsageError(`--against: "${ref}" is not a git revision`);
  const cwd = kind === "dir" ? path : dirname(path);
  const top = (await git(cwd, ["rev-parse", "--show-toplevel"])).trim();
  try {
    await run("git", ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], { cwd });
  } catch {
    throw new UsageError(`--against: "${ref}" is not a revision of the repository at ${top}`);
  }
  const rel = relative(realpathSync(top), realpathSync(path)).split("\\").join("/");
  const listing = await git(top, ["ls-tree", "-z", "--end-of-options", ref, "--", kind === "dir" ? (rel ? `${rel}/` : ".") : rel]);
  const out: SpecText[] = [];
  for (const entry of listing.split("\0")) {
    // "<mode> <type> <object>\t<path>"
    const m = /^\d+ (\w+) ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (!m || m[1] !== "blob" || !m[3]!.endsWith(".yaml")) continue;
    const file = m[3]!;
    const text = await git(top, ["cat-file", "blob", m[2]!]);
    out.push({ display: `${ref}:${file}`, text, id: basename(file, ".yaml") });
  }
  // A profile resolves against the specs beside it at the same revision (read, not compared).
  if (kind === "file" && out[0] && /^extends:/m.test(out[0].text)) {
    const dir = rel.includes("/") ? `${rel.slice(0, rel.lastIndexOf("/"))}/` : ".";
    for (const entry of (await git(top, ["ls-tree", "-z", "--end-of-options", ref, "--", dir])).split("\0")) {
      const m = /^\d+ (\w+) ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (!m || m[1] !== "blob" || !m[3]!.endsWith(".yaml") || m[3] === rel || m[3]!.includes("/", dir === "." ? 0 : dir.length)) continue;
      const id = basename(m[3]!, ".yaml");
      if (id === out[0].id) continue;
      out.push({ display: `${ref}:${m[3]}`, text: await git(top, ["cat-file", "blob", m[2]!]), id, baseOnly: true });
    }
  }
  return out.sort((x, y) => (x.baseOnly === y.baseOnly ? 0 : x.baseOnly ? 1 : -1) || (x.display < y.display ? -1 : x.display > y.display ? 1 : 0));
}
