// Writes the code the build generates before tsc and esbuild, since src/ imports it: the validators
// compiled from the schemas (validators-source.ts) and the built-in templates compiled
// ahead of time (templates-source.ts). Quiet, like the rest of the build.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPILED_TEMPLATES_PATH, compiledTemplatesSource } from './templates-source.js';
import { VALIDATORS_PATH, validatorsSource } from './validators-source.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function write(path: string, text: string): void {
  const target = new URL(`../${path}`, import.meta.url);
  let current: string | null;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = null;
  }
  // An unchanged file is left alone, and a changed one replaced in one step: tests that
  // import src/ directly may be reading it while another checkout of the work builds.
  if (current === text) return;
  const temporary = new URL(`../${path}.${process.pid}.tmp`, import.meta.url);
  writeFileSync(temporary, text);
  renameSync(temporary, target);
}

write(VALIDATORS_PATH, validatorsSource());
write(COMPILED_TEMPLATES_PATH, compiledTemplatesSource(root));
