import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { humanizeKey } from '../../render/format.js';
import type { Milestone } from '../../schema/vocabulary.js';
import type { ImportedEvent, ImportedIncident, ImportResult } from '../imported-incident.js';
import { withApproximateImpactStart } from './approximate-impact-start.js';
import { defined } from './defined.js';
import { addRole } from './role-key.js';
import { isObject, ShapeReader, type At, type JsonObject } from './shape.js';

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

/**
 * FireHydrant (API v1), mapped as docs/import.md#firehydrant describes: the
 * body of `GET /v1/incidents/{incident_id}`, the incident object itself
 * (FireHydrant wraps it in nothing).
 */
export function readFireHydrant(input: unknown, file: string): ImportResult {
  const reader = new ShapeReader(file, 'the body of a FireHydrant `GET /v1/incidents/{incident_id}` answer');
  const incident = reader.object({ value: input, pointer: '' }, 'a FireHydrant incident: an object with `id`, `name` and `milestones`');
  if (!incident) return { ok: false, diagnostics: reader.problems };
  const id = reader.string(incident, 'id') ?? reader.fail(reader.get(incident, 'id'), 'the FireHydrant incident id (a UUID)');
  // What tells a FireHydrant incident from another platform's: its milestones.
  if (reader.get(incident, 'milestones').value === undefined && reader.get(incident, 'lifecycle_phases').value === undefined) {
    reader.fail(reader.get(incident, 'milestones'), 'the incident\'s `milestones` (or `lifecycle_phases`)');
  }
  const events = milestoneEvents(reader, incident, id);

  const roles: Record<string, string> = {};
  for (const item of reader.optionalArray(incident, 'role_assignments')) {
    const assignment = reader.object(item, 'a role assignment: `status`, `incident_role` and `user`');
    if (!assignment || reader.string(assignment, 'status') === 'inactive') continue;
    const role = reader.nameOf(assignment, 'incident_role', 'name');
    const person = reader.nameOf(assignment, 'user', 'name');
    if (role && person) addRole(roles, role, person);
  }
  const services = reader.optionalArray(incident, 'services').flatMap((item) => {
    const service = reader.object(item, 'a service: `id` and `name`');
    return (service && reader.string(service, 'name')) ?? [];
  });
  const tags = reader.optionalArray(incident, 'tag_list').flatMap((item) => (typeof item.value === 'string' && item.value.trim() ? [item.value.trim()] : (reader.fail(item, 'a tag (a string)') ?? [])));
  const summary = [reader.string(incident, 'summary'), reader.string(incident, 'description')].filter((text) => text !== undefined);
  const number = reader.label(incident, 'number');
  const url = reader.string(incident, 'incident_url');
  const fields = defined({
    title: reader.string(incident, 'name'),
    summary: [...new Set(summary)].join('\n\n') || undefined,
    impact: reader.string(incident, 'customer_impact_summary'),
    sourceSeverity: reader.string(incident, 'severity'),
  });
  if (reader.problems.length > 0) return { ok: false, diagnostics: reader.problems };

  const warnings: Diagnostic[] = [];
  const start = withApproximateImpactStart(events, { file, sourceName: 'FireHydrant', sourceId: `firehydrant:${id}:milestone:started` });
  if (start.warning) warnings.push(start.warning);
  const result: ImportedIncident = {
    source: { name: 'firehydrant', ...defined({ id: number ?? id, url: url && /^https?:\/\/\S+$/.test(url) ? url : undefined }) },
    ...fields,
    ...(services.length ? { services: [...new Set(services)] } : {}),
    ...(tags.length ? { tags: [...new Set(tags)] } : {}),
    ...(Object.keys(roles).length ? { roles } : {}),
    events: start.events.sort((a, b) => a.instant - b.instant),
  };
  return { ok: true, incident: result, warnings };
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
function milestoneEvents(reader: ShapeReader, incident: At<JsonObject>, id: string | undefined): ImportedEvent[] {
  const phases = reader.optionalArray(incident, 'lifecycle_phases');
  const fromPhases = phases.flatMap((item) => {
    const phase = reader.object(item, 'a lifecycle phase: `name` and `milestones`');
    return phase ? reader.optionalArray(phase, 'milestones').flatMap((milestone) => reached(reader, milestone, 'slug')) : [];
  });
  const list = fromPhases.length > 0 ? fromPhases : reader.optionalArray(incident, 'milestones').flatMap((milestone) => reached(reader, milestone, 'type'));
  const started = reader.instant(incident, 'started_at');
  if (list.length === 0 && started !== undefined) list.push({ slug: 'started', instant: started });

  // A slug set twice keeps its earliest time as the milestone; the other stays as a note.
  const first = new Map<string, Reached>();
  for (const milestone of [...list].sort((a, b) => a.instant - b.instant)) if (!first.has(milestone.slug)) first.set(milestone.slug, milestone);
  return list.map((milestone) => {
    const kind = first.get(milestone.slug) === milestone ? (SLUG_MILESTONES[milestone.slug] ?? 'note') : 'note';
    const label = milestone.name ?? humanizeKey(milestone.slug);
    const suffix = first.get(milestone.slug) === milestone ? '' : `:${milestone.instant}`;
    return { sourceId: `firehydrant:${id}:milestone:${milestone.slug}${suffix}`, instant: milestone.instant, kind, text: `${label} (FireHydrant milestone)`, ...defined({ by: milestone.by }) };
  });
}

/** A milestone entry that was reached, or nothing (not reached, or not the shape: recorded). */
function reached(reader: ShapeReader, item: At<unknown>, slugKey: 'slug' | 'type'): Reached[] {
  const milestone = reader.object(item, `a milestone: \`${slugKey}\` and \`occurred_at\``);
  if (!milestone) return [];
  const slug = reader.string(milestone, slugKey) ?? reader.fail(reader.get(milestone, slugKey), `the milestone's slug (\`${slugKey}\`), such as \`started\``);
  const instant = reader.instant(milestone, 'occurred_at');
  if (!slug || instant === undefined) return [];
  // `updated_by` is documented by name only: read as a person when it is an object with a name.
  const updater = reader.get(milestone, 'updated_by');
  const by = isObject(updater.value) ? reader.string({ value: updater.value, pointer: updater.pointer }, 'name') : undefined;
  return [{ slug, instant, ...defined({ name: slugKey === 'slug' ? reader.string(milestone, 'name') : undefined, by }) }];
}
