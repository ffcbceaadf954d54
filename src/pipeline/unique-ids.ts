import type { Position } from '../diagnostics/diagnostic.js';
import { quote } from '../diagnostics/quote.js';
import { type FileResult, refused } from './file-result.js';

/** Numbers kept per claimed id: the line, column, end line and end column of where the id is written. */
const POSITION_SLOTS = 4;
/** In place of a line: the file had no position for its id. */
const NO_POSITION = -1;

/**
 * Ids name output files, so they must be unique across the files of one run.
 * Files claim their ids in path order: the first keeps it, and each later
 * one is refused with an error that points back at the first. Claims can be
 * made as results arrive, as long as they are made in path order.
 */
export class IdRegistry {
  /**
   * Each id → the number of its first claim. A run over a hundred thousand
   * files keeps one entry per file for the whole run, so an entry is a small
   * integer, not an object: where the id was first used is kept in `files`
   * (the file's shown path, a string its result already holds) and
   * `positions`, four numbers a claim, read back only for a duplicate.
   */
  private readonly claims = new Map<string, number>();
  private readonly files: string[] = [];
  private positions = new Int32Array(POSITION_SLOTS * 64);

  /** The result as it is, or refused when an earlier file took its id. Invalid files claim their ids too. */
  claim<T>(result: FileResult<T>): FileResult<T> {
    if (result.id === null) return result;
    const earlier = this.claims.get(result.id);
    if (earlier === undefined) {
      this.remember(result.id, result.file, result.idPosition);
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
      related: { file: this.files[earlier]!, ...(this.positionOf(earlier) ?? {}), message: `${quote(result.id)} is first used here` },
    });
  }

  private remember(id: string, file: string, position: Position | null): void {
    const index = this.files.length;
    if ((index + 1) * POSITION_SLOTS > this.positions.length) {
      const grown = new Int32Array(this.positions.length * 2);
      grown.set(this.positions);
      this.positions = grown;
    }
    const at = index * POSITION_SLOTS;
    if (position === null) {
      this.positions[at] = NO_POSITION;
    } else {
      this.positions.set([position.line, position.column, position.endLine, position.endColumn], at);
    }
    this.files.push(file);
    this.claims.set(id, index);
  }

  private positionOf(index: number): Position | null {
    const at = index * POSITION_SLOTS;
    const line = this.positions[at]!;
    if (line === NO_POSITION) return null;
    return { line, column: this.positions[at + 1]!, endLine: this.positions[at + 2]!, endColumn: this.positions[at + 3]! };
  }
}
