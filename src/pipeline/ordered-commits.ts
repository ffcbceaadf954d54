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
  private readonly inputs = new Map<number, { file: InputFile; hash: string | null }>();
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
    if (this.queued === 0 && index === this.next && this.commitOnDisk(built, index)) return COMMITTED;
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

  /**
   * Commits at once, with no promise, a postmortem remembered as it is on
   * disk whose turn it is: nothing to write and nothing to remember anew,
   * which is every file of a warm build but the changed ones. False for
   * anything else, which takes the chain.
   */
  private commitOnDisk(built: BuiltFile, index: number): boolean {
    const postmortem = built.value;
    if (postmortem === null || !('onDisk' in postmortem) || postmortem.model !== null) return false;
    const claimed = this.ids.claim(built, index);
    const input = this.inputs.get(index);
    // Refused (its id is an earlier file's): remembered no more, as `commit` does.
    if (claimed.value === null && input) this.cache?.forget(input.file);
    const written = claimed.value === null ? {} : { output: this.shownOut + postmortemFile(claimed.id!), unchanged: true };
    this.outcomes.push({ ...outcomeOf(claimed), ...written });
    this.diagnostics.push(...claimed.diagnostics);
    this.next += 1;
    return true;
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
    const input = this.inputs.get(index);
    const claimed = this.ids.claim(built, index);
    const slot = this.outcomes.push(outcomeOf(claimed)) - 1;
    const finish = async () => {
      const { result, written } = await this.write(claimed, input);
      if (result.value === null && input) this.cache?.forget(input.file);
      this.diagnostics.push(...result.diagnostics);
      this.outcomes[slot] = { ...outcomeOf(result), ...written };
    };
    const postmortem = claimed.value;
    if (postmortem === null || 'onDisk' in postmortem) return finish();
    while (this.writing.size >= WRITES_IN_FLIGHT) await Promise.race(this.writing);
    const write: Promise<void> = finish().finally(() => this.writing.delete(write));
    // A failure surfaces in `settled()` (or the next wait above); until then it must not count as unhandled.
    write.catch(() => undefined);
    this.writing.add(write);
  }

  /** Writes a claimed postmortem (one on disk is left as it is) and remembers it; a failed write refuses the file. */
  private async write(
    claimed: BuiltFile,
    input: { file: InputFile; hash: string | null } | undefined,
  ): Promise<{ result: BuiltFile; written?: { output: string; unchanged: boolean } }> {
    const postmortem = claimed.value;
    if (postmortem === null) return { result: claimed };
    const name = postmortemFile(claimed.id!);
    // No fsync per file: the rename keeps readers from ever seeing half a file, which is what matters here.
    const outcome =
      'onDisk' in postmortem
        ? ({ ok: true, status: 'unchanged' } as const)
        : await this.folder.write(name, postmortem.markdown, { skipUnchanged: true, subject: 'the postmortem' });
    if (!outcome.ok) return { result: refused(claimed, unwritten(claimed.file, outcome.problem)) };
    // A postmortem remembered as it is keeps its entry; one rendered, or kept for a changed file of the same model, is remembered anew.
    if (input?.hash && postmortem.model !== null)
      this.cache?.remember(
        input.file,
        input.hash,
        { id: claimed.id!, idPosition: claimed.idPosition, diagnostics: [...claimed.diagnostics], model: postmortem.model, ...(claimed.related && { related: [...claimed.related] }) },
        name,
      );
    return { result: claimed, written: { output: this.shownOut + name, unchanged: outcome.status === 'unchanged' } };
  }
}
