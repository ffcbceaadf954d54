import type { Milestone } from '../../schema/vocabulary.js';
import { htmlToMarkdown } from '../html-text.js';
import type { ImportOptions, JsonImportSource } from '../import-source.js';
import type { ImportResult, ImportedEvent, ImportedIncident } from '../imported-incident.js';
import type { JsonDocument } from '../json-document.js';
import { type JsonValue, ShapeReader } from '../shape-reader.js';
import { pickListedIncident } from './pick-listed-incident.js';

const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
type Status = (typeof STATUSES)[number];

/**
 * The milestone each update status marks the first time it is posted (see
 * docs/import.md): the first `investigating` post is the earliest the page
 * shows anyone knew (detected); `monitoring` means a fix is in and being
 * watched (mitigated). A status posted again, and `postmortem`, is a
 * communication: the page's updates are what was said, when.
 */
const MILESTONE_OF: Readonly<Record<Status, Milestone | undefined>> = {
  investigating: 'detected',
  identified: 'identified',
  monitoring: 'mitigated',
  resolved: 'resolved',
  postmortem: undefined,
};

const STATUS_WORD: Readonly<Record<Status, string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
};

const HINT =
  'Give a Statuspage incidents list (`GET /api/v2/incidents.json`), one incident object of it, or `{"page": …, "incident": …}`, as the status page wrote it.';

/**
 * Atlassian Statuspage, from its public API v2: `/api/v2/incidents.json`
 * (`{page, incidents}`), one incident of it, or `{page, incident}`. Times
 * carry the page zone's offset, which changes with daylight saving; each is
 * read with its own.
 */
export const statuspageSource: JsonImportSource = {
  name: 'statuspage',
  describe: "An Atlassian Statuspage incident: a page's /api/v2/incidents.json, one incident of it, or its https:// address",
  input: 'json',
  options: ['incident'],
  fetchAddress: statuspageAddress,
  read: readStatuspage,
};

/**
 * Where the API gives what an address shows: an incident's page
 * (`…/incidents/<id>`, what the browser and the `stspg.io` link show) is
 * `/api/v2/incidents/<id>.json`, which holds that incident whatever its
 * age; a page's address is its list of recent incidents; a `.json` address
 * is taken as it is.
 */
function statuspageAddress(address: URL): URL {
  if (address.pathname.endsWith('.json')) return address;
  const incident = /^(.*?)\/incidents\/([a-z0-9]+)\/?$/i.exec(address.pathname);
  if (incident) return new URL(`${incident[1]}/api/v2/incidents/${incident[2]}.json`, address.origin);
  return new URL('api/v2/incidents.json', address.href.endsWith('/') ? address.href : `${address.href}/`);
}

export function readStatuspage(document: JsonDocument, options: ImportOptions): ImportResult {
  const reader = new ShapeReader(document, HINT);
  const root = reader.root;
  if (!root.object()) return reader.result(undefined);
  const page = root.has('page') ? root.key('page').object() : undefined;
  let incident: JsonValue | undefined;
  if (root.has('incidents')) {
    const chosen = pickListedIncident(reader, root.key('incidents'), options.incident);
    if (!chosen.ok) return chosen.result;
    incident = chosen.incident;
  } else if (root.has('incident')) {
    incident = root.key('incident').object();
  } else if (root.has('incident_updates')) {
    incident = root;
  } else {
    reader.expected(root.key('incidents'), 'an array of incidents');
  }
  if (incident && isMaintenance(incident)) {
    reader.error(incident.key('impact'), 'Unexpected scheduled maintenance, expected an incident: a maintenance is planned work, with statuses of its own (scheduled, in progress, completed), not an outage');
    return reader.result(undefined);
  }
  return reader.result(incident && readIncident(incident, page));
}

/** A scheduled maintenance, which a page lists beside its incidents in the same shape: `impact: maintenance`, `scheduled_for`. */
function isMaintenance(incident: JsonValue): boolean {
  return incident.key('impact').value === 'maintenance' || !incident.key('scheduled_for').isNullish;
}

