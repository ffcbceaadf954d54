/**
 * The canonical key order of incident files, as FORMAT.md's complete example
 * writes them; `postmortem fmt` puts every mapping in this order.
 *
 * The keys are the schema's (src/schema/incident-schema.ts), and a test checks
 * that each list holds exactly the properties of its schema object, so a field
 * added to the schema must be placed here too. The lists are not derived from
 * the schema at run time because its order differs in one place (an event is
 * written `at`, `kind`, `text` in FORMAT.md) and because the TypeBox schema is
 * a development dependency only.
 */
export interface KeyOrder {
  /** Known keys, in canonical order. `x-` keys follow them, then unknown keys, each in their written order. */
  readonly keys: readonly string[];
  /** The order inside some values: a mapping, or each mapping of a list. A key not named here keeps its order (`roles`). */
  readonly inside?: Readonly<Record<string, KeyOrder>>;
}

export const METRIC_ORDER: KeyOrder = { keys: ['name', 'value', 'unit'] };

export const SLO_ORDER: KeyOrder = { keys: ['name', 'objective', 'window_days', 'error_rate'] };

export const IMPACT_ORDER: KeyOrder = {
  keys: ['description', 'users_affected', 'metrics', 'slo'],
  inside: { metrics: METRIC_ORDER, slo: SLO_ORDER },
};

export const EVENT_ORDER: KeyOrder = { keys: ['at', 'kind', 'text', 'by', 'links', 'error_rate'] };

export const LESSONS_ORDER: KeyOrder = { keys: ['went_well', 'went_wrong', 'lucky'] };

export const ACTION_ITEM_ORDER: KeyOrder = { keys: ['title', 'owner', 'type', 'priority', 'status', 'due', 'ticket'] };

export const LINK_ORDER: KeyOrder = { keys: ['title', 'url'] };

export const INCIDENT_ORDER: KeyOrder = {
  keys: [
    'id',
    'title',
    'status',
    'type',
    'severity',
    'timezone',
    'services',
    'regions',
    'tags',
    'authors',
    'roles',
    'summary',
    'impact',
    'timeline',
    'trigger',
    'root_cause',
    'contributing_factors',
    'detection',
    'resolution',
    'lessons',
    'action_items',
    'links',
    'related',
  ],
  inside: {
    impact: IMPACT_ORDER,
    timeline: EVENT_ORDER,
    lessons: LESSONS_ORDER,
    action_items: ACTION_ITEM_ORDER,
    links: LINK_ORDER,
  },
};

const CUSTOM_KEY = /^x-/;

/**
 * The order inside the value of `key`, if `order` names one. Keys come from
 * the file, so a key like `constructor` or `__proto__` must not find a member
 * of `Object.prototype`.
 */
export function innerOrder(order: KeyOrder, key: string | undefined): KeyOrder | undefined {
  return key !== undefined && order.inside !== undefined && Object.hasOwn(order.inside, key) ? order.inside[key] : undefined;
}

/**
 * Where a key goes in its mapping: known keys by their place in `order`, then
 * `x-` keys, then unknown keys. Sorting stably on it keeps the written order
 * within the last two groups.
 */
export function keyRank(order: KeyOrder, key: string | undefined): number {
  const index = key === undefined ? -1 : order.keys.indexOf(key);
  if (index >= 0) return index;
  return key !== undefined && CUSTOM_KEY.test(key) ? order.keys.length : order.keys.length + 1;
}
