import type { Position } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { quote } from '../diagnostics/quote.js';

export interface IdClaim {
  file: string;
  id: string | null;
  idPosition: Position | null;
  diagnostics: Diagnostic[];
}

/**
 * Ids name output files, so they must be unique across the files of one run.
 * Files claim their ids in path order: the first keeps it, and each later
 * one gets an error that points back at the first. Claims can be made as
 * results arrive, as long as they are made in path order.
 */
export class IdRegistry {
  /** Only where each id was first used: a claim itself may hold a whole postmortem. */
  private readonly first = new Map<string, Pick<IdClaim, 'file' | 'idPosition'>>();

  /** Returns false (and adds the error to the claim) when the id is taken. */
  claim(claim: IdClaim): boolean {
    if (claim.id === null) return true;
    const earlier = this.first.get(claim.id);
    if (!earlier) {
      this.first.set(claim.id, { file: claim.file, idPosition: claim.idPosition });
      return true;
    }
    const position = claim.idPosition ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
    claim.diagnostics.push({
      file: claim.file,
      ...position,
      severity: 'error',
      rule: 'duplicate-id',
      message: `Unexpected duplicate id ${quote(claim.id)}, expected each incident to have its own`,
      hint: 'Give this incident a different `id` (ids name the output files).',
      related: { file: earlier.file, ...(earlier.idPosition ?? {}), message: `${quote(claim.id)} is first used here` },
    });
    return false;
  }
}
