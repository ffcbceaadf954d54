import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { OutputFolder } from '../output/output-folder.js';
import type { WriteProblem } from '../output/write-problem.js';
import { loadTemplates, templateFolders } from '../render/templates.js';
import type { BuiltFile } from './build-file.js';
import { displayPath } from './paths.js';
import { type FileOutcome, type RunOptions, type RunResult, inputFiles, outcomeOf, summarise } from './run.js';
import { IdRegistry } from './unique-ids.js';

export interface BuildOptions extends RunOptions {
  /** Output folder; default: the configured one. */
  out?: string;
  /** Folders whose templates override the built-in ones by name; default: the configured one. */
  templates?: readonly string[];
  /** Worker threads; 1 builds on the calling thread. Default: see `defaultWorkers`. */
  workers?: number;
}

/**
 * The main job: check every input and write `<out>/<id>.md` for each valid
 * incident. Files are checked and rendered in parallel, but committed in path
 * order, so a duplicate id is always refused in the later file and the run's
 * output never depends on timing. Writes go through `OutputFolder` (atomic,
 * never through a link out of the folder, never over a link); an invalid
 * incident writes nothing and leaves its earlier output alone; an unchanged
 * postmortem is not rewritten.
 */
export async function buildPostmortems(options: BuildOptions): Promise<RunResult> {
  const folders = templateFolders(options.config, options.templates);
  const loaded = await loadTemplates(folders);
  if (!loaded.ok) return summarise([], loaded.diagnostics);

  const { files, diagnostics } = await inputFiles(options);
  const out = options.out ?? options.config.out;
  const commits = new OrderedCommits(out, options.cwd);
  const workers = options.workers ?? defaultWorkers(files.length);
  if (workers > 1) {
    const { buildInWorkers } = await import('./worker-pool.js');
    await buildInWorkers(files, { config: options.config, templateFolders: folders, strict: options.strict ?? false }, workers, (index, built) =>
      commits.accept(index, built),
    );
  } else {
    const { buildFile } = await import('./build-file.js');
    const context = { config: options.config, templates: loaded.templates, strict: options.strict ?? false, checkFile: options.checkFile, debug: options.debug };
    // One file is written while the next is built: overlap without a pile-up.
    let writing = Promise.resolve();
    for (const [index, file] of files.entries()) {
      const built = await buildFile(file, context);
      await writing;
      writing = commits.accept(index, built);
    }
  }
  await commits.settled();
  return summarise(commits.outcomes, [...diagnostics, ...commits.diagnostics]);
}

/** A postmortem that was not written is reported at the incident file it came from. */
function unwritten(file: string, problem: WriteProblem): Diagnostic {
  return fileDiagnostic(file, problem);
}

/** Below this many files per thread, starting worker threads costs more than it saves. */
const FILES_PER_WORKER = 48;

/**
 * Each worker thread is a V8 heap of its own (100 to 150 MB at peak), so
 * threads are used only where there are cores to spare: on two cores they
 * measured 1.3 times faster for twice the memory, so the build stays on the
 * main thread there.
 */
export function defaultWorkers(files: number, cores = availableParallelism()): number {
  if (cores <= 2) return 1;
  return Math.max(1, Math.min(cores, Math.floor(files / FILES_PER_WORKER), 8));
}

/**
 * Takes results in any order and commits them in path order: claims the id,
 * then writes the postmortem if the file is still valid.
 */
class OrderedCommits {
  readonly outcomes: FileOutcome[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly waiting = new Map<number, BuiltFile>();
  private readonly ids = new IdRegistry();
  private next = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly folder: OutputFolder;

  constructor(
    private readonly out: string,
    private readonly cwd: string,
  ) {
    this.folder = new OutputFolder(resolve(cwd, out), (absolute) => displayPath(absolute, cwd));
  }

  /**
   * Queues a result; the promise settles once it (and all before it that have
   * arrived) is committed. Callers wait for it before producing more, so
   * results never pile up in memory faster than they are written.
   */
  accept(index: number, built: BuiltFile): Promise<void> {
    this.waiting.set(index, built);
    this.chain = this.chain.then(() => this.drain());
    // A failure surfaces in `settled()`; until then it must not count as unhandled.
    this.chain.catch(() => undefined);
    return this.chain;
  }

  settled(): Promise<void> {
    return this.chain;
  }

  private async drain(): Promise<void> {
    for (let built = this.waiting.get(this.next); built; built = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next += 1;
      await this.commit(built);
    }
  }

  private async commit(built: BuiltFile): Promise<void> {
    let valid = this.ids.claim(built) && built.markdown !== null;
    let written: { output: string; unchanged: boolean } | undefined;
    if (valid) {
      const target = join(this.out, `${built.id}.md`);
      // No fsync per file: the rename keeps readers from ever seeing half a file, which is what matters here.
      const outcome = await this.folder.write(`${built.id}.md`, built.markdown!, { skipUnchanged: true, subject: 'the postmortem' });
      if (outcome.ok) written = { output: displayPath(target, this.cwd), unchanged: outcome.status === 'unchanged' };
      else {
        valid = false;
        built.diagnostics.push(unwritten(built.file, outcome.problem));
      }
    }
    this.diagnostics.push(...built.diagnostics);
    this.outcomes.push({ ...outcomeOf(built, valid), ...written });
  }
}
