import type { ImportedEvent, ImportedIncident, ImportResult } from '../imported-incident.js';
import { defined } from './defined.js';
import { milestonesOf, timestampLabel } from './incident-io-timestamps.js';
import { answersOf, httpUrl, label, nameOf, text } from './json-fields.js';
import { addRole } from './role-key.js';
import type { JsonImportSource } from '../import-source.js';
import type { JsonDocument } from '../json-document.js';
import { type JsonValue, ShapeReader } from '../shape-reader.js';

const HINT =
  'Give incident.io API answers as saved: `GET /v2/incidents/{id}` (`{"incident": …}`), with the pages of `GET /v2/incident_updates` if you have them, in an array (`jq -s . incident.json updates.json`).';

/**
 * incident.io (API v2), mapped as docs/import.md#incidentio describes. The
 * input is `GET /v2/incidents/{id}` (`{"incident": …}`, or the incident
 * object itself), optionally with the pages of
 * `GET /v2/incident_updates?incident_id=…` (`{"incident_updates": […]}`):
 * in one object (`jq -s add`) or an array of answers (`jq -s .`).
 */
export const incidentIoSource: JsonImportSource = {
  name: 'incident-io',
  describe: 'An incident.io incident: its GET /v2/incidents/{id} answer, with its incident_updates pages in a JSON array if you have them',
  input: 'json',
  options: [],
  read: readIncidentIo,
};

export function readIncidentIo(document: JsonDocument): ImportResult {
  const reader = new ShapeReader(document, HINT);
  let incident: JsonValue | undefined;
  const updates: JsonValue[] = [];
  for (const answer of answersOf(reader, 'an incident.io answer: an object with `incident` or `incident_updates`')) {
    const found = answer.has('incident') ? answer.key('incident').object() : isIncident(answer) ? answer : undefined;
    if (found && incident) reader.expected(found, `one incident only (one is at \`${incident.pointer || '/'}\`)`);
    else if (found) incident = found;
    if (answer.has('incident_updates')) updates.push(...answer.key('incident_updates').optionalArray());
    else if (!answer.has('incident') && !found) {
      reader.expected(answer, 'an incident.io answer: an object with `incident` (GET /v2/incidents/{id}) or `incident_updates` (GET /v2/incident_updates)');
    }
  }
  if (!incident && !reader.failed) reader.expected(reader.root, 'an incident (GET /v2/incidents/{id}), not only its updates');
  if (!incident || reader.failed) return reader.result(undefined);

  const id = label(incident.key('id')) ?? reader.expected(incident.key('id'), 'the incident id');
  // What tells an incident.io incident from another platform's: its reference, such as INC-123.
  const reference = text(incident.key('reference')) ?? reader.expected(incident.key('reference'), 'the incident.io reference of the incident, such as `INC-123`');
  // The Singer tap adds the updates to the incident as `updates`.
  updates.push(...incident.key('updates').optionalArray());
  const events = [...timestampEvents(incident, id), ...updateEvents(reader, updates, id)];
  const roles: Record<string, string> = {};
  for (const assignment of incident.key('incident_role_assignments').optionalArray()) {
    if (!assignment.object()) continue;
    const role = assignment.key('role');
    const name = role.object() && (text(role.key('name')) ?? text(role.key('role_type')));
    const person = nameOf(assignment.key('assignee'), 'name');
    if (name && person) addRole(roles, name, person);
  }
  const mode = text(incident.key('mode'));
  if (mode === 'test' || mode === 'tutorial') reader.warn(incident.key('mode'), `This is a ${mode} incident in incident.io: import a real incident, or mark the file \`type: drill\``);

  const links = linksOf(incident);
  const result: ImportedIncident = {
    source: { name: 'incident-io', ...defined({ id: reference, url: httpUrl(text(incident.key('permalink'))) }) },
    ...defined({ title: text(incident.key('name')), summary: text(incident.key('summary')), sourceSeverity: nameOf(incident.key('severity'), 'name') }),
    ...(Object.keys(roles).length ? { roles } : {}),
    ...(links.length ? { links } : {}),
    events: events.sort((a, b) => a.instant - b.instant),
  };
  return reader.result(result);
}

