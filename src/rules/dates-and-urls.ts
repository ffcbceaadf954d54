import { quote } from '../diagnostics/quote.js';
import { type DataPath, valueRange } from '../source/locate.js';
import { trackerPrefix } from '../config/trackers.js';
import { parseDate } from '../time/timestamp.js';
import { URL_PATTERN } from '../schema/vocabulary.js';
import { asArray, asRecord, asString, timelineEvents } from './loose.js';
import type { Rule, RuleContext } from './rule-context.js';

/** `due` dates must exist on the calendar (the schema only checks their shape). */
export const checkDueDates: Rule = (context) => {
  asArray(context.data.action_items).forEach((value, index) => {
    const due = asString(asRecord(value)?.due);
    if (due === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return;
    const parsed = parseDate(due);
    if ('problem' in parsed) {
      context.report.add(valueRange(context.document, ['action_items', index, 'due']), {
        rule: 'invalid-date',
        message: `Unexpected date \`${due}\`: ${parsed.problem}`,
        hint: 'Use a real calendar date, `YYYY-MM-DD`.',
      });
    }
  });
};

const URL_SHAPE = new RegExp(URL_PATTERN);

/** A ticket written as a tracker key (`OPS-1234`) needs a tracker for its prefix in the configuration. */
export const checkTrackerKeys: Rule = (context) => {
  asArray(context.data.action_items).forEach((item, index) => {
    const ticket = asString(asRecord(item)?.ticket);
    const prefix = ticket === undefined ? null : trackerPrefix(ticket);
    if (prefix === null || Object.hasOwn(context.config.trackers, prefix)) return;
    const known = Object.keys(context.config.trackers);
    context.report.add(valueRange(context.document, ['action_items', index, 'ticket']), {
      rule: 'unknown-tracker',
      message: `Unknown tracker ${quote(prefix)} of ticket ${quote(ticket!)}${known.length ? `, expected ${known.length > 1 ? 'one of ' : ''}${known.map((name) => `\`${name}\``).join(', ')}` : ''}`,
      hint: `Map the prefix to its tickets' address in the configuration (\`trackers: { ${prefix}: https://tracker.example.com/browse/{key} }\`), or write the ticket's full URL.`,
    });
  });
};

/** Every URL must parse as an absolute http(s) URL with a host. */
export const checkUrls: Rule = (context) => {
  asArray(context.data.links).forEach((link, index) => checkUrl(context, asRecord(link)?.url, ['links', index, 'url']));
  asArray(context.data.action_items).forEach((item, index) =>
    checkUrl(context, asRecord(item)?.ticket, ['action_items', index, 'ticket']),
  );
  for (const { event, index } of timelineEvents(context.data)) {
    asArray(event.links).forEach((url, position) => checkUrl(context, url, ['timeline', index, 'links', position]));
  }
};

function checkUrl(context: RuleContext, value: unknown, path: DataPath): void {
  const text = asString(value);
  // Wrong shapes were reported by the schema; here only URLs that look right but do not parse.
  if (text === undefined || !URL_SHAPE.test(text)) return;
  let host = '';
  try {
    host = new URL(text).hostname;
  } catch {
    host = '';
  }
  if (host) return;
  context.report.add(valueRange(context.document, path), {
    rule: 'invalid-url',
    message: `Unexpected URL ${quote(text)}, expected an absolute http(s) URL with a host`,
    hint: 'Copy the full address from the browser, like https://tracker.example.com/OPS-1234.',
  });
}
