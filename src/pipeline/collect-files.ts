import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { displayPath } from './paths.js';

export interface InputFile {
  absolute: string;
  /** As shown in messages. */
  display: string;
}

/** The names of incident files. */
export const INCIDENT_FILE = /\.ya?ml$/;
const GLOB_CHARACTERS = /[*?[\]{}]/;

/**
 * Turns command-line inputs (files, folders, glob patterns) into a sorted list
 * of incident files. A folder means every `.yaml`/`.yml` file below it. A path
 * that exists is taken literally; otherwise it is tried as a glob pattern.
 */
export async function collectIncidentFiles(
  inputs: readonly string[],
  cwd: string,
): Promise<{ files: InputFile[]; diagnostics: Diagnostic[] }> {
  const found = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    const info = await stat(absolute).catch(() => null);
    if (info?.isDirectory()) {
      const entries = await readdir(absolute, { recursive: true });
      for (const entry of entries) if (INCIDENT_FILE.test(entry)) found.add(join(absolute, entry));
    } else if (info) {
      found.add(absolute);
    } else if (GLOB_CHARACTERS.test(input)) {
      // Loaded only for patterns: most runs name folders or files.
      const { glob } = await import('tinyglobby');
      const matches = await glob(input, { cwd, absolute: true, onlyFiles: true });
      if (matches.length === 0) diagnostics.push(...missing(input, 'No file matches this pattern'));
      for (const match of matches) found.add(resolve(match));
    } else {
      diagnostics.push(...missing(input, 'No such file or folder'));
    }
  }
  const files = [...found].map((absolute) => listedFile(absolute, cwd));
  files.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files, diagnostics };
}

/**
 * One file of the list. A run over a hundred thousand files keeps its list to
 * the end, so each file costs one string of characters: the shown path is
 * mostly the tail of the absolute one, and is kept as a slice of it rather
 * than a copy. `path.join` builds the absolute path from pieces; copying it
 * flat lets the pieces go.
 */
function listedFile(joined: string, cwd: string): InputFile {
  const copied = Buffer.from(joined).toString();
  // Unless the copy differs (a name that is not valid Unicode).
  const absolute = copied === joined ? copied : joined;
  const display = displayPath(absolute, cwd);
  return { absolute, display: absolute.endsWith(display) ? absolute.slice(absolute.length - display.length) : display };
}

function missing(input: string, message: string): Diagnostic[] {
  return [fileDiagnostic(input, { rule: 'file-unreadable', message, hint: 'Check the path; folders are searched for .yaml and .yml files.' })];
}
