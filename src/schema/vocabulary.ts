/** The closed vocabularies of FORMAT.md, shared by the schema, the rules and the renderer. */

export const STATUSES = ['draft', 'review', 'final'] as const;
export type Status = (typeof STATUSES)[number];

/** What happened: an incident, a near miss (no user was affected) or a drill. */
export const INCIDENT_TYPES = ['incident', 'near-miss', 'drill'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];
/** The types reports count apart unless asked to include them. */
export const SET_APART_TYPES = ['near-miss', 'drill'] as const;
export type SetApartType = (typeof SET_APART_TYPES)[number];

/** Milestones in the order they normally happen. */
export const MILESTONES = ['impact-start', 'detected', 'acknowledged', 'identified', 'mitigated', 'resolved'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const EVENT_LABELS = ['trigger', 'escalation', 'communication', 'action', 'decision', 'note'] as const;
export type EventLabel = (typeof EVENT_LABELS)[number];

export const EVENT_KINDS = [...MILESTONES, ...EVENT_LABELS] as const;
export type EventKind = Milestone | EventLabel;

export const ACTION_TYPES = ['prevent', 'detect', 'mitigate', 'process', 'other'] as const;
export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;

export const ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,79}$';
/**
 * `YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM)`, the offset optional, a space
 * allowed for `T`, `~` for approximate; (v2) or a date alone, `YYYY-MM-DD`.
 */
export const TIMESTAMP_PATTERN =
  '^~?[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$';
export const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
export const URL_PATTERN = '^https?://[^\\s]+$';
/** A ticket in a tracker the configuration names (`trackers`): its prefix, a dash, its number. */
export const TRACKER_KEY_PATTERN = '^[A-Z][A-Z0-9_]*-[0-9]+$';
/** A ticket: an absolute http(s) URL or a tracker key. */
export const TICKET_PATTERN = '^(https?://[^\\s]+|[A-Z][A-Z0-9_]*-[0-9]+)$';
/** A tracker's prefix in the configuration (`OPS`), and the address of its tickets, with `{key}` where the key goes. */
export const TRACKER_PREFIX_PATTERN = '^[A-Z][A-Z0-9_]*$';
export const TRACKER_URL_PATTERN = '^https?://[^\\s]*\\{key\\}[^\\s]*$';
export const CUSTOM_KEY_PATTERN = '^x-';

export function isMilestone(kind: string | undefined): kind is Milestone {
  return (MILESTONES as readonly string[]).includes(kind ?? '');
}

/** The review checks (FORMAT.md v2, "Review checks"): rule ids, and the levels the configuration may set. */
export const CHECK_RULES = ['placeholder-text', 'blaming-language', 'figure-mismatch'] as const;
export type CheckRule = (typeof CHECK_RULES)[number];
export const CHECK_LEVELS = ['off', 'warning', 'error'] as const;
export type CheckLevel = (typeof CHECK_LEVELS)[number];
