import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { OutputFolder } from '../output/output-folder.js';
import type { WriteProblem } from '../output/write-problem.js';
import { postmortemFile } from '../report/postmortem-link.js';
import type { BuildCache } from './build-cache.js';
import type { BuiltFile } from './build-file.js';
import { refused } from './file-result.js';
import type { InputFile } from './incident-files.js';
import { displayPath, shownPrefix } from './paths.js';
import { type FileOutcome, countLate, outcomeOf } from './run.js';
import { IdRegistry } from './unique-ids.js';

/** A postmortem that was not written is reported at the incident file it came from. */
function unwritten(file: string, problem: WriteProblem): Diagnostic {
  return fileDiagnostic(file, problem);
}

/**
 * Writes of postmortems that may go on at once (see `OrderedCommits.commit`),
 * while the next files are built. A write in flight keeps its postmortem
 * alive long enough to be moved to V8's old generation, which makes V8 let
 * the heap grow further; the CLI limits that growth (free-memory.ts). With
 * it, 16 writes peaked at 170 MB on 10,000 incidents, as 2 did (166 MB),
 * and built 2,000 about 10% faster (without it: 212–278 MB and 162–203 MB).
 */
const WRITES_IN_FLIGHT = 16;

/** What `accept` gives for a result it committed at once. */
const COMMITTED = Promise.resolve();

/** Each input file, and the hash of its bytes as the cache read them. */
type Input = { file: InputFile; hash: string | null };
/** Where a committed postmortem is, as the run's outcome shows it. */
type Written = { output: string; unchanged: boolean };

/** Whether a result has a postmortem to write: one rendered (a refused or remembered one has none). */
function toWrite(built: BuiltFile): boolean {
  return built.value !== null && !('onDisk' in built.value);
}

/**
 * Takes results in any order and commits them in path order: claims the id,
 * then writes the postmortem if the file is still valid.
 */
