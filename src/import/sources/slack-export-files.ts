import { open, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';

/**
 * The files of a Slack export, whether a folder or the zip Slack hands out,
 * read one at a time: a year of a busy channel is hundreds of megabytes,
 * and only one day file is held at once. Paths inside the export use `/`.
 */
export interface ExportFiles {
  /** A file of the export as messages name it: `export/general/2024-03-04.json`. */
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

const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');

/** The export at `path`: a folder, or a zip (recognised by its first bytes). */
export async function openSlackExport(path: string): Promise<OpenedExport> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    return { ok: false, diagnostic: unreadable(path, error) };
  }
  if (isFolder) return { ok: true, files: exportFolder(path) };
  if (await startsWith(path, ZIP_SIGNATURE)) return openExportZip(path);
  return {
    ok: false,
    diagnostic: fileDiagnostic(path, {
      rule: 'import-shape',
      message: 'Unexpected file, expected a Slack export: its folder, or the .zip Slack gives',
      hint: 'Name the folder that holds channels.json and users.json, or the export’s .zip.',
    }),
  };
}

/**
 * A zip export. Reading a zip entry by entry needs a zip reader (`yauzl`),
 * which is not yet a dependency: until it is, a zip is refused with the way
 * around it. The reader would list the central directory once and inflate
 * one entry at a time behind this same interface.
 */
async function openExportZip(path: string): Promise<OpenedExport> {
  return {
    ok: false,
    diagnostic: fileDiagnostic(path, {
      rule: 'import-unreadable',
      message: 'Unexpected .zip: this version reads a Slack export from its folder only',
      hint: 'Unzip the export (`unzip export.zip -d export`) and import the folder.',
    }),
  };
}

function exportFolder(root: string): ExportFiles {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  return {
    shown: (path) => join(root, ...path.split('/')),
    async readText(path) {
      const file = join(root, ...path.split('/'));
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if (isMissing(error)) return { ok: true, text: null };
        return { ok: false, diagnostic: unreadable(file, error) };
      }
      try {
        return { ok: true, text: decoder.decode(bytes) };
      } catch {
        return { ok: false, diagnostic: fileDiagnostic(file, { rule: 'file-encoding', message: 'Unexpected bytes: the file is not UTF-8' }) };
      }
    },
    async list(folder) {
      const path = join(root, ...folder.split('/'));
      try {
        const entries = await readdir(path, { withFileTypes: true });
        return { ok: true, names: entries.filter((entry) => entry.isFile()).map((entry) => entry.name).sort() };
      } catch (error) {
        if (isMissing(error)) return { ok: true, names: [] };
        return { ok: false, diagnostic: unreadable(path, error) };
      }
    },
    close: async () => undefined,
  };
}

async function startsWith(path: string, signature: Buffer): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(signature.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(signature);
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function unreadable(file: string, error: unknown): Diagnostic {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file or folder' : (error as Error).message;
  return fileDiagnostic(file, { rule: 'import-unreadable', message: `Unexpected error reading the export: ${reason}` });
}
