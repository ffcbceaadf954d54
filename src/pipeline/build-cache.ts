import { hash as digest } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import type { Incident } from '../model/incident.js';
import type { OutputFolder } from '../output/output-folder.js';
import { ID_PATTERN } from '../schema/vocabulary.js';
import type { InputFile } from './incident-files.js';
import type { RelatedId } from './related-ids.js';

/**
 * What `build` remembers of the postmortems it wrote, so that the next run
 * renders only what could have changed: a postmortem is taken as it is when
 * its incident file has the same bytes, everything else its output depends
 * on (the tool, its configuration, the templates, Node's time-zone data) has
 * the same key, and the output file is still the regular file build left
 * (same size and modification time, to the millisecond). A file whose bytes
 * changed is checked again, and its postmortem still taken as it is when the
 * checked model is the same (`modelHash`: a comment, the layout, `fmt`).
 * Anything else, and any manifest that is unreadable, foreign or from another
 * key, means rendering again: the cache can only skip work, never change a result.
 */
export const BUILD_MANIFEST = '.postmortem-build.json';
const FORMAT = 'postmortem-build/4';

/** One incident whose postmortem is on disk, as the run that wrote it saw it. */
export interface RememberedFile {
  /** The file as shown in messages: a run from another folder shows it otherwise, and renders it. */
  display: string;
  /** sha256 of the incident file's bytes. */
  hash: string;
  /** `modelHash` of the checked model the postmortem was rendered from. */
  model: string;
  id: string;
  idPosition: Position | null;
  /** The file's own problems (warnings: an invalid file is never remembered). */
  diagnostics: Diagnostic[];
  /**
   * The ids it names in `related`, where they are written; absent when none.
   * Whether each is an incident of the run is asked of every run, the file
   * skipped or not: the other file may be gone since.
   */
  related?: RelatedId[];
  output: { name: string; size: number; mtimeMs: number };
}

interface BuildManifest {
  format: typeof FORMAT;
  key: string;
  /**
   * The warnings the templates loaded with (a folder in the old flat layout):
   * with the same key they load alike, so a run that renders nothing need not
   * load them to report these.
   */
  templateWarnings: Diagnostic[];
  /** By the incident file's path from the output folder (no absolute path of this machine in the folder). */
  files: Record<string, RememberedFile>;
}

/** What makes a postmortem besides its incident: hashed into the manifest's key. */
export interface BuildInputs {
  /** The tool's own code (see tool-id.ts). */
  toolId: string;
  config: unknown;
  /** Template name → its text, for every template in effect. */
  templates: Record<string, string>;
}

export function buildKey(inputs: BuildInputs): string {
  const templates = Object.keys(inputs.templates)
    .sort()
    .map((name) => [name, sha256(inputs.templates[name]!)]);
  // Time zones and their rules come with Node (its ICU data): another Node may show other offsets.
  const runtime = [process.version, process.versions.icu, process.versions.tz];
  return sha256(JSON.stringify([FORMAT, inputs.toolId, runtime, inputs.config, templates]));
}

export class BuildCache {
  private readonly next: Map<string, RememberedFile>;
  /** Each input folder's path from the output folder: one `relative` per folder, not per file. */
  private readonly folderKeys = new Map<string, string>();

  private nextTemplateWarnings: Diagnostic[] = [];
  /**
   * Whether the manifest to save differs from the one read: a run that
   * changed nothing leaves it as it is, unread and unwritten (parsing and
   * writing it is a tenth of such a run).
   */
  private changed: boolean;

  private constructor(
    private readonly key: string,
    private readonly known: ReadonlyMap<string, RememberedFile>,
    private readonly out: string,
    /** The templates' warnings as the last run with this key loaded them; `null` when no such run is known. */
    readonly templateWarnings: Diagnostic[] | null,
    /** Whether the file read held anything `known` lacks (entries of the wrong shape, another key, not JSON). */
    incomplete: boolean,
  ) {
    this.changed = incomplete;
    // Files this run does not build stay remembered, so building one file does not forget the others.
    this.next = new Map(known);
  }

