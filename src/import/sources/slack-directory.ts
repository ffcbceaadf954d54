import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';
import { asRecord, asString } from '../../rules/loose.js';
import { parseJsonDocument } from '../json-document.js';
import { type JsonValue, ShapeReader } from '../shape-reader.js';
import type { ExportFiles } from './slack-export-files.js';

/** A conversation of the export that `--channel` can name: a public channel (channels.json) or a private one (groups.json). */
export interface SlackChannel {
  id: string;
  name: string;
  topic?: string;
  purpose?: string;
  /** The `ts` of messages pinned in it, as channels.json's `pins` lists them (older exports). */
  pins: ReadonlySet<string>;
}

/** Who is who in an export: users.json, and the channels by id (for `<#C123>`). */
export interface SlackDirectory {
  channels: SlackChannel[];
  /** User id → the name shown: `profile.display_name`, else `profile.real_name`, else `name`. */
  people: ReadonlyMap<string, string>;
  /** Bot id → the name of its user (a bot's `profile.bot_id`). */
  bots: ReadonlyMap<string, string>;
}

export type DirectoryRead = { ok: true; directory: SlackDirectory } | { ok: false; diagnostics: Diagnostic[] };

/** Said once, at the first problem of a file of the export. */
export const SLACK_HINT =
  'Give a Slack workspace export as Slack wrote it: its folder or .zip, with channels.json, users.json and a folder per channel of day files (2024-03-04.json, a list of messages).';

/** Files that list conversations; the export has a folder per conversation, named after it. */
const CONVERSATION_FILES = ['channels.json', 'groups.json'] as const;
/** Enterprise Grid exports write org_users.json instead of users.json. */
const USER_FILES = ['users.json', 'org_users.json'] as const;

export async function readDirectory(files: ExportFiles): Promise<DirectoryRead> {
  const diagnostics: Diagnostic[] = [];
  const channels: SlackChannel[] = [];
  let listed = false;
  for (const name of CONVERSATION_FILES) {
    const list = await readList(files, name, diagnostics);
    if (list === null) continue;
    listed = true;
    for (const entry of list.items) {
      const channel = toChannel(entry);
      if (channel) channels.push(channel);
    }
    diagnostics.push(...list.reader.diagnostics());
  }
  if (!listed && diagnostics.length === 0) {
    diagnostics.push(
      fileDiagnostic(files.shown('channels.json'), {
        rule: 'import-shape',
        message: 'Unexpected folder without channels.json, expected a Slack workspace export',
        hint: 'Name the folder Slack’s export unpacks to: it holds channels.json, users.json and a folder per channel.',
      }),
    );
  }
  const people = new Map<string, string>();
  const bots = new Map<string, string>();
  for (const name of USER_FILES) {
    const list = await readList(files, name, diagnostics);
    if (list === null) continue;
    for (const entry of list.items) addPerson(entry.value, people, bots);
    break;
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, directory: { channels, people, bots } };
}

/** A JSON file that must hold an array; `null` when absent or wrong (then a diagnostic says why). */
async function readList(files: ExportFiles, name: string, diagnostics: Diagnostic[]): Promise<{ items: JsonValue[]; reader: ShapeReader } | null> {
  const read = await files.readText(name);
  if (!read.ok) {
    diagnostics.push(read.diagnostic);
    return null;
  }
  if (read.text === null) return null;
  const parsed = parseJsonDocument(read.text, files.shown(name));
  if (!parsed.ok) {
    diagnostics.push(...parsed.diagnostics);
    return null;
  }
  const reader = new ShapeReader(parsed.document, SLACK_HINT);
  if (!Array.isArray(reader.root.value)) {
    reader.expected(reader.root, `an array, as Slack writes ${name}`);
    diagnostics.push(...reader.diagnostics());
    return null;
  }
  return { items: reader.root.array()!, reader };
}

/** A channel of channels.json or groups.json; one without a string `id` and `name` is recorded as not the shape. */
function toChannel(entry: JsonValue): SlackChannel | null {
  const id = entry.key('id').string();
  const name = entry.key('name').string();
  if (id === undefined || name === undefined) return null;
  const record = asRecord(entry.value)!;
  const channel: SlackChannel = { id, name, pins: new Set(pinnedIds(record.pins)) };
  const topic = textValue(record.topic);
  const purpose = textValue(record.purpose);
  if (topic) channel.topic = topic;
  if (purpose) channel.purpose = purpose;
  return channel;
}

function pinnedIds(pins: unknown): string[] {
  if (!Array.isArray(pins)) return [];
  return pins.flatMap((pin) => asString(asRecord(pin)?.id) ?? []);
}

/** `topic` and `purpose` are `{value, creator, last_set}`. */
function textValue(field: unknown): string | undefined {
  const value = asString(asRecord(field)?.value);
  return value?.trim() ? value : undefined;
}

function addPerson(value: unknown, people: Map<string, string>, bots: Map<string, string>): void {
  const entry = asRecord(value);
  if (!entry || typeof entry.id !== 'string') return;
  const profile = asRecord(entry.profile) ?? {};
  const name = personName(profile, entry);
  if (name) people.set(entry.id, name);
  if (name && typeof profile.bot_id === 'string') bots.set(profile.bot_id, name);
}

/** The name Slack shows for a person: display name, else real name, else the user name. */
export function personName(profile: Record<string, unknown>, user: Record<string, unknown> = {}): string | undefined {
  for (const value of [profile.display_name, profile.real_name, user.real_name, profile.name, user.name]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}
