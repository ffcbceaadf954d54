// Writes the committed generated files: the JSON Schemas and the template fields list (see generate.ts).
import { writeFileSync } from 'node:fs';
import { committedFiles } from './generate.js';

for (const [file, text] of Object.entries(committedFiles())) {
  writeFileSync(new URL(`../${file}`, import.meta.url), text);
  console.log(`wrote ${file}`);
}
