import type { Document } from 'yaml';
import type { ResolvedConfig } from '../config/config.js';
import type { FileDiagnostics } from '../diagnostics/file-diagnostics.js';
import type { Timestamp } from '../time/timestamp.js';

/** What the semantic rules share while checking one incident file. */
export interface RuleContext {
  /**
   * The file's data. Rules also run when the schema found problems, so they
   * read it defensively (see `loose.ts`) and skip what has the wrong shape.
   */
  data: Record<string, unknown>;
  document: Document.Parsed | null;
  /** The file's text, for places inside a value (a phrase of a block scalar). */
  text: string;
  report: FileDiagnostics;
  config: ResolvedConfig;
  /** The zone times are read and shown in; `undefined` when the file names an unknown zone. */
  zone: string | undefined;
  /** Each timeline event's time, by index; `undefined` where it could not be read. */
  times: (Timestamp | undefined)[];
}

export type Rule = (context: RuleContext) => void;
