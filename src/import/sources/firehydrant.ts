import { humanizeKey } from '../../render/format.js';
import type { Milestone } from '../../schema/vocabulary.js';
import type { ImportedEvent, ImportedIncident, ImportResult } from '../imported-incident.js';
import { defined } from './defined.js';
import { addRole } from './role-key.js';
import { httpUrl, label, nameOf, text } from './json-fields.js';
import type { JsonImportSource } from '../import-source.js';
import type { JsonDocument } from '../json-document.js';
import { type JsonValue, ShapeReader } from '../shape-reader.js';

/**
 * FireHydrant's default milestone slugs and what each becomes; the others
 * (investigating, postmortem_started, postmortem_completed, closed, and an
 * organisation's own) are notes. docs/import.md#firehydrant shows the table.
 */
const SLUG_MILESTONES: Readonly<Record<string, Milestone>> = {
  started: 'impact-start',
  detected: 'detected',
  acknowledged: 'acknowledged',
  identified: 'identified',
  mitigated: 'mitigated',
  resolved: 'resolved',
};

const HINT = 'Give the body of FireHydrant\'s `GET /v1/incidents/{incident_id}` answer, as saved.';

/**
 * FireHydrant (API v1), mapped as docs/import.md#firehydrant describes: the
 * body of `GET /v1/incidents/{incident_id}`, the incident object itself
 * (FireHydrant wraps it in nothing).
 */
export const fireHydrantSource: JsonImportSource = {
  name: 'firehydrant',
  describe: 'A FireHydrant incident: its GET /v1/incidents/{incident_id} answer',
  input: 'json',
  options: [],
  read: readFireHydrant,
};

export function readFireHydrant(document: JsonDocument): ImportResult {
  const reader = new ShapeReader(document, HINT);
  const incident = reader.root.object();
  if (!incident) return reader.result(undefined);
  const id = text(incident.key('id')) ?? reader.expected(incident.key('id'), 'the FireHydrant incident id (a UUID)');
  // What tells a FireHydrant incident from another platform's: its milestones.
  if (!incident.has('milestones') && !incident.has('lifecycle_phases')) reader.expected(incident.key('milestones'), "the incident's milestones (or `lifecycle_phases`)");
  const events = milestoneEvents(incident, id);

  const roles: Record<string, string> = {};
  for (const assignment of incident.key('role_assignments').optionalArray()) {
    if (!assignment.object() || text(assignment.key('status')) === 'inactive') continue;
    const role = nameOf(assignment.key('incident_role'), 'name');
    const person = nameOf(assignment.key('user'), 'name');
    if (role && person) addRole(roles, role, person);
  }
  const services = incident.key('services').optionalArray().flatMap((service) => (service.object() && text(service.key('name'))) || []);
  const tags = incident.key('tag_list').optionalArray().flatMap((tag) => tag.string()?.trim() || []);
  const summary = [text(incident.key('summary')), text(incident.key('description'))].filter((paragraph) => paragraph !== undefined);

  const result: ImportedIncident = {
    source: { name: 'firehydrant', ...defined({ id: label(incident.key('number')) ?? id, url: httpUrl(text(incident.key('incident_url'))) }) },
    ...defined({
      title: text(incident.key('name')),
      summary: [...new Set(summary)].join('\n\n') || undefined,
      impact: text(incident.key('customer_impact_summary')),
      sourceSeverity: text(incident.key('severity')),
    }),
    ...(services.length ? { services: [...new Set(services)] } : {}),
    ...(tags.length ? { tags: [...new Set(tags)] } : {}),
    ...(Object.keys(roles).length ? { roles } : {}),
    events: events.sort((a, b) => a.instant - b.instant),
  };
  return reader.result(result);
}

interface Reached {
  slug: string;
  /** The organisation's name for it, when the newer `lifecycle_phases` give one. */
  name?: string;
  instant: number;
  by?: string;
}

/**
 * The milestones the incident reached, one event each. `lifecycle_phases`
 * (newer) are read when present, else `milestones` (deprecated, still
 * returned), else `started_at`; a milestone not reached (`occurred_at`
 * null) is skipped. Each event's source id is the incident and the slug,
 * the same whichever list it came from.
 */
function milestoneEvents(incident: JsonValue, id: string | undefined): ImportedEvent[] {
  const fromPhases = incident
    .key('lifecycle_phases')
    .optionalArray()
    .flatMap((phase) => (phase.object() ? phase.key('milestones').optionalArray().flatMap((milestone) => reached(milestone, 'slug')) : []));
  const list = fromPhases.length > 0 ? fromPhases : incident.key('milestones').optionalArray().flatMap((milestone) => reached(milestone, 'type'));
  const started = incident.key('started_at').optionalTimestamp();
  if (list.length === 0 && started !== undefined) list.push({ slug: 'started', instant: started });

  // A slug set twice keeps its earliest time as the milestone; the other stays as a note.
  const first = new Map<string, Reached>();
  for (const milestone of [...list].sort((a, b) => a.instant - b.instant)) if (!first.has(milestone.slug)) first.set(milestone.slug, milestone);
  return list.map((milestone) => {
    const isFirst = first.get(milestone.slug) === milestone;
    const kind = isFirst ? (SLUG_MILESTONES[milestone.slug] ?? 'note') : 'note';
    const shown = milestone.name ?? humanizeKey(milestone.slug);
    return {
      sourceId: `firehydrant:${id}:milestone:${milestone.slug}${isFirst ? '' : `:${milestone.instant}`}`,
      instant: milestone.instant,
      kind,
      text: `${shown} (FireHydrant milestone)`,
      ...defined({ by: milestone.by }),
    };
  });
}

/** A milestone entry that was reached, or nothing (not reached, or not the shape: recorded). */
function reached(milestone: JsonValue, slugKey: 'slug' | 'type'): Reached[] {
  if (!milestone.object()) return [];
  const slug = milestone.key(slugKey).string()?.trim();
  const instant = milestone.key('occurred_at').optionalTimestamp();
  if (!slug || instant === undefined) return [];
  // `updated_by` is documented by name only: read as a person when it is an object with a name.
  const updater = milestone.key('updated_by');
  const by = typeof updater.value === 'object' && updater.value !== null && !Array.isArray(updater.value) ? text(updater.key('name')) : undefined;
  return [{ slug, instant, ...defined({ name: slugKey === 'slug' ? text(milestone.key('name')) : undefined, by }) }];
}
