import { type Stats, closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * The one way user files are read (incident files, the configuration,
 * templates, the ids `new` scans). Reading a named pipe, a socket or a
 * device would block forever or never end, so the file is opened without
 * blocking (O_NONBLOCK: opening a pipe with no writer returns at once) and
 * refused unless the opened file itself is a regular file; checking the
 * opened descriptor, not the path, leaves no window for a swap. At most
 * `maxBytes` are read, even if the file grows meanwhile; reading stops at
 * the size the file had when opened (no further call to learn it ended), or
 * earlier if it shrank.
 */
export type RegularFileRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'not-regular'; kind: string }
  | { ok: false; reason: 'too-large'; size: number }
  | { ok: false; reason: 'error'; code: string };

// Windows has no O_NONBLOCK (and no named pipes in the file system).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function readRegularFile(path: string, maxBytes: number): Promise<RegularFileRead> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return openFailed(error);
  }
  try {
    const info = await handle.stat();
    const refused = refuse(info, maxBytes);
    if (refused) return refused;
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) return grown(maxBytes, length);
      if (length === info.size) break;
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return failed(error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * A buffer that reads one file after another reuse: a run over thousands of
 * files that only hashes most of them allocates nothing per file (a fresh
 * buffer per file made V8 collect garbage for about a sixth of such a run).
 * The bytes of a read are valid until the next read into the same buffer.
 */
export class ReadBuffer {
  private buffer = Buffer.allocUnsafe(64 * 1024);

  /** A buffer of at least `size` bytes. */
  take(size: number): Buffer {
    if (this.buffer.length < size) this.buffer = Buffer.allocUnsafe(Math.max(size, this.buffer.length * 2));
    return this.buffer;
  }
}

/** The same, synchronously (reading into `reuse` when given), for runs over many files and the code frames of a reporter. */
export function readRegularFileSync(path: string, maxBytes: number, reuse?: ReadBuffer): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return openFailed(error);
  }
  try {
    const info = fstatSync(fd);
    const refused = refuse(info, maxBytes);
    if (refused) return refused;
    const size = Math.min(info.size, maxBytes) + 1;
    const buffer = reuse ? reuse.take(size).subarray(0, size) : Buffer.alloc(size);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) return grown(maxBytes, length);
      if (length === info.size) break;
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return failed(error);
  } finally {
    closeSync(fd);
  }
}

/** What a file that is not a regular one is (`named pipe`…), for messages. */
export function fileKind(info: Stats): string {
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'named pipe';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  return 'special file';
}

function refuse(info: Stats, maxBytes: number): RegularFileRead | undefined {
  if (!info.isFile()) return { ok: false, reason: 'not-regular', kind: fileKind(info) };
  if (info.size > maxBytes) return { ok: false, reason: 'too-large', size: info.size };
  return undefined;
}

function grown(maxBytes: number, length: number): RegularFileRead {
  // The file grew past the limit after it was measured: refuse it as if it had been that large.
  return { ok: false, reason: 'too-large', size: Math.max(length, maxBytes + 1) };
}

function openFailed(error: unknown): RegularFileRead {
  // A socket cannot be opened at all (ENXIO): say what it is rather than the bare code.
  if ((error as NodeJS.ErrnoException).code === 'ENXIO') return { ok: false, reason: 'not-regular', kind: 'socket or device' };
  return failed(error);
}

function failed(error: unknown): RegularFileRead {
  return { ok: false, reason: 'error', code: (error as NodeJS.ErrnoException).code ?? String(error) };
}
