// Preloaded (node --import) into each measured process: at exit, writes the process's
// peak resident set size (KiB, worker threads included) where BENCH_RSS_FILE says.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
