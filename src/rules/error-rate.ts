import { valueRange } from '../source/locate.js';
import { asRecord, timelineEvents } from './loose.js';
import type { Rule } from './rule-context.js';

/** An event's `error_rate` counts only against an SLO: without `impact.slo` it changes nothing, which the writer should know. */
export const checkErrorRates: Rule = (context) => {
  if (asRecord(asRecord(context.data.impact)?.slo)) return;
  for (const { event, index } of timelineEvents(context.data)) {
    if (event.error_rate === undefined) continue;
    context.report.add(valueRange(context.document, ['timeline', index, 'error_rate']), {
      rule: 'error-rate-without-slo',
      severity: 'warning',
      message: 'Unexpected `error_rate` on an event of an incident without `impact.slo`: it is not counted anywhere',
      hint: 'Add `impact.slo` (name, objective, window_days, error_rate) to count the error budget phase by phase, or remove `error_rate`.',
    });
  }
};
