import { setImmediate as nextTurn } from 'node:timers/promises';
import { ReadBuffer } from '../source/read-regular-file.js';
import { readCheckedBytesSync } from '../source/source-file.js';
import type { IncidentFiles, InputFile } from './incident-files.js';
import type { FileResult } from './file-result.js';
import { type FileSettings, type ModelStage, processFile } from './process-file.js';
import type { LateProblem } from './related-ids.js';
import { IdRegistry } from './unique-ids.js';

/** How many files are processed between turns of the event loop. */
const FILES_BETWEEN_TURNS = 16;

/** One file's result, as soon as it is made. */
export interface RunFile<T> {
  file: InputFile;
  index: number;
  result: FileResult<T>;
}

/** After the last file: the problems only the whole run could tell (a `related` id no file declared), each with its file's index. */
export interface RunEnd {
  late: readonly LateProblem[];
}

/**
 * Every file through its stages (see `processFile`), one at a time in path
 * order, then the checks across files: a file whose id an earlier file
 * declared is refused at once; a `related` id that no file declared is
 * known only after the last file, and comes last, as a `RunEnd` (its file's
 * result has been handed on by then: the sink adds the problem to what it
 * printed or kept). Each result is handed on as soon as it is made, and only
 * the sink decides what to keep: validate prints and forgets, report keeps
 * records, publish keeps pages. `build` runs the same stages, on worker
 * threads where there are cores to spare, and claims ids in the same order
 * as it commits (see build.ts).
 */
export async function* runFiles<T>(files: IncidentFiles, settings: FileSettings, stage: ModelStage<T>): AsyncGenerator<RunFile<T> | RunEnd> {
  const ids = new IdRegistry((index) => files.at(index).display);
  // Each file's bytes are decoded before the next file is read.
  const reading = new ReadBuffer();
  for (const [index, file] of files.entries()) {
    // Read in one synchronous call (see readCheckedBytesSync); a wrapped check reads for itself.
    const read = settings.checkFile ? undefined : readCheckedBytesSync(file.absolute, file.display, reading);
    yield { file, index, result: ids.claim(await processFile(file, settings, stage, read), index) };
    // Reads are synchronous: let the event loop turn now and then (a progress bar's timer, a signal).
    if (index % FILES_BETWEEN_TURNS === FILES_BETWEEN_TURNS - 1) await nextTurn();
  }
  yield { late: ids.unknownRelated() };
}
