import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const INCIDENT_FILE = /\.ya?ml$/;
const TOP_LEVEL_ID = /^id:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*(?:#.*)?$/m;

/**
 * The ids in use in an incidents folder: every file's name and the `id:` it
 * declares (they usually agree, but a renamed file must not free its id).
 * A missing folder holds none.
 */
export async function knownIncidentIds(folder: string): Promise<Set<string>> {
  const ids = new Set<string>();
  const entries = await readdir(folder, { recursive: true }).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((entry) => INCIDENT_FILE.test(entry))
      .map(async (entry) => {
        ids.add(entry.replace(/^.*\//, '').replace(INCIDENT_FILE, ''));
        const text = await readFile(join(folder, entry), 'utf8').catch(() => '');
        const declared = TOP_LEVEL_ID.exec(text)?.[1];
        if (declared) ids.add(declared);
      }),
  );
  return ids;
}
