// The Go target's tests run the real Go toolchain (gofmt, go vet, go build, go test).
// On a fresh Debian or Ubuntu machine, where the README's test command runs as root
// (a CI container), a missing Go is installed from the distribution (golang-go);
// anywhere else the run stops with a one-line instruction. No Go test is skipped.
import { execFileSync, spawnSync } from "node:child_process";

/** The oldest Go the generated modules support (the Go target's default `go` directive). */
const MIN_MINOR = 19;

function goVersion(): string | null {
  const r = spawnSync("go", ["version"], { encoding: "utf8" });
  if (r.status !== 0) return null;
  return /go1\.(\d+)/.exec(r.stdout)?.[0] ?? null;
}

function onPath(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function aptInstall(): void {
  const install = () => spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "golang-go"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
  if (install()) return;
  execFileSync("apt-get", ["update"], { stdio: "inherit" });
  install();
}

export default function setup(): void {
  const version = goVersion();
  if (version !== null && Number(version.split(".")[1]) >= MIN_MINOR && onPath("gofmt")) return;
  if (version === null && process.getuid?.() === 0 && onPath("apt-get")) {
    console.log("codebook tests: Go is not installed; installing golang-go with apt-get");
    aptInstall();
    const installed = goVersion();
    if (installed !== null && Number(installed.split(".")[1]) >= MIN_MINOR && onPath("gofmt")) return;
  }
  const found = version === null ? "Go is not on PATH" : `${version} is older than go1.${MIN_MINOR}`;
  throw new Error(`codebook tests need Go 1.${MIN_MINOR} or newer for the Go target (${found}): install it (Debian/Ubuntu: apt-get install golang-go; else https://go.dev/dl/) and run npm test again`);
}
