#!/usr/bin/env node
import module from 'node:module';
import { removeInterruptedFiles } from '../output/interrupted-files.js';
import { unsupportedNode } from './node-version.js';

const tooOld = unsupportedNode(process.version);
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(2);
}

// Node 22.1+ can cache compiled code between runs, which halves start-up; older versions lack it.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// `yaml` reads `process.env.LOG_TOKENS` for every token it parses, and each read of the real
// `process.env` is a call into C++: a plain copy makes parsing about 10% faster. Nothing here
// changes the environment later; child processes and workers get the copy. Not on Windows,
// where the real object's names are case-insensitive (`Path`) and a copy's would not be.
if (process.platform !== 'win32') process.env = { ...process.env };

// Stopped by a signal (Ctrl-C, a CI job's timeout), it first removes the lock and temporary files it holds
// (interrupted-files.ts), then ends as the signal would have ended it, so the shell sees 130 (or 143).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    removeInterruptedFiles();
    process.kill(process.pid, signal);
  });
}

// `postmortem report | head`: the reader has gone, so there is nothing left to say and no error to show.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const { main } = await import('./main.js');
const { processIo } = await import('./io.js');
process.exitCode = await main(process.argv.slice(2), processIo());
