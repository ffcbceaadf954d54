import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import { closestMatch } from '../diagnostics/suggest.js';
import { INCIDENT_FILE } from '../pipeline/collect-files.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { displayPath } from '../pipeline/paths.js';
import { fileKind } from '../source/read-regular-file.js';
import { knownIncidents } from './known-ids.js';


/**
 * The file an INCIDENT argument names: an existing path (relative to `cwd`)
 * as it is; otherwise an id, looked up as `<id>.yaml` or `<id>.yml` in the
 * incidents folder, then as the `id:` of a file there (the first in path
 * order, as `validate` keeps the first of two files with one id). Anything
 * else is not found, with the closest id or file name as a suggestion.
 */
export async function findIncident(
  incident: string,
  config: ResolvedConfig,
  cwd: string,
): Promise<{ ok: true; file: InputFile } | { ok: false; message: string }> {
  const asPath = resolve(cwd, incident);
  const info = await stat(asPath).catch(() => null);
  if (info?.isFile()) return { ok: true, file: { absolute: asPath, display: displayPath(asPath, cwd) } };
  if (info?.isDirectory()) {
    return { ok: false, message: `\`${incident}\` is a folder; name one incident, by its id or its file` };
  }
  // A named pipe or device is never read (it could block forever).
  if (info) return { ok: false, message: `Unexpected ${fileKind(info)} \`${incident}\`, expected a regular file; name one incident, by its id or its file` };

  for (const extension of ['.yaml', '.yml']) {
    const candidate = join(config.incidents, `${incident}${extension}`);
    if ((await stat(candidate).catch(() => null))?.isFile()) return { ok: true, file: { absolute: candidate, display: displayPath(candidate, cwd) } };
  }

  const folder = displayPath(config.incidents, cwd);
  const incidents = await knownIncidents(config.incidents, cwd);
  const declaring = incidents.find((known) => known.id === incident);
  if (declaring) return { ok: true, file: declaring.file };
  const known = incidents.flatMap((entry) => (entry.id === undefined ? [entry.name] : [entry.name, entry.id]));

  const looksLikePath = incident.includes('/') || incident.includes('\\') || INCIDENT_FILE.test(incident);
  const wanted = looksLikePath ? basename(incident).replace(INCIDENT_FILE, '') : incident;
  const candidates = [...new Set(known)];
  // A typo, or the start of a long dated id (`2026-11-25-checkout` for `2026-11-25-checkout-errors`).
  const containing = candidates.filter((candidate) => wanted.length >= 3 && candidate.includes(wanted));
  const suggestion = closestMatch(wanted, candidates) ?? (containing.length === 1 ? containing[0] : undefined);
  const lines = [
    looksLikePath
      ? `No such file \`${incident}\`, and no incident in ${folder}/ with that id`
      : `No incident \`${incident}\`: no ${folder}/${incident}.yaml, and no file in ${folder}/ has \`id: ${incident}\``,
  ];
  if (suggestion) lines.push(`Did you mean \`${suggestion}\`?`);
  else if (incidents.length === 0) lines.push(`${folder}/ holds no incident files; name the file by its path, or start one with \`postmortem new\`.`);
  else lines.push(`Name the incident by its id (the file's \`id:\`) or by the path of its file.`);
  return { ok: false, message: lines.join('\n') };
}
