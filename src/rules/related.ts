import { quote } from '../diagnostics/quote.js';
import { valueRange } from '../source/locate.js';
import { asArray, asString } from './loose.js';
import type { Rule } from './rule-context.js';

/**
 * `related` names other incidents. Its own id, or an id named twice, links
 * nowhere new: both are warnings (the postmortem is still worth writing) and
 * the model keeps each other incident once (build-incident.ts). Whether each
 * id is among the files processed is known only after every file is read
 * (pipeline/related-ids.ts).
 */
export const checkRelated: Rule = (context) => {
  const own = asString(context.data.id);
  const first = new Map<string, number>();
  asArray(context.data.related).forEach((item, index) => {
    const id = asString(item);
    if (id === undefined) return;
    const range = valueRange(context.document, ['related', index]);
    if (id === own) {
      context.report.add(range, {
        rule: 'self-related',
        severity: 'warning',
        message: `Unexpected ${quote(id)} in \`related\`: it is this incident's own id`,
        hint: 'Remove it: `related` lists other incidents (the same cause, a repeat, a follow-on).',
      });
      return;
    }
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, index);
      return;
    }
    const at = context.report.position(valueRange(context.document, ['related', earlier]));
    context.report.add(range, {
      rule: 'duplicate-related',
      severity: 'warning',
      message: `Unexpected duplicate ${quote(id)} in \`related\`, expected each incident once`,
      hint: 'Remove the repeat: the incident is linked once.',
      related: { file: context.report.file, ...at, message: `${quote(id)} is first listed here` },
    });
  });
};
