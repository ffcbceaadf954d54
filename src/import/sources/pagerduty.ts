import type { ImportedEvent, ImportedIncident, ImportResult } from '../imported-incident.js';
import { defined } from './defined.js';
import { answersOf, httpUrl, label, nameOf, text } from './json-fields.js';
import { logEntryEvents, readLogEntry, type LogEntry } from './pagerduty-log-entries.js';
import type { JsonImportSource } from '../import-source.js';
import type { JsonDocument } from '../json-document.js';
import { type JsonValue, ShapeReader } from '../shape-reader.js';

const HINT =
  'Give PagerDuty API answers as saved: `GET /incidents/{id}` (`{"incident": …}`) and the pages of `GET /incidents/{id}/log_entries`, one of them or several in an array (`jq -s . incident.json log*.json`).';

/**
 * PagerDuty (REST API v2), mapped as docs/import.md#pagerduty describes.
 * The input is one API answer or several in an array: the incident
 * (`{"incident": …}`) and the pages of its log entries
 * (`{"log_entries": […], "more": …}`), or one object holding both keys.
 */
export const pagerdutySource: JsonImportSource = {
  name: 'pagerduty',
  describe: 'A PagerDuty incident: its GET /incidents/{id} answer and its log_entries pages, one or several in a JSON array',
  input: 'json',
  options: [],
  read: readPagerDuty,
};

export function readPagerDuty(document: JsonDocument): ImportResult {
  const reader = new ShapeReader(document, HINT);
  const answers = readAnswers(reader);
  if (reader.failed) return reader.result(undefined);

  const incident = answers.incident && readIncident(answers.incident);
  const incidentId = incident?.id ?? answers.entries.find((entry) => entry.incidentId !== undefined)?.incidentId;
  const entries = answers.entries.filter((entry) => entry.incidentId === undefined || incidentId === undefined || entry.incidentId === incidentId);
  const others = answers.entries.filter((entry) => !entries.includes(entry));
  if (others[0]) {
    const count = others.length === 1 ? 'a log entry' : `${others.length} log entries`;
    reader.warn(others[0].entry.at, `Left out ${count} of other incidents than ${incidentId}: give the log entries of one incident (GET /incidents/{id}/log_entries)`);
  }

  let events: ImportedEvent[];
  if (entries.length > 0) {
    const mapped = logEntryEvents(entries.map((entry) => entry.entry));
    events = mapped.events;
    const { notifications, notesWithoutText } = mapped;
    if (notifications[0]) {
      const count = notifications.length === 1 ? 'a notification log entry' : `${notifications.length} notification log entries`;
      reader.warn(notifications[0].at, `Left out ${count} (who was paged, and how); escalations and assignments are kept`);
    }
    if (notesWithoutText[0]) {
      const count = notesWithoutText.length === 1 ? 'An annotation log entry does' : `${notesWithoutText.length} annotation log entries do`;
      reader.warn(notesWithoutText[0].at, `${count} not carry the note's text: copy it from GET /incidents/{id}/notes`);
    }
  } else {
    events = incident?.events ?? [];
    if (answers.incident) reader.warn(answers.incident, 'Only the incident was given, so the timeline has only its trigger and resolution: add its log entries (GET /incidents/{id}/log_entries) for the whole timeline');
  }
  if (answers.more) reader.warn(answers.more, 'The last page of log entries says `more: true`, so the timeline stops early: fetch the next pages (`offset`) and give them all');

  const services = incident?.service ? [incident.service] : answers.services;
  const result: ImportedIncident = {
    source: { name: 'pagerduty', ...defined({ id: incidentId, url: incident?.url ?? answers.reference?.url }) },
    ...defined({ title: incident?.title ?? answers.reference?.title, summary: incident?.summary, sourceSeverity: incident?.sourceSeverity }),
    ...(services.length ? { services } : {}),
    ...(incident?.bridge ? { links: [{ title: 'Conference bridge', url: incident.bridge }] } : {}),
    events: events.sort((a, b) => a.instant - b.instant),
  };
  return reader.result(result);
}

