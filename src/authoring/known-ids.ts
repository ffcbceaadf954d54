import { basename } from 'node:path';
import { type YAMLMap, isMap } from 'yaml';
import { INCIDENT_FILE, collectIncidentFiles } from '../pipeline/collect-files.js';
import type { InputFile } from '../pipeline/incident-files.js';
import { readRegularFile } from '../source/read-regular-file.js';
import { MAX_FILE_BYTES } from '../source/source-file.js';
import { type Course, courseOf } from './incident-course.js';
import { parseForEdit, stringAt, topLevelPair } from './edit-text.js';

/** An incident file and the names it goes by: its file name and the `id:` it declares, when it has one; and its title, to show. */
export interface KnownIncident {
  file: InputFile;
  name: string;
  id: string | undefined;
  title: string | undefined;
  /** When its timeline starts and whether it is resolved: only when asked for (see `knownIncidents`), and readable. */
  course?: Course;
  /** The source incident it was imported from (its `x-imported` note), when it says. */
  imported?: { source: string; id: string };
}

/**
 * Every incident file in a folder (below it too), in path order; a missing
 * folder holds none. With `courseZone` (the configured zone, for times of a
 * file without its own), each also gets its course, from the same reading
 * of the file: `@latest` needs it of every file.
 */
export async function knownIncidents(folder: string, cwd: string, courseZone?: string): Promise<KnownIncident[]> {
  const { files } = await collectIncidentFiles([folder], cwd);
  // One file at a time: opening them all at once ran out of file descriptors past the limit (256 on macOS,
  // often 1,024 on Linux), and a file that could not be opened was passed over, so `@latest` chose another
  // incident. Parsing is the cost, and it is done on this thread either way.
  const known: KnownIncident[] = [];
  for (const file of files) known.push({ file, name: basename(file.absolute).replace(INCIDENT_FILE, ''), ...(await declared(file.absolute, courseZone)) });
  return known;
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

async function declared(path: string, courseZone: string | undefined): Promise<Pick<KnownIncident, 'id' | 'title' | 'course' | 'imported'>> {
  const none = { id: undefined, title: undefined };
  // Through the checked reader: a named pipe must not hang `new`, nor a huge file fill the memory.
  const read = await readRegularFile(path, MAX_FILE_BYTES);
  if (!read.ok) return none;
  const text = read.bytes.toString('utf8');
  if (!text.includes('id') && courseZone === undefined) return none;
  const parsed = parseForEdit(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return none;
  const names = { id: stringAt(parsed.map, 'id'), title: stringAt(parsed.map, 'title') };
  const course = courseZone === undefined ? undefined : courseOf(parsed.map, courseZone);
  const imported = importedFrom(parsed.map);
  return { ...names, ...(course ? { course } : {}), ...(imported ? { imported } : {}) };
}

/** The source incident a file's `x-imported` note names, when it names one. */
export function importedFrom(map: YAMLMap<unknown, unknown>): { source: string; id: string } | undefined {
  const note = topLevelPair(map, 'x-imported')?.value;
  const source = isMap(note) ? note.get('source') : undefined;
  const id = isMap(note) ? note.get('id') : undefined;
  return typeof source === 'string' && typeof id === 'string' ? { source, id } : undefined;
}
