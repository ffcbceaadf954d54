/**
 * Deterministic generator of realistic, valid incident files for the benchmark.
 *
 * Every incident is derived from (seed, index) alone, so incident #i is the
 * same whatever the size of the set: the 2,000-incident set is a prefix of the
 * 10,000-incident one. No `Math.random`, no clock.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tzOffset } from '@date-fns/tz';

// ---------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` distinct items, in list order. */
  some<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const wanted = Math.min(count, items.length);
    while (chosen.size < wanted) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((index) => items[index]!);
  }
}

/** A 32-bit hash of a string (FNV-1a), to turn seeds and indexes into PRNG states. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// ---------------------------------------------------------------------------
// Vocabulary

const ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'America/St_Johns', // -03:30 / -02:30
  'Asia/Tokyo',
  'Asia/Kolkata', // +05:30
  'Asia/Kathmandu', // +05:45
  'Asia/Singapore',
  'Australia/Sydney', // southern-hemisphere DST
  'Australia/Adelaide', // +09:30 / +10:30
  'Pacific/Auckland',
  'Africa/Nairobi',
] as const;

const SERVICES = [
  'checkout', 'payments', 'search', 'auth', 'edge', 'messaging', 'notifications', 'billing', 'api-gateway',
  'ledger', 'inventory', 'cdn', 'dns', 'object-storage', 'scheduler', 'identity', 'media', 'recommendations',
  'feature-flags', 'ingest', 'metrics-pipeline', 'mobile-backend', 'webhooks', 'postgres-main', 'kafka',
] as const;

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1', 'global'] as const;

const TAGS = [
  'config-push', 'deploy', 'database', 'capacity', 'dependency', 'certificate', 'dns', 'network', 'third-party',
  'data-loss', 'latency', 'security', 'customer-facing', 'internal', 'rollback', 'migration', 'cache',
] as const;

const PEOPLE = [
  'Priya Natarajan', 'Sam Okafor', 'Lea Martin', 'José Álvarez', 'Zoë Müller', 'Łukasz Nowak', 'Nguyễn Văn An',
  'Aiko Tanaka', 'Fatima Zahra El Idrissi', 'Marcus Chen', 'Ingrid Johansson', 'Oluwaseun Adeyemi', 'Rahul Mehta',
  'Chloé Dubois', 'Diego Fernández', 'Hannah Schmidt', 'Kwame Mensah', 'Mei Lin', 'Noah Williams', 'Olga Petrova',
  'Pedro Souza', 'Sofia Rossi', 'Tomás Ortega', 'Yuki Sato', 'Amara Okonkwo', 'Björn Lindqvist', 'Elif Yılmaz',
] as const;

const TEAMS = [
  'Platform team', 'SRE', 'Payments team', 'Data infrastructure', 'Networking', 'Security', 'Mobile team',
  'Observability team', 'Database reliability', 'Release engineering', 'Customer support', 'Communications',
] as const;

const ACTORS = ['monitoring', 'PagerDuty', 'deploy pipeline', 'status page', 'on-call', 'support desk', 'Statuspage bot'] as const;

const PROBLEMS = [
  { title: 'elevated error rates', effect: 'returns HTTP 5xx for a share of requests', metric: 'Error rate', unit: '%' },
  { title: 'latency spike', effect: 'responds slowly, with p99 latency above 4 seconds', metric: 'p99 latency', unit: 'ms' },
  { title: 'partial outage', effect: 'is unavailable for some customers', metric: 'Failed requests', unit: '%' },
  { title: 'full outage', effect: 'is down for every customer', metric: 'Availability', unit: '%' },
  { title: 'delayed processing', effect: 'processes work with a growing delay', metric: 'Queue lag', unit: 'minutes' },
  { title: 'stale data', effect: 'serves stale data from an old snapshot', metric: 'Stale reads', unit: '%' },
  { title: 'login failures', effect: 'rejects valid sessions', metric: 'Failed logins', unit: 'per minute' },
  { title: 'duplicate notifications', effect: 'sends duplicate notifications', metric: 'Duplicate sends', unit: 'messages' },
] as const;

const CAUSES = [
  { trigger: 'A configuration push to {svc}', root: 'The new configuration set a connection limit far below the normal load, so {svc} refused most connections.', tag: 'config-push' },
  { trigger: 'A routine deploy of {svc}', root: 'The release contained a query that did a full table scan on every request, saturating {db}.', tag: 'deploy' },
  { trigger: 'An expired TLS certificate on {svc}', root: 'Certificate renewal had silently failed for 30 days because the renewal job lost its credentials.', tag: 'certificate' },
  { trigger: 'A schema migration on {db}', root: 'The migration took a table lock that blocked writes for the whole duration of the backfill.', tag: 'migration' },
  { trigger: 'A traffic surge after a marketing campaign', root: 'Autoscaling was capped at a limit set two years earlier and never revisited.', tag: 'capacity' },
  { trigger: 'An upstream provider incident', root: '{svc} had no fallback when the third-party API timed out, and retries amplified the load.', tag: 'third-party' },
  { trigger: 'A cache node failure', root: 'The cache cluster could not absorb the loss of one node, and the thundering herd overwhelmed {db}.', tag: 'cache' },
  { trigger: 'A DNS change', root: 'A record was deleted by an automation that treated it as unused.', tag: 'dns' },
  { trigger: 'A network partition between zones', root: 'Leader election in {svc} did not tolerate the asymmetric partition and elected two leaders.', tag: 'network' },
] as const;

const DATABASES = ['postgres-main', 'the orders database', 'the session store', 'the Kafka cluster', 'the Redis cache'] as const;

const COMMANDS = [
  'kubectl rollout undo deployment/{svc}',
  'kubectl scale deployment/{svc} --replicas=40',
  'SELECT count(*) FROM pg_stat_activity',
  'terraform apply -target=module.{svc}',
  'feature flag {flag}',
  'max_connections=500',
  'systemctl restart envoy',
  'redis-cli FLUSHDB',
] as const;

const FLAGS = ['new-routing', 'async-checkout', 'v2-search-index', 'batch-writes', 'edge-compression'] as const;

const LABEL_TEXTS: Record<string, readonly string[]> = {
  note: [
    'Error rate on {svc} climbs to {n}% in {region}.',
    'Customers report failures through the support channel.',
    'Dashboards show connection pool saturation on {svc}.',
    'Latency on {svc2} rises as a side effect.',
    'Retries from clients double the request rate.',
    'Logs show timeouts talking to {db}.',
    'Synthetic checks fail in {region}.',
    'Queue depth reaches {n} thousand messages.',
    'No recent deploys to {svc2}; ruled out as a cause.',
    'Error budget burn rate alert fires for {svc}.',
  ],
  action: [
    'Restart the {svc} pods in {region}.',
    'Drain traffic from {region} to the remaining regions.',
    'Increase the connection limit on {db}.',
    'Disable the {flag} feature flag.',
    'Roll back {svc} to the previous release.',
    'Add capacity to the {svc} node pool.',
    'Pause the batch jobs writing to {db}.',
    'Fail over {db} to the standby.',
  ],
  decision: [
    'Decide to roll back instead of patching forward.',
    'Decide to keep {region} drained until the fix is verified.',
    'Decide not to fail over, as the standby is lagging.',
    'Decide to declare a public incident on the status page.',
  ],
  escalation: [
    'Incident declared; {team} paged to join.',
    'Escalated to the {team} on-call.',
    'Vendor support case opened with priority 1.',
    'Incident commander hands over to {person}.',
  ],
  communication: [
    'Status page updated: investigating elevated errors on {svc}.',
    'Customer support briefed with a holding statement.',
    'Update posted to the incident channel for stakeholders.',
    'Status page updated: a fix is being rolled out.',
    'Status page updated: monitoring the recovery.',
    'Postmortem scheduled and shared with affected customers.',
  ],
  trigger: [
    '{cause} starts rolling out.',
    '{cause} begins.',
  ],
};

const MILESTONE_TEXTS: Record<string, readonly string[]> = {
  'impact-start': ['{svc} {effect}.', 'Customers start seeing failures on {svc}.', 'First failed requests on {svc} in {region}.'],
  detected: ['Alert on {svc} error rate pages the on-call engineer.', 'Support escalates a spike of customer tickets.', 'SLO burn-rate alert fires for {svc}.'],
  acknowledged: ['On-call engineer acknowledges the page and opens an incident channel.', '{person} acknowledges the alert.'],
  mitigated: ['Traffic recovers after the rollback; error rate back under 1%.', 'Mitigation in place; {svc} serving normally from the remaining regions.', 'Failover completes and requests succeed again.'],
  resolved: ['All metrics back to normal; incident resolved.', 'Backlog drained and {svc} fully recovered.', 'Fix verified in every region; incident closed.'],
};

// ---------------------------------------------------------------------------
// Text and Markdown

interface Context {
  rng: Rng;
  svc: string;
  svc2: string;
  region: string;
  db: string;
  flag: string;
  team: string;
  cause: string;
  effect: string;
}

function fill(template: string, c: Context): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'svc': return c.svc;
      case 'svc2': return c.svc2;
      case 'region': return c.region;
      case 'db': return c.db;
      case 'flag': return c.flag;
      case 'team': return c.team;
      case 'cause': return c.cause;
      case 'effect': return c.effect;
      case 'person': return c.rng.pick(PEOPLE);
      case 'n': return String(c.rng.int(2, 95));
      default: return key;
    }
  });
}

/** Adds Markdown to a text some of the time: code spans, bold, emphasis, links. */
function markdownish(text: string, c: Context, probability: number): string {
  const { rng } = c;
  if (!rng.chance(probability)) return text;
  let out = text;
  const style = rng.int(0, 5);
  if (style === 0 || style === 4) out = out.replace(c.svc, `\`${c.svc}\``);
  if (style === 1) out = `**${out.replace(/\.$/, '')}**.`;
  if (style === 2) out = `${out} Ran \`${fill(rng.pick(COMMANDS), c)}\`.`;
  if (style === 3) out = `${out} See the [dashboard](https://dashboards.example.com/d/${c.svc}?region=${c.region}).`;
  if (style === 4) out = `${out} This was _not_ expected.`;
  if (style === 5) out = out.replace(c.region, `**${c.region}**`) + ' Owner: `' + c.team + '`.';
  return out;
}

