import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';
import { excerpt } from '../../diagnostics/quote.js';
import type { ImportResult, ImportedEvent, ImportedIncident } from '../imported-incident.js';
import { readDayFile } from './slack-day-file.js';
import { type SlackChannel, type SlackDirectory, readDirectory } from './slack-directory.js';
import type { ExportFiles } from './slack-export-files.js';
import { openSlackExport } from './slack-export-folder.js';
import { type SlackNames, slackPlainText } from './slack-markup.js';
import { type SlackSelection, isConversation, isSelected, messageEvent, tsInstant } from './slack-message.js';
import { utcTime } from '../../time/utc-time.js';

export type { SlackSelection } from './slack-message.js';

export interface SlackImportOptions {
  /** The channel's name (with or without `#`) or id; needed when the export has more than one. */
  channel?: string;
  /** Which messages become events; the pinned ones when not given. */
  select?: SlackSelection;
  /** Only messages at or after this instant (ms since 1970). */
  since?: number;
  /** Only messages at or before this instant (ms since 1970). */
  until?: number;
}

/** One day of a channel: `2024-03-04.json`. */
const DAY_FILE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})\.json$/;
/** Which zone draws a day file's bounds is not documented: a file may hold messages up to 14 hours either side of its UTC day. */
const DAY_MARGIN_MS = 2 * 86_400_000;
/** Past this many problems, reading stops: the export needs fixing first. */
const MAX_PROBLEMS = 50;

/**
 * Reads one channel of a Slack workspace export (its folder; see
 * slack-export-files.ts for the zip) into an incident: each selected
 * message, pinned by default, becomes an event. The export is read a day
 * file at a time, and only the events are kept, so a year of a busy
 * channel needs no more memory than its largest day. The mapping is
 * documented in docs/import.md.
 */
export async function readSlackExport(input: { path: string; display: string }, options: SlackImportOptions = {}): Promise<ImportResult> {
  const opened = await openSlackExport(input.path, input.display);
  if (!opened.ok) return { ok: false, diagnostics: [opened.diagnostic] };
  try {
    return await readChannel(opened.files, options);
  } finally {
    await opened.files.close();
  }
}

async function readChannel(files: ExportFiles, options: SlackImportOptions): Promise<ImportResult> {
  const read = await readDirectory(files);
  if (!read.ok) return { ok: false, diagnostics: read.diagnostics };
  const { directory } = read;
  const chosen = chooseChannel(directory.channels, options.channel, files.shown('channels.json'));
  if (!chosen.ok) return chosen.result;
  const channel = chosen.channel;
  const listed = await files.list(channel.name);
  if (!listed.ok) return { ok: false, diagnostics: [listed.diagnostic] };

  const given = options.select ?? { kind: 'pinned' };
  // `:pushpin:` as Slack shows it is the reaction `pushpin`.
  const select: SlackSelection = given.kind === 'reaction' ? { kind: 'reaction', name: given.name.replace(/^:|:$/g, '') } : given;
  const names = namesOf(directory);
  const events = new Map<string, ImportedEvent>();
  const diagnostics: Diagnostic[] = [];
  let messages = 0;
  for (const day of listed.names.filter((name) => dayMayHold(name, options))) {
    const path = `${channel.name}/${day}`;
    const text = await files.readText(path);
    if (!text.ok || text.text === null) {
      if (!text.ok) diagnostics.push(text.diagnostic);
      continue;
    }
    const parsed = readDayFile(files.shown(path), text.text);
    if (!parsed.ok) diagnostics.push(...parsed.diagnostics);
    if (diagnostics.length >= MAX_PROBLEMS) break;
    if (!parsed.ok || diagnostics.length > 0) continue; // only checking the rest now
    for (const message of parsed.messages) {
      if (!isConversation(message) || !inWindow(tsInstant(message.ts), options)) continue;
      messages += 1;
      if (!isSelected(message, channel, select)) continue;
      const event = messageEvent(message, channel, directory, names);
      // A thread_broadcast may be stored twice (in the channel and in its thread): it is one event.
      if (event && !events.has(event.sourceId)) events.set(event.sourceId, event);
    }
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };

  const incident: ImportedIncident = {
    source: { name: 'slack', id: channel.id },
    events: [...events.values()].sort((a, b) => a.instant - b.instant || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0)),
  };
  const title = channelTitle(channel, names);
  if (title) incident.title = title;
  const windowed = options.since !== undefined || options.until !== undefined;
  const warnings = events.size === 0 ? [nothingSelected(files.shown(channel.name), channel, select, messages, windowed)] : [];
  return { ok: true, incident, warnings };
}

