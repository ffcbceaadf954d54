import type { ImportedEvent } from '../imported-incident.js';
import type { SlackMessage } from './slack-day-file.js';
import type { SlackChannel, SlackDirectory } from './slack-directory.js';
import { type SlackNames, slackToMarkdown } from './slack-markup.js';

/** Which messages become events: the pinned ones (the default), those with a reaction, or all. */
export type SlackSelection = { kind: 'pinned' } | { kind: 'reaction'; name: string } | { kind: 'all' };

/**
 * Messages that say something about the conversation rather than in it:
 * joins, leaves, renames, topic and purpose changes, pin notices, bot
 * installs, deleted thread parents. Left out whatever the selection. Any
 * other subtype, known (`bot_message`, `thread_broadcast`, `file_share`,
 * `me_message`) or not, is a message like any other.
 */
const HOUSEKEEPING = new Set([
  'channel_join',
  'channel_leave',
  'channel_topic',
  'channel_purpose',
  'channel_name',
  'channel_archive',
  'channel_unarchive',
  'channel_convert_to_private',
  'channel_convert_to_public',
  'group_join',
  'group_leave',
  'group_topic',
  'group_purpose',
  'group_name',
  'group_archive',
  'group_unarchive',
  'pinned_item',
  'unpinned_item',
  'bot_add',
  'bot_remove',
  'bot_enable',
  'bot_disable',
  'message_changed',
  'message_deleted',
  'message_replied',
  'tombstone',
  'reminder_add',
  'joiner_notification',
]);

/** An instant from `ts`, read as text: `1709546405.123456` is 1709546405123 ms (microseconds are dropped, not rounded). */
export function tsInstant(ts: string): number {
  const [seconds, fraction = ''] = ts.split('.');
  return Number(seconds) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3));
}

export function isConversation(message: SlackMessage): boolean {
  return !message.hidden && !(message.subtype !== undefined && HOUSEKEEPING.has(message.subtype));
}

/** Whether the selection takes the message. A reaction matches with any skin tone (`+1::skin-tone-2` is `+1`). */
export function isSelected(message: SlackMessage, channel: SlackChannel, selection: SlackSelection): boolean {
  switch (selection.kind) {
    case 'all':
      return true;
    case 'pinned':
      return message.pinnedTo.includes(channel.id) || channel.pins.has(message.ts);
    case 'reaction':
      return message.reactions.some((name) => name === selection.name || name.startsWith(`${selection.name}::`));
  }
}

/** Who wrote a message: a person by their shown name, a bot by the name it posted under. */
export function author(message: SlackMessage, directory: SlackDirectory): string | undefined {
  if (message.user) return directory.people.get(message.user) ?? message.profileName ?? message.botName ?? message.user;
  if (message.botId) return message.botName ?? directory.bots.get(message.botId) ?? message.botId;
  return message.botName;
}

/** A reply says so: its thread is somewhere else in the timeline. */
function lead(message: SlackMessage): string | undefined {
  if (message.threadTs === undefined || message.threadTs === message.ts) return undefined;
  return message.subtype === 'thread_broadcast' ? 'Reply in thread, also sent to the channel: ' : 'Reply in thread: ';
}

/** The event a message becomes, or `null` when it has nothing to say (no text, attachment or file). */
export function messageEvent(message: SlackMessage, channel: SlackChannel, directory: SlackDirectory, names: SlackNames): ImportedEvent | null {
  const raw = messageText(message);
  if (raw.trim() === '') return null;
  const text = slackToMarkdown(raw, names, lead(message));
  if (text === '') return null;
  const event: ImportedEvent = { sourceId: `slack:${channel.id}:${message.ts}`, instant: tsInstant(message.ts), text };
  const by = author(message, directory);
  if (by) event.by = by;
  const links = message.files.flatMap((file) => (file.permalink && /^https?:\/\//i.test(file.permalink) ? [file.permalink] : []));
  if (links.length > 0) event.links = links;
  return event;
}

/** The text, else the attachments' text (bots), else the files shared. */
function messageText(message: SlackMessage): string {
  if (message.text.trim() !== '') return message.text;
  if (message.attachments.length > 0) return message.attachments.join('\n');
  const files = message.files.flatMap((file) => (file.name ? [file.name] : []));
  if (files.length > 0) return `Shared ${files.length === 1 ? 'a file' : 'files'}: ${files.map(escapeSlack).join(', ')}`;
  return '';
}

/** Text as Slack would store it, so reading it back gives it unchanged. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
