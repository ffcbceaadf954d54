import { basename } from 'node:path';
import { quote } from '../diagnostics/quote.js';
import { closestMatch, quoteList } from '../diagnostics/suggest.js';
import { valueRange } from '../source/locate.js';
import { zoneNameProblem } from '../time/canonical-zone.js';
import { isKnownZone } from '../time/zone.js';
import { asString } from './loose.js';
import type { Rule } from './rule-context.js';

/**
 * `timezone` must be a canonical IANA zone (canonical-zone.ts). The times are
 * still read in an alias the runtime knows, so one wrong name is one error;
 * the context's zone is cleared only for a zone nobody knows.
 */
export const checkTimezone: Rule = (context) => {
  const zone = asString(context.data.timezone);
  if (zone === undefined) return;
  const problem = zoneNameProblem(zone);
  if (!problem) return;
  if (!isKnownZone(zone)) context.zone = undefined;
  context.report.add(valueRange(context.document, ['timezone']), { rule: 'unknown-timezone', ...problem });
};

/** `severity` must be one of the configured levels. */
export const checkSeverity: Rule = (context) => {
  const severity = asString(context.data.severity);
  if (severity === undefined) return;
  const levels = context.config.severities.map((level) => level.id);
  if (levels.includes(severity)) return;
  const suggestion = closestMatch(severity, levels);
  context.report.add(valueRange(context.document, ['severity']), {
    rule: 'unknown-severity',
    message: `Unknown severity ${quote(severity)}, expected one of ${quoteList(levels)}`,
    hint: suggestion
      ? `Did you mean \`${suggestion}\`?`
      : context.config.file
        ? `Use a level listed under \`severities\` in ${basename(context.config.file)}.`
        : `Use one of the default levels (\`${levels[0] ?? 'SEV1'}\` is the most severe), or define your own under \`severities\` in postmortem.config.yaml.`,
  });
};
