import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { MARKDOWN_FIELDS } from '../src/rules/unsafe-links.js';
import { IncidentSchema } from '../src/schema/incident-schema.js';

/** The paths of the schema's Markdown fields (their hover links to CommonMark), `*` for each list item. */
function markdownPaths(schema: TSchema, path: string[] = []): string[][] {
  if (schema.type === 'string') return typeof schema.markdownDescription === 'string' && schema.markdownDescription.includes('[Markdown](') ? [path] : [];
  if (schema.type === 'array') return markdownPaths(schema.items as TSchema, [...path, '*']);
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  return Object.entries(properties).flatMap(([key, property]) => markdownPaths(property, [...path, key]));
}

it('unsafe-link checks exactly the Markdown fields of the schema', () => {
  const key = (path: readonly string[]) => path.join('.');
  assert.deepEqual(MARKDOWN_FIELDS.map(key).sort(), markdownPaths(IncidentSchema).map(key).sort());
});