/** A bare incident object, as opposed to an answer wrapping one. */
function isIncident(answer: JsonValue): boolean {
  return answer.has('incident_timestamp_values') || (answer.has('reference') && answer.has('name'));
}

/** Each set timestamp, as a milestone (TIMESTAMP_MILESTONES) or a note; unset ones (`value: null`) are skipped. */
function timestampEvents(incident: JsonValue, id: string | undefined): ImportedEvent[] {
  const set = incident.key('incident_timestamp_values').optionalArray().flatMap((entry) => {
    if (!entry.object()) return [];
    const value = entry.key('value');
    const instant = value.isNullish ? undefined : value.key('value').optionalTimestamp();
    if (instant === undefined) return [];
    const timestamp = entry.key('incident_timestamp');
    const name = timestamp.object() && timestamp.key('name').string()?.trim();
    if (!name) return [];
    return [{ name, instant, key: label(timestamp.key('id')) ?? name }];
  });
  const milestones = milestonesOf(set.map((timestamp) => timestamp.name));
  return set.map((timestamp, index) => ({
    sourceId: `incident-io:${id}:timestamp:${timestamp.key}`,
    instant: timestamp.instant,
    kind: milestones.get(index) ?? 'note',
    text: `${timestampLabel(timestamp.name)} (incident.io timestamp)`,
  }));
}

/** Incident updates (status and severity changes, with their message) as communication events; another incident's are left out. */
function updateEvents(reader: ShapeReader, updates: JsonValue[], incidentId: string | undefined): ImportedEvent[] {
  const seen = new Set<string>();
  const others: JsonValue[] = [];
  const events = updates.flatMap((update) => {
    if (!update.object()) return [];
    const id = label(update.key('id')) ?? reader.expected(update.key('id'), 'the update id');
    const instant = update.key('created_at').timestamp();
    const forIncident = text(update.key('incident_id'));
    if (forIncident && incidentId && forIncident !== incidentId) others.push(update);
    if (!id || instant === undefined || seen.has(id) || (forIncident && incidentId && forIncident !== incidentId)) return [];
    seen.add(id);
    const status = nameOf(update.key('new_incident_status'), 'name');
    const severity = nameOf(update.key('new_severity'), 'name');
    const message = text(update.key('message'));
    const change = [status && `status ${status}`, severity && `severity ${severity}`].filter(Boolean).join(', ');
    const said = message ? (change ? `${message} (${change})` : message) : `Incident update${change ? `: ${change}` : ''}`;
    const updater = update.key('updater');
    const by = updater.isNullish ? undefined : (nameOf(updater.key('user'), 'name') ?? nameOf(updater.key('api_key'), 'name') ?? nameOf(updater.key('workflow'), 'name'));
    return [{ sourceId: `incident-io:${id}`, instant, kind: 'communication' as const, text: said, ...defined({ by }) }];
  });
  if (others[0]) reader.warn(others[0], `Left out ${others.length === 1 ? 'an incident update' : `${others.length} incident updates`} of other incidents: give the updates of this one (GET /v2/incident_updates?incident_id=${incidentId})`);
  return events;
}

/** The places an incident.io incident points to: its postmortem document, call, Slack channel, issue. */
function linksOf(incident: JsonValue): { title: string; url: string }[] {
  const links: { title: string; url: string }[] = [];
  const add = (title: string, url: string | undefined): void => {
    const address = httpUrl(url);
    if (address) links.push({ title, url: address });
  };
  add('Postmortem document', text(incident.key('postmortem_document_url')));
  add('Call', text(incident.key('call_url')));
  const channel = text(incident.key('slack_channel_id'));
  const team = text(incident.key('slack_team_id'));
  const channelName = text(incident.key('slack_channel_name'));
  if (channel && team) add(channelName ? `Slack channel #${channelName}` : 'Slack channel', `https://app.slack.com/client/${team}/${channel}`);
  const issue = incident.key('external_issue_reference');
  if (!issue.isNullish && issue.object()) add(text(issue.key('issue_name')) ?? 'Issue', text(issue.key('issue_permalink')));
  return links;
}