  /** Whether the last run left anything to skip: then few files are likely to need building. */
  get remembersAny(): boolean {
    return this.known.size > 0;
  }

  /** The warnings this run's templates loaded with (or, unloaded, the remembered ones): saved for the next run. */
  rememberTemplateWarnings(warnings: Diagnostic[]): void {
    this.nextTemplateWarnings = warnings;
    if (warnings !== this.templateWarnings) this.changed = true;
  }

  private keyOf(input: InputFile): string {
    const folder = dirname(input.absolute);
    let prefix = this.folderKeys.get(folder);
    if (prefix === undefined) {
      const path = relative(this.out, folder).split('\\').join('/');
      prefix = path === '' ? '' : `${path}/`;
      this.folderKeys.set(folder, prefix);
    }
    return prefix + basename(input.absolute);
  }

  /** The manifest in `out`, if it is ours and has this key; an empty cache otherwise. */
  static async open(out: string, key: string): Promise<BuildCache> {
    const known = new Map<string, RememberedFile>();
    let templateWarnings: Diagnostic[] | null = null;
    let incomplete = true;
    try {
      const manifest = JSON.parse(await readFile(join(out, BUILD_MANIFEST), 'utf8')) as Partial<BuildManifest>;
      if (manifest.format === FORMAT && manifest.key === key && isRecord(manifest.files) && Array.isArray(manifest.templateWarnings)) {
        const entries = Object.entries(manifest.files);
        for (const [file, entry] of entries) if (isRemembered(entry)) known.set(file, entry);
        if (manifest.templateWarnings.every(isWarning)) templateWarnings = manifest.templateWarnings;
        incomplete = known.size < entries.length || templateWarnings === null;
      }
    } catch {
      // Missing, unreadable or not JSON: nothing is known, everything is rendered.
    }
    return new BuildCache(key, known, out, templateWarnings, incomplete);
  }

  /**
   * The remembered result of `input`, whose bytes are `bytes`, when nothing
   * it depends on has changed; else, when only its bytes changed, the model
   * hash of the postmortem still on disk (`onDiskModel`: the file is checked,
   * and rendered only if its model differs); and the hash of those bytes, to
   * remember the file by once it is built. Synchronous: a cached run does
   * little else than this, thousands of times.
   */
  lookup(input: InputFile, bytes: Uint8Array): { hash: string; entry?: RememberedFile; onDiskModel?: string } {
    const hash = sha256(bytes);
    const entry = this.known.get(this.keyOf(input));
    if (!entry || entry.display !== input.display) return { hash };
    try {
      // No exception for a missing output: it costs more than the check.
      const output = lstatSync(join(this.out, entry.output.name), { throwIfNoEntry: false });
      if (!output?.isFile() || output.size !== entry.output.size || Math.round(output.mtimeMs) !== entry.output.mtimeMs) return { hash };
    } catch {
      return { hash };
    }
    return entry.hash === hash ? { hash, entry } : { hash, onDiskModel: entry.model };
  }

  /**
   * After a postmortem was written or found unchanged: what the next run
   * needs to skip it. `hash` is the incident's as `lookup` read it: if the
   * file changed since, the next run sees other bytes and renders again.
   */
  remember(input: InputFile, hash: string, entry: Omit<RememberedFile, 'hash' | 'output' | 'display'>, outputName: string): void {
    try {
      const output = lstatSync(join(this.out, outputName));
      if (!output.isFile()) throw new Error('not a file');
      this.next.set(this.keyOf(input), { display: input.display, hash, ...entry, output: { name: outputName, size: output.size, mtimeMs: Math.round(output.mtimeMs) } });
      // Only a file read anew is remembered anew: its bytes, or what it was checked into, differ from the last run's.
      this.changed = true;
    } catch {
      this.forget(input);
    }
  }

  /** Forgets a file that is no longer valid: its next run checks it again. */
  forget(input: InputFile): void {
    if (this.next.delete(this.keyOf(input))) this.changed = true;
  }

