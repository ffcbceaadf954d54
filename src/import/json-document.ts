import { firstJsonError } from '../authoring/json-syntax.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { FileDiagnostics } from '../diagnostics/file-diagnostics.js';
import { lineCounterOf } from '../source/line-counter.js';

/** One JSON document to import: its parsed value, and its text and name for positioned messages. */
export interface JsonDocument {
  /** How messages name it: a path, `<stdin>`, or the address it was fetched from. */
  display: string;
  text: string;
  value: unknown;
}

export type JsonParse = { ok: true; document: JsonDocument } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Parses the text with `JSON.parse`, the fast path every good input takes.
 * When it fails, the project's JSON scanner says where, so the message is
 * positioned at `file:line:column` (JSON.parse names no position on Node 20).
 */
export function parseJsonDocument(text: string, display: string): JsonParse {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, document: { display, text: body, value: JSON.parse(body) as unknown } };
  } catch (error) {
    // JSON.parse decides; the scanner only says where.
    const found = firstJsonError(body) ?? { offset: 0, message: (error as Error).message };
    const diagnostics = new FileDiagnostics(display, lineCounterOf(body));
    diagnostics.add([found.offset, found.offset + 1], {
      rule: 'json-syntax',
      message: `${found.message}: not valid JSON`,
      hint: 'Give the JSON document as the source wrote it (an API response or an export), unedited.',
    });
    return { ok: false, diagnostics: diagnostics.list };
  }
}
