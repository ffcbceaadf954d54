import { join, relative } from 'node:path';
import { baseIncidentId, idCandidates } from '../authoring/incident-id.js';
import type { NewEvent } from '../authoring/insert-event.js';
import { knownIncidents } from '../authoring/known-ids.js';
import { editorSchemaFile } from '../authoring/new-incident.js';
import { scaffoldIncident } from '../authoring/scaffold.js';
import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { OutputFolder } from '../output/output-folder.js';
import { checkIncidentSource } from '../pipeline/check-incident.js';
import { wallDate } from '../time/wall-time.js';
import { importedTime, newEvent, timelineLines } from './event-lines.js';
import type { ImportedIncident } from './imported-incident.js';
import { NO_TIMELINE, planEvents } from './plan-events.js';

/** The settings of the new file, every one known (see `draftImport`). */
export interface NewFileSettings {
  title: string;
  severity: string;
  timezone: string;
  /** `--id`; else `YYYY-MM-DD-<title>`, dated by the impact start in the zone, as `new` names files. */
  id?: string;
}

export type WrittenImport =
  | { ok: true; id: string; path: string; text: string; events: number; conflicts: string[]; notes: string[] }
  /** `exists`: the id is taken (a file, or another file's `id:`); `empty`: the source gave no event; nothing was written. */
  | { ok: false; exists?: { id: string; path: string }; empty?: true; diagnostics: Diagnostic[] };

/**
 * The text of a new incident file for an imported incident: a valid draft
 * laid out as `new` writes one, its timeline the imported events in time
 * order (each with its `x-source-id`), the texts only people can write left
 * as `new` leaves them, and an `x-imported` note saying where it came from.
 */
export function importedIncidentText(incident: ImportedIncident, settings: Required<NewFileSettings>, config: ResolvedConfig): { text: string; events: number; conflicts: string[]; notes: string[] } {
  const zone = settings.timezone;
  const plan = planEvents(incident.events, NO_TIMELINE, (instant) => importedTime(instant, zone));
  const events: NewEvent[] = plan.add.map((event) => newEvent(event, zone));
  const notes: string[] = [];
  const started = startOf(events, incident.source.name);
  if (started.assumed) {
    events.unshift(started.event);
    notes.push(`${incident.source.name} does not say when users were first affected: \`impact-start\` is set, approximate (~), at the first event (${started.event.at.slice(1)}); correct it to when the impact began.`);
  }
  const schemaPath = relative(config.incidents, editorSchemaFile(config)).split('\\').join('/');
  const text = scaffoldIncident(
    {
      id: settings.id,
      title: settings.title,
      severity: settings.severity,
      services: incident.services ?? [],
      timezone: zone,
      started: started.event.at,
      imported: {
        ...(incident.summary?.trim() ? { summary: incident.summary } : {}),
        ...(incident.impact?.trim() ? { impact: incident.impact } : {}),
        ...(incident.tags?.length ? { tags: incident.tags } : {}),
        ...(incident.roles ? { roles: incident.roles } : {}),
        ...(incident.links ? { links: incident.links } : {}),
        timeline: timelineLines(events),
        note: { source: incident.source.name, ...(incident.source.id ? { id: incident.source.id } : {}), ...(incident.source.url ? { url: incident.source.url } : {}) },
      },
    },
    { severities: config.severities, schemaPath },
  );
  return { text, events: plan.add.length, conflicts: plan.conflicts, notes };
}

/**
 * The file's impact-start: the imported one, else one assumed at the first
 * event. A file needs one, but a pager knows when the alert fired, not when
 * users were first affected, and a platform's "impact started" may be unset:
 * rather than pass another time off as it, the assumed one is marked
 * approximate (`~`), so every figure that starts there is shown approximate
 * until someone corrects it. Only a new file gets one (never `--into`, whose
 * file has its own), and it has no `x-source-id`: the source did not say it.
 */
function startOf(events: readonly NewEvent[], source: string): { event: NewEvent; assumed: boolean } {
  const start = events.find((event) => event.kind === 'impact-start');
  if (start) return { event: start, assumed: false };
  const first = events[0]!;
  const text = `Impact start not recorded in ${source}: assumed at the first imported event; users may have been affected earlier.`;
  return { event: { at: `~${first.at}`, instant: first.instant, kind: 'impact-start', text }, assumed: true };
}

/**
 * Writes the new file into the incidents folder, never over anything: an id
 * already in use (a file of that name, another file's `id:`, or a file made
 * meanwhile) is refused, so importing twice does not make a second copy
 * (`--into` adds to the first). The text is checked before it is written.
 */
export async function writeImportedIncident(incident: ImportedIncident, settings: NewFileSettings, config: ResolvedConfig, cwd: string): Promise<WrittenImport> {
  // Nothing selected (the source said why, as `import-empty`): no file, and no second problem about it.
  if (incident.events.length === 0) return { ok: false, empty: true, diagnostics: [] };
  const chosen = await freeId(incident, settings, config);
  const id = chosen.id;
  const path = join(config.incidents, `${id}.yaml`);
  const shown = relative(cwd, path) || path;
  if (chosen.taken) return { ok: false, exists: { id, path: shown }, diagnostics: [] };
  const { text, events, conflicts, notes } = importedIncidentText(incident, { ...settings, id }, config);
  const checked = checkIncidentSource({ path: shown, text }, config);
  if (checked.value === null) return { ok: false, diagnostics: [...checked.diagnostics] };
  const created = await new OutputFolder(config.incidents).create(`${id}.yaml`, text);
  if (!created.ok) return { ok: false, diagnostics: [fileDiagnostic(shown, created.problem)] };
  if (created.status === 'exists') return { ok: false, exists: { id, path: shown }, diagnostics: [] };
  return { ok: true, id, path: shown, text, events, conflicts, notes };
}

/**
 * The new file's id, or the one already taken that refuses it. `--id` is
 * taken as given. Otherwise, `YYYY-MM-DD-<title>`, then `-2`, `-3`… past
 * names that other incidents of the same source took (GitHub posts two
 * "Incident with Actions" some days; every title in a script with no Latin
 * letters makes `<date>-incident`). A name this same incident took before,
 * or a file from another source or written by hand holds, refuses the
 * import: it may be this incident (`--into` adds to it).
 */
async function freeId(incident: ImportedIncident, settings: NewFileSettings, config: ResolvedConfig): Promise<{ id: string; taken: boolean }> {
  const known = await knownIncidents(config.incidents, config.root);
  const holder = (id: string) => known.find((file) => file.name === id || file.id === id);
  if (settings.id !== undefined) return { id: settings.id, taken: holder(settings.id) !== undefined };
  for (const id of idCandidates(baseIncidentId(wallDate(datingInstant(incident), settings.timezone), settings.title))) {
    const taken = holder(id);
    if (!taken) return { id, taken: false };
    // Another incident of the same source: a different incident. From another source, or written by hand, it may
    // be this one: the person chooses (`--into` or `--id`).
    const another = taken.imported?.source === incident.source.name && incident.source.id !== undefined && taken.imported.id !== incident.source.id;
    if (!another) return { id, taken: true };
  }
  throw new Error('unreachable: the candidates never end');
}

/** The instant that dates a new file's id: the impact start, else the first event. */
function datingInstant(incident: ImportedIncident): number {
  const starts = incident.events.filter((event) => event.kind === 'impact-start');
  return Math.min(...(starts.length ? starts : incident.events).map((event) => event.instant));
}
