// Writes the JSON Schemas and the compiled validators (see generate.ts).
import { writeFileSync } from 'node:fs';
import { generatedFiles } from './generate.js';

for (const [file, text] of Object.entries(generatedFiles())) {
  writeFileSync(new URL(`../${file}`, import.meta.url), text);
  console.log(`wrote ${file}`);
}