// ---------------------------------------------------------------------------
// Times

const MINUTE = 60_000;
const DAY = 86_400_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function wallParts(ms: number): { date: string; hm: string; s: string; ms: string } {
  const d = new Date(ms);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    hm: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    s: pad(d.getUTCSeconds()),
    ms: pad(d.getUTCMilliseconds(), 3),
  };
}

function offsetAt(zone: string, instant: number): number {
  return tzOffset(zone, new Date(instant));
}

/** Whether a wall time (as UTC ms) reads back to exactly `instant` in `zone`, as the tool reads it. */
function readsBackTo(zone: string, wall: number, instant: number): boolean {
  const offsets = [...new Set([offsetAt(zone, wall - DAY), offsetAt(zone, wall + DAY)])];
  const valid = offsets.map((offset) => wall - offset * MINUTE).filter((at, i) => offsetAt(zone, at) === offsets[i]);
  return valid.length === 1 && valid[0] === instant;
}

interface TimeStyle {
  /** `T` or space between date and time. */
  separator: 'T' | ' ';
  seconds: boolean;
  /** Every time approximate, like a reconstruction from memory. */
  allApproximate: boolean;
}

/**
 * Writes `instant` as an `at` value in `zone`. The instant must already have
 * the precision the style shows (whole minutes without seconds). A wall time
 * that a DST change makes ambiguous or impossible gets an explicit offset.
 */
