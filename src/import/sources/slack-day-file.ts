import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { asRecord, asString } from '../../rules/loose.js';
import { parseJsonDocument } from '../json-document.js';
import { type JsonValue, ShapeReader } from '../shape-reader.js';
import { SLACK_HINT, personName } from './slack-directory.js';

/**
 * One message of a day file, with only what an import uses: a day file is
 * read, checked and dropped before the next, and only the events made from
 * qualifying messages stay in memory.
 */
export interface SlackMessage {
  /** The message's id in its channel, kept as Slack wrote it: `1709546405.123456`. */
  ts: string;
  subtype?: string;
  user?: string;
  /** The name in the message's own `user_profile`, for a user users.json does not list. */
  profileName?: string;
  botId?: string;
  /** A bot's name as the message gives it (`username`, else `bot_profile.name`). */
  botName?: string;
  text: string;
  threadTs?: string;
  pinnedTo: readonly string[];
  reactions: readonly string[];
  hidden: boolean;
  /** Attachments' `fallback` (else `title`, `text`) texts, for messages with no text of their own (many bots). */
  attachments: readonly string[];
  files: readonly { name?: string; permalink?: string }[];
}

export type DayRead = { ok: true; messages: SlackMessage[] } | { ok: false; diagnostics: Diagnostic[] };

/** `ts`: seconds since 1970, a dot, microseconds. */
export const TS = /^[0-9]{1,12}\.[0-9]{6}$/;

/**
 * A day file's text as messages, or where it is not a list of messages:
 * each problem at its JSON pointer, line and column (the core's
 * `ShapeReader`, which positions only a file that has problems).
 */
export function readDayFile(file: string, text: string): DayRead {
  const parsed = parseJsonDocument(text, file);
  if (!parsed.ok) return parsed;
  const reader = new ShapeReader(parsed.document, SLACK_HINT);
  const root = reader.root;
  const items = Array.isArray(root.value) ? root.array()! : reader.expected(root, 'an array of messages, as a Slack export writes each day of a channel');
  const messages = (items ?? []).flatMap((item) => toMessage(reader, item) ?? []);
  return reader.failed ? { ok: false, diagnostics: reader.diagnostics() } : { ok: true, messages };
}

function toMessage(reader: ShapeReader, item: JsonValue): SlackMessage | undefined {
  const entry = asRecord(item.value);
  if (!entry) return reader.expected(item, 'a message (an object with `ts`, `text`…)');
  const tsValue = item.key('ts');
  const ts = typeof tsValue.value === 'string' && TS.test(tsValue.value) ? tsValue.value : reader.expected(tsValue, 'the message’s `ts`: a string of seconds and six digits of microseconds, like "1709546405.123456"');
  const text = item.key('text').optionalString() ?? '';
  const subtype = item.key('subtype').optionalString();
  const user = item.key('user').optionalString();
  const botId = item.key('bot_id').optionalString();
  const threadTs = item.key('thread_ts').optionalString();
  const username = item.key('username').optionalString();
  const pinnedTo = item.key('pinned_to').optionalArray().flatMap((channel) => channel.string() ?? []);
  const reactions = item.key('reactions').optionalArray().flatMap((reaction) => reaction.key('name').string() ?? []);
  if (ts === undefined || reader.failed) return undefined;
  const message: SlackMessage = { ts, text, pinnedTo, reactions, hidden: entry.hidden === true, attachments: attachmentTexts(entry.attachments), files: fileLinks(entry.files) };
  if (subtype) message.subtype = subtype;
  if (user) message.user = user;
  if (botId) message.botId = botId;
  if (threadTs) message.threadTs = threadTs;
  const botName = username ?? asString(asRecord(entry.bot_profile)?.name);
  if (botName?.trim()) message.botName = botName.trim();
  const userProfile = asRecord(entry.user_profile);
  const profileName = userProfile ? personName(userProfile) : undefined;
  if (profileName) message.profileName = profileName;
  return message;
}

function attachmentTexts(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const attachment = asRecord(item);
    if (!attachment) return [];
    const text = [attachment.fallback, attachment.title, attachment.text].find((field) => typeof field === 'string' && field.trim() !== '');
    return typeof text === 'string' ? [text] : [];
  });
}

function fileLinks(value: unknown): { name?: string; permalink?: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const file = asRecord(item);
    if (!file) return [];
    const out: { name?: string; permalink?: string } = {};
    const name = [file.title, file.name].find((field) => typeof field === 'string' && field.trim() !== '');
    if (typeof name === 'string') out.name = name;
    if (typeof file.permalink === 'string') out.permalink = file.permalink;
    return [out];
  });
}
