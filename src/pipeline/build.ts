import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import type { Incident } from '../model/incident.js';
import { OutputFolder } from '../output/output-folder.js';
import type { WriteProblem } from '../output/write-problem.js';
import { BUILTIN_TEMPLATES, POSTMORTEM_TEMPLATES, type TemplateResult, templateFolders } from '../render/template-family.js';
import { readTemplate } from '../render/read-template.js';
import { findTemplateSources } from '../render/template-sources.js';
import { ReadBuffer } from '../source/read-regular-file.js';
import { type CheckedBytes, readCheckedBytesSync } from '../source/source-file.js';
import { postmortemFile } from '../report/postmortem-link.js';
import { toolId } from '../tool-id.js';
import { BuildCache, type RememberedFile, buildKey, modelHash } from './build-cache.js';
import type { BuildFileContext, BuiltFile, BuiltPostmortem, FileBuilder } from './build-file.js';
import type { CheckedIncident } from './check-incident.js';
import { refused, withValue } from './file-result.js';
import { type FileSettings, processFile } from './process-file.js';
import type { InputFile } from './incident-files.js';
import { displayPath, shownPrefix } from './paths.js';
import { type FileOutcome, type RunOptions, type RunResult, countLate, inputFiles, outcomeOf, summarise } from './run.js';
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
  const found = await findTemplateSources(POSTMORTEM_TEMPLATES, BUILTIN_TEMPLATES, folders);
  if (!found.ok) return summarise([], found.diagnostics);

  const { files, diagnostics } = await inputFiles(options);
  const out = resolve(options.cwd, options.out ?? options.config.out);
  // A wrapped check (a library caller's own rules) is not part of the key: nothing it decided is remembered.
  const key = options.checkFile ? null : await cacheKey(options, found.sources);
  const cache = key === null ? null : await BuildCache.open(out, key);
  // Handlebars and the templates load once a file is rendered. Unless the last run with this key loaded
  // them (it remembered their warnings), they load now: their problems stop the run before any file.
  let loading: Promise<TemplateResult> | undefined;
  const templates = () => (loading ??= import('../render/templates.js').then(({ loadTemplates }) => loadTemplates(folders)));
  let templateWarnings = cache?.templateWarnings ?? null;
  if (templateWarnings === null) {
    const loaded = await templates();
    if (!loaded.ok) return summarise([], loaded.diagnostics);
    templateWarnings = loaded.diagnostics;
  }
  cache?.rememberTemplateWarnings(templateWarnings);
  const commits = new OrderedCommits(out, options.cwd, cache);

  // Files whose postmortem cannot have changed are committed as they are; the others are built.
  // Read once, synchronously (see readCheckedBytesSync), and kept only until the file is built.
  const toBuild: { index: number; file: InputFile }[] = [];
  const workers = options.workers ?? defaultWorkers(files.length);
  const settings = { config: options.config, strict: options.strict ?? false, checkFile: options.checkFile, debug: options.debug };
  // The rendering code is loaded once a file is rendered on this thread: a run that renders nothing does without it.
  let renderer: Promise<Renderer> | undefined;
  const render = () => (renderer ??= rendererFor(settings, templates, cache !== null));
  // A run with a cache renders few files: on this thread, until there are enough to share with workers.
  let builtHere = 0;
  // Each file's bytes are hashed, or built, before the next file is read.
  const reading = new ReadBuffer();
  // One file is written while the next is built: overlap without a pile-up.
  let writing = Promise.resolve();
  for (const [index, file] of files.entries()) {
    const read = cache || workers <= 1 ? readCheckedBytesSync(file.absolute, file.display, reading) : null;
    const found = cache && read?.ok ? cache.lookup(file, read.bytes) : null;
    commits.expect(index, file, found?.hash ?? null);
    // Under --strict a remembered warning makes the file invalid: checked again, it is reported as such.
    if (found?.entry && !(options.strict && found.entry.diagnostics.length > 0)) {
      writing = commits.accept(index, remembered(found.entry));
    } else if (workers <= 1 || (cache?.remembersAny && builtHere < FILES_PER_WORKER)) {
      builtHere += 1;
      const built =
        found?.onDiskModel && read?.ok
          ? await buildUnlessSameModel(file, read, found.onDiskModel, settings, render)
          : await (await render()).buildFile(file, read ?? undefined);
      await writing;
      writing = commits.accept(index, built);
    } else {
      toBuild.push({ index, file });
    }
  }
  if (toBuild.length > 0) {
    const { buildInWorkers } = await import('./worker-pool.js');
    const data = { config: options.config, templateFolders: folders, strict: options.strict ?? false };
    await buildInWorkers(
      toBuild.map(({ file }) => file),
      data,
      workers,
      (at, built) => commits.accept(toBuild[at]!.index, built),
    );
  }
  await commits.settled();
  commits.finish();
  await cache?.save(commits.folder);
  // The templates' own warnings (a folder in the old flat layout) come first, with the inputs' problems.
  return summarise(commits.outcomes, [...templateWarnings, ...diagnostics, ...commits.diagnostics]);
}

