import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';
import { decodeSource } from '../../source/source-file.js';
import { sizeText } from '../fetch-input.js';
import { MAX_JSON_BYTES } from '../json-input.js';

/**
 * The files of a Slack export, whether a folder or the zip Slack hands out,
 * read one at a time: a year of a busy channel is hundreds of megabytes,
 * and only one day file is held at once. Paths inside the export use `/`.
 */
export interface ExportFiles {
  /** A file of the export as messages name it: `export/general/2024-03-04.json`, `export.zip/general/2024-03-04.json`. */
  shown(path: string): string;
  /** A file's text, or `null` when the export has no such file. */
  readText(path: string): Promise<TextRead>;
  /** The names of the files directly in a folder of the export, sorted; none when there is no such folder. */
  list(folder: string): Promise<ListRead>;
  close(): Promise<void>;
}

export type TextRead = { ok: true; text: string | null } | { ok: false; diagnostic: Diagnostic };

export type ListRead = { ok: true; names: string[] } | { ok: false; diagnostic: Diagnostic };

export type OpenedExport = { ok: true; files: ExportFiles } | { ok: false; diagnostic: Diagnostic };

/** A file of an export is one JSON document: the same limit as any JSON to import. */
export const MAX_EXPORT_FILE_BYTES = MAX_JSON_BYTES;

/** A file's bytes as text, or why they are not (a positioned UTF-8 problem, or over the limit). */
export function exportText(bytes: Uint8Array, shown: string): TextRead {
  if (bytes.length > MAX_EXPORT_FILE_BYTES) return { ok: false, diagnostic: tooLarge(shown) };
  const decoded = decodeSource(bytes, shown, Number.POSITIVE_INFINITY);
  return decoded.ok ? { ok: true, text: decoded.source.text } : { ok: false, diagnostic: decoded.diagnostics.list[0]! };
}

export function tooLarge(shown: string): Diagnostic {
  return fileDiagnostic(shown, { rule: 'import-unreadable', message: `File is over the ${sizeText(MAX_EXPORT_FILE_BYTES)} limit for a file of an export`, hint: 'Import a shorter span of the channel (--since, --until) from an export that splits it by day.' });
}

export function unreadable(file: string, error: unknown): Diagnostic {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file or folder' : (error as Error).message;
  return fileDiagnostic(file, { rule: 'import-unreadable', message: `Unexpected error reading the export: ${reason}` });
}
