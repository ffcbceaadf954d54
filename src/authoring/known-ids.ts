import { basename } from 'node:path';
import { INCIDENT_FILE, collectIncidentFiles } from '../pipeline/collect-files.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { readRegularFile } from '../source/read-regular-file.js';
import { MAX_FILE_BYTES } from '../source/source-file.js';
import { parseForEdit, stringAt } from './edit-text.js';


/** An incident file and the names it goes by: its file name and the `id:` it declares, when it has one; and its title, to show. */
export interface KnownIncident {
  file: InputFile;
  name: string;
  id: string | undefined;
  title: string | undefined;
}

/** Every incident file in a folder (below it too), in path order; a missing folder holds none. */
export async function knownIncidents(folder: string, cwd: string): Promise<KnownIncident[]> {
  const { files } = await collectIncidentFiles([folder], cwd);
  return Promise.all(
    Array.from(files, async (file) => ({ file, name: basename(file.absolute).replace(INCIDENT_FILE, ''), ...(await declared(file.absolute)) })),
  );
}

/**
 * The ids in use in an incidents folder: every file's name and the `id:` it
 * declares (they usually agree, but a renamed file must not free its id).
 */
export async function knownIncidentIds(folder: string, cwd: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const known of await knownIncidents(folder, cwd)) {
    ids.add(known.name);
    if (known.id !== undefined) ids.add(known.id);
  }
  return ids;
}

async function declared(path: string): Promise<{ id: string | undefined; title: string | undefined }> {
  // Through the checked reader: a named pipe must not hang `new`, nor a huge file fill the memory.
  const read = await readRegularFile(path, MAX_FILE_BYTES);
  if (!read.ok) return { id: undefined, title: undefined };
  const text = read.bytes.toString('utf8');
  if (!text.includes('id')) return { id: undefined, title: undefined };
  const parsed = parseForEdit(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return { id: undefined, title: undefined };
  return { id: stringAt(parsed.map, 'id'), title: stringAt(parsed.map, 'title') };
}
