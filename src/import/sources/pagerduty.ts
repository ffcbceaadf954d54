import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { ImportedEvent, ImportedIncident, ImportResult } from '../imported-incident.js';
import { withApproximateImpactStart } from './approximate-impact-start.js';
import { defined } from './defined.js';
import { logEntryEvents, readLogEntry, type LogEntry } from './pagerduty-log-entries.js';
import { isObject, ShapeReader, type At, type JsonObject } from './shape.js';

/**
 * PagerDuty (REST API v2), mapped as docs/import.md#pagerduty describes.
 * The input is one API answer or several in an array, as saved from
 * `GET /incidents/{id}` (`{"incident": …}`) and the pages of
 * `GET /incidents/{id}/log_entries` (`{"log_entries": […], "more": …}`),
 * or one object holding both keys: `jq -s . incident.json log*.json`
 * makes the array, `jq -s add` the object.
 */
export function readPagerDuty(input: unknown, file: string): ImportResult {
  const reader = new ShapeReader(file, 'a PagerDuty `log_entries` or `incident` answer (or an array of them)');
  const answers = readAnswers(reader, input);
  if (reader.problems.length > 0) return { ok: false, diagnostics: reader.problems };

  const warnings: Diagnostic[] = [];
  const warn = (message: string, hint: string, rule = 'import-left-out'): void => {
    warnings.push({ file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning', rule, message, hint });
  };
  const incident = answers.incident ? readIncident(reader, answers.incident) : undefined;
  const incidentId = incident?.source.id ?? answers.referenceIds[0];
  const entries = answers.entries.filter((entry) => entry.incidentId === undefined || incidentId === undefined || entry.incidentId === incidentId);
  if (entries.length < answers.entries.length) {
    warn(
      `Left out ${entries.length === answers.entries.length - 1 ? 'a log entry' : `${answers.entries.length - entries.length} log entries`} of other incidents than ${incidentId}`,
      'Save the log entries of one incident: GET /incidents/{id}/log_entries.',
    );
  }
  if (reader.problems.length > 0) return { ok: false, diagnostics: reader.problems };

  let events: ImportedEvent[];
  if (entries.length > 0) {
    const mapped = logEntryEvents(entries.map((entry) => entry.entry));
    events = mapped.events;
    if (mapped.notifications > 0) {
      warn(`Left out ${mapped.notifications === 1 ? 'a notification log entry' : `${mapped.notifications} notification log entries`} (who was paged, and how)`, 'Escalations and assignments, which say who had the incident, are kept.');
    }
    if (mapped.notesWithoutText > 0) {
      warn(
        `${mapped.notesWithoutText === 1 ? 'An annotation log entry does' : `${mapped.notesWithoutText} annotation log entries do`} not carry the note's text`,
        "Copy the notes' text from GET /incidents/{id}/notes into those events.",
        'import-note-text',
      );
    }
  } else {
    events = incident?.events ?? [];
    if (incident) warn('Only the incident was given, so the timeline has only its trigger and resolution', 'Add its log entries (GET /incidents/{id}/log_entries) for the whole timeline.');
  }
  if (answers.more) warn('The last page of log entries says `more: true`: the timeline stops early', 'Fetch the next pages (`offset`) and give them all.');

  const start = withApproximateImpactStart(events, { file, sourceName: 'PagerDuty', sourceId: `pagerduty:${incidentId ?? 'incident'}:impact-start` });
  if (start.warning) warnings.push(start.warning);

  const fromReference = answers.reference;
  const result: ImportedIncident = {
    source: { name: 'pagerduty', ...defined({ id: incidentId, url: incident?.source.url ?? fromReference?.url }) },
    ...defined({
      title: incident?.title ?? fromReference?.title,
      summary: incident?.summary,
      sourceSeverity: incident?.sourceSeverity,
    }),
    ...(incident?.services.length ? { services: incident.services } : answers.services.length ? { services: answers.services } : {}),
    ...(incident?.links.length ? { links: incident.links } : {}),
    events: start.events.sort((a, b) => a.instant - b.instant),
  };
  return { ok: true, incident: result, warnings };
}

interface Answers {
  incident?: At<JsonObject>;
  entries: { entry: LogEntry; incidentId?: string }[];
  /** Incident ids the log entries name, in order. */
  referenceIds: string[];
  /** The incident as the first log entry names it, when the incident itself was not given. */
  reference?: { title?: string; url?: string };
  services: string[];
  /** Whether the page that ends the entries says there are more. */
  more: boolean;
}

function readAnswers(reader: ShapeReader, input: unknown): Answers {
  const answers: Answers = { entries: [], referenceIds: [], services: [], more: false };
  const seen = new Set<string>();
  let ended = false;
  for (const answer of reader.answers(input, 'a PagerDuty answer: an object with `log_entries` or `incident`')) {
    const incident = reader.get(answer, 'incident');
    const logEntries = reader.get(answer, 'log_entries');
    if (incident.value === undefined && logEntries.value === undefined) {
      reader.fail(answer, 'a PagerDuty answer: an object with `log_entries` (GET /incidents/{id}/log_entries) or `incident` (GET /incidents/{id})');
      continue;
    }
    if (incident.value !== undefined) {
      if (answers.incident) reader.fail(incident, `one incident only (one is at \`${answers.incident.pointer}\`)`);
      else answers.incident = reader.object(incident, 'the incident object');
    }
    if (logEntries.value === undefined) continue;
    const array = reader.array(logEntries, 'the array of log entries');
    for (const at of array ? reader.items(array) : []) {
      const entry = readLogEntry(reader, at);
      if (!entry || !isObject(at.value) || seen.has(entry.id)) continue;
      const object = { value: at.value, pointer: at.pointer };
      seen.add(entry.id);
      const reference = reader.optionalObject(object, 'incident');
      const incidentId = reference && reader.label(reference, 'id');
      if (incidentId && !answers.referenceIds.includes(incidentId)) answers.referenceIds.push(incidentId);
      if (reference && !answers.reference) answers.reference = defined({ title: titleOf(reader.string(reference, 'summary')), url: reader.string(reference, 'html_url') });
      const service = reader.nameOf(object, 'service');
      if (service && !answers.services.includes(service)) answers.services.push(service);
      answers.entries.push({ entry, ...defined({ incidentId }) });
    }
    const more = reader.get(answer, 'more').value;
    if (more === false) ended = true;
    if (more === true) answers.more = true;
  }
  answers.more &&= !ended;
  if (!answers.incident && answers.entries.length === 0 && reader.problems.length === 0) {
    reader.fail({ value: input, pointer: '' }, 'an incident, or at least one log entry');
  }
  return answers;
}

interface IncidentFields {
  source: { id?: string; url?: string };
  title?: string;
  summary?: string;
  sourceSeverity?: string;
  services: string[];
  links: { title: string; url: string }[];
  /** The timeline the incident alone tells: its first trigger, and its resolution. */
  events: ImportedEvent[];
}

function readIncident(reader: ShapeReader, incident: At<JsonObject>): IncidentFields {
  const id = reader.label(incident, 'id');
  const title = reader.string(incident, 'title') ?? titleOf(reader.string(incident, 'summary'));
  const description = reader.string(incident, 'description');
  const priority = reader.nameOf(incident, 'priority');
  const service = reader.nameOf(incident, 'service');
  const conference = reader.optionalObject(incident, 'conference_bridge');
  const bridge = conference && reader.string(conference, 'conference_url');
  const events: ImportedEvent[] = [];
  const created = reader.instant(incident, 'created_at');
  const firstTrigger = reader.optionalObject(incident, 'first_trigger_log_entry');
  if (created !== undefined) {
    const triggerId = (firstTrigger && reader.label(firstTrigger, 'id')) ?? `${id}:trigger`;
    events.push({ sourceId: `pagerduty:${triggerId}`, instant: created, kind: 'detected', text: (firstTrigger && reader.string(firstTrigger, 'summary')) ?? 'Triggered' });
  }
  const resolved = reader.instant(incident, 'resolved_at');
  if (resolved !== undefined && reader.string(incident, 'status') === 'resolved') {
    events.push({ sourceId: `pagerduty:${id}:resolved`, instant: resolved, kind: 'resolved', text: 'Resolved', ...defined({ by: reader.nameOf(incident, 'last_status_change_by') }) });
  }
  return {
    source: defined({ id, url: reader.string(incident, 'html_url') }),
    ...defined({ title, summary: description !== title ? description : undefined, sourceSeverity: priority ?? reader.string(incident, 'urgency') }),
    services: service ? [service] : [],
    links: bridge && /^https?:\/\/\S+$/.test(bridge) ? [{ title: 'Conference bridge', url: bridge }] : [],
    events,
  };
}

/** `[#1234] The server is on fire.` → `The server is on fire.`: an incident reference's summary, without its number. */
function titleOf(summary: string | undefined): string | undefined {
  return summary?.replace(/^\[#\d+\]\s*/, '') || undefined;
}
