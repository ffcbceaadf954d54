import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { EventLabel, Milestone } from '../schema/vocabulary.js';

/**
 * What an importer reads from a source (a status page, a pager, a chat
 * export, an incident platform): the incident as the source tells it, before
 * it becomes an incident file. Each source is a module in `src/import/sources/`
 * with a documented mapping (docs/import.md); writing a new file and merging
 * into an existing one are shared by all of them.
 *
 * Times are instants, kept exactly (to the millisecond the source gives);
 * they are written in the incident's zone only at the end.
 */
export interface ImportedIncident {
  /** Where it came from, for the file's `x-imported` note. */
  source: ImportedSource;
  /** One line; absent when the source has none (asked for, or `--title`). */
  title?: string;
  /** Markdown. */
  summary?: string;
  /** Markdown, for `impact.description`: what users saw, when the source says (FireHydrant's `customer_impact_summary`). */
  impact?: string;
  /** The source's own severity or priority label (`critical`, `SEV2`, `P1`), mapped to a configured level by `--severity-map` or the configuration. */
  sourceSeverity?: string;
  /** An IANA zone the source names (a status page's `time_zone`), used when neither `--timezone` nor the file gives one. */
  timezone?: string;
  services?: string[];
  /** FORMAT.md's `tags` (FireHydrant's `tag_list`). */
  tags?: string[];
  /** Role name → person, as FORMAT.md's `roles`. */
  roles?: Record<string, string>;
  links?: { title: string; url: string }[];
  /** In any order: they are sorted by instant when written. */
  events: ImportedEvent[];
}

export interface ImportedSource {
  /** The source module's name: `statuspage`, `pagerduty`, `slack`, `incident-io`, `firehydrant`. */
  name: string;
  /** The incident's id at the source, when it has one. */
  id?: string;
  /** The incident's page at the source, when it has one. */
  url?: string;
}

export interface ImportedEvent {
  /**
   * The source's own id for the event, stable across exports (a log entry's
   * id, a message's `ts`), after the source's name (`pagerduty:Q1P3AHC3`, so
   * that two sources imported into one file never share one): written as the
   * event's `x-source-id`, so that importing the same data again adds nothing.
   */
  sourceId: string;
  /** Milliseconds since 1970-01-01T00:00:00Z. */
  instant: number;
  /** A milestone or a label; absent for a plain note. */
  kind?: Milestone | EventLabel;
  /** Markdown, one or more lines; never empty. */
  text: string;
  by?: string;
  /** http(s) addresses only. */
  links?: string[];
}

/** An importer's answer: the incident, with warnings about what it left out; or why the input is not the source's shape. */
export type ImportResult =
  | { ok: true; incident: ImportedIncident; warnings: Diagnostic[] }
  | {
      ok: false;
      diagnostics: Diagnostic[];
      /**
       * Set when the input is fine but the command line must say more (which
       * incident of a list, with `--incident`): the message, shown as a usage
       * error; `diagnostics` is then usually empty.
       */
      usage?: string;
    };