function formatAt(instant: number, zone: string, style: TimeStyle, rng: Rng, withMs: boolean): string {
  const tilde = style.allApproximate || rng.chance(0.08) ? '~' : '';
  const precise = style.seconds || withMs;
  const explicit = rng.chance(0.1);
  const offset = offsetAt(zone, instant);
  const wall = instant + offset * MINUTE;
  const useOffset = explicit || !readsBackTo(zone, wall, instant);
  const base = useOffset && rng.chance(0.5) ? instant : wall;
  const p = wallParts(base);
  const time = precise ? `${p.hm}:${p.s}${withMs ? `.${p.ms}` : ''}` : p.hm;
  const suffix = !useOffset ? '' : base === instant ? 'Z' : offsetText(offset);
  return `${tilde}${p.date}${style.separator}${time}${suffix}`;
}

// ---------------------------------------------------------------------------
// YAML emission

const PLAIN_SAFE = /^[A-Za-z][A-Za-z0-9 ,.;()'/%+=@?\u00C0-\u024F\u1E00-\u1EFF-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;

/** A scalar: plain when obviously safe, else double-quoted (JSON strings are valid YAML). */
function scalar(text: string): string {
  if (PLAIN_SAFE.test(text) && !RESERVED.test(text) && !text.endsWith(' ')) return text;
  return JSON.stringify(text);
}

function block(indent: string, text: string): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return `|\n${lines.map((line) => (line ? `${indent}${line}` : '')).join('\n')}\n`;
}

