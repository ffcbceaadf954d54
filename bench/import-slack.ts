/**
 * Peak memory of importing one channel of a large Slack export: the export
 * is streamed a day file at a time, so memory should follow the largest
 * day, not the export (target: under 200 MB for a 500 MB export).
 *
 *   npm run build && node --import tsx bench/import-slack.ts [MEGABYTES]
 *   BENCH_IMPORT=1 npm run bench          # the same, as a row of the main table
 *
 * BENCH_SLACK_MB sets the size (default 500). The export is generated once
 * into bench/.work/slack-export-<MB>mb (bench/generate-slack.ts, seeded, no
 * clock) and reused while its size and seed are the same.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH, ROOT, type Row, SEED, WORK, fail, measureRss, positiveInt, rssMethod } from './common.js';
import { SLACK_CHANNEL, generateSlackExport } from './generate-slack.js';

const TARGET_MB = 200;
/** Kilobytes (KiB, as getrusage reports them) to megabytes of 10^6 bytes. */
const megabytes = (kb: number) => (kb * 1024) / 1e6;

export function measureSlackImport(log: (text: string) => void, size = positiveInt('BENCH_SLACK_MB', [process.env.BENCH_SLACK_MB], 500)): { row: Row; notes: string[] } {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'index.js'))) fail('dist/index.js is missing; run `npm run build` first.');
  const folder = join(WORK, `slack-export-${size}mb`);
  const stamp = join(folder, '.generated');
  const wanted = `${size} MB, seed ${SEED}`;
  let made: { bytes: number; messages: number; pinned: number };
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').startsWith(`${wanted}\n`)) {
    made = JSON.parse(readFileSync(stamp, 'utf8').split('\n')[1]!) as typeof made;
    log(`reusing the ${size} MB Slack export in ${folder.replace(ROOT, '')}`);
  } else {
    log(`generating a ${size} MB Slack export into ${folder.replace(ROOT, '')}…`);
    made = generateSlackExport(folder, size, SEED);
    writeFileSync(stamp, `${wanted}\n${JSON.stringify(made)}\n`);
  }
  log(`measuring peak RSS of importing #${SLACK_CHANNEL} (${made.messages} messages, ${made.pinned} pinned) with ${rssMethod}…`);
  const child = join(BENCH, 'import-slack-child.mjs');
  const measured = measureRss([child, dist, folder, SLACK_CHANNEL], WORK);
  const bare = measureRss(['-e', '0'], WORK);
  if (measured.run.status !== 0) fail('the Slack import failed', measured.run);
  const summary = JSON.parse(measured.run.stdout.trim().split('\n').pop() ?? '{}') as { ok?: boolean; events?: number; problems?: string[] };
  if (!summary.ok || summary.events !== made.pinned) fail(`the Slack import gave ${JSON.stringify(summary)}, expected ${made.pinned} events`, measured.run);
  const mb = megabytes(measured.kb);
  const exportMb = made.bytes / 1e6;
  return {
    row: {
      measure: `peak RSS, Slack import of a ${exportMb.toFixed(0)} MB export`,
      value: `${mb.toFixed(0)} MB`,
      baseline: `${megabytes(bare.kb).toFixed(0)} MB node -e 0`,
      ratio: '',
      target: `≤ ${TARGET_MB} MB`,
      result: mb <= TARGET_MB ? 'pass' : 'MISSED',
    },
    notes: [`Slack import: ${made.messages} messages in ${(measured.run.ms / 1000).toFixed(1)} s (${(exportMb / (measured.run.ms / 1000)).toFixed(0)} MB/s), ${summary.events} pinned events`],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const log = (text: string) => process.stderr.write(`${text}\n`);
  const positional = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  const { row, notes } = measureSlackImport(log, positiveInt('BENCH_SLACK_MB', [positional, process.env.BENCH_SLACK_MB], 500));
  process.stdout.write(`${row.measure}: ${row.value} (${row.baseline}), target ${row.target}: ${row.result}\n${notes.map((note) => `note: ${note}`).join('\n')}\n`);
}
