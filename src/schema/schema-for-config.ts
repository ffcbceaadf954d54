import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig, SeverityLevel } from '../config/config.js';
import { PACKAGE_ROOT } from '../package-root.js';

/**
 * The JSON Schemas for editors, specialised to a project's configuration.
 *
 * `severity` is checked against the configured levels, which a fixed schema
 * cannot know. The CLI's validator therefore leaves it as plain text and a
 * semantic rule (`unknown-severity`) names the configured levels; the schema
 * for editors instead lists them as an `enum`, each with its description, so
 * completion offers exactly those levels and hover explains them. The
 * committed `schema/incident.schema.json` is this specialisation for the
 * default levels, SEV1 to SEV4, and `postmortem schema` prints the one for the
 * project's own levels (byte-identical to the committed file by default).
 *
 * Nothing here loads TypeBox: at run time the committed schemas are the base.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type SchemaKind = 'incident' | 'config';

/** Where each schema is committed, relative to the package. */
export const SCHEMA_PATHS: Readonly<Record<SchemaKind, string>> = {
  incident: 'schema/incident.schema.json',
  config: 'schema/config.schema.json',
};

/** The schema of `severity`: one of `levels`, most severe first, each described. */
function severitySchema(levels: readonly SeverityLevel[]): JsonObject {
  const ids = levels.map((level) => level.id);
  const descriptions = levels.map((level) => level.description);
  const listed = levels.map((level) => `\`${level.id}\``).join(', ');
  return {
    type: 'string',
    enum: ids,
    title: 'Severity',
    description: `One of the configured severity levels, most severe first: ${ids.join(', ')}.`,
    markdownDescription: `One of the configured severity levels (\`severities\` in postmortem.config.yaml), most severe first: ${listed}.`,
    enumDescriptions: descriptions,
    markdownEnumDescriptions: descriptions,
    examples: ids.slice(0, 2),
  };
}

/** A copy of the incident schema whose `severity` lists `levels`; every other key is kept, in order. */
export function specialiseIncidentSchema(schema: JsonObject, levels: readonly SeverityLevel[]): JsonObject {
  const properties = schema.properties;
  if (!isObject(properties) || !isObject(properties.severity)) {
    throw new Error('not an incident schema: it has no `properties.severity`');
  }
  return { ...schema, properties: { ...properties, severity: severitySchema(levels) } };
}

/** The text of a schema as committed: two-space indented JSON and a final newline. */
export function schemaText(schema: JsonObject): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** One of the committed schemas, as shipped with the package. */
async function committedSchema(which: SchemaKind): Promise<JsonObject> {
  const parsed = JSON.parse(await readFile(join(PACKAGE_ROOT, SCHEMA_PATHS[which]), 'utf8')) as JsonValue;
  if (!isObject(parsed)) throw new Error(`${SCHEMA_PATHS[which]} is not a JSON Schema object`);
  return parsed;
}

/**
 * The schema editors should use for a project: for incidents, the committed
 * schema with the configured severity levels; the configuration schema as is.
 */
export async function schemaForConfig(which: SchemaKind, config: Pick<ResolvedConfig, 'severities'>): Promise<JsonObject> {
  const schema = await committedSchema(which);
  return which === 'incident' ? specialiseIncidentSchema(schema, config.severities) : schema;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