/** A text value after `key: `: a block scalar for multi-line text, else a scalar. */
function textValue(indent: string, text: string, rng: Rng): string {
  if (text.includes('\n')) return block(indent, text);
  if (text.length > 80 && rng.chance(0.3) && !/^[\s#]/.test(text)) {
    // Folded, like the sample's long lines; wrap at word boundaries.
    const words = text.split(' ');
    const lines: string[] = [];
    let line = '';
    for (const word of words) {
      if (line && line.length + word.length + 1 > 72) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(line);
    return `>-\n${lines.map((l) => `${indent}${l}`).join('\n')}\n`;
  }
  return `${scalar(text)}\n`;
}

function flowList(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

// ---------------------------------------------------------------------------
// One incident

type Kind =
  | 'impact-start' | 'detected' | 'acknowledged' | 'mitigated' | 'resolved'
  | 'trigger' | 'escalation' | 'communication' | 'action' | 'decision' | 'note';

interface Event {
  kind: Kind;
  instant: number;
  text: string;
  by?: string;
  links?: string[];
  withMs: boolean;
}

const LABEL_WEIGHTS: readonly [Kind, number][] = [
  ['note', 8],
  ['action', 7],
  ['communication', 4],
  ['decision', 2],
  ['escalation', 2],
];

function weightedLabel(rng: Rng): Kind {
  const total = LABEL_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [kind, weight] of LABEL_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return 'note';
}

const START = Date.UTC(2018, 0, 1);
const SPAN_DAYS = 8 * 365;

export interface GeneratedIncident {
  id: string;
  fileName: string;
  text: string;
}

/** The draws every generated incident starts with, in this order: zone, problem, cause, services, then the names it mentions. */
function drawIncident(rng: Rng, noZoneChance: number, maxServices: number) {
  const zone: string | undefined = rng.chance(noZoneChance) ? undefined : rng.pick(ZONES);
  const problem = rng.pick(PROBLEMS);
  const cause = rng.pick(CAUSES);
  const services = rng.some(SERVICES, rng.int(1, maxServices));
  const svc = services[0]!;
  const c: Context = {
    rng,
    svc,
    svc2: rng.pick(SERVICES.filter((s) => s !== svc)),
    region: rng.pick(REGIONS.slice(0, -1)),
    db: rng.pick(DATABASES),
    flag: rng.pick(FLAGS),
    team: rng.pick(TEAMS),
    cause: '',
    effect: problem.effect,
  };
  c.cause = fill(cause.trigger, c);
  return { zone, readZone: zone ?? 'UTC', problem, cause, services, svc, c };
}

/** The `timeline:` list of both generators, with the same draws in the same order. */
function pushTimeline(y: string[], events: readonly Event[], readZone: string, style: TimeStyle, rng: Rng): void {
  y.push('timeline:\n');
  for (const event of events) {
    y.push(`  - at: ${formatAt(event.instant, readZone, style, rng, event.withMs)}\n`);
    if (event.kind !== 'note' || rng.chance(0.2)) y.push(`    kind: ${event.kind}\n`);
    y.push(`    text: ${textValue('      ', event.text, rng)}`);
    if (event.by) y.push(`    by: ${scalar(event.by)}\n`);
    if (event.links) y.push(`    links:\n${event.links.map((l) => `      - ${l}\n`).join('')}`);
  }
}

export function generateIncident(seed: string, index: number): GeneratedIncident {
  const rng = new Rng(hash32(`${seed}:${index}`));
  const { zone, readZone, problem, cause, services, svc, c } = drawIncident(rng, 0.1, 3);
  const status = rng.pick(['final', 'final', 'review', 'draft'] as const);
  const severity = rng.pick(['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV4'] as const);
  const style: TimeStyle = {
    separator: rng.chance(0.6) ? ' ' : 'T',
    seconds: rng.chance(0.25),
    allApproximate: rng.chance(0.08),
  };

  // Milestones present, in order.
  const milestones: Kind[] = ['impact-start'];
  if (rng.chance(0.95)) milestones.push('detected');
  if (milestones.includes('detected') && rng.chance(0.8)) milestones.push('acknowledged');
  if (rng.chance(status === 'final' ? 0.9 : 0.7)) milestones.push('mitigated');
  const resolved = status === 'final' || rng.chance(status === 'review' ? 0.8 : 0.5);
  if (resolved) milestones.push('resolved');

  const total = rng.int(24, 36);
  const pre = rng.chance(0.6) ? 1 : 0;
  const tail = resolved ? rng.int(0, 3) : 0;
  const middle = Math.max(0, total - pre - milestones.length - tail);
  // Labels after each milestone but the last (`resolved` gets `tail` instead).
  const gaps = milestones.length - (resolved ? 1 : 0);
  const gapWeights = milestones.slice(0, gaps).map((m) => (m === 'acknowledged' || (m === 'detected' && !milestones.includes('acknowledged')) ? 6 : m === 'mitigated' ? 2 : 1));
  const perGap = gapWeights.map(() => 0);
  const weightSum = gapWeights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < middle; i++) {
    let roll = rng.next() * weightSum;
    let g = 0;
    while (g < gapWeights.length - 1 && roll >= gapWeights[g]!) roll -= gapWeights[g++]!;
    perGap[g]! += 1;
  }

  const kinds: Kind[] = [];
  if (pre) kinds.push('trigger');
  milestones.forEach((m, i) => {
    kinds.push(m);
    for (let j = 0; j < (perGap[i] ?? 0); j++) kinds.push(weightedLabel(rng));
  });
  for (let j = 0; j < tail; j++) kinds.push(rng.pick(['communication', 'note', 'action'] as const));

  // Times: whole minutes unless the style shows seconds; non-decreasing.
  const slowIncident = rng.chance(0.15); // spans a day or more: crosses midnight, maybe a DST change
  let instant = START + rng.int(0, SPAN_DAYS) * DAY + rng.int(0, 1439) * MINUTE;
  const events: Event[] = kinds.map((kind, i) => {
    if (i > 0) {
      const minutes = slowIncident ? rng.int(5, 180) : rng.pick([1, 2, 3, 4, 5, 5, 7, 10, 12, 15, 20, 30]);
      instant += minutes * MINUTE + (style.seconds ? rng.int(0, 59) * 1000 : 0);
    }
    const withMs = style.seconds && rng.chance(0.05);
    const at = withMs ? instant + rng.int(0, 999) : instant;
    const pool = MILESTONE_TEXTS[kind] ?? LABEL_TEXTS[kind] ?? LABEL_TEXTS.note!;
    const event: Event = { kind, instant: at, text: markdownish(fill(rng.pick(pool), c), c, 0.3), withMs };
    if (rng.chance(0.5)) event.by = rng.chance(0.5) ? rng.pick(PEOPLE) : rng.pick(ACTORS);
    if (rng.chance(0.05)) event.links = [`https://chat.example.com/archives/inc-${index}/p${i}`];
    return event;
  });

  const first = events[0]!.instant;
  const date = wallParts(first + offsetAt(readZone, first) * MINUTE).date;
  const slug = `${svc}-${problem.title.replace(/\s+/g, '-')}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
  const id = `${date}-${slug}-${String(index).padStart(6, '0')}`.slice(0, 80);
  const title = `${svc[0]!.toUpperCase()}${svc.slice(1)} ${problem.title} in ${c.region}`;

  // ---- YAML
  const y: string[] = [];
  if (rng.chance(0.3)) y.push('# yaml-language-server: $schema=../schema/incident.schema.json\n');
  y.push(`id: ${id}\n`);
  y.push(`title: ${scalar(title)}\n`);
  if (status !== 'draft' || rng.chance(0.5)) y.push(`status: ${status}\n`);
  y.push(`severity: ${severity}\n`);
  if (zone) y.push(`timezone: ${zone}\n`);
  y.push(`services: ${flowList(services)}\n`);
  y.push(`regions: ${flowList(rng.chance(0.2) ? ['global'] : rng.some(REGIONS.slice(0, -1), rng.int(1, 3)))}\n`);
  y.push(`tags: ${flowList([cause.tag, ...rng.some(TAGS, rng.int(0, 3)).filter((t) => t !== cause.tag)])}\n`);
  const authors = rng.some(PEOPLE, rng.int(1, 3));
  y.push(`authors:\n${authors.map((a) => `  - ${scalar(a)}\n`).join('')}`);
  if (rng.chance(0.7)) {
    y.push('roles:\n');
    y.push(`  incident_commander: ${scalar(rng.pick(PEOPLE))}\n`);
    if (rng.chance(0.6)) y.push(`  communications: ${scalar(rng.pick(PEOPLE))}\n`);
    if (rng.chance(0.4)) y.push(`  scribe: ${scalar(rng.pick(PEOPLE))}\n`);
  }
  if (rng.chance(0.1)) y.push(`x-jira-project: OPS\n`);
  y.push('\n');

  const summary = markdownish(
    `The ${svc} service ${problem.effect} for about ${Math.round((events[events.length - 1]!.instant - first) / MINUTE)} minutes. ${c.cause} set it off, and the ${c.team} on call restored service.`,
    c,
    0.5,
  );
  const longSummary = rng.chance(0.4)
    ? `${summary}\n\nAffected:\n\n- ${services.map((s) => `\`${s}\``).join('\n- ')}\n`
    : summary;
  y.push(`summary: ${textValue('  ', longSummary, rng)}\n`);

  y.push('impact:\n');
  y.push(`  description: ${textValue('    ', markdownish(`While ${svc} ${problem.effect}, customers in ${c.region} saw the most failures and some retried for the whole incident.`, c, 0.4), rng)}`);
  if (rng.chance(0.6)) y.push(`  users_affected: ${rng.int(10, 5_000_000)}\n`);
  if (rng.chance(0.7)) {
    y.push('  metrics:\n');
    for (let i = rng.int(1, 3); i > 0; i--) {
      const value = rng.chance(0.5) ? rng.int(1, 100) : Math.round(rng.next() * 10000) / 100;
      y.push(`    - name: ${scalar(i === 1 ? problem.metric : rng.pick(['Failed checkouts', 'Support tickets', 'Delayed jobs', 'Requests dropped']))}\n`);
      y.push(`      value: ${value}\n`);
      if (rng.chance(0.8)) y.push(`      unit: ${scalar(problem.unit)}\n`);
    }
  }
  if (rng.chance(0.4)) {
    y.push('  slo:\n');
    y.push(`    name: ${scalar(`${svc} availability`)}\n`);
    y.push(`    objective: ${rng.pick([99, 99.5, 99.9, 99.95, 99.99])}\n`);
    y.push(`    window_days: ${rng.pick([7, 28, 30, 90])}\n`);
    y.push(`    error_rate: ${rng.pick([100, 50, 25, 12.5, 5, 1.5])}\n`);
  }
  y.push('\n');

  pushTimeline(y, events, readZone, style, rng);
  y.push('\n');

  if (rng.chance(0.9)) y.push(`trigger: ${textValue('  ', `${c.cause}.`, rng)}`);
  if (status === 'final' || rng.chance(0.6)) {
    const root = markdownish(fill(cause.root, c), c, 0.5);
    const more = rng.chance(0.5) ? `\n\nNo alert covered this failure mode, and the runbook for ${svc} did not mention it.\n` : '';
    y.push(`root_cause: ${textValue('  ', root + more, rng)}`);
  }
  if (rng.chance(0.7)) {
    y.push('contributing_factors:\n');
    const factors = [
      'The change was applied to every region at once.',
      'Client retries added load while the service recovered.',
      `The ${svc} runbook was out of date.`,
      'Alert thresholds were tuned for a quieter traffic pattern.',
      'The rollback needed manual steps for each region.',
    ];
    for (const f of rng.some(factors, rng.int(1, 3))) y.push(`  - ${textValue('    ', markdownish(f, c, 0.3), rng)}`);
  }
  if (rng.chance(0.8)) y.push(`detection: ${textValue('  ', markdownish(`Automated alerting on ${svc} paged the on-call engineer.`, c, 0.3), rng)}`);
  if (resolved || rng.chance(0.5)) y.push(`resolution: ${textValue('  ', markdownish(`Rolled back the change and watched ${svc} recover region by region.`, c, 0.3), rng)}`);
  y.push('\n');

  if (status === 'final' || rng.chance(0.6)) {
    y.push('lessons:\n');
    y.push('  went_well:\n');
    for (const l of rng.some(['Alerting fired within minutes.', 'The rollback was quick once decided.', 'Communication to customers was clear and early.', 'The **runbook** was accurate.'], rng.int(1, 2))) {
      y.push(`    - ${scalar(l)}\n`);
    }
    if (rng.chance(0.8)) {
      y.push('  went_wrong:\n');
      for (const l of rng.some(['Detection relied on customer reports.', `Nobody on call knew \`${svc}\` well.`, 'The status page was updated late.', 'Dashboards were slow to load under load.'], rng.int(1, 3))) {
        y.push(`    - ${scalar(l)}\n`);
      }
    }
    if (rng.chance(0.4)) y.push(`  lucky: [${JSON.stringify('It happened outside peak hours.')}]\n`);
  }

  if (rng.chance(0.85)) {
    y.push('\naction_items:\n');
    const dueBase = first + 7 * DAY;
    for (let i = rng.int(1, 6); i > 0; i--) {
      const title = markdownish(fill(rng.pick(['Add an alert on {svc} saturation', 'Stage configuration pushes region by region', 'Automate the rollback of {svc}', 'Raise the autoscaling limit for {svc}', 'Add a fallback when {svc2} times out', 'Update the {svc} runbook']), c), c, 0.2);
      y.push(`  - title: ${scalar(title)}\n`);
      y.push(`    owner: ${scalar(rng.chance(0.7) ? rng.pick(TEAMS) : rng.pick(PEOPLE))}\n`);
      if (rng.chance(0.9)) y.push(`    type: ${rng.pick(['prevent', 'detect', 'mitigate', 'process', 'other'])}\n`);
      if (rng.chance(0.9)) y.push(`    priority: ${rng.pick(['P0', 'P1', 'P1', 'P2', 'P2', 'P3'])}\n`);
      if (rng.chance(0.8)) y.push(`    status: ${rng.pick(['open', 'in-progress', 'done', 'wont-do'])}\n`);
      if (rng.chance(0.7)) y.push(`    due: ${wallParts(dueBase + rng.int(0, 90) * DAY).date}\n`);
      if (rng.chance(0.6)) y.push(`    ticket: https://tracker.example.com/browse/OPS-${rng.int(100, 99999)}\n`);
    }
  }
  if (rng.chance(0.6)) {
    y.push('\nlinks:\n');
    y.push(`  - title: ${scalar(`${svc} dashboard`)}\n    url: https://dashboards.example.com/d/${svc}\n`);
    if (rng.chance(0.5)) y.push(`  - title: Incident channel\n    url: https://chat.example.com/archives/inc-${index}\n`);
  }

  let text = y.join('');
  if (rng.chance(0.03)) text = text.replace(/\n/g, '\r\n');
  if (rng.chance(0.01)) text = `\uFEFF${text}`;
  const fileName = `${id}.${rng.chance(0.05) ? 'yml' : 'yaml'}`;
  return { id, fileName, text };
}

