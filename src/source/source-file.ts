import { FileDiagnostics } from '../diagnostics/file-diagnostics.js';
import { lineCounterOf } from './line-counter.js';
import { type ReadBuffer, type RegularFileRead, readRegularFile, readRegularFileSync } from './read-regular-file.js';

/** Incident files are a few kilobytes; anything this large is a mistake. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface SourceFile {
  /** The path as shown in messages (relative to the working directory when possible). */
  path: string;
  text: string;
}

export type ReadResult = { ok: true; source: SourceFile } | { ok: false; diagnostics: FileDiagnostics };

/**
 * Reads a file as UTF-8, refusing anything but a regular file (a named pipe
 * would hang the run), huge and undecodable files; a BOM is dropped.
 */
export async function readSourceFile(absolutePath: string, displayPath: string, kind: SizedFile = INCIDENT_SIZE): Promise<ReadResult> {
  const read = await readCheckedBytes(absolutePath, displayPath, kind);
  return read.ok ? decodeSource(read.bytes, displayPath) : read;
}

/** What a file the size cap refused is, in its message and hint. */
export interface SizedFile {
  name: string;
  hint: string;
}

const INCIDENT_SIZE: SizedFile = { name: 'an incident file', hint: 'An incident file is a few kilobytes: move logs and attachments out and link to them.' };
export const TEMPLATE_SIZE: SizedFile = { name: 'a template', hint: 'A template is a few kilobytes: move long text into the incident files, or split the template into partials.' };
export const CONFIGURATION_SIZE: SizedFile = { name: 'the configuration', hint: 'A configuration is a few kilobytes: check that this is the file you meant.' };

export type CheckedBytes = { ok: true; bytes: Buffer } | { ok: false; diagnostics: FileDiagnostics };

/** The bytes of a file through the shared checked reader, or the positioned problem (`file-unreadable`, `file-too-large`). */
export async function readCheckedBytes(absolutePath: string, displayPath: string, kind: SizedFile = INCIDENT_SIZE): Promise<CheckedBytes> {
  return checkedBytes(await readRegularFile(absolutePath, MAX_FILE_BYTES), displayPath, kind);
}

/**
 * `readCheckedBytes`, synchronously: for a run that reads thousands of small
 * files one after the other, where each asynchronous read waits its turn on
 * the thread pool several times (open, stat, read, close) for nothing.
 */
export function readCheckedBytesSync(absolutePath: string, displayPath: string, reuse?: ReadBuffer): CheckedBytes {
  return checkedBytes(readRegularFileSync(absolutePath, MAX_FILE_BYTES, reuse), displayPath);
}

function checkedBytes(read: RegularFileRead, displayPath: string, kind: SizedFile = INCIDENT_SIZE): CheckedBytes {
  if (read.ok) return read;
  if (read.reason === 'too-large') return tooLarge(read.size, displayPath, kind);
  const diagnostics = new FileDiagnostics(displayPath);
  if (read.reason === 'not-regular') {
    diagnostics.add(undefined, {
      rule: 'file-unreadable',
      message: `Unexpected ${read.kind}, expected a regular file`,
      hint: 'Only regular files are read (a named pipe or device would never end): remove it or rename it so it does not end in .yaml, .yml or .hbs.',
    });
  } else {
    diagnostics.add(undefined, {
      rule: 'file-unreadable',
      message: `Cannot read file: ${read.code}`,
      hint: 'Check that the path exists and is a readable file.',
    });
  }
  return { ok: false, diagnostics };
}

/** Whether the bytes start with a UTF-8 byte-order mark, which a rewritten file keeps. */
export function hasByteOrderMark(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Decodes UTF-8 (a BOM is dropped); `maxBytes` is an incident file's limit unless the caller checked another one (`import`'s). */
export function decodeSource(bytes: Uint8Array, displayPath: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  if (bytes.length > maxBytes) return tooLarge(bytes.length, displayPath);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return notUtf8(bytes, displayPath);
  }
  return { ok: true, source: { path: displayPath, text } };
}

/** Reports undecodable bytes at the first of them, so the author can find it. */
function notUtf8(bytes: Uint8Array, displayPath: string): ReadResult {
  const at = firstInvalidUtf8(bytes) ?? 0;
  // Everything before the bad byte is valid UTF-8: count lines and columns in its text.
  const before = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes.subarray(0, at));
  const diagnostics = new FileDiagnostics(displayPath, lineCounterOf(before));
  const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  diagnostics.add([before.length, before.length + 1], {
    rule: 'file-encoding',
    message: `Unexpected byte 0x${byte}, expected UTF-8 text`,
    hint: 'Save the file as UTF-8 (with or without a byte-order mark): it was probably saved in another encoding, such as Windows-1252.',
  });
  return { ok: false, diagnostics };
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    // The second byte's allowed range excludes overlong forms, surrogates and code points past U+10FFFF.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return index;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[index + k];
      if (next === undefined) return index;
      if (k === 1 ? next < low || next > high : next < 0x80 || next > 0xbf) return index;
    }
    index += length;
  }
  return undefined;
}

/**
 * The same cap for a text about to be written as an incident file (by `log`,
 * `resolve`): an edit must never make a file that every command then refuses.
 */
export function textTooLarge(source: SourceFile): FileDiagnostics | undefined {
  const size = Buffer.byteLength(source.text, 'utf8');
  return size > MAX_FILE_BYTES ? tooLarge(size, source.path).diagnostics : undefined;
}

function tooLarge(size: number, displayPath: string, kind: SizedFile = INCIDENT_SIZE): { ok: false; diagnostics: FileDiagnostics } {
  const diagnostics = new FileDiagnostics(displayPath);
  diagnostics.add(undefined, {
    rule: 'file-too-large',
    message: `File is ${size} bytes, over the 1 MiB limit for ${kind.name}`,
    hint: kind.hint,
  });
  return { ok: false, diagnostics };
}
