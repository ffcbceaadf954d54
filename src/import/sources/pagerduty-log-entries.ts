import { humanizeKey } from '../../render/format.js';
import type { ImportedEvent } from '../imported-incident.js';
import { defined } from './defined.js';
import { httpUrl, label, nameOf, text } from './json-fields.js';
import type { JsonValue, ShapeReader } from '../shape-reader.js';

/** A log entry read: its type without `_log_entry`, and what every event needs. */
export interface LogEntry {
  /** Where it is in the input, for warnings about it. */
  at: JsonValue;
  id: string;
  type: string;
  instant: number;
  /** The server's one-line account: "Triggered through the API", "Acknowledged by Earline Greenholt." */
  summary?: string;
  by?: string;
  /** What the alert said (`event_details.description`, the API/email channel's `summary`), for triggers. */
  description?: string;
  /** An annotation's text (`note`, or the note channel's `summary`). */
  note?: string;
  links: string[];
}

/** Types that hand the incident to someone (escalation policy moves, reassignments). */
const ESCALATIONS = new Set(['escalate', 'assign', 'delegate', 'exhaust_escalation_path', 'repeat_escalation_path']);

/** Reads one entry of `log_entries`; `undefined` (and a problem recorded) when it is not a log entry. */
export function readLogEntry(reader: ShapeReader, at: JsonValue): LogEntry | undefined {
  const entry = at.object();
  if (!entry) return undefined;
  const id = label(entry.key('id')) ?? reader.expected(entry.key('id'), 'the log entry id');
  const typeText = text(entry.key('type'));
  const type = typeText?.endsWith('_log_entry') ? typeText.slice(0, -'_log_entry'.length) : reader.expected(entry.key('type'), 'a log entry type such as `trigger_log_entry`');
  const instant = entry.key('created_at').timestamp();
  const channel = entry.key('channel');
  const channelType = channel.isNullish ? undefined : text(channel.key('type'));
  const channelSummary = channel.isNullish ? undefined : text(channel.key('summary'));
  const details = entry.key('event_details');
  const links = entry
    .key('contexts')
    .optionalArray()
    .flatMap((context) => (context.object() && text(context.key('type')) === 'link' ? [httpUrl(text(context.key('href')))] : []))
    .filter((href): href is string => href !== undefined);
  const note = text(entry.key('note')) ?? (channelType === 'note' ? channelSummary : undefined);
  const description = (details.isNullish ? undefined : text(details.key('description'))) ?? (channelType === 'note' ? undefined : channelSummary);
  if (id === undefined || type === undefined || instant === undefined) return undefined;
  return { at, id, type, instant, links, ...defined({ summary: text(entry.key('summary')), by: nameOf(entry.key('agent')), note, description }) };
}

/** What the entries become, and what was left out. */
export interface LogEntryEvents {
  events: ImportedEvent[];
  /** Notification entries (who was paged, by which channel), left out. */
  notifications: LogEntry[];
  /** Annotations whose text the entry does not carry. */
  notesWithoutText: LogEntry[];
}

/**
 * The timeline a list of log entries tells (docs/import.md#pagerduty). An
 * incident can be resolved and re-triggered: the first trigger is
 * `detected`, the first acknowledgement `acknowledged`, and only the last
 * resolve, when nothing triggered after it, is `resolved`; every other
 * trigger, acknowledgement and resolve stays in the timeline as a note
 * that says what it was.
 */
export function logEntryEvents(entries: LogEntry[]): LogEntryEvents {
  // PagerDuty lists them oldest first; pages may come in any order.
  const sorted = entries.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.instant - b.entry.instant || a.index - b.index);
  const ordered = sorted.map(({ entry }) => entry);
  const lastTrigger = ordered.findLastIndex((entry) => entry.type === 'trigger');
  const lastResolve = ordered.findLastIndex((entry) => entry.type === 'resolve');
  let triggered = false;
  let acknowledged = false;
  let resolvedBefore = false;
  const result: LogEntryEvents = { events: [], notifications: [], notesWithoutText: [] };

  ordered.forEach((entry, index) => {
    const event = (kind: ImportedEvent['kind'], text: string): void => {
      result.events.push({ sourceId: `pagerduty:${entry.id}`, instant: entry.instant, kind, text, ...defined({ by: entry.by }), ...(entry.links.length ? { links: entry.links } : {}) });
    };
    switch (entry.type) {
      case 'trigger':
        if (!triggered) event('detected', alertText(entry));
        else event('note', `${resolvedBefore ? 'Re-triggered after it was resolved' : 'Triggered again'}. ${alertText(entry)}`);
        triggered = true;
        break;
      case 'acknowledge':
      case 'acknowledgement':
        if (!acknowledged) event('acknowledged', entry.summary ?? 'Acknowledged');
        else event('note', entry.summary ?? 'Acknowledged again');
        acknowledged = true;
        break;
      case 'resolve':
        if (index === lastResolve && lastTrigger < index) event('resolved', entry.summary ?? 'Resolved');
        else event('note', `${entry.summary ?? 'Resolved.'} It was re-triggered later.`);
        resolvedBefore = true;
        break;
      case 'annotate':
        if (entry.note === undefined) result.notesWithoutText.push(entry);
        event('note', entry.note ?? entry.summary ?? 'Note added (its text is not in the log entry)');
        break;
      case 'notify':
        result.notifications.push(entry);
        break;
      default:
        event(ESCALATIONS.has(entry.type) ? 'escalation' : 'note', entry.summary ?? humanizeKey(entry.type));
    }
  });
  return result;
}

/** "Triggered through the API: disk full on db-1": the server's summary and what the alert said. */
function alertText(entry: LogEntry): string {
  const summary = entry.summary?.replace(/\.$/, '');
  if (summary && entry.description && !summary.includes(entry.description)) return `${summary}: ${entry.description}`;
  return summary ?? entry.description ?? 'Triggered';
}

