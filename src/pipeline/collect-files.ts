import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { IncidentFiles } from './incident-files.js';
import { displayPath, shownPrefix } from './paths.js';

/** The names of incident files. */
export const INCIDENT_FILE = /\.ya?ml$/;
const GLOB_CHARACTERS = /[*?[\]{}]/;

/** Files found for one input: each shown as `prefix` + tail. */
interface Found {
  prefix: string;
  tails: string[];
}

/**
 * Turns command-line inputs (files, folders, glob patterns) into the sorted
 * list of incident files. A folder means every `.yaml`/`.yml` file below it
 * (symbolic links to folders are not followed). A path that exists is taken
 * literally; otherwise it is tried as a glob pattern.
 */
export async function collectIncidentFiles(
  inputs: readonly string[],
  cwd: string,
): Promise<{ files: IncidentFiles; diagnostics: Diagnostic[] }> {
  const found: Found[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    const info = await stat(absolute).catch(() => null);
    if (info?.isDirectory()) {
      found.push({ prefix: shownPrefix(absolute, cwd), tails: await filesBelow(absolute, input, diagnostics) });
    } else if (info) {
      found.push({ prefix: '', tails: [displayPath(absolute, cwd)] });
    } else if (GLOB_CHARACTERS.test(input)) {
      // Loaded only for patterns: most runs name folders or files.
      const { glob } = await import('tinyglobby');
      const matches = await glob(input, { cwd, absolute: true, onlyFiles: true });
      if (matches.length === 0) diagnostics.push(...missing(input, 'No file matches this pattern'));
      found.push({ prefix: '', tails: matches.map((match) => displayPath(resolve(match), cwd)) });
    } else {
      diagnostics.push(...missing(input, 'No such file or folder'));
    }
  }
  // One folder, the usual run, is already sorted and free of repeats; several inputs may overlap.
  if (found.length === 1) return { files: new IncidentFiles(cwd, found[0]!.prefix, found[0]!.tails), diagnostics };
  const shown = new Set<string>();
  for (const { prefix, tails } of found) for (const tail of tails) shown.add(prefix + tail);
  return { files: IncidentFiles.of(cwd, [...shown].sort()), diagnostics };
}

/**
 * The incident files below a folder, as paths relative to it with `/`
 * separators, sorted. One folder at a time, so that a hundred thousand files
 * cost their names and little more while they are listed.
 */
async function filesBelow(root: string, input: string, diagnostics: Diagnostic[]): Promise<string[]> {
  const tails: string[] = [];
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(folder === '' ? root : join(root, folder), { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      const shown = folder === '' ? input : `${input.replace(/[/\\]+$/, '')}/${folder}`;
      diagnostics.push(fileDiagnostic(shown, { rule: 'file-unreadable', message: `Unexpected ${code} reading this folder, expected to list its incident files`, hint: 'Check the folder\'s permissions; its files were skipped.' }));
      continue;
    }
    for (const entry of entries) {
      const tail = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) folders.push(tail);
      else if (INCIDENT_FILE.test(entry.name)) tails.push(tail);
    }
  }
  // Code-unit order, as every list of files is sorted: the order files are checked and ids claimed in.
  return tails.sort();
}

function missing(input: string, message: string): Diagnostic[] {
  return [fileDiagnostic(input, { rule: 'file-unreadable', message, hint: 'Check the path; folders are searched for .yaml and .yml files.' })];
}