interface Answers {
  incident?: JsonValue;
  entries: { entry: LogEntry; incidentId?: string }[];
  /** The incident as the first log entry names it, for when the incident itself was not given. */
  reference?: { title?: string; url?: string };
  services: string[];
  /** The `more: true` of the page that ends the entries, when it says there are more. */
  more?: JsonValue;
}

function readAnswers(reader: ShapeReader): Answers {
  const answers: Answers = { entries: [], services: [] };
  const seen = new Set<string>();
  let ended = false;
  for (const answer of answersOf(reader, 'a PagerDuty answer: an object with `log_entries` or `incident`')) {
    if (!answer.has('incident') && !answer.has('log_entries')) {
      reader.expected(answer, 'a PagerDuty answer: an object with `log_entries` (GET /incidents/{id}/log_entries) or `incident` (GET /incidents/{id})');
      continue;
    }
    if (answer.has('incident')) {
      if (answers.incident) reader.expected(answer.key('incident'), `one incident only (one is at \`${answers.incident.pointer}\`)`);
      else answers.incident = answer.key('incident').object();
    }
    if (!answer.has('log_entries')) continue;
    for (const item of answer.key('log_entries').array() ?? []) {
      const entry = readLogEntry(reader, item);
      if (!entry || seen.has(entry.id)) continue;
      seen.add(entry.id);
      const reference = item.key('incident');
      const incidentId = reference.isNullish ? undefined : label(reference.key('id'));
      if (!reference.isNullish && !answers.reference) answers.reference = defined({ title: titleOf(text(reference.key('summary'))), url: httpUrl(text(reference.key('html_url'))) });
      const service = nameOf(item.key('service'));
      if (service && !answers.services.includes(service)) answers.services.push(service);
      answers.entries.push({ entry, ...defined({ incidentId }) });
    }
    const more = answer.key('more');
    if (more.value === false) ended = true;
    if (more.value === true) answers.more = more;
  }
  if (ended) delete answers.more;
  if (!reader.failed && !answers.incident && answers.entries.length === 0) reader.expected(reader.root, 'an incident, or at least one log entry');
  return answers;
}

interface IncidentFields {
  id?: string;
  url?: string;
  title?: string;
  summary?: string;
  sourceSeverity?: string;
  service?: string;
  bridge?: string;
  /** The timeline the incident alone tells: its first trigger, and its resolution. */
  events: ImportedEvent[];
}

function readIncident(incident: JsonValue): IncidentFields {
  const id = label(incident.key('id'));
  const title = text(incident.key('title')) ?? titleOf(text(incident.key('summary')));
  const description = text(incident.key('description'));
  const bridge = incident.key('conference_bridge');
  const events: ImportedEvent[] = [];
  const created = incident.key('created_at').optionalTimestamp();
  const firstTrigger = incident.key('first_trigger_log_entry');
  if (created !== undefined) {
    const triggerId = (firstTrigger.isNullish ? undefined : label(firstTrigger.key('id'))) ?? `${id}:trigger`;
    events.push({ sourceId: `pagerduty:${triggerId}`, instant: created, kind: 'detected', text: nameOf(firstTrigger) ?? 'Triggered' });
  }
  const resolved = incident.key('resolved_at').optionalTimestamp();
  if (resolved !== undefined && text(incident.key('status')) === 'resolved') {
    events.push({ sourceId: `pagerduty:${id}:resolved`, instant: resolved, kind: 'resolved', text: 'Resolved', ...defined({ by: nameOf(incident.key('last_status_change_by')) }) });
  }
  return {
    ...defined({
      id,
      url: httpUrl(text(incident.key('html_url'))),
      title,
      summary: description !== title ? description : undefined,
      sourceSeverity: nameOf(incident.key('priority')) ?? text(incident.key('urgency')),
      service: nameOf(incident.key('service')),
      bridge: bridge.isNullish ? undefined : httpUrl(text(bridge.key('conference_url'))),
    }),
    events,
  };
}

/** `[#1234] The server is on fire.` → `The server is on fire.`: an incident reference's summary, without its number. */
function titleOf(summary: string | undefined): string | undefined {
  return summary?.replace(/^\[#\d+\]\s*/, '') || undefined;
}
