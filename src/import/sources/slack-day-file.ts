import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { jsonShapeProblem, readJson } from './slack-json.js';
import { asRecord, asString } from '../../rules/loose.js';
import { personName } from './slack-directory.js';

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
/** Past this many problems in one file, the rest of it is not reported: one is enough to fix the file. */
const MAX_PROBLEMS = 20;

/** A day file's text as messages, or where it is not a list of messages. */
export function readDayFile(file: string, text: string): DayRead {
  const parsed = readJson(file, text, { rule: 'json-syntax' });
  if (!parsed.ok) return { ok: false, diagnostics: [parsed.diagnostic] };
  if (!Array.isArray(parsed.data)) {
    return { ok: false, diagnostics: [jsonShapeProblem(file, text, [], parsed.data, 'an array of messages, as a Slack export writes each day of a channel')] };
  }
  const messages: SlackMessage[] = [];
  const problems: { path: (string | number)[]; value: unknown; expected: string }[] = [];
  for (const [index, entry] of parsed.data.entries()) {
    const message = toMessage(entry, (path, value, expected) => problems.push({ path: [index, ...path], value, expected }));
    if (message) messages.push(message);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length > 0) {
    // Positions cost a second parse of the file: only for a file with problems.
    return { ok: false, diagnostics: problems.map((problem) => jsonShapeProblem(file, text, problem.path, problem.value, problem.expected)) };
  }
  return { ok: true, messages };
}

type Problem = (path: (string | number)[], value: unknown, expected: string) => void;

function toMessage(value: unknown, problem: Problem): SlackMessage | null {
  const entry = asRecord(value);
  if (!entry) {
    problem([], value, 'a message (an object with `ts`, `text`…)');
    return null;
  }
  let ok = true;
  const string = (key: string): string | undefined => {
    const value = entry[key];
    if (value === undefined || value === null || typeof value === 'string') return value ?? undefined;
    problem([key], value, `a string as \`${key}\``);
    ok = false;
    return undefined;
  };
  const ts = entry.ts;
  if (typeof ts !== 'string' || !TS.test(ts)) {
    problem(['ts'], ts, 'the message’s `ts`: a string of seconds and six digits of microseconds, like "1709546405.123456"');
    ok = false;
  }
  const text = string('text') ?? '';
  const subtype = string('subtype');
  const user = string('user');
  const botId = string('bot_id');
  const threadTs = string('thread_ts');
  const username = string('username');
  const pinnedTo = stringList(entry.pinned_to, ['pinned_to'], problem);
  const reactions = reactionNames(entry.reactions, problem);
  if (!ok || !pinnedTo || !reactions) return null;
  const message: SlackMessage = { ts: ts as string, text, pinnedTo, reactions, hidden: entry.hidden === true, attachments: attachmentTexts(entry.attachments), files: fileLinks(entry.files) };
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

function stringList(value: unknown, path: (string | number)[], problem: Problem): string[] | null {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  problem(path, value, 'an array of channel ids');
  return null;
}

/** `reactions: [{name, count, users}]`: the names. */
function reactionNames(value: unknown, problem: Problem): string[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problem(['reactions'], value, 'an array of reactions');
    return null;
  }
  const names: string[] = [];
  for (const [index, reaction] of value.entries()) {
    const name = asString(asRecord(reaction)?.name);
    if (name !== undefined) names.push(name);
    else {
      problem(['reactions', index], reaction, 'a reaction with a string `name`');
      return null;
    }
  }
  return names;
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
