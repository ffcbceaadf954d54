import type { Position } from '../diagnostics/diagnostic.js';
import { quote } from '../diagnostics/quote.js';
import { type FileResult, refused } from './file-result.js';

/**
 * Ids name output files, so they must be unique across the files of one run.
 * Files claim their ids in path order: the first keeps it, and each later
 * one is refused with an error that points back at the first. Claims can be
 * made as results arrive, as long as they are made in path order.
 */
export class IdRegistry {
  /** Only where each id was first used: a result itself may hold a whole postmortem. */
  private readonly first = new Map<string, { file: string; idPosition: Position | null }>();

  /** The result as it is, or refused when an earlier file took its id. Invalid files claim their ids too. */
  claim<T>(result: FileResult<T>): FileResult<T> {
    if (result.id === null) return result;
    const earlier = this.first.get(result.id);
    if (!earlier) {
      this.first.set(result.id, { file: result.file, idPosition: result.idPosition });
      return result;
    }
    const position = result.idPosition ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
    return refused(result, {
      file: result.file,
      ...position,
      severity: 'error',
      rule: 'duplicate-id',
      message: `Unexpected duplicate id ${quote(result.id)}, expected each incident to have its own`,
      hint: 'Give this incident a different `id` (ids name the output files).',
      related: { file: earlier.file, ...(earlier.idPosition ?? {}), message: `${quote(result.id)} is first used here` },
    });
  }
}