// ---------------------------------------------------------------------------
// Short, varied incidents: a second set, for fixed costs per file

const SHORT_TITLES = [
  '{Svc} {problem}',
  '{Svc} {problem} in {region}',
  '{problem} on {svc} after a deploy',
  '{Svc} degraded',
  '{Svc} and {svc2} {problem}',
  'Brief {problem} on {svc}',
] as const;

const SHORT_SUMMARIES = [
  '{Svc} {effect} for {minutes} minutes.',
  '{cause} made {svc} fail for some customers.',
  'A short {problem} on {svc}; {team} rolled back.',
  '{Svc} {effect} until the on-call engineer stepped in.',
  'Customers in {region} saw errors from {svc}.',
  '{cause}; service was restored in {minutes} minutes.',
] as const;

const SHORT_IMPACTS = [
  'Some requests to {svc} failed.',
  'About {n}% of requests in {region} failed.',
  '{Svc} was slow for most customers.',
  'Internal users only; no customer impact.',
  '{n} customers contacted support.',
  'Checkout conversions dropped by {n}%.',
] as const;

const SHORT_LESSONS = ['Alerting worked.', 'The rollback was fast.', 'Paging took too long.', 'The runbook helped.', 'We got lucky with timing.'] as const;
const SHORT_ACTIONS = ['Add an alert on {svc}', 'Fix the {svc} runbook', 'Stage {svc} deploys', 'Add a timeout to {svc2} calls', 'Review {db} limits'] as const;

