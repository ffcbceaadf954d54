// Baseline for `validate` of one file: the least any validator of the format
// must do once Node has started, and nothing else. It reads the file, parses
// it with `yaml` as the tool does, and makes one `Intl.DateTimeFormat` for
// its zone: a zone's offsets come from ICU, and its first use builds the
// locale tables (about 10 ms on the bench's machines, whatever the locale).
// No schema, no rules, no configuration, no CLI. run.ts bundles it with
// yaml's ES module build, as scripts/bundle.mjs bundles the CLI, so both
// load one copy of the same parser.
//
// Usage: node baseline-start.js <file>
// Prints the number of top-level keys on stdout; exits 1 when the file does not parse.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { TextDecoder } from 'node:util';
import { parseDocument } from 'yaml';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node baseline-start.js <file>\n');
  process.exit(2);
}
const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
const document = parseDocument(text, { version: '1.2', schema: 'core' });
const data = document.toJS() ?? {};
const zone = typeof data.timezone === 'string' ? data.timezone : 'UTC';
new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
process.stdout.write(`${Object.keys(data).length}\n`);
process.exitCode = document.errors.length > 0 ? 1 : 0;
