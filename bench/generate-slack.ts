/**
 * A deterministic Slack workspace export (seeded mulberry32, no clock) of
 * about `megabytes` MB: one busy channel over a year of day files, written
 * as Slack writes them (pretty-printed arrays of messages with profiles,
 * blocks, reactions, threads, bots, joins), plus a quiet second channel so
 * that `--channel` is needed. About one message in 2,000 is pinned.
 *
 *   node --import tsx bench/generate-slack.ts FOLDER [MEGABYTES]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Rng, hash32 } from './generate.js';

export const SLACK_CHANNEL = 'inc-payments';
const CHANNEL_ID = 'C0BENCH001';
const DAYS = 365;
const FIRST_DAY = Date.UTC(2025, 0, 1);
/** The mean size of a message as generated, in bytes, to size a day. */
const MESSAGE_BYTES = 1380;

const PEOPLE = Array.from({ length: 40 }, (_, index) => ({
  id: `U0BENCH${String(index).padStart(3, '0')}`,
  name: `person${index}`,
  real: `${['Alice', 'Bob', 'Chandra', 'Dmitri', 'Eun-ji', 'Femi', 'Greta', 'Hiro'][index % 8]} ${['Ng', 'Roy', 'Okafor', 'Silva', 'Kowalski'][index % 5]}`,
}));
const WORDS = ['checkout', 'latency', 'p99', 'deploy', 'rollback', 'pool', 'queue', 'retry', 'timeout', 'shard', 'replica', 'cache', 'TLS', 'DNS', 'error', 'rate', 'spiked', 'looks', 'fine', 'now', 'again', 'after', 'the', 'a', 'on', 'is', 'we'];
const REACTIONS = ['eyes', '+1', 'white_check_mark', 'fire', 'pray', 'pushpin'];

export interface GeneratedExport {
  files: number;
  bytes: number;
  messages: number;
  pinned: number;
}

export function generateSlackExport(folder: string, megabytes: number, seed: string): GeneratedExport {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, SLACK_CHANNEL), { recursive: true });
  mkdirSync(join(folder, 'general'), { recursive: true });
  const rng = new Rng(hash32(`${seed}:slack`));
  let bytes = 0;
  const write = (path: string, value: unknown) => {
    const text = JSON.stringify(value, null, 4);
    writeFileSync(join(folder, path), text);
    bytes += Buffer.byteLength(text);
  };
  write('channels.json', [channel(CHANNEL_ID, SLACK_CHANNEL, 'SEV2: payments declined'), channel('C0BENCH002', 'general', 'Company-wide')]);
  write('users.json', PEOPLE.map(user));
  write('general/2025-01-01.json', [message(rng, 1735732800, 0, undefined)]);
  const perDay = Math.max(1, Math.round((megabytes * 1e6) / DAYS / MESSAGE_BYTES));
  let messages = 0;
  let pinned = 0;
  for (let day = 0; day < DAYS; day += 1) {
    const start = (FIRST_DAY + day * 86_400_000) / 1000;
    const list: Record<string, unknown>[] = [];
    let parent: string | undefined;
    for (let index = 0; index < perDay; index += 1) {
      const second = start + Math.floor((index * 86_400) / perDay);
      const item = message(rng, second, index, parent);
      if (item.pinned_to) pinned += 1;
      if (item.thread_ts === item.ts) parent = item.ts as string;
      list.push(item);
    }
    messages += list.length;
    write(`${SLACK_CHANNEL}/${new Date((start * 1000)).toISOString().slice(0, 10)}.json`, list);
  }
  return { files: DAYS + 4, bytes, messages, pinned };
}

function channel(id: string, name: string, topic: string) {
  return { id, name, created: 1735689600, creator: PEOPLE[0]!.id, is_archived: false, is_general: name === 'general', members: PEOPLE.map((p) => p.id), topic: { value: topic, creator: PEOPLE[0]!.id, last_set: 1735689600 }, purpose: { value: 'Incident channel', creator: PEOPLE[0]!.id, last_set: 1735689600 } };
}

function user(person: (typeof PEOPLE)[number]) {
  return { id: person.id, team_id: 'T0BENCH', name: person.name, deleted: false, real_name: person.real, tz: 'Europe/London', tz_offset: 0, is_bot: false, profile: { real_name: person.real, real_name_normalized: person.real, display_name: '', display_name_normalized: '', team: 'T0BENCH' } };
}

function sentence(rng: Rng, words: number): string {
  return Array.from({ length: words }, () => rng.pick(WORDS)).join(' ');
}

function message(rng: Rng, second: number, index: number, parent: string | undefined): Record<string, unknown> {
  const ts = `${second}.${String(rng.int(0, 999_999)).padStart(6, '0')}`;
  const person = rng.pick(PEOPLE);
  const roll = rng.next();
  if (roll < 0.02) return { type: 'message', subtype: 'channel_join', ts, user: person.id, text: `<@${person.id}> has joined the channel` };
  if (roll < 0.08) {
    return { type: 'message', subtype: 'bot_message', ts, bot_id: 'B0BENCHPD', username: 'PagerDuty', text: `[#${index}] ${sentence(rng, 6)} <https://acme.pagerduty.com/incidents/P${index}|View incident>`, icons: { image_48: 'https://example.com/pd.png' } };
  }
  const text = `${rng.chance(0.1) ? `<@${rng.pick(PEOPLE).id}> ` : ''}${sentence(rng, rng.int(4, 30))}${rng.chance(0.1) ? ' *important*' : ''}${rng.chance(0.05) ? ' &lt;see&gt; &amp; more' : ''}`;
  const item: Record<string, unknown> = {
    client_msg_id: `${hash32(ts).toString(16)}-0000-4000-8000-${String(index).padStart(12, '0')}`,
    type: 'message',
    text,
    user: person.id,
    ts,
    team: 'T0BENCH',
    user_team: 'T0BENCH',
    source_team: 'T0BENCH',
    user_profile: { avatar_hash: 'g0123456789a', image_72: `https://avatars.example.com/${person.id}_72.png`, first_name: person.real.split(' ')[0], real_name: person.real, display_name: '', team: 'T0BENCH', name: person.name, is_restricted: false, is_ultra_restricted: false },
    blocks: [{ type: 'rich_text', block_id: ts.slice(-5), elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: text.replace(/<[^>]*>/g, '') }] }] }],
  };
  if (parent && rng.chance(0.3)) {
    item.thread_ts = parent;
    item.parent_user_id = person.id;
    if (rng.chance(0.05)) item.subtype = 'thread_broadcast';
  } else if (rng.chance(0.1)) item.thread_ts = ts;
  if (rng.chance(0.2)) item.reactions = rng.some(REACTIONS, rng.int(1, 3)).map((name) => ({ name, users: [rng.pick(PEOPLE).id], count: 1 }));
  if (rng.chance(0.05)) item.edited = { user: person.id, ts: `${second + 30}.000000` };
  if (rng.chance(0.0005)) item.pinned_to = [CHANNEL_ID];
  return item;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [folder, size] = process.argv.slice(2);
  if (!folder) throw new Error('usage: node --import tsx bench/generate-slack.ts FOLDER [MEGABYTES]');
  const made = generateSlackExport(folder, Number(size ?? 50), process.env.BENCH_SEED ?? 'postmortem-bench-v1');
  process.stdout.write(`${JSON.stringify(made)}\n`);
}
