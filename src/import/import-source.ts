import type { ImportResult } from './imported-incident.js';
import type { JsonDocument } from './json-document.js';
import type { SourceOption } from './source-options.js';

/**
 * What the command line gives a source besides its input: `--incident`
 * (which incident of a list) and each source's own options, by their
 * camelCase names (`--channel` is `channel`). A source reads only the ones
 * it documents.
 */
export interface ImportOptions {
  /** `--incident`: the id of the incident to take from a list. */
  incident?: string;
  readonly [option: string]: string | readonly string[] | boolean | number | undefined;
}

interface SourceBase {
  /** The name on the command line: `postmortem import <name> …`. */
  name: string;
  /** One line for `--help` and for the list of sources. */
  describe: string;
  /** The options of its own it reads (`incident`, `channel`…, see `SOURCE_OPTIONS`); the command refuses the others for it. */
  options: readonly SourceOption[];
}

/**
 * A source whose input is one JSON document: a file, standard input (`-`),
 * or an `https://` address fetched with a timeout and a size limit. `read`
 * is pure: everything it needs is in the document, which carries its text so
 * that a shape problem can be positioned (see `ShapeReader`).
 */
export interface JsonImportSource extends SourceBase {
  input: 'json';
  /**
   * The address to fetch for an `https://` address the person gave (a status
   * page's own address becomes its `/api/v2/incidents.json`); absent when the
   * source cannot be fetched.
   */
  fetchAddress?: (address: URL) => URL;
  read(document: JsonDocument, options: ImportOptions): ImportResult;
}

/** A source whose input is a folder or an archive (a Slack export), which it reads itself, streaming. */
export interface PathImportSource extends SourceBase {
  input: 'path';
  /** `path` is absolute; `display` is how messages name it. */
  read(input: { path: string; display: string }, options: ImportOptions): Promise<ImportResult>;
}

export type ImportSource = JsonImportSource | PathImportSource;
