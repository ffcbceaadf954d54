// Preloaded with `node --import ./bench/report-rss.mjs …` when /usr/bin/time is
// not available: at exit, writes the process's peak resident set size (all
// threads) to standard error as `BENCH_MAX_RSS_KB=<kilobytes>`, and to the file
// named by BENCH_RSS_FILE when that is set. Worker threads inherit --import;
// only the main thread reports.
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    const kilobytes = process.resourceUsage().maxRSS;
    process.stderr.write(`BENCH_MAX_RSS_KB=${kilobytes}\n`);
    const file = process.env.BENCH_RSS_FILE;
    if (file) writeFileSync(file, `${kilobytes}\n`);
  });
}
