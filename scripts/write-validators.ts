// Writes the validators compiled from the schemas (see validators-source.ts): the build's first step,
// before tsc, since src/ imports them. Quiet, like the rest of the build.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { VALIDATORS_PATH, validatorsSource } from './validators-source.js';

const target = new URL(`../${VALIDATORS_PATH}`, import.meta.url);
const text = validatorsSource();
let current: string | null;
try {
  current = readFileSync(target, 'utf8');
} catch {
  current = null;
}
// An unchanged file is left alone, and a changed one replaced in one step: tests that
// import src/ directly may be reading it while another checkout of the work builds.
if (current !== text) {
  const temporary = new URL(`../${VALIDATORS_PATH}.${process.pid}.tmp`, import.meta.url);
  writeFileSync(temporary, text);
  renameSync(temporary, target);
}
