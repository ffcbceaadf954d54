import type { Position } from '../diagnostics/diagnostic.js';
import { quote } from '../diagnostics/quote.js';
import { detached } from '../source/detached.js';
import { type FileResult, refused } from './file-result.js';
import { type LateProblem, WaitingRelatedIds } from './related-ids.js';

/** Numbers kept per claimed id: the file's index, then the line, column, end line and end column of where the id is written. */
const SLOTS = 5;
/** In place of a line: the file had no position for its id. */
const NO_POSITION = -1;

/**
 * Ids name output files, so they must be unique across the files of one run.
 * Files claim their ids in path order: the first keeps it, and each later
 * one is refused with an error that points back at the first. Claims can be
 * made as results arrive, as long as they are made in path order.
 *
 * The ids a file names in `related` must be ids of the run: the registry
 * knows them all once the last file is claimed, so every command that claims
 * ids asks it then (`unknownRelated`) for the ids no file declared.
 */
export class IdRegistry {
  /**
   * Each id → the number of its first claim. A run over a hundred thousand
   * files keeps one entry per file for the whole run, so an entry is a small
   * integer, not an object: where the id was first used is kept in `places`,
   * five numbers a claim (the file by its index in the run's list, and the
   * position), read back only for a duplicate.
   */
  private readonly claims = new Map<string, number>();
  private places = new Int32Array(SLOTS * 64);
  private count = 0;
  private readonly related = new WaitingRelatedIds();
  private readonly declared = (id: string) => this.claims.has(id);

  /** @param shownPath The shown path of the file at an index of the run's list. */
  constructor(private readonly shownPath: (fileIndex: number) => string) {}

  /**
   * The result of the file at `fileIndex` as it is, or refused when an
   * earlier file took its id. Invalid files claim their ids too.
   */
  claim<T>(result: FileResult<T>, fileIndex: number): FileResult<T> {
    if (result.id === null) return result;
    const earlier = this.claims.get(result.id);
    if (earlier === undefined) this.remember(result.id, fileIndex, result.idPosition);
    // Invalid files' `related` ids are checked too: one run reports every problem of a file.
    this.related.note(result.related, fileIndex, this.declared);
    if (earlier === undefined) return result;
    const position = result.idPosition ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
    return refused(result, {
      file: result.file,
      ...position,
      severity: 'error',
      rule: 'duplicate-id',
      message: `Unexpected duplicate id ${quote(result.id)}, expected each incident to have its own`,
      hint: 'Give this incident a different `id` (ids name the output files).',
      related: { file: this.shownPath(this.places[earlier * SLOTS]!), ...(this.positionOf(earlier) ?? {}), message: `${quote(result.id)} is first used here` },
    });
  }

  /** Once every file is claimed: a warning at each `related` id that no file of the run declared, in path order. */
  unknownRelated(): LateProblem[] {
    return this.related.unknown(this.declared, this.shownPath);
  }

  private remember(id: string, fileIndex: number, position: Position | null): void {
    const claim = this.count;
    if ((claim + 1) * SLOTS > this.places.length) {
      const grown = new Int32Array(this.places.length * 2);
      grown.set(this.places);
      this.places = grown;
    }
    const at = claim * SLOTS;
    this.places[at] = fileIndex;
    if (position === null) {
      this.places[at + 1] = NO_POSITION;
    } else {
      this.places.set([position.line, position.column, position.endLine, position.endColumn], at + 1);
    }
    this.count += 1;
    // An id read from YAML is a slice of the scalar's source, which it would keep alive.
    this.claims.set(detached(id), claim);
  }

  private positionOf(claim: number): Position | null {
    const at = claim * SLOTS + 1;
    const line = this.places[at]!;
    if (line === NO_POSITION) return null;
    return { line, column: this.places[at + 1]!, endLine: this.places[at + 2]!, endColumn: this.places[at + 3]! };
  }
}

