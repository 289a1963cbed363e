// Running `codebook proxy` as a user does: dist/cli.js in a real process,
// resolved once it prints its listening line.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cli } from "../cli/harness.ts";
import { repoRoot } from "../helpers.ts";

export interface ProxyProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  first: string;
  output: () => string;
  errors: () => string;
  exit: Promise<number | null>;
}

export function startProxyCli(args: string[], cwd: string = repoRoot): Promise<ProxyProcess> {
  const child = spawn(process.execPath, [cli, "proxy", ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
  let out = "";
  let err = "";
  const exit = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
  return new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      const first = !out.includes("\n");
      out += d;
      if (first && out.includes("\n")) {
        const line = out.split("\n")[0]!;
        const url = /listening on (http:\/\/\S+) /.exec(line)?.[1] ?? (line.startsWith("{") ? (JSON.parse(line) as { url: string }).url : "");
        resolve({ child, first: line, url, output: () => out, errors: () => err, exit });
      }
    });
    void exit.then((code) => reject(new Error(`codebook proxy exited ${code} before listening: ${err}`)));
  });
}
