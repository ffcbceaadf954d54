import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';
import { asRecord, asString } from '../../rules/loose.js';
import { jsonShapeProblem, readJson } from './slack-json.js';
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
    for (const [index, entry] of list.items.entries()) {
      const channel = toChannel(entry);
      if (channel) channels.push(channel);
      else diagnostics.push(jsonShapeProblem(files.shown(name), list.text, [index], entry, 'a channel with a string `id` and `name`'));
    }
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
    for (const entry of list.items) addPerson(entry, people, bots);
    break;
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, directory: { channels, people, bots } };
}

/** A JSON file that must hold an array; `null` when absent or wrong (then a diagnostic says why). */
async function readList(files: ExportFiles, name: string, diagnostics: Diagnostic[]): Promise<{ items: unknown[]; text: string } | null> {
  const read = await files.readText(name);
  if (!read.ok) {
    diagnostics.push(read.diagnostic);
    return null;
  }
  if (read.text === null) return null;
  const parsed = readJson(files.shown(name), read.text, { rule: 'json-syntax' });
  if (!parsed.ok) {
    diagnostics.push(parsed.diagnostic);
    return null;
  }
  if (!Array.isArray(parsed.data)) {
    diagnostics.push(jsonShapeProblem(files.shown(name), read.text, [], parsed.data, `an array, as Slack writes ${name}`));
    return null;
  }
  return { items: parsed.data, text: read.text };
}

function toChannel(value: unknown): SlackChannel | null {
  const entry = asRecord(value);
  if (!entry || typeof entry.id !== 'string' || typeof entry.name !== 'string') return null;
  const channel: SlackChannel = { id: entry.id, name: entry.name, pins: new Set(pinnedIds(entry.pins)) };
  const topic = textValue(entry.topic);
  const purpose = textValue(entry.purpose);
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
