import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { type Entry, type ZipFile, openPromise } from 'yauzl';
import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';
import { excerpt } from '../../diagnostics/quote.js';
import { readLimited } from '../read-limited.js';
import { type ExportFiles, MAX_EXPORT_FILE_BYTES, type OpenedExport, type TextRead, exportText, tooLarge } from './slack-export-files.js';

/** What yauzl says of an entry name that would lead out of the folder it is unpacked to. */
const ESCAPING_NAME = /^(absolute path|invalid relative path|invalid characters in fileName): /;

/**
 * A Slack export as the zip Slack hands out, read without unpacking it: the
 * central directory is listed once (names and sizes only), then each file is
 * inflated when it is asked for, one at a time, and at most
 * `MAX_EXPORT_FILE_BYTES` of it. An entry whose name is absolute or climbs
 * out with `..` is refused: the zip is not one Slack wrote. A zip of the
 * export's folder (everything under one folder) is read as the export.
 */
export async function openExportZip(path: string, display: string): Promise<OpenedExport> {
  let zip: ZipFile;
  try {
    zip = await openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true });
  } catch (error) {
    return { ok: false, diagnostic: zipProblem(display, error) };
  }
  const listed = await listEntries(zip);
  if (!listed.ok) {
    zip.close();
    return { ok: false, diagnostic: zipProblem(display, listed.error) };
  }
  const entries = listed.entries;
  const root = exportRoot(entries);
  const shown = (name: string) => join(display, ...name.split('/'));
  const files: ExportFiles = {
    shown,
    async readText(name) {
      const entry = entries.get(root + name);
      return entry ? readEntry(zip, entry, shown(name)) : { ok: true, text: null };
    },
    async list(folder) {
      const prefix = `${root}${folder}/`;
      const names = [...entries.keys()].filter((name) => name.startsWith(prefix) && !name.includes('/', prefix.length)).map((name) => name.slice(prefix.length));
      return { ok: true, names: names.sort() };
    },
    close: async () => zip.close(),
  };
  return { ok: true, files };
}

/** The files of the central directory by name (folders left out), in one pass that reads no file's contents. */
function listEntries(zip: ZipFile): Promise<{ ok: true; entries: Map<string, Entry> } | { ok: false; error: unknown }> {
  return new Promise((resolve) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve({ ok: true, entries }));
    zip.on('error', (error: unknown) => resolve({ ok: false, error }));
    zip.readEntry();
  });
}

/** `''` when channels.json is at the top, as Slack writes it; `folder/` when the whole export is in one folder. */
function exportRoot(entries: ReadonlyMap<string, Entry>): string {
  if (entries.has('channels.json') || entries.has('groups.json')) return '';
  const roots = [...entries.keys()].filter((name) => /^[^/]+\/(channels|groups)\.json$/.test(name)).map((name) => name.slice(0, name.indexOf('/') + 1));
  return new Set(roots).size === 1 ? roots[0]! : '';
}

async function readEntry(zip: ZipFile, entry: Entry, shown: string): Promise<TextRead> {
  if (entry.uncompressedSize > MAX_EXPORT_FILE_BYTES) return { ok: false, diagnostic: tooLarge(shown) };
  try {
    const stream = await zip.openReadStreamPromise(entry);
    const read = await readLimited(stream, MAX_EXPORT_FILE_BYTES);
    if (!read.ok) {
      stream.destroy();
      return { ok: false, diagnostic: tooLarge(shown) };
    }
    // yauzl checks sizes, not checksums: a damaged entry stored without compression would be read as if whole.
    if (crc32(read.bytes) !== entry.crc32) return { ok: false, diagnostic: zipProblem(shown, new Error('the entry is damaged (its CRC-32 does not match)')) };
    return exportText(read.bytes, shown);
  } catch (error) {
    return { ok: false, diagnostic: zipProblem(shown, error) };
  }
}

function zipProblem(shown: string, error: unknown): ReturnType<typeof fileDiagnostic> {
  const message = error instanceof Error ? error.message : String(error);
  if (ESCAPING_NAME.test(message)) {
    return fileDiagnostic(shown, {
      rule: 'import-shape',
      message: `Unexpected entry name in the zip (${excerpt(message)}), expected names inside the export`,
      hint: 'Nothing was unpacked. Use the zip Slack gives, or unpack it yourself and import the folder.',
    });
  }
  return fileDiagnostic(shown, { rule: 'import-unreadable', message: `Cannot read the zip: ${excerpt(message)}`, hint: 'Check the file is the whole zip Slack gave (a download cut short is not).' });
}
