// Baseline for the build benchmark: read every incident file in a folder and
// parse it with the `yaml` package, as cheaply as the format allows (UTF-8
// decoding, one parseDocument per file), and nothing else: no schema, no rules,
// no rendering, no writes. `postmortem build` cannot do less work than this.
//
// Usage: node bench/baseline-parse.mjs <folder>
// Prints `<files> <errors>` on stdout; exits 1 when a file does not parse.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { TextDecoder } from 'node:util';
import { parseDocument } from 'yaml';

const folder = process.argv[2];
if (!folder) {
  process.stderr.write('usage: node bench/baseline-parse.mjs <folder>\n');
  process.exit(2);
}

const names = (await readdir(folder, { recursive: true }))
  .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
  .sort();
const decoder = new TextDecoder('utf-8', { fatal: true });
let errors = 0;
for (const name of names) {
  const text = decoder.decode(await readFile(join(folder, name)));
  const document = parseDocument(text, { version: '1.2', schema: 'core' });
  errors += document.errors.length;
}
process.stdout.write(`${names.length} ${errors}\n`);
process.exitCode = errors > 0 ? 1 : 0;
