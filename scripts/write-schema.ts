// Writes schema/*.schema.json from the TypeBox definitions (the single source of truth).
import { writeFileSync } from 'node:fs';
import { SCHEMA_FILES, jsonSchemaText } from '../src/schema/json-schema.js';

for (const [file, schema] of Object.entries(SCHEMA_FILES)) {
  writeFileSync(new URL(`../${file}`, import.meta.url), jsonSchemaText(schema));
  console.log(`wrote ${file}`);
}
