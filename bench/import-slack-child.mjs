// Run by bench/import-slack.ts under /usr/bin/time -v (or report-rss.mjs): imports
// one channel of a Slack export with the built library (dist/), as
// `postmortem import slack` will, and prints what it got as one JSON line.
//   node bench/import-slack-child.mjs DIST EXPORT CHANNEL
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [dist, folder, channel] = process.argv.slice(2);
const { importSource } = await import(pathToFileURL(join(dist, 'index.js')).href);
const result = await importSource('slack').read({ path: folder, display: folder }, { channel });
const summary = result.ok
  ? { ok: true, events: result.incident.events.length, warnings: result.warnings.length }
  : { ok: false, problems: result.diagnostics.slice(0, 3).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`) };
process.stdout.write(`${JSON.stringify(summary)}\n`);
