// Preloaded (node --import) into each measured process: at exit, writes the process's
// peak resident set size (KiB, worker threads included) and its own CPU seconds (user +
// system, workers included; the bench's fallback where /proc gives no children's times)
// where BENCH_RSS_FILE says.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (!process.env.BENCH_RSS_FILE) return;
  const u = process.resourceUsage();
  writeFileSync(process.env.BENCH_RSS_FILE, `${u.maxRSS} ${(u.userCPUTime + u.systemCPUTime) / 1e6}`);
});
