import type { Document } from 'yaml';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import type { FileDiagnostics } from '../diagnostics/file-diagnostics.js';
import { quote } from '../diagnostics/quote.js';
import { ID_PATTERN } from '../schema/vocabulary.js';
import { detached } from '../source/detached.js';
import { valueRange } from '../source/locate.js';

/** An id a file names in `related`, and where it is written: what the check across files needs of the file. */
export interface RelatedId extends Position {
  readonly id: string;
}

/** A problem known only once every file of a run is read, with the index of its file in the run's list. */
export interface LateProblem {
  index: number;
  diagnostic: Diagnostic;
}

const ID = new RegExp(ID_PATTERN);

/**
 * The ids of `related` that may name another file of the run, each once with
 * where it is first written; `undefined` when there are none, so a file
 * without `related` carries nothing. An item that is not an id (an error
 * already) and the file's own id (a warning already, see rules/related.ts)
 * are left out.
 */
export function relatedIds(data: Record<string, unknown> | undefined, document: Document.Parsed | null, report: FileDiagnostics): RelatedId[] | undefined {
  if (!data || !Array.isArray(data.related)) return undefined;
  const seen = new Set<string>();
  const ids: RelatedId[] = [];
  data.related.forEach((item: unknown, index) => {
    if (typeof item !== 'string' || !ID.test(item) || item === data.id || seen.has(item)) return;
    seen.add(item);
    // An id read from YAML is a slice of the file's text, which it would keep alive.
    ids.push({ id: detached(item), ...report.position(valueRange(document, ['related', index])) });
  });
  return ids.length ? ids : undefined;
}

/** Numbers kept per waiting id: its file's index, then the line, column, end line and end column where it is written. */
const SLOTS = 5;

/**
 * The `related` ids of a run that no file had declared when they were met.
 * Files are met in path order, so an id naming an earlier file is settled at
 * once and never kept: only ids of later files, and ids of no file, wait
 * for the end of the run. A run over a hundred thousand files keeps, per
 * waiting id, its string and five numbers, nothing per file without one.
 */
export class WaitingRelatedIds {
  private readonly ids: string[] = [];
  private places = new Int32Array(SLOTS * 16);

  /** Keeps the ids of the file at `fileIndex` that `declared` does not know yet. */
  note(related: readonly RelatedId[] | undefined, fileIndex: number, declared: (id: string) => boolean): void {
    if (!related) return;
    for (const item of related) {
      if (declared(item.id)) continue;
      const at = this.ids.length * SLOTS;
      if (at + SLOTS > this.places.length) {
        const grown = new Int32Array(this.places.length * 2);
        grown.set(this.places);
        this.places = grown;
      }
      this.places.set([fileIndex, item.line, item.column, item.endLine, item.endColumn], at);
      this.ids.push(item.id);
    }
  }

  /**
   * Once every file is met: a warning at each id no file declared, in path
   * order. Only a warning: the postmortem is still worth writing, and the
   * other incident may simply not be in this run (a single file checked).
   */
  unknown(declared: (id: string) => boolean, shownPath: (fileIndex: number) => string): LateProblem[] {
    const problems: LateProblem[] = [];
    this.ids.forEach((id, waiting) => {
      if (declared(id)) return;
      const [index, line, column, endLine, endColumn] = this.places.subarray(waiting * SLOTS, waiting * SLOTS + SLOTS);
      problems.push({
        index: index!,
        diagnostic: {
          file: shownPath(index!),
          line: line!,
          column: column!,
          endLine: endLine!,
          endColumn: endColumn!,
          severity: 'warning',
          rule: 'unknown-related',
          message: `Unexpected ${quote(id)} in \`related\`: no incident file of this run has that id, so its link leads nowhere`,
          hint: 'Check the id for a typo; if the incident is in a file this run did not read, run over the folder that holds both.',
        },
      });
    });
    return problems;
  }
}
