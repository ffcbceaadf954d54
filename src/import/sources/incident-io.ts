import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { ImportedEvent, ImportedIncident, ImportResult } from '../imported-incident.js';
import { withApproximateImpactStart } from './approximate-impact-start.js';
import { defined } from './defined.js';
import { milestonesOf, timestampLabel } from './incident-io-timestamps.js';
import { addRole } from './role-key.js';
import { ShapeReader, type At, type JsonObject } from './shape.js';

/**
 * incident.io (API v2), mapped as docs/import.md#incidentio describes. The
 * input is `GET /v2/incidents/{id}` (`{"incident": …}`, or the incident
 * object itself), optionally with the pages of
 * `GET /v2/incident_updates?incident_id=…` (`{"incident_updates": […]}`):
 * in one object (`jq -s add`) or an array of answers (`jq -s .`).
 */
export function readIncidentIo(input: unknown, file: string): ImportResult {
  const reader = new ShapeReader(file, 'an incident.io `GET /v2/incidents/{id}` answer (with `incident_updates` pages, in an array or one object, if you have them)');
  let incident: At<JsonObject> | undefined;
  const updates: At<unknown>[] = [];
  for (const answer of reader.answers(input, 'an incident.io answer: an object with `incident` or `incident_updates`')) {
    const wrapped = reader.get(answer, 'incident');
    const bare = wrapped.value === undefined && isIncident(answer.value);
    const found = bare ? answer : wrapped.value !== undefined ? reader.object(wrapped, 'the incident object') : undefined;
    if (found && incident) reader.fail(found, `one incident only (one is at \`${incident.pointer || '/'}\`)`);
    else if (found) incident = found;
    updates.push(...reader.optionalArray(answer, 'incident_updates'));
    if (!found && reader.get(answer, 'incident_updates').value === undefined && wrapped.value === undefined) {
      reader.fail(answer, 'an incident.io answer: an object with `incident` (GET /v2/incidents/{id}) or `incident_updates` (GET /v2/incident_updates)');
    }
  }
  if (!incident && reader.problems.length === 0) reader.fail({ value: input, pointer: '' }, 'an incident (GET /v2/incidents/{id}), not only its updates');
  if (!incident || reader.problems.length > 0) return { ok: false, diagnostics: reader.problems };

  const warnings: Diagnostic[] = [];
  const id = reader.label(incident, 'id') ?? reader.fail(reader.get(incident, 'id'), 'the incident id');
  // What tells an incident.io incident from another platform's: its reference, such as INC-123.
  const reference = reader.string(incident, 'reference') ?? reader.fail(reader.get(incident, 'reference'), 'the incident.io reference of the incident, such as `INC-123`');
  // The Singer tap adds the updates to the incident as `updates`.
  updates.push(...reader.optionalArray(incident, 'updates'));
  const events = [...timestampEvents(reader, incident, id), ...updateEvents(reader, updates, id)];
  const roles: Record<string, string> = {};
  for (const assignment of reader.optionalArray(incident, 'incident_role_assignments')) {
    const object = reader.object(assignment);
    const role = object && reader.optionalObject(object, 'role');
    const name = role && (reader.string(role, 'name') ?? reader.string(role, 'role_type'));
    const person = object && reader.nameOf(object, 'assignee', 'name');
    if (name && person) addRole(roles, name, person);
  }
  const mode = reader.string(incident, 'mode');
  if (reader.problems.length > 0) return { ok: false, diagnostics: reader.problems };
  if (mode === 'test' || mode === 'tutorial') {
    warnings.push({ file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning', rule: 'import-test-incident', message: `This is a ${mode} incident in incident.io (\`mode: ${mode}\`)`, hint: 'Import a real incident, or mark the file `type: drill`.' });
  }

  const start = withApproximateImpactStart(events, { file, sourceName: 'incident.io', sourceId: `incident-io:${id}:impact-start` });
  if (start.warning) warnings.push(start.warning);
  const severity = reader.optionalObject(incident, 'severity');
  const links = linksOf(reader, incident);
  const result: ImportedIncident = {
    source: { name: 'incident-io', ...defined({ id: reference, url: reader.string(incident, 'permalink') }) },
    ...defined({ title: reader.string(incident, 'name'), summary: reader.string(incident, 'summary'), sourceSeverity: severity && reader.string(severity, 'name') }),
    ...(Object.keys(roles).length ? { roles } : {}),
    ...(links.length ? { links } : {}),
    events: start.events.sort((a, b) => a.instant - b.instant),
  };
  return { ok: true, incident: result, warnings };
}

/** A bare incident object, as opposed to an answer wrapping one. */
function isIncident(value: JsonObject): boolean {
  return 'incident_timestamp_values' in value || ('reference' in value && 'name' in value);
}

/** Each set timestamp, as a milestone (TIMESTAMP_MILESTONES) or a note; unset ones (`value: null`) are skipped. */
function timestampEvents(reader: ShapeReader, incident: At<JsonObject>, id: string | undefined): ImportedEvent[] {
  const set = reader.optionalArray(incident, 'incident_timestamp_values').flatMap((item) => {
    const entry = reader.object(item, 'a timestamp value: `incident_timestamp` and `value`');
    const value = entry && reader.optionalObject(entry, 'value');
    const instant = value && reader.instant(value, 'value');
    if (!entry || instant === undefined) return [];
    const timestamp = reader.object(reader.get(entry, 'incident_timestamp'), 'the timestamp: `id` and `name`');
    const name = timestamp && (reader.string(timestamp, 'name') ?? reader.fail(reader.get(timestamp, 'name'), "the timestamp's name"));
    if (!timestamp || !name) return [];
    return [{ name, instant, key: reader.label(timestamp, 'id') ?? name }];
  });
  const milestones = milestonesOf(set.map((timestamp) => timestamp.name));
  return set.map((timestamp, index) => ({
    sourceId: `incident-io:${id}:timestamp:${timestamp.key}`,
    instant: timestamp.instant,
    kind: milestones.get(index) ?? 'note',
    text: `${timestampLabel(timestamp.name)} (incident.io timestamp)`,
  }));
}

/** Incident updates (status and severity changes, with their message) as communication events. */
function updateEvents(reader: ShapeReader, updates: At<unknown>[], incidentId: string | undefined): ImportedEvent[] {
  const seen = new Set<string>();
  return updates.flatMap((item) => {
    const update = reader.object(item, 'an incident update');
    if (!update) return [];
    const id = reader.label(update, 'id') ?? reader.fail(reader.get(update, 'id'), 'the update id');
    const instant = reader.instant(update, 'created_at', true);
    const forIncident = reader.string(update, 'incident_id');
    if (!id || instant === undefined || seen.has(id) || (forIncident && incidentId && forIncident !== incidentId)) return [];
    seen.add(id);
    const status = reader.nameOf(update, 'new_incident_status', 'name');
    const severity = reader.nameOf(update, 'new_severity', 'name');
    const message = reader.string(update, 'message');
    const change = [status && `status ${status}`, severity && `severity ${severity}`].filter(Boolean).join(', ');
    const text = message ? (change ? `${message} (${change})` : message) : `Incident update${change ? `: ${change}` : ''}`;
    const updater = reader.optionalObject(update, 'updater');
    const by = updater && (reader.nameOf(updater, 'user', 'name') ?? reader.nameOf(updater, 'api_key', 'name') ?? reader.nameOf(updater, 'workflow', 'name'));
    return [{ sourceId: `incident-io:${id}`, instant, kind: 'communication' as const, text, ...defined({ by }) }];
  });
}

/** The places an incident.io incident points to: its postmortem document, call, Slack channel, issue. */
function linksOf(reader: ShapeReader, incident: At<JsonObject>): { title: string; url: string }[] {
  const links: { title: string; url: string }[] = [];
  const add = (title: string, url: string | undefined): void => {
    if (url && /^https?:\/\/\S+$/.test(url)) links.push({ title, url });
  };
  add('Postmortem document', reader.string(incident, 'postmortem_document_url'));
  add('Call', reader.string(incident, 'call_url'));
  const channel = reader.string(incident, 'slack_channel_id');
  const team = reader.string(incident, 'slack_team_id');
  const channelName = reader.string(incident, 'slack_channel_name');
  if (channel && team) add(channelName ? `Slack channel #${channelName}` : 'Slack channel', `https://app.slack.com/client/${team}/${channel}`);
  const issue = reader.optionalObject(incident, 'external_issue_reference');
  if (issue) add(reader.string(issue, 'issue_name') ?? 'Issue', reader.string(issue, 'issue_permalink'));
  return links;
}