export class OrderedCommits {
  readonly outcomes: FileOutcome[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly waiting = new Map<number, BuiltFile>();
  private readonly ids = new IdRegistry((index) => this.inputs.get(index)!.file.display);
  private next = 0;
  private chain: Promise<void> = Promise.resolve();
  /** Results accepted whose turn on the chain has not come yet. */
  private queued = 0;
  readonly folder: OutputFolder;
  /** What each postmortem's shown path starts with. */
  private readonly shownOut: string;
  /** Each file and the hash of its bytes as the cache read them, by index. */
  private readonly inputs = new Map<number, Input>();
  /** The writes going on. */
  private readonly writing = new Set<Promise<void>>();

  constructor(
    out: string,
    cwd: string,
    private readonly cache: BuildCache | null,
  ) {
    this.folder = new OutputFolder(out, (absolute) => displayPath(absolute, cwd));
    this.shownOut = shownPrefix(out, cwd);
  }

  /** The file at `index`, and its hash when the cache read it: to remember it once committed. */
  expect(index: number, file: InputFile, hash: string | null): void {
    this.inputs.set(index, { file, hash });
  }

  /**
   * Queues a result; the promise settles once it (and all before it that have
   * arrived) is committed. Callers wait for it before producing more, so
   * results never pile up in memory faster than they are written.
   */
  accept(index: number, built: BuiltFile): Promise<void> {
    // Its turn, and nothing to write (every unchanged file of a warm build): committed at once, with no promise.
    if (this.queued === 0 && index === this.next && !toWrite(built)) {
      this.commitUnwritten(built, index);
      this.next += 1;
      return COMMITTED;
    }
    this.waiting.set(index, built);
    this.queued += 1;
    this.chain = this.chain.then(() => {
      this.queued -= 1;
      return this.drain();
    });
    // A failure surfaces in `settled()`; until then it must not count as unhandled.
    this.chain.catch(() => undefined);
    return this.chain;
  }

  /** Once every result has been committed and every write has finished. */
  async settled(): Promise<void> {
    await this.chain;
    await Promise.all(this.writing);
  }

  /** After the last commit: the problems only the whole run tells (a `related` id no file declared), counted in their files' outcomes. */
  finish(): void {
    this.diagnostics.push(...countLate(this.outcomes, this.ids.unknownRelated()));
  }

  private async drain(): Promise<void> {
    for (let built = this.waiting.get(this.next); built; built = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      await this.commit(built, this.next);
      this.next += 1;
    }
  }

  /**
   * Claims the id (in path order, so the later of two files is refused),
   * then writes the postmortem. Up to WRITES_IN_FLIGHT writes go on at once,
   * each to a file of its own, while the next files are built: a write is a
   * handful of round trips to the file system, which one after the other
   * would leave the process idle. Each outcome keeps its file's place.
   */
  private async commit(built: BuiltFile, index: number): Promise<void> {
    if (!toWrite(built)) return this.commitUnwritten(built, index);
    const input = this.inputs.get(index);
    const claimed = this.ids.claim(built, index);
    const slot = this.outcomes.push(outcomeOf(claimed)) - 1;
    const postmortem = claimed.value;
    // Refused by the claim (its id is an earlier file's): nothing to write.
    if (postmortem === null || !('markdown' in postmortem)) return this.record(claimed, input, slot);
    while (this.writing.size >= WRITES_IN_FLIGHT) await Promise.race(this.writing);
    const write: Promise<void> = this.write(claimed, postmortem.markdown, input)
      .then(({ result, written }) => this.record(result, input, slot, written))
      .finally(() => this.writing.delete(write));
    // A failure surfaces in `settled()` (or the next wait above); until then it must not count as unhandled.
    write.catch(() => undefined);
    this.writing.add(write);
  }

  /** Commits a result with nothing to write (invalid, or its postmortem on disk as it is): claims its id, and records it at once. */
  private commitUnwritten(built: BuiltFile, index: number): void {
    const input = this.inputs.get(index);
    const claimed = this.ids.claim(built, index);
    const slot = this.outcomes.push(outcomeOf(claimed)) - 1;
    this.record(claimed, input, slot, claimed.value === null ? undefined : this.keptOnDisk(claimed, input));
  }

  /** What a committed result leaves: its problems, its outcome in its place, and a refused file forgotten by the cache. */
  private record(result: BuiltFile, input: Input | undefined, slot: number, written?: Written): void {
    if (result.value === null && input) this.cache?.forget(input.file);
    this.diagnostics.push(...result.diagnostics);
    this.outcomes[slot] = { ...outcomeOf(result), ...written };
  }

  /** A postmortem left on disk as it is: remembered anew when its file was checked anew (a changed file of the same model). */
  private keptOnDisk(claimed: BuiltFile, input: Input | undefined): Written {
    const name = postmortemFile(claimed.id!);
    this.remember(claimed, input, name);
    return { output: this.shownOut + name, unchanged: true };
  }

  /** Writes a claimed postmortem and remembers it; a failed write refuses the file. */
  private async write(claimed: BuiltFile, markdown: string, input: Input | undefined): Promise<{ result: BuiltFile; written?: Written }> {
    const name = postmortemFile(claimed.id!);
    // No fsync per file: the rename keeps readers from ever seeing half a file, which is what matters here.
    const outcome = await this.folder.write(name, markdown, { skipUnchanged: true, subject: 'the postmortem' });
    if (!outcome.ok) return { result: refused(claimed, unwritten(claimed.file, outcome.problem)) };
    this.remember(claimed, input, name);
    return { result: claimed, written: { output: this.shownOut + name, unchanged: outcome.status === 'unchanged' } };
  }

  /** What the next run needs to skip the file, when its bytes were read and its model taken (a postmortem remembered as it is keeps its entry). */
  private remember(claimed: BuiltFile, input: Input | undefined, name: string): void {
    const model = claimed.value?.model ?? null;
    if (!input?.hash || model === null) return;
    const entry = { id: claimed.id!, idPosition: claimed.idPosition, diagnostics: [...claimed.diagnostics], model, ...(claimed.related && { related: [...claimed.related] }) };
    this.cache?.remember(input.file, input.hash, entry, name);
  }
}