function readIncident(incident: JsonValue, page: JsonValue | undefined): ImportedIncident | undefined {
  const id = incident.key('id').string();
  const name = incident.key('name').string();
  const impact = incident.key('impact').optionalString();
  const createdAt = incident.key('created_at').timestamp();
  const startedAt = incident.key('started_at').optionalTimestamp();
  const monitoringAt = incident.key('monitoring_at').optionalTimestamp();
  const resolvedAt = incident.key('resolved_at').optionalTimestamp();
  const shortlink = incident.key('shortlink').optionalString();
  const services = incident.key('components').optionalArray().flatMap((component) => component.key('name').string() ?? []);
  const updates = incident.key('incident_updates').array()?.flatMap((update) => readUpdate(update) ?? []);
  const zone = page?.key('time_zone').optionalString();
  const pageUrl = page?.key('url').optionalString();
  if (id === undefined || name === undefined || createdAt === undefined || updates === undefined) return undefined;

  // `started_at` may be set back to when the impact began; an incident entered afterwards can have it after its
  // own creation (githubstatus has some), and it never began later than it was created.
  const began = startedAt === undefined ? createdAt : Math.min(startedAt, createdAt);
  const events: ImportedEvent[] = [{ sourceId: `statuspage:${id}:started_at`, instant: began, kind: 'impact-start', text: 'Impact began.' }];
  // Oldest first (the API lists the newest first), two shown at one time in the order they were posted;
  // the first post of a status marks its milestone.
  const posted = new Set<Status>();
  for (const update of [...updates].sort((a, b) => a.instant - b.instant || a.postedAt - b.postedAt)) {
    const milestone = posted.has(update.status) ? undefined : MILESTONE_OF[update.status];
    posted.add(update.status);
    events.push({ sourceId: `statuspage:${update.id}`, instant: update.instant, kind: milestone ?? 'communication', text: update.text });
  }
  // A milestone time the incident gives that no update was posted for.
  if (monitoringAt !== undefined && !posted.has('monitoring')) events.push({ sourceId: `statuspage:${id}:monitoring_at`, instant: monitoringAt, kind: 'mitigated', text: 'Monitoring a fix.' });
  if (resolvedAt !== undefined && !posted.has('resolved')) events.push({ sourceId: `statuspage:${id}:resolved_at`, instant: resolvedAt, kind: 'resolved', text: 'Resolved.' });

  const address = pageUrl && /^https?:\/\//.test(pageUrl) ? `${pageUrl.replace(/\/+$/, '')}/incidents/${id}` : shortlink;
  const result: ImportedIncident = { source: { name: 'statuspage', id, ...(address ? { url: address } : {}) }, title: name, events };
  if (impact !== undefined) result.sourceSeverity = impact;
  if (zone !== undefined) result.timezone = zone;
  if (services.length > 0) result.services = [...new Set(services)];
  if (shortlink && /^https?:\/\/\S+$/.test(shortlink)) result.links = [{ title: 'Status page incident', url: shortlink }];
  return result;
}

interface Update {
  id: string;
  status: Status;
  /** The time the page shows. */
  instant: number;
  /** When it was posted. */
  postedAt: number;
  text: string;
}

function readUpdate(update: JsonValue): Update | undefined {
  const id = update.key('id').string();
  const status = update.key('status').oneOf(STATUSES);
  // `display_at` is the time the page shows (it can be set back to when something happened); `created_at` when it was posted.
  const shown = update.has('display_at') && !update.key('display_at').isNullish ? update.key('display_at').timestamp() : undefined;
  const postedAt = shown === undefined ? update.key('created_at').timestamp() : update.key('created_at').optionalTimestamp();
  const instant = shown ?? postedAt;
  const body = update.key('body').optionalString();
  if (id === undefined || status === undefined || instant === undefined) return undefined;
  const said = htmlToMarkdown(body ?? '');
  // A body that starts with a list (`<ul><li>…`) starts on a line of its own: after "Status: " its first item was read as text.
  const text = !said ? `${STATUS_WORD[status]}.` : /^- /.test(said) ? `${STATUS_WORD[status]}:\n\n${said}` : `${STATUS_WORD[status]}: ${said}`;
  return { id, status, instant, postedAt: postedAt ?? instant, text };
}