type ChannelChoice = { ok: true; channel: SlackChannel } | { ok: false; result: Extract<ImportResult, { ok: false }> };

/**
 * The channel `--channel` names, or the only one. An unknown or missing
 * name is the command line's to fix, so it is a usage error (as a list of
 * incidents without `--incident` is) that lists the channels.
 */
export function chooseChannel(channels: readonly SlackChannel[], wanted: string | undefined, file: string): ChannelChoice {
  const list = channels.map((channel) => `#${channel.name}`).sort().join(', ');
  const name = wanted?.replace(/^#/, '');
  const channel =
    name === undefined ? (channels.length === 1 ? channels[0] : undefined) : (channels.find((c) => c.name === name) ?? channels.find((c) => c.id === name));
  if (!channel) {
    if (channels.length === 0) return refused(fileDiagnostic(file, { rule: 'import-shape', message: 'Unexpected export without channels, expected at least one in channels.json or groups.json' }));
    const usage =
      name === undefined
        ? `The export has ${channels.length} channels; choose one with --channel NAME: ${list}`
        : `No channel \`#${excerpt(name)}\` in the export; it has: ${list}`;
    return { ok: false, result: { ok: false, diagnostics: [], usage } };
  }
  // The name is the folder of the channel's messages: never a path that leads out of the export.
  if (!/^[^/\\\0]+$/.test(channel.name) || channel.name === '.' || channel.name === '..') {
    return refused(fileDiagnostic(file, { rule: 'import-shape', message: `Unexpected channel name \`${excerpt(channel.name)}\`, expected a name that is also a folder name` }));
  }
  return { ok: true, channel };
}

function refused(diagnostic: Diagnostic): ChannelChoice {
  return { ok: false, result: { ok: false, diagnostics: [diagnostic] } };
}

function namesOf(directory: SlackDirectory): SlackNames {
  const channels = new Map(directory.channels.map((channel) => [channel.id, channel.name]));
  return {
    person: (id) => directory.people.get(id) ?? directory.bots.get(id),
    channel: (id) => channels.get(id),
  };
}

function inWindow(instant: number, options: SlackImportOptions): boolean {
  return (options.since === undefined || instant >= options.since) && (options.until === undefined || instant <= options.until);
}

/** Whether a day file can hold messages in the window; other files of the folder are not days. */
function dayMayHold(name: string, options: SlackImportOptions): boolean {
  const match = DAY_FILE.exec(name);
  if (!match) return false;
  const day = utcTime(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return (options.since === undefined || day + DAY_MARGIN_MS >= options.since) && (options.until === undefined || day - DAY_MARGIN_MS <= options.until);
}

/** The channel's topic, else its purpose, else its name: a title to start from. */
function channelTitle(channel: SlackChannel, names: SlackNames): string | undefined {
  for (const text of [channel.topic, channel.purpose]) {
    const plain = text === undefined ? '' : slackPlainText(text, names);
    if (plain) return plain;
  }
  return channel.name;
}

function nothingSelected(folder: string, channel: SlackChannel, select: SlackSelection, messages: number, windowed: boolean): Diagnostic {
  const what = select.kind === 'pinned' ? 'is pinned' : select.kind === 'reaction' ? `has the reaction :${select.name}:` : 'was found';
  // No message at all in the window: the window, not the choice of messages, is what to change.
  const other =
    windowed && messages === 0
      ? 'widen --since and --until: no message of the channel falls between them'
      : select.kind === 'pinned'
        ? 'choose messages by a reaction (--reaction pushpin) or take them all (--all)'
        : select.kind === 'reaction'
          ? 'take the pinned ones (the default) or all (--all)'
          : 'check the export holds the channel’s messages';
  return fileDiagnostic(folder, {
    rule: 'import-empty',
    severity: 'warning',
    message: `No message of #${channel.name} ${what} (of ${messages} read), so the timeline is empty`,
    hint: `To import some, ${other}.`,
  });
}
