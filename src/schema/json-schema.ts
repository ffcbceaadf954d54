import type { TSchema } from '@sinclair/typebox';
import { ConfigSchema } from './config-schema.js';
import { IncidentSchema } from './incident-schema.js';

/** The committed JSON Schema text for a TypeBox schema: draft-07, stable key order. */
export function toJsonSchema(schema: TSchema): Record<string, unknown> {
  // JSON round trip drops TypeBox's symbol keys.
  const plain = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...plain };
}

export function jsonSchemaText(schema: TSchema): string {
  return `${JSON.stringify(toJsonSchema(schema), null, 2)}\n`;
}

export const SCHEMA_FILES = {
  'schema/incident.schema.json': IncidentSchema,
  'schema/config.schema.json': ConfigSchema,
} as const;
