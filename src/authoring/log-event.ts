import type { Status } from '../schema/vocabulary.js';
import { quote } from '../diagnostics/quote.js';
import { isKnownZone } from '../time/zone.js';
import type { TextEdit } from './edit-incident.js';
import { incidentZone } from './edit-text.js';
import { insertEvent } from './insert-event.js';
import { setStatus } from './set-status.js';
import { type TimeInput, readTimeInput } from './time-input.js';

export interface LogRequest {
  text: string;
  kind?: string;
  by?: string;
  /** `--error-rate`: the percent of bad requests from this event on. */
  errorRate?: number;
  /** `--at`: a full `at:` value or a clock time; the current minute when absent. */
  at?: string;
  now: Date;
  /** The configured zone, for files that name none. */
  defaultZone: string;
  /** Also set the status to `to`, unless it is one of `keep` (`resolve`). */
  status?: { to: Status; keep: readonly Status[] };
}

export interface LoggedEvent {
  /** The `at:` value written. */
  at: string;
  instant: number;
  /** The zone the time was read in. */
  zone: string;
  /** The 1-based line of the new event in the file. */
  line: number;
  /** Its 1-based place in the timeline, in file order. */
  event: number;
  /** The kind written, `note` when none was. */
  kind: string;
  status?: { from: string | null; to: string; changed: boolean };
}

/**
 * The change `log` and `resolve` make: read the time in the incident's zone,
 * add the event in time order, and for `resolve` set the status. It is a pure
 * function of the file's text, so it can be tried first and run again under
 * the lock on whatever the file holds by then.
 */
export function logEvent(request: LogRequest): TextEdit<LoggedEvent> {
  return (original) => {
    const zone = incidentZone(original, request.defaultZone);
    const time = eventTime(request.at, zone, request.now);
    if (!time.ok) return { ok: false, message: time.message, hint: time.hint, input: true };

    let text = original;
    let status: LoggedEvent['status'];
    if (request.status) {
      const changed = setStatus(text, request.status.to, { keep: request.status.keep });
      if (!changed.ok) return changed;
      text = changed.text;
      status = { from: changed.from, to: changed.to, changed: changed.changed };
    }
    const event = {
      at: time.text,
      instant: time.instant,
      text: request.text,
      kind: request.kind,
      by: request.by,
      errorRate: request.errorRate,
      // `resolve` adds the end itself; a `log` into a resolved incident is being written up afterwards.
      stampedNow: request.at === undefined && !request.status,
    };
    const inserted = insertEvent(text, event, zone);
    if (!inserted.ok) return inserted;
    const result: LoggedEvent = { at: time.text, instant: time.instant, zone, line: inserted.line, event: inserted.index + 1, kind: request.kind ?? 'note' };
    if (status) result.status = status;
    return { ok: true, text: inserted.text, result };
  };
}

const WITH_OFFSET = /(?:Z|[+-][0-9]{2}:[0-9]{2})$/;

/** `readTimeInput`, except that a zone the runtime does not know is refused unless the time carries its own offset. */
export function eventTime(at: string | undefined, zone: string, now: Date): TimeInput {
  if (!isKnownZone(zone) && !(at !== undefined && WITH_OFFSET.test(at.trim()))) {
    const what = at === undefined ? 'the current time' : quote(at.trim());
    return {
      ok: false,
      message: `Cannot read ${what} in time zone ${quote(zone)}: the zone is unknown`,
      hint: 'Fix `timezone:` (an IANA name such as Europe/Berlin), or give --at with an offset, like --at 2026-11-25T14:05Z.',
    };
  }
  return readTimeInput(at, zone, now);
}
