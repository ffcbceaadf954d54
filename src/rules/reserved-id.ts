import { quoteList } from '../diagnostics/suggest.js';
import { targetsReserving } from '../publish/reserved-ids.js';
import { valueRange } from '../source/locate.js';
import { asString, timelineEvents } from './loose.js';
import type { Rule } from './rule-context.js';

/**
 * The id names every output file, so it may not be a name a publish target
 * writes itself (see RESERVED_IDS). Every target's names are refused, not
 * only the one a project publishes to today: an id is for good, and a
 * project that adds or changes its target must not have to rename incidents.
 */
export const checkReservedId: Rule = (context) => {
  const id = asString(context.data.id);
  if (id === undefined) return;
  const targets = targetsReserving(id);
  if (targets.length === 0) return;
  context.report.add(valueRange(context.document, ['id']), {
    rule: 'reserved-id',
    message: `Unexpected id \`${id}\`: publish writes a page of that name itself for the ${quoteList(targets)} ${targets.length === 1 ? 'target' : 'targets'}, so the incident's page and that page would overwrite each other`,
    hint: `Choose a different id, such as \`${suggestedId(context.data, id)}\`: the impact-start date and a few words.`,
  });
};

/** `<impact-start day>-<id>` (the first event's day when there is no impact-start), or a placeholder day. */
function suggestedId(data: Record<string, unknown>, id: string): string {
  const events = timelineEvents(data).map(({ event }) => event);
  const start = events.find((event) => event.kind === 'impact-start') ?? events[0];
  const day = /^~?(\d{4}-\d{2}-\d{2})/.exec(asString(start?.at) ?? '')?.[1];
  return `${day ?? 'YYYY-MM-DD'}-${id.toLowerCase()}`;
}