/** Short text with a little Markdown now and then: a code span, a link, bold, or a list. */
function sprinkle(text: string, c: Context, probability: number): string {
  const { rng } = c;
  if (!rng.chance(probability)) return text;
  switch (rng.int(0, 4)) {
    case 0:
      return text.includes(c.svc) ? text.replace(c.svc, `\`${c.svc}\``) : `${text} Ran \`${fill(rng.pick(COMMANDS), c)}\`.`;
    case 1:
      return `${text} See [the dashboard](https://dashboards.example.com/d/${c.svc}).`;
    case 2:
      return `**${text.replace(/\.$/, '')}**.`;
    case 3:
      return `${text}\n\n- ${c.svc}\n- ${c.svc2}\n`;
    default:
      return `${text} Owner: _${c.team}_.`;
  }
}

/**
 * A short incident, about 1–2 KB: 2 to 6 events, one-line fields, plain text
 * most of the time. Varies services, severities, statuses, time zones and time
 * styles as much as the bench set; derived from (seed, index) alone, with
 * different draws from `generateIncident`'s.
 */
export function generateShortIncident(seed: string, index: number): GeneratedIncident {
  const rng = new Rng(hash32(`${seed}:short:${index}`));
  const { zone, readZone, problem, cause, services, svc, c } = drawIncident(rng, 0.15, 2);
  const status = rng.pick(['draft', 'draft', 'review', 'final'] as const);
  const severity = rng.pick(['SEV1', 'SEV2', 'SEV3', 'SEV3', 'SEV4', 'SEV4'] as const);
  const style: TimeStyle = { separator: rng.chance(0.5) ? ' ' : 'T', seconds: rng.chance(0.2), allApproximate: rng.chance(0.1) };
  const upper = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;
  // The short set's own placeholders first: `fill` turns any key it does not know into its name.
  const words = (template: string, minutes = 0) =>
    fill(template.replace(/\{Svc\}/g, upper(svc)).replace(/\{problem\}/g, problem.title).replace(/\{minutes\}/g, String(minutes)), c);

  // Events: impact-start, some of the other milestones in order, labels between, `resolved` last.
  const count = rng.int(2, 6);
  const resolved = status === 'final' || rng.chance(0.5);
  const slots = count - 1 - (resolved ? 1 : 0);
  let middle: Kind[] = rng.some(['detected', 'acknowledged', 'mitigated'] as const, rng.int(0, Math.min(2, slots)));
  if (middle.includes('acknowledged') && !middle.includes('detected')) middle = middle.map((k) => (k === 'acknowledged' ? 'detected' : k));
  const kinds: Kind[] = ['impact-start', ...middle];
  for (let i = middle.length; i < slots; i++) kinds.splice(rng.int(1, kinds.length), 0, weightedLabel(rng));
  if (resolved) kinds.push('resolved');

  const slow = rng.chance(0.1);
  let instant = START + rng.int(0, SPAN_DAYS) * DAY + rng.int(0, 1439) * MINUTE;
  const first = instant;
  const events: Event[] = kinds.map((kind, i) => {
    if (i > 0) instant += (slow ? rng.int(30, 600) : rng.int(1, 40)) * MINUTE + (style.seconds ? rng.int(0, 59) * 1000 : 0);
    const withMs = style.seconds && rng.chance(0.05);
    const pool = MILESTONE_TEXTS[kind] ?? LABEL_TEXTS[kind] ?? LABEL_TEXTS.note!;
    const event: Event = { kind, instant: withMs ? instant + rng.int(0, 999) : instant, text: sprinkle(fill(rng.pick(pool), c), c, 0.15), withMs };
    if (rng.chance(0.5)) event.by = rng.chance(0.5) ? rng.pick(PEOPLE) : rng.pick(ACTORS);
    return event;
  });
  const minutes = Math.max(1, Math.round((instant - first) / MINUTE));

  const date = wallParts(first + offsetAt(readZone, first) * MINUTE).date;
  const slug = `${svc}-${problem.title.replace(/\s+/g, '-')}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
  const id = `${date}-${slug}-s${String(index).padStart(6, '0')}`.slice(0, 80);

  const y: string[] = [];
  y.push(`id: ${id}\n`);
  y.push(`title: ${scalar(upper(words(rng.pick(SHORT_TITLES))))}\n`);
  if (status !== 'draft' || rng.chance(0.4)) y.push(`status: ${status}\n`);
  y.push(`severity: ${severity}\n`);
  if (zone) y.push(`timezone: ${zone}\n`);
  y.push(rng.chance(0.5) ? `services: ${flowList(services)}\n` : `services:\n${services.map((s) => `  - ${s}\n`).join('')}`);
  if (rng.chance(0.4)) y.push(`regions: ${flowList([c.region])}\n`);
  if (rng.chance(0.4)) y.push(`tags: ${flowList(rng.some(TAGS, rng.int(1, 2)))}\n`);
  if (rng.chance(0.6)) y.push(`authors: [${JSON.stringify(rng.pick(PEOPLE))}]\n`);
  if (rng.chance(0.4)) y.push(`roles:\n  incident_commander: ${scalar(rng.pick(PEOPLE))}\n`);
  y.push(`summary: ${textValue('  ', sprinkle(words(rng.pick(SHORT_SUMMARIES), minutes), c, 0.25), rng)}`);
  y.push('impact:\n');
  y.push(`  description: ${textValue('    ', sprinkle(words(rng.pick(SHORT_IMPACTS)), c, 0.2), rng)}`);
  if (rng.chance(0.3)) y.push(`  users_affected: ${rng.int(1, 200_000)}\n`);
  pushTimeline(y, events, readZone, style, rng);
  if (rng.chance(0.6)) y.push(`trigger: ${scalar(`${c.cause}.`)}\n`);
  if (status === 'final' || rng.chance(0.5)) y.push(`root_cause: ${textValue('  ', sprinkle(fill(cause.root, c), c, 0.25), rng)}`);
  if (rng.chance(0.4)) y.push(`detection: ${textValue('  ', sprinkle(`An alert on ${svc} paged the on-call engineer.`, c, 0.2), rng)}`);
  if (rng.chance(0.5)) y.push(`resolution: ${scalar(`Rolled back ${svc}.`)}\n`);
  if (status === 'final' || rng.chance(0.3)) y.push(`lessons:\n  went_well: [${JSON.stringify(rng.pick(SHORT_LESSONS))}]\n`);
  if (rng.chance(0.6)) {
    y.push('action_items:\n');
    for (let i = rng.int(1, 2); i > 0; i--) {
      y.push(`  - title: ${scalar(words(rng.pick(SHORT_ACTIONS)))}\n    owner: ${scalar(rng.pick(TEAMS))}\n`);
      if (rng.chance(0.5)) y.push(`    priority: ${rng.pick(['P0', 'P1', 'P2', 'P3'])}\n`);
    }
  }
  if (rng.chance(0.3)) y.push(`links:\n  - title: Dashboard\n    url: https://dashboards.example.com/d/${svc}\n`);

  let text = y.join('');
  if (rng.chance(0.03)) text = text.replace(/\n/g, '\r\n');
  if (rng.chance(0.01)) text = `\uFEFF${text}`;
  return { id, fileName: `${id}.${rng.chance(0.05) ? 'yml' : 'yaml'}`, text };
}

/**
 * Writes `count` incidents into `dir` (emptied first). Returns the total bytes written.
 * `kind`: `bench` (the realistic ~30-event incidents) or `short` (generateShortIncident).
 */
export function generateIncidents(dir: string, count: number, seed: string, kind: 'bench' | 'short' = 'bench'): { files: number; bytes: number } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const make = kind === 'short' ? generateShortIncident : generateIncident;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const incident = make(seed, i);
    writeFileSync(join(dir, incident.fileName), incident.text);
    bytes += Buffer.byteLength(incident.text);
  }
  return { files: count, bytes };
}
