import { readFile, stat } from 'node:fs/promises';
import { FileDiagnostics } from '../diagnostics/file-diagnostics.js';

/** Incident files are a few kilobytes; anything this large is a mistake. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface SourceFile {
  /** The path as shown in messages (relative to the working directory when possible). */
  path: string;
  text: string;
}

export type ReadResult = { ok: true; source: SourceFile } | { ok: false; diagnostics: FileDiagnostics };

/** Reads a file as UTF-8, refusing huge and undecodable files; a BOM is dropped. */
export async function readSourceFile(absolutePath: string, displayPath: string): Promise<ReadResult> {
  const diagnostics = new FileDiagnostics(displayPath);
  let bytes: Buffer;
  try {
    const info = await stat(absolutePath);
    if (info.size > MAX_FILE_BYTES) return tooLarge(info.size, displayPath);
    bytes = await readFile(absolutePath);
  } catch (error) {
    diagnostics.add(undefined, {
      rule: 'file-unreadable',
      message: `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      hint: 'Check that the path exists and is a readable file.',
    });
    return { ok: false, diagnostics };
  }
  return decodeSource(bytes, displayPath);
}

export function decodeSource(bytes: Uint8Array, displayPath: string): ReadResult {
  if (bytes.length > MAX_FILE_BYTES) return tooLarge(bytes.length, displayPath);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const diagnostics = new FileDiagnostics(displayPath);
    diagnostics.add(undefined, {
      rule: 'file-encoding',
      message: 'File is not valid UTF-8',
      hint: 'Save the file as UTF-8 (with or without a byte-order mark).',
    });
    return { ok: false, diagnostics };
  }
  return { ok: true, source: { path: displayPath, text } };
}

function tooLarge(size: number, displayPath: string): ReadResult {
  const diagnostics = new FileDiagnostics(displayPath);
  diagnostics.add(undefined, {
    rule: 'file-too-large',
    message: `File is ${size} bytes, over the 1 MiB limit for an incident file`,
    hint: 'An incident file is a few kilobytes: move logs and attachments out and link to them.',
  });
  return { ok: false, diagnostics };
}
