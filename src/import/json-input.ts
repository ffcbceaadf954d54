import { resolve } from 'node:path';
import { fileDiagnostic } from '../diagnostics/file-diagnostics.js';
import { displayPath } from '../pipeline/paths.js';
import { readRegularFile } from '../source/read-regular-file.js';
import { decodeSource } from '../source/source-file.js';
import { type FetchLimits, fetchBytes, sizeText } from './fetch-input.js';
import type { JsonImportSource } from './import-source.js';
import { type JsonParse, parseJsonDocument } from './json-document.js';
import { readLimited } from './read-limited.js';

/** An API response or an export is larger than an incident file, but a JSON document to import is never this large. */
export const MAX_JSON_BYTES = 32 * 1024 * 1024;

export interface JsonInputContext {
  cwd: string;
  /** Standard input, for `-`. */
  stdin?: () => AsyncIterable<Uint8Array>;
  /** For an `https://` input. */
  fetch: FetchLimits;
}

const STDIN_NAME = '<stdin>';

/**
 * Reads the JSON document an import names: `-` for standard input, an
 * `https://` address (the source says what to fetch for it), or a file; a
 * file is read by the checked reader (a regular file, at most
 * `MAX_JSON_BYTES`). Every failure is a positioned problem named after the
 * input, never an exception.
 */
export async function readJsonInput(input: string, source: JsonImportSource, context: JsonInputContext): Promise<JsonParse> {
  if (input === '-') {
    if (!context.stdin) return unreadable(STDIN_NAME, 'Cannot read standard input here', 'Give the JSON file instead of `-`.');
    const read = await readLimited(context.stdin(), MAX_JSON_BYTES);
    if (!read.ok) return unreadable(STDIN_NAME, `Standard input holds more than ${sizeText(MAX_JSON_BYTES)}, over the limit for an import`, 'Import one incident at a time.');
    return decoded(read.bytes, STDIN_NAME);
  }
  if (/^https?:\/\//i.test(input)) {
    let address: URL;
    try {
      address = new URL(input);
    } catch {
      return unreadable(input, `Unexpected address ${input}`, 'Give an https:// address, a file, or - for standard input.');
    }
    const target = source.fetchAddress ? source.fetchAddress(address) : address;
    const fetched = await fetchBytes(target, context.fetch);
    if (!fetched.ok) return unreadable(target.href, fetched.message, fetched.hint);
    return decoded(fetched.bytes, fetched.address);
  }
  const absolute = resolve(context.cwd, input);
  const shown = displayPath(absolute, context.cwd);
  const read = await readRegularFile(absolute, MAX_JSON_BYTES);
  if (read.ok) return decoded(read.bytes, shown);
  if (read.reason === 'too-large') return unreadable(shown, `File is ${read.size} bytes, over the ${sizeText(MAX_JSON_BYTES)} limit for an import`, 'Import one incident at a time.');
  if (read.reason === 'not-regular') return unreadable(shown, `Unexpected ${read.kind}, expected a regular file`, 'Give a JSON file, or - for standard input.');
  return unreadable(shown, `Cannot read file: ${read.code}`, 'Check that the path exists and is a readable file.');
}

function decoded(bytes: Buffer, display: string): JsonParse {
  const text = decodeSource(bytes, display, Number.POSITIVE_INFINITY);
  return text.ok ? parseJsonDocument(text.source.text, display) : { ok: false, diagnostics: text.diagnostics.list };
}

function unreadable(display: string, message: string, hint: string): JsonParse {
  return { ok: false, diagnostics: [fileDiagnostic(display, { rule: 'import-unreadable', message, hint })] };
}
