import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileDiagnostic } from '../../diagnostics/file-diagnostics.js';
import { readRegularFile } from '../../source/read-regular-file.js';
import { type ExportFiles, MAX_EXPORT_FILE_BYTES, type OpenedExport, exportText, tooLarge, unreadable } from './slack-export-files.js';
import { openExportZip } from './slack-export-zip.js';

const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');

/** The export at `path` (absolute; `display` is how messages name it): a folder, or a zip (recognised by its first bytes). */
export async function openSlackExport(path: string, display: string): Promise<OpenedExport> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    return { ok: false, diagnostic: unreadable(display, error) };
  }
  if (isFolder) return { ok: true, files: exportFolder(path, display) };
  if (await startsWith(path, ZIP_SIGNATURE)) return openExportZip(path, display);
  return {
    ok: false,
    diagnostic: fileDiagnostic(display, {
      rule: 'import-shape',
      message: 'Unexpected file, expected a Slack export: its folder, or the .zip Slack gives',
      hint: 'Name the folder that holds channels.json and users.json, or the export’s .zip.',
    }),
  };
}

/** An export folder, as a zip unpacks. */
function exportFolder(root: string, display: string): ExportFiles {
  return {
    shown: (path) => join(display, ...path.split('/')),
    async readText(path) {
      const shown = join(display, ...path.split('/'));
      const read = await readRegularFile(join(root, ...path.split('/')), MAX_EXPORT_FILE_BYTES);
      if (read.ok) return exportText(read.bytes, shown);
      if (read.reason === 'error' && (read.code === 'ENOENT' || read.code === 'ENOTDIR')) return { ok: true, text: null };
      if (read.reason === 'too-large') return { ok: false, diagnostic: tooLarge(shown) };
      const reason = read.reason === 'not-regular' ? `it is a ${read.kind}, not a regular file` : read.code;
      return { ok: false, diagnostic: fileDiagnostic(shown, { rule: 'import-unreadable', message: `Unexpected error reading the export: ${reason}` }) };
    },
    async list(folder) {
      try {
        const entries = await readdir(join(root, ...folder.split('/')), { withFileTypes: true });
        return { ok: true, names: entries.filter((entry) => entry.isFile()).map((entry) => entry.name).sort() };
      } catch (error) {
        if (isMissing(error)) return { ok: true, names: [] };
        return { ok: false, diagnostic: unreadable(join(display, ...folder.split('/')), error) };
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

