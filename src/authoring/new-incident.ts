import { join, relative } from 'node:path';
import { existsSync } from 'node:fs';
import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { OutputFolder } from '../output/output-folder.js';
import { checkIncidentSource } from '../pipeline/check-incident.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { wallDate } from '../time/wall-time.js';
import { baseIncidentId, idCandidates } from './incident-id.js';
import { knownIncidentIds } from './known-ids.js';
import { scaffoldIncident } from './scaffold.js';

export interface NewIncidentRequest {
  title: string;
  severity: string;
  services: readonly string[];
  timezone: string;
  /** The impact-start time as it will be written, and its instant. */
  started: { text: string; instant: number };
  /** The id asked for (`--id`): used as it is, never with a `-2`; refused when taken. */
  id?: string;
}

export type NewIncidentResult =
  | { ok: true; id: string; path: string }
  | { ok: false; diagnostics: Diagnostic[] }
  /** The id asked for is a file name or declared id already. */
  | { ok: false; taken: string };

/**
 * The schema file a new incident's modeline points at: the project's own
 * `schema/incident.schema.json` (what `init` writes, with the configured
 * severities) where there is one, else the one shipped in this package.
 */
export function editorSchemaFile(config: ResolvedConfig): string {
  const project = join(config.root, 'schema', 'incident.schema.json');
  return existsSync(project) ? project : join(PACKAGE_ROOT, 'schema', 'incident.schema.json');
}

/**
 * Writes `<incidents>/<date>-<slug>.yaml` for a new incident (or `<id>.yaml`
 * for the id asked for, which is refused when taken). The id takes
 * the impact-start date in the incident's zone; when that id is taken (by a
 * file name or by a declared id, or by a process racing this one) the next
 * free `-2`, `-3`… is used. The text is checked before it is written, so
 * `new` never creates a file that `validate` rejects. It is created
 * exclusively (never over a file or a link of that name, which counts as
 * taken) through `OutputFolder`, the incidents folder being the folder
 * written into.
 */
export async function createIncident(request: NewIncidentRequest, config: ResolvedConfig): Promise<NewIncidentResult> {
  const known = await knownIncidentIds(config.incidents, config.root);
  const schemaPath = relative(config.incidents, editorSchemaFile(config)).split('\\').join('/');
  const folder = new OutputFolder(config.incidents);
  const base = baseIncidentId(wallDate(request.started.instant, request.timezone), request.title);
  for (const id of request.id === undefined ? idCandidates(base) : [request.id]) {
    if (known.has(id) && request.id !== undefined) return { ok: false, taken: id };
    if (known.has(id)) continue;
    const path = join(config.incidents, `${id}.yaml`);
    const text = scaffoldIncident(
      { id, title: request.title, severity: request.severity, services: request.services, timezone: request.timezone, started: request.started.text },
      { severities: config.severities, schemaPath },
    );
    const checked = checkIncidentSource({ path, text }, config);
    if (checked.value === null) return { ok: false, diagnostics: [...checked.diagnostics] };
    const created = await folder.create(`${id}.yaml`, text);
    if (!created.ok) return { ok: false, diagnostics: [fileDiagnostic(path, created.problem)] };
    if (created.status === 'created') return { ok: true, id, path };
    if (request.id !== undefined) return { ok: false, taken: id };
  }
  throw new Error('unreachable: idCandidates never ends');
}