  /** Writes the manifest (atomically, through the output folder's checks); a failure only costs the next run its shortcut. */
  async save(folder: OutputFolder): Promise<void> {
    // Never creates the output folder just for the manifest.
    if (!this.changed || (this.next.size === 0 && this.known.size === 0)) return;
    const files = Object.fromEntries([...this.next].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const manifest: BuildManifest = { format: FORMAT, key: this.key, templateWarnings: this.nextTemplateWarnings, files };
    await folder.write(BUILD_MANIFEST, `${JSON.stringify(manifest)}\n`, { subject: 'the build manifest' });
  }
}

/**
 * What a postmortem is made of besides the manifest's key: the checked model,
 * written out canonically (see `canonicalText`) and hashed. About 1% of a
 * cold build. `v8.serialize` was not canonical: it writes a string one-byte
 * or two-byte as V8 happens to hold it (a zone name read from a file with a
 * non-Latin-1 character is two-byte, until a lookup keyed by it makes it
 * one-byte), so the first build after an edit hashed the same model apart
 * from the cold build and rendered it again.
 */
export function modelHash(incident: Incident): string {
  return sha256(canonicalText(incident));
}

/**
 * A value as text that two values share only when they are equal, whatever
 * V8's representation: strings are length-prefixed, numbers keep NaN,
 * infinities and -0 apart, `undefined` is written, keys in their order.
 */
export function canonicalText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `s${value.length}:${value}`;
    case 'number':
      return `n${Object.is(value, -0) ? '-0' : String(value)};`;
    case 'bigint':
      return `i${value};`;
    case 'boolean':
      return value ? 'T' : 'F';
    case 'undefined':
      return 'U';
    case 'object': {
      if (value === null) return 'N';
      let text = '';
      if (Array.isArray(value)) {
        for (const item of value) text += canonicalText(item);
        return `[${text}]`;
      }
      for (const [key, item] of Object.entries(value)) text += `s${key.length}:${key}${canonicalText(item)}`;
      return `{${text}}`;
    }
    default:
      // A model holds data only; anything else is written by its type, so it can never pass for data.
      return `?${typeof value};`;
  }
}

/** One call, no Hash object: a cached run hashes every incident file. */
function sha256(data: Uint8Array | string): string {
  return digest('sha256', data, 'base64url');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A manifest entry of the right shape: anything else is treated as not remembered. */
function isRemembered(value: unknown): value is RememberedFile {
  const entry = value as RememberedFile | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.display === 'string' &&
    typeof entry.hash === 'string' &&
    typeof entry.model === 'string' &&
    typeof entry.id === 'string' &&
    (entry.idPosition === null || isPosition(entry.idPosition)) &&
    Array.isArray(entry.diagnostics) &&
    entry.diagnostics.every(isWarning) &&
    (entry.related === undefined || (Array.isArray(entry.related) && entry.related.every(isRelatedId))) &&
    typeof entry.output === 'object' &&
    entry.output !== null &&
    typeof entry.output.name === 'string' &&
    entry.output.name === `${entry.id}.md` &&
    typeof entry.output.size === 'number' &&
    typeof entry.output.mtimeMs === 'number'
  );
}

function isRelatedId(value: unknown): value is RelatedId {
  return isPosition(value) && typeof (value as RelatedId).id === 'string' && RELATED_ID.test((value as RelatedId).id);
}

const RELATED_ID = new RegExp(ID_PATTERN);

function isPosition(value: unknown): value is Position {
  const position = value as Position | null;
  return typeof position === 'object' && position !== null && [position.line, position.column, position.endLine, position.endColumn].every(Number.isInteger);
}

/** A remembered file was valid: its problems can only be warnings. */
function isWarning(value: unknown): value is Diagnostic {
  const diagnostic = value as Diagnostic | null;
  return (
    isPosition(diagnostic) &&
    diagnostic.severity === 'warning' &&
    typeof diagnostic.file === 'string' &&
    typeof diagnostic.rule === 'string' &&
    typeof diagnostic.message === 'string'
  );
}
