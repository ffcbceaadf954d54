import { basename } from 'node:path';
import { INCIDENT_FILE, collectIncidentFiles } from '../pipeline/collect-files.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { readRegularFile } from '../source/read-regular-file.js';
import { MAX_FILE_BYTES } from '../source/source-file.js';
import { topLevelString } from './edit-text.js';


/** An incident file and the names it goes by: its file name and the `id:` it declares, when it has one. */
export interface KnownIncident {
  file: InputFile;
  name: string;
  id: string | undefined;
}

/** Every incident file in a folder (below it too), in path order; a missing folder holds none. */
export async function knownIncidents(folder: string, cwd: string): Promise<KnownIncident[]> {
  const { files } = await collectIncidentFiles([folder], cwd);
  return Promise.all(
    Array.from(files, async (file) => ({ file, name: basename(file.absolute).replace(INCIDENT_FILE, ''), id: await declaredId(file.absolute) })),
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

async function declaredId(path: string): Promise<string | undefined> {
  // Through the checked reader: a named pipe must not hang `new`, nor a huge file fill the memory.
  const read = await readRegularFile(path, MAX_FILE_BYTES);
  if (!read.ok) return undefined;
  const text = read.bytes.toString('utf8');
  if (!text.includes('id')) return undefined;
  return topLevelString(text.replace(/^\uFEFF/, ''), 'id');
}
