import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { ResolvedConfig } from '../config/config.js';
import type { Incident } from '../model/incident.js';
import { BUILTIN_TEMPLATES, POSTMORTEM_TEMPLATES, type TemplateResult, templateFolders } from '../render/template-family.js';
import { readTemplate } from '../render/read-template.js';
import { findTemplateSources } from '../render/template-sources.js';
import { ReadBuffer } from '../source/read-regular-file.js';
import { type CheckedBytes, readCheckedBytesSync } from '../source/source-file.js';
import { toolId } from '../tool-id.js';
import { BuildCache, type RememberedFile, buildKey, modelHash } from './build-cache.js';
import type { BuildFileContext, BuiltFile, BuiltPostmortem, FileBuilder } from './build-file.js';
import type { CheckedIncident } from './check-incident.js';
import { withValue } from './file-result.js';
import { type FileSettings, processFile } from './process-file.js';
import type { InputFile } from './incident-files.js';
import { type RunOptions, type RunResult, inputFiles, summarise } from './run.js';
import { OrderedCommits } from './ordered-commits.js';

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
