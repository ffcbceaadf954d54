import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import { closestMatch } from '../diagnostics/suggest.js';
import { INCIDENT_FILE } from '../pipeline/collect-files.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { displayPath } from '../pipeline/paths.js';
import { fileKind } from '../source/read-regular-file.js';
import { MIN_PART, candidateLines, matchIncidentName } from './incident-name.js';
import { type KnownIncident, knownIncidents } from './known-ids.js';
import { LATEST, latestUnresolved } from './latest-incident.js';

export type FoundIncident =
  /** `exact`: a path, `<id>.yaml`, an id or file name, or `@latest`; `part`: a unique part of an id or file name. */
  | { ok: true; file: InputFile; how: 'exact' | 'part' }
  /** `ambiguous` when the name is part of several incidents' ids (the message lists them). */
  | { ok: false; message: string; ambiguous: boolean };

/**
 * The file an INCIDENT argument names, first match wins: an existing path
 * (relative to `cwd`) as it is; `<id>.yaml` or `<id>.yml` in the incidents
 * folder; the `id:` of a file there (the first in path order, as `validate`
 * keeps the first of two files with one id), or its file name; `@latest`,
 * the newest unresolved incident (see `latestUnresolved`); then any part of
 * one incident's id or file name (at least MIN_PART characters). A part of
 * several is refused with the candidates; anything else is not found, with
 * the closest id or file name as a suggestion.
 */
export async function findIncident(incident: string, config: ResolvedConfig, cwd: string): Promise<FoundIncident> {
  const refuse = (message: string, ambiguous = false): FoundIncident => ({ ok: false, message, ambiguous });
  const found = (file: InputFile, how: 'exact' | 'part' = 'exact'): FoundIncident => ({ ok: true, file, how });
  const asPath = resolve(cwd, incident);
  const info = await stat(asPath).catch(() => null);
  if (info?.isFile()) return found({ absolute: asPath, display: displayPath(asPath, cwd) });
  if (info?.isDirectory()) return refuse(`\`${incident}\` is a folder; name one incident, by its id or its file`);
  // A named pipe or device is never read (it could block forever).
  if (info) return refuse(`Unexpected ${fileKind(info)} \`${incident}\`, expected a regular file; name one incident, by its id or its file`);

  for (const extension of ['.yaml', '.yml']) {
    const candidate = join(config.incidents, `${incident}${extension}`);
    if ((await stat(candidate).catch(() => null))?.isFile()) return found({ absolute: candidate, display: displayPath(candidate, cwd) });
  }

  const folder = displayPath(config.incidents, cwd);
  // Each file is read and parsed once: for its names, and for `@latest` its course too.
  const incidents = await knownIncidents(config.incidents, cwd, incident === LATEST ? config.timezone : undefined);
  if (incident === LATEST) {
    // A file whose times cannot be read may be the newest incident: choosing another would log into the wrong one.
    const unknown = incidents.filter((known) => known.course === undefined);
    if (unknown.length > 0) return refuse(unknownCourses(unknown));
    const latest = latestUnresolved(incidents);
    if (latest) return found(latest.file);
    return refuse(`No unresolved incident in ${folder}/ for \`${LATEST}\`: every incident there has a \`resolved\` event`);
  }
  const looksLikePath = incident.includes('/') || incident.includes('\\') || INCIDENT_FILE.test(incident);
  const match = looksLikePath ? ({ kind: 'none' } as const) : matchIncidentName(incident, incidents);
  switch (match.kind) {
    case 'exact':
    case 'part':
      return found(match.incident.file, match.kind);
    case 'ambiguous': {
      // Two files that declare the same id (a copy, say) cannot be told apart by more of it.
      const ids = match.candidates.map((known) => known.id ?? known.name);
      const advice = new Set(ids).size < ids.length ? `Name one by its file, like \`${match.candidates[0]!.file.display}\`.` : 'Name one by more of its id.';
      return refuse([`\`${incident}\` is part of the ids of ${match.candidates.length} incidents:`, ...candidateLines(match.candidates), advice].join('\n'), true);
    }
    case 'none':
      return refuse(notFound(incident, looksLikePath, folder, incidents));
  }
}

/** Why `@latest` cannot choose: files whose start or end cannot be read, at most five of them named. */
function unknownCourses(unknown: readonly KnownIncident[]): string {
  const shown = unknown.slice(0, 5).map((known) => `  ${known.file.display}`);
  if (unknown.length > shown.length) shown.push(`  and ${unknown.length - shown.length} more`);
  return [
    `\`${LATEST}\` cannot tell which incident is the newest: ${unknown.length === 1 ? 'this file does' : 'these files do'} not say when ${unknown.length === 1 ? 'it' : 'they'} started or whether ${unknown.length === 1 ? 'it has' : 'they have'} ended (unreadable, or no readable time):`,
    ...shown,
    'Run `postmortem validate` and fix what it reports, or name the incident by its id or its path.',
  ].join('\n');
}

function notFound(incident: string, looksLikePath: boolean, folder: string, incidents: readonly KnownIncident[]): string {
  const known = incidents.flatMap((entry) => (entry.id === undefined ? [entry.name] : [entry.name, entry.id]));
  const wanted = looksLikePath ? basename(incident).replace(INCIDENT_FILE, '') : incident;
  const candidates = [...new Set(known)];
  // A typo, or (from a path) the start of a long dated id (`2026-11-25-checkout` for `2026-11-25-checkout-errors`).
  const containing = candidates.filter((candidate) => wanted.length >= MIN_PART && candidate.includes(wanted));
  const suggestion = closestMatch(wanted, candidates) ?? (containing.length === 1 ? containing[0] : undefined);
  const lines = [
    looksLikePath
      ? `No such file \`${incident}\`, and no incident in ${folder}/ with that id`
      : `No incident \`${incident}\`: no ${folder}/${incident}.yaml, and no file in ${folder}/ has an id with \`${incident}\` in it`,
  ];
  if (suggestion) lines.push(`Did you mean \`${suggestion}\`?`);
  else if (incidents.length === 0) lines.push(`${folder}/ holds no incident files; name the file by its path, or start one with \`postmortem new\`.`);
  else lines.push(`Name the incident by its id (the file's \`id:\`), a part of it, \`${LATEST}\`, or the path of its file.`);
  return lines.join('\n');
}
