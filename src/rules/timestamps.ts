import { valueRange } from '../source/locate.js';
import { parseTimestamp } from '../time/timestamp.js';
import { asString, timelineEvents } from './loose.js';
import type { Rule } from './rule-context.js';

/** Reads every event time into an instant, reporting times that are not real or are ambiguous. */
export const readEventTimes: Rule = (context) => {
  for (const { event, index } of timelineEvents(context.data)) {
    const at = asString(event.at);
    if (at === undefined) continue;
    // With an unknown zone only times with an offset can be read; the zone itself is reported once.
    const result = parseTimestamp(at, context.zone ?? 'UTC');
    if (result.ok) {
      const needsZone = !/(Z|[+-]\d{2}:\d{2})$/.test(at);
      if (!(needsZone && context.zone === undefined)) context.times[index] = result.time;
      continue;
    }
    // A malformed time was already reported by the schema's pattern.
    if (result.problem.rule === 'invalid-format') continue;
    context.report.add(valueRange(context.document, ['timeline', index, 'at']), result.problem);
  }
};
