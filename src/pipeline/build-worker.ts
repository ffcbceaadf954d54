import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/config.js';
import { loadTemplates } from '../render/templates.js';
import { type BuildFileContext, type BuiltFile, fileBuilder } from './build-file.js';
import type { InputFile } from './incident-files.js';

/** Settings a build worker starts with. */
export interface BuildWorkerData {
  config: ResolvedConfig;
  templateFolders: string[];
  strict: boolean;
}

export type BuildWorkerRequest = { batch: number; files: InputFile[] };
export type BuildWorkerResponse = { batch: number; results: BuiltFile[] };

// A worker thread of `buildPostmortems`: takes batches of files, answers with what each produced.
const data = workerData as BuildWorkerData;
const loaded = await loadTemplates(data.templateFolders);
if (!loaded.ok) throw new Error('templates failed to load in a build worker after loading in the main thread');
const context: BuildFileContext = { config: data.config, templates: loaded.templates, strict: data.strict };
const buildFile = fileBuilder(context);

parentPort!.on('message', (request: BuildWorkerRequest) => {
  void (async () => {
    const results: BuiltFile[] = [];
    for (const file of request.files) results.push(await buildFile(file));
    const response: BuildWorkerResponse = { batch: request.batch, results };
    parentPort!.postMessage(response);
  })();
});
