import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { isScalar } from 'yaml';
import type { ResolvedConfig } from '../config/config.js';
import { closestMatch } from '../diagnostics/suggest.js';
import { type InputFile, collectIncidentFiles } from '../pipeline/collect-files.js';
import { displayPath } from '../pipeline/paths.js';
import { parseForEdit, topLevelPair } from './edit-text.js';

const INCIDENT_FILE = /\.ya?ml$/;

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

  for (const extension of ['.yaml', '.yml']) {
    const candidate = join(config.incidents, `${incident}${extension}`);
    if ((await stat(candidate).catch(() => null))?.isFile()) return { ok: true, file: { absolute: candidate, display: displayPath(candidate, cwd) } };
  }

  const folder = displayPath(config.incidents, cwd);
  const { files } = await collectIncidentFiles([config.incidents], cwd);
  const known: string[] = [];
  for (const file of files) {
    known.push(basename(file.absolute).replace(INCIDENT_FILE, ''));
    const id = await declaredId(file.absolute);
    if (id === incident) return { ok: true, file };
    if (id !== undefined) known.push(id);
  }

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
  else if (files.length === 0) lines.push(`${folder}/ holds no incident files; name the file by its path, or start one with \`postmortem new\`.`);
  else lines.push(`Name the incident by its id (the file's \`id:\`) or by the path of its file.`);
  return { ok: false, message: lines.join('\n') };
}

async function declaredId(path: string): Promise<string | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined || !text.includes('id')) return undefined;
  const parsed = parseForEdit(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return undefined;
  const value = topLevelPair(parsed.map, 'id')?.value;
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}
