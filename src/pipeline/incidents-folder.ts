import { stat } from 'node:fs/promises';
import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { quote } from '../diagnostics/quote.js';
import { displayPath } from './paths.js';

/**
 * The problem of a run given no paths whose incidents folder does not exist,
 * or `null`. It is said where the folder was chosen: at `incidents` in the
 * configuration file, or, by default, as the folder the run looked for, with
 * what would set one up (a first run in a new project lands here).
 */
export async function missingIncidentsFolder(config: ResolvedConfig, cwd: string): Promise<Diagnostic | null> {
  if (await stat(config.incidents).catch(() => null)) return null;
  const folder = displayPath(config.incidents, cwd);
  const setAt = config.incidentsSetAt;
  if (setAt) {
    return {
      ...setAt,
      severity: 'error',
      rule: 'file-unreadable',
      message: `No such folder ${quote(folder)}: \`incidents\` names the folder incident files are read from`,
      hint: 'Create that folder, or set `incidents` to the folder that holds your incident files (relative to this configuration file).',
    };
  }
  return fileDiagnostic(folder, {
    rule: 'file-unreadable',
    message: 'No such folder: given no paths, postmortem reads the incident files of the `incidents` folder',
    hint: 'Name the files or folders to read, set `incidents` in postmortem.config.yaml, or run `postmortem init` to set up a project here.',
  });
}