interface Renderer {
  buildFile: FileBuilder;
  renderChecked: (checked: CheckedIncident, incident: Incident, model: string) => BuiltFile;
}

/** The rendering stack for this thread: the build-file code and the templates, loaded on first use. */
async function rendererFor(settings: FileSettings & { config: ResolvedConfig }, templates: () => Promise<TemplateResult>, hashModels: boolean): Promise<Renderer> {
  const [{ fileBuilder, renderChecked }, loaded] = await Promise.all([import('./build-file.js'), templates()]);
  // They loaded when this run's key was made, or in an earlier run with the same bytes: only a template edited meanwhile fails here.
  if (!loaded.ok) throw new Error(`The templates changed during the build: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const context: BuildFileContext = { ...settings, templates: loaded.templates, hashModels };
  return { buildFile: fileBuilder(context), renderChecked: (checked, incident, model) => renderChecked(checked, incident, model, context) };
}

/**
 * Everything besides the incident that a postmortem is made from (see
 * build-cache.ts); `null` when a template cannot be read as one (a folder, a
 * pipe): loading the templates then reports it.
 */
async function cacheKey(options: BuildOptions, sources: Record<string, string>): Promise<string | null> {
  const texts: Record<string, string> = {};
  for (const [name, file] of Object.entries(sources)) {
    const read = await readTemplate(file);
    if (!read.ok) return null;
    texts[name] = read.text;
  }
  return buildKey({ toolId: toolId(), config: options.config, templates: texts });
}

/** A remembered postmortem, as a built file whose output is already on disk. */
function remembered(entry: RememberedFile): BuiltFile {
  const built: BuiltFile = { file: entry.display, id: entry.id, idPosition: entry.idPosition, diagnostics: entry.diagnostics, value: { onDisk: true, model: null } };
  // Its `related` ids are checked against this run's files, as a file built anew is.
  return entry.related ? { ...built, related: entry.related } : built;
}

/**
 * A file whose bytes changed since its postmortem was written: checked, and
 * rendered only when its model differs from that postmortem's (`onDiskModel`).
 * The same model keeps the postmortem, with this check's problems (a warning
 * moved by a new comment line is reported where it is now).
 */
async function buildUnlessSameModel(file: InputFile, read: CheckedBytes, onDiskModel: string, settings: FileSettings, render: () => Promise<Renderer>): Promise<BuiltFile> {
  const checked = await processFile(file, settings, (incident) => ({ value: { incident, model: modelHash(incident) } }), read);
  const made = checked.value;
  if (made === null) return withValue<BuiltPostmortem>(checked, null);
  if (made.model === onDiskModel) return withValue<BuiltPostmortem>(checked, { onDisk: true, model: made.model });
  return (await render()).renderChecked(withValue(checked, made.incident), made.incident, made.model);
}

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
  private readonly ids = new IdRegistry((index) => this.inputs.get(index)!.file.display);
  private next = 0;
  private chain: Promise<void> = Promise.resolve();
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
    this.waiting.set(index, built);
    this.chain = this.chain.then(() => this.drain());
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
