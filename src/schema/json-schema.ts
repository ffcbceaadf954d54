import type { TSchema } from '@sinclair/typebox';
import { DEFAULT_SEVERITIES } from '../config/config.js';
import { ConfigSchema } from './config-schema.js';
import { IncidentSchema } from './incident-schema.js';
import { type JsonObject, SCHEMA_PATHS, schemaText, specialiseIncidentSchema } from './schema-for-config.js';

/** The JSON Schema for a TypeBox schema: draft-07, stable key order. */
export function toJsonSchema(schema: TSchema): JsonObject {
  // JSON round trip drops TypeBox's symbol keys.
  const plain = JSON.parse(JSON.stringify(schema)) as JsonObject;
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...plain };
}

/**
 * The committed JSON Schema text for a TypeBox schema. The incident schema
 * lists the default severity levels (as `postmortem schema` does for a
 * project's own), so files in this repository get completion for them; the
 * CLI's validator is compiled from the unspecialised `IncidentSchema` instead,
 * and leaves severities to the `unknown-severity` rule.
 */
export function jsonSchemaText(schema: TSchema): string {
  const json = toJsonSchema(schema);
  return schemaText(schema === IncidentSchema ? specialiseIncidentSchema(json, DEFAULT_SEVERITIES) : json);
}

/** The committed JSON Schemas, by repository path. */
export function schemaFileTexts(): Record<string, string> {
  return {
    [SCHEMA_PATHS.incident]: jsonSchemaText(IncidentSchema),
    [SCHEMA_PATHS.config]: jsonSchemaText(ConfigSchema),
  };
}
