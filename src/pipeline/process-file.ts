import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Incident } from '../model/incident.js';
import type { CheckedBytes } from '../source/source-file.js';
import { type CheckedIncident, checkIncidentBytes, checkIncidentFile } from './check-incident.js';
import type { InputFile } from './incident-files.js';
import { type FileResult, failedFile, withValue } from './file-result.js';
import { internalError } from './internal-error.js';

/**
 * What a command makes of each valid model: a postmortem (build, publish), a
 * report record (report, actions, export), nothing more (validate). A
 * stage returns its value, or `null` with the problems that say why not.
 */
export type ModelStage<T> = (incident: Incident, checked: CheckedIncident) => { value: T | null; diagnostics?: readonly Diagnostic[] };

/** Validate's stage: the model is the result. */
export const keepModel: ModelStage<Incident> = (incident) => ({ value: incident });

/** How every file of a run is checked. */
export interface FileSettings {
  config: ResolvedConfig;
  /** Warnings fail the file too. */
  strict?: boolean;
  /** How one file is checked; a library caller (or a test) may wrap it. Default: read, then `checkIncidentBytes`. */
  checkFile?: typeof checkIncidentFile;
  /** An `internal-error` carries the stack trace. */
  debug?: boolean;
}

/**
 * One file's stages, top to bottom: read, check (YAML, schema, rules, the
 * model), the `--strict` gate, then the command's own stage. Whatever the
 * file meets ends in its result, a bug (an exception) included: that is the
 * file's `internal-error`, keeping what was found before it, and the run
 * goes on with the other files (it exits 2). `read` is the file's bytes when
 * the caller has read them already (build reads them for its cache).
 */
export async function processFile<T>(input: InputFile, settings: FileSettings, stage: ModelStage<T>, read?: CheckedBytes): Promise<FileResult<T>> {
  let checked: CheckedIncident;
  try {
    checked =
      read && !settings.checkFile
        ? checkIncidentBytes(read, input.display, settings.config)
        : await (settings.checkFile ?? checkIncidentFile)(input.absolute, input.display, settings.config);
  } catch (error) {
    return failedFile(input.display, [internalError(input.display, error, settings.debug)]);
  }
  if (checked.value === null) return withValue<T>(checked, null);
  if (settings.strict && checked.diagnostics.length > 0) return withValue<T>(checked, null);
  return runStage(checked, checked.value, stage, settings.debug);
}

/**
 * The command's own stage on a checked file's model, as `processFile` runs
 * it: a bug in it is the file's `internal-error`, keeping what the check found.
 */
export function runStage<T>(checked: CheckedIncident, incident: Incident, stage: ModelStage<T>, debug?: boolean): FileResult<T> {
  try {
    const made = stage(incident, checked);
    return withValue(checked, made.value, made.diagnostics);
  } catch (error) {
    return withValue<T>(checked, null, [internalError(checked.file, error, debug)]);
  }
}
