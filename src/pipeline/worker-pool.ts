import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../package-root.js';
import type { BuiltFile } from './build-file.js';
import type { BuildWorkerData, BuildWorkerRequest, BuildWorkerResponse } from './build-worker.js';
import type { InputFile } from './incident-files.js';

/** Files per message: enough to keep messaging cheap, few enough to balance the load. */
const BATCH_SIZE = 16;

// Always the bundled worker (scripts/bundle.mjs), also from the sources under tsx: run `npm run build` first.
const WORKER = join(PACKAGE_ROOT, 'dist', 'pipeline', 'build-worker.js');

/**
 * Builds files on worker threads. Every result is handed to `onResult` with
 * the file's index, and a worker gets its next batch once `onResult` has
 * taken the last one; a crash in a worker rejects the whole build.
 */
export function buildInWorkers(
  files: readonly InputFile[],
  data: BuildWorkerData,
  workerCount: number,
  onResult: (index: number, built: BuiltFile) => Promise<void>,
): Promise<void> {
  const batches: InputFile[][] = [];
  for (let start = 0; start < files.length; start += BATCH_SIZE) batches.push(files.slice(start, start + BATCH_SIZE));
  let nextBatch = 0;
  let pending = batches.length;
  const workers: Worker[] = [];

  return new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown) => {
      for (const worker of workers) void worker.terminate();
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve();
    };
    const feed = (worker: Worker) => {
      if (nextBatch >= batches.length) return;
      const request: BuildWorkerRequest = { batch: nextBatch, files: batches[nextBatch]! };
      nextBatch += 1;
      worker.postMessage(request);
    };
    if (pending === 0) return finish();
    for (let i = 0; i < Math.min(workerCount, batches.length); i += 1) {
      const worker = new Worker(WORKER, { workerData: data });
      workers.push(worker);
      worker.on('message', (response: BuildWorkerResponse) => {
        const committed = response.results.map((built, offset) => onResult(response.batch * BATCH_SIZE + offset, built));
        // The next batch waits for this one to be written: no pile-up of finished postmortems.
        Promise.all(committed).then(() => {
          pending -= 1;
          if (pending === 0) finish();
          else feed(worker);
        }, finish);
      });
      worker.on('error', finish);
      worker.on('exit', (code) => {
        if (pending > 0 && code !== 0) finish(new Error(`build worker stopped with exit code ${code}`));
      });
      feed(worker);
    }
  });
}
