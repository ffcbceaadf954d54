#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ can cache compiled code between runs, which halves start-up; older versions lack it.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { main } = await import('./main.js');
const { processIo } = await import('./io.js');
process.exitCode = await main(process.argv.slice(2), processIo());
