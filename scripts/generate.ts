import { schemaFileTexts } from '../src/schema/json-schema.js';
import { templateFieldsDoc } from '../src/render/template-fields-doc.js';

/**
 * The files generated from the sources and committed, by repository path:
 * the JSON Schemas for editors (users point their editors at them) and the
 * list of the fields templates can use. `npm run generate` writes them and a
 * test checks they are up to date. The validators compiled from the same
 * schemas are not among them: the build generates those (validators-source.ts).
 */
export function committedFiles(): Record<string, string> {
  const files = schemaFileTexts();
  // The fields templates can use, shipped with the templates (the package has no src/).
  files['templates/README.md'] = templateFieldsDoc();
  return files;
}
