/**
 * Deterministic generator of one valid incident with a very long timeline:
 * the largest file the 1 MiB cap allows (about 25,000 events), to check that
 * `build`, `render` and `fmt` take time and memory in proportion to its size.
 *
 * Events are short and their list is not indented, so that 25,000 of them
 * fit under the cap; some carry a label, a `by`, an approximate time,
 * Markdown, a link or a comment, so the rendering and formatting do real work.
 *
 * Usage: node --import tsx bench/generate-long.ts <file> [events]
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MAX_FILE_BYTES } from '../src/source/source-file.js';

export const LONG_EVENTS = 25_000;

const LABELS = ['note', 'action', 'communication', 'decision', 'escalation'] as const;
const TEXTS = ['Up', 'Ack', 'Fix', '`lag`', '**Hot**', 'Page', 'Drain', 'A_b'] as const;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The `at` of the i-th event: a minute apart from 2024-03-01 00:00 UTC. */
function at(index: number): string {
  const d = new Date(Date.UTC(2024, 2, 1) + index * 60_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${index % 97 === 5 ? '~' : ''}${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function event(index: number, count: number): string {
  const milestone =
    index === 0 ? 'impact-start' : index === 3 ? 'detected' : index === 4 ? 'acknowledged' : index === count - 2 ? 'mitigated' : index === count - 1 ? 'resolved' : null;
  const kind = milestone ?? (index % 13 === 0 ? LABELS[(index / 13) % LABELS.length] : null);
  let text = `- at: ${at(index)}\n`;
  if (kind && kind !== 'note') text += `  kind: ${kind}\n`;
  // Some comments at the end of a line: `fmt` keeps their columns, once took time in the square of their number.
  text += `  text: ${index.toString(36)} ${TEXTS[index % TEXTS.length]}${index % 20 === 7 ? '  # c' : ''}\n`;
  if (index % 23 === 0) text += '  by: SRE\n';
  if (index % 1009 === 0) text += '  links: [https://chat.example.com/p1]\n';
  return text;
}

/** The incident's YAML text; throws if it would not fit under the cap. */
export function longIncident(count = LONG_EVENTS): string {
  const head = [
    'id: 2024-03-01-long-timeline',
    'title: A very long incident',
    'status: final',
    'severity: SEV2',
    'timezone: UTC',
    'services: [checkout]',
    'authors: [Priya Natarajan]',
    'summary: Checkout failed on and off for a week while every step was logged.',
    'impact:',
    '  description: Some checkouts failed.',
    'trigger: A deploy.',
    'root_cause: A slow query.',
    'resolution: Rolled back.',
    'lessons:',
    '  went_well: [Alerting fired within minutes.]',
    'action_items:',
    '  - {title: Add an index, owner: Data team, priority: P1, due: 2024-04-01}',
    'timeline:',
  ].join('\n');
  const parts = [`${head}\n`];
  for (let index = 0; index < count; index++) parts.push(event(index, count));
  const text = parts.join('');
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FILE_BYTES) throw new Error(`${count} events take ${bytes} bytes, over the ${MAX_FILE_BYTES}-byte cap`);
  return text;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, events] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node --import tsx bench/generate-long.ts <file> [events]\n');
    process.exit(2);
  }
  const text = longIncident(events ? Number(events) : LONG_EVENTS);
  writeFileSync(file, text);
  process.stderr.write(`wrote ${file}: ${Buffer.byteLength(text)} bytes\n`);
}
