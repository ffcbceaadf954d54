#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ can cache compiled code between runs, which halves start-up; older versions lack it.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// `postmortem report | head`: the reader has gone, so there is nothing left to say and no error to show.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const { main } = await import('./main.js');
const { processIo } = await import('./io.js');
process.exitCode = await main(process.argv.slice(2), processIo());
