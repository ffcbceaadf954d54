import { readTimeInput } from './time-input.js';
import type { ResolvedConfig } from '../config/config.js';
import { closestMatch, quoteList } from '../diagnostics/suggest.js';
import { quote } from '../diagnostics/quote.js';
import { ID_PATTERN } from '../schema/vocabulary.js';
import { zoneNameProblem } from '../time/canonical-zone.js';
import type { NewIncidentRequest } from './new-incident.js';

/**
 * What a person gives for a new incident, checked before anything is asked
 * or written. The title and severity may be missing (to be asked for); the
 * zone defaults to the configured one and the start to now.
 */
export interface NewIncidentInput {
  title?: string;
  severity?: string;
  /** `['a,b', 'c']` and `['a', 'b', 'c']` both mean a, b and c. */
  services?: readonly string[];
  timezone?: string;
  /** As `--started` takes it: a time as in `at:`, or a clock time for today in the zone. */
  started?: string;
  /** `--id`: the id to use instead of `<date>-<slug of the title>`. */
  id?: string;
}

/** The checked input: everything of the request but what is missing. */
export type NewIncidentDraft = Omit<NewIncidentRequest, 'title' | 'severity' | 'services'> & {
  title?: string;
  severity?: string;
  services?: string[];
};

/** What is wrong with the input; `started` keeps the time reader's message and hint apart. */
export type NewIncidentProblem =
  | { field: 'title' | 'severity'; message: string }
  | { field: 'timezone' | 'started' | 'id'; message: string; hint: string };

/** Checks the zone, the start, the title and the severity, in that order; a blank title counts as missing. */
export function draftNewIncident(
  input: NewIncidentInput,
  config: ResolvedConfig,
  now: Date,
): { ok: true; draft: NewIncidentDraft } | { ok: false; problem: NewIncidentProblem } {
  const timezone = input.timezone ?? config.timezone;
  const zoneProblem = zoneNameProblem(timezone);
  if (zoneProblem) return { ok: false, problem: { field: 'timezone', message: zoneProblem.message, hint: zoneProblem.hint } };
  const started = readTimeInput(input.started, timezone, now);
  if (!started.ok) return { ok: false, problem: { field: 'started', message: started.message, hint: started.hint } };
  const title = input.title?.trim() || undefined;
  const titleWrong = title === undefined ? undefined : titleProblem(title);
  if (titleWrong) return { ok: false, problem: { field: 'title', message: titleWrong } };
  const severityWrong = input.severity === undefined ? undefined : severityProblem(input.severity, config);
  if (severityWrong) return { ok: false, problem: { field: 'severity', message: severityWrong } };
  if (input.id !== undefined && !new RegExp(ID_PATTERN).test(input.id)) {
    return { ok: false, problem: { field: 'id', message: `Unexpected id ${quote(input.id)}`, hint: 'An id is lowercase letters, digits and dashes, starting with a letter or digit, at most 80 characters: --id cdn-errors.' } };
  }
  const draft: NewIncidentDraft = { title, severity: input.severity, services: splitServices(input.services), timezone, started };
  if (input.id !== undefined) draft.id = input.id;
  return { ok: true, draft };
}

/** What a title may not be: empty, or more than one line. */
export function titleProblem(title: string): string | undefined {
  if (!title.trim()) return 'The title cannot be empty.';
  if (/[\r\n]/.test(title)) return 'The title must be one line.';
  return undefined;
}

/** A severity must be a configured level; a near miss is named. */
export function severityProblem(severity: string, config: ResolvedConfig): string | undefined {
  const ids = config.severities.map((level) => level.id);
  if (ids.includes(severity)) return undefined;
  const near = closestMatch(severity, ids);
  return `\`${severity}\` is not a configured severity${near ? `; did you mean \`${near}\`?` : '.'} The levels are ${quoteList(ids)}.`;
}

/** `['a,b', 'c']` and `['a', 'b', 'c']` both mean [a, b, c]; blanks are dropped. */
export function splitServices(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values.flatMap((value) => String(value).split(',')).map((value) => value.trim()).filter(Boolean);
}
