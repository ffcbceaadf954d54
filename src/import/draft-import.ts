import { severityProblem, titleProblem } from '../authoring/new-incident-input.js';
import type { ResolvedConfig } from '../config/config.js';
import { quote } from '../diagnostics/quote.js';
import { ID_PATTERN } from '../schema/vocabulary.js';
import { canonicalZoneName, zoneNameProblem } from '../time/canonical-zone.js';
import type { ImportedIncident } from './imported-incident.js';
import { readSeverityMap } from './severity-map.js';

/** What the command line gives for a new file (`new`'s options, and `--severity-map`, `--id`). */
export interface ImportChoices {
  title?: string;
  severity?: string;
  severityMap?: readonly string[];
  timezone?: string;
  id?: string;
}

/** The new file's settings; a missing title or severity is asked for, or named in a usage error. */
export interface ImportDraft {
  title?: string;
  severity?: string;
  timezone: string;
  id?: string;
  /** Said when there is no severity: the source's label that no map covers. */
  unmappedSeverity?: string;
  /** What was passed over (a source zone no canonical name fits). */
  notes: string[];
}

export type DraftProblem = { option: string; message: string };

/**
 * The title, severity, zone and id of a new file, from the options, else the
 * source, else the configuration (the zone: the configuration's when it names
 * one, else the source's); each checked as `new` checks them.
 */
export function draftImport(incident: ImportedIncident, choices: ImportChoices, config: ResolvedConfig): { ok: true; draft: ImportDraft } | { ok: false; problem: DraftProblem } {
  const notes: string[] = [];
  let timezone = config.timezone;
  if (choices.timezone !== undefined) {
    const problem = zoneNameProblem(choices.timezone);
    if (problem) return { ok: false, problem: { option: 'timezone', message: `${problem.message}. ${problem.hint}` } };
    timezone = choices.timezone;
  } else if (incident.timezone !== undefined && !config.timezoneNamed) {
    // The team's zone when the configuration names one; else the zone the source writes in (a status page's).
    const named = canonicalZoneName(incident.timezone);
    if (named) timezone = named;
    else notes.push(`The source's time zone ${quote(incident.timezone)} names no place; times are written in ${timezone} (give --timezone to choose).`);
  }

  let title: string | undefined;
  if (choices.title !== undefined) {
    const wrong = titleProblem(choices.title);
    if (wrong) return { ok: false, problem: { option: 'title', message: wrong } };
    title = choices.title.trim();
  } else {
    // A source's title of several lines (rare) gives its first.
    title = incident.title?.trim().split(/\r?\n/)[0]!.trim() || undefined;
  }

  const map = readSeverityMap(config.importSeverityMap, choices.severityMap);
  if (!map.ok) return { ok: false, problem: { option: 'severity-map', message: map.message } };
  for (const level of map.map.values()) {
    const wrong = severityProblem(level, config);
    if (wrong) return { ok: false, problem: { option: 'severity-map', message: wrong } };
  }
  const label = incident.sourceSeverity;
  const severity = choices.severity ?? (label === undefined ? undefined : (map.map.get(label.toLowerCase()) ?? configuredLevel(label, config)));
  const severityWrong = severity === undefined ? undefined : severityProblem(severity, config);
  if (severityWrong) return { ok: false, problem: { option: 'severity', message: severityWrong } };

  if (choices.id !== undefined && !new RegExp(ID_PATTERN).test(choices.id)) {
    return { ok: false, problem: { option: 'id', message: `Unexpected id ${quote(choices.id)}, expected lowercase letters, digits and dashes, starting with a letter or digit, at most 80 characters` } };
  }
  const draft: ImportDraft = { timezone, notes };
  if (title !== undefined) draft.title = title;
  if (severity !== undefined) draft.severity = severity;
  else if (label !== undefined) draft.unmappedSeverity = label;
  if (choices.id !== undefined) draft.id = choices.id;
  return { ok: true, draft };
}

/** A source's label that already is a configured level (FireHydrant's `SEV1`), in any case: that level, with no map needed. */
function configuredLevel(label: string, config: ResolvedConfig): string | undefined {
  return config.severities.find((level) => level.id.toLowerCase() === label.toLowerCase())?.id;
}
