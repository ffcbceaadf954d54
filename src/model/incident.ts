import type { SeverityLevel } from '../config/config.js';
import type { IncidentData } from '../schema/incident-schema.js';
import type { EventKind, IncidentType, Milestone, Status } from '../schema/vocabulary.js';
import type { Timestamp } from '../time/timestamp.js';

/** A timeline event with its time fixed to an instant. */
export interface IncidentEvent {
  /** Position in the file, which keeps the sort stable for equal times. */
  index: number;
  at: Timestamp;
  kind: EventKind;
  text: string;
  by: string | null;
  links: string[];
  /** `error_rate` (v2): the share of bad requests from this event on, in percent; `null` when it sets none. */
  errorRate: number | null;
}

export type FigureState = 'known' | 'ongoing' | 'unknown';

/** A derived figure such as time to detect. */
export interface Figure {
  name: string;
  from: Milestone;
  to: Milestone;
  state: FigureState;
  /** Seconds between the milestones; `null` unless `state` is `known`. */
  seconds: number | null;
  approximate: boolean;
  /** `day` when a milestone is known only to the day: `seconds` is then whole days. */
  precision: 'time' | 'day';
}

export interface ErrorBudget {
  slo: string;
  objective: number;
  windowDays: number;
  errorRate: number;
  budgetMinutes: number;
  /** `null` while the incident is ongoing or its duration is not known. */
  consumedMinutes: number | null;
  /** Consumed divided by budget; `null` like `consumedMinutes`. */
  consumedShare: number | null;
  approximate: boolean;
  /** The impact cut at the events that set `error_rate`, each with its own rate; empty when no event sets one. */
  phases: BudgetPhase[];
}

/** A stretch of the impact at one error rate. */
export interface BudgetPhase {
  from: Timestamp;
  to: Timestamp;
  minutes: number;
  /** Percent of requests that were bad. */
  errorRate: number;
  /** Budget minutes it consumed: minutes × rate / 100. */
  consumedMinutes: number;
  approximate: boolean;
  /** `day` when a boundary is known only to the day: `minutes` is then whole days. */
  precision: 'time' | 'day';
}

type ActionItemData = NonNullable<IncidentData['action_items']>[number];

/** An action item as written; what was left out is `null`, and the status `open`. */
export interface ActionItem {
  title: string;
  owner: string;
  type: ActionItemData['type'] | null;
  priority: ActionItemData['priority'] | null;
  status: NonNullable<ActionItemData['status']>;
  due: string | null;
  /** The ticket's address: as written, or a tracker key's (`OPS-1234`) through the configured `trackers`. */
  ticket: string | null;
  /** The tracker key when the ticket was written as one: what its link shows. */
  ticketKey: string | null;
}

/** A measured impact, as written. */
export interface ImpactMetric {
  name: string;
  value: number;
  unit: string | null;
}

/**
 * A valid incident, ready for rendering, reports and publishing: everything
 * they show, normalised once (what was left out is `null` or an empty list),
 * so nothing after the model reads the parsed file. Markdown fields hold the
 * Markdown as written.
 */
export interface Incident {
  /** The source file, as shown in messages. */
  file: string;
  id: string;
  title: string;
  status: Status;
  /** `incident`, or a `near-miss` (no user affected: it may have no `impact-start`) or a `drill`, which reports count apart. */
  type: IncidentType;
  severity: SeverityLevel;
  zone: string;
  /** The configured `display_zones` other than `zone`: shown beside every time. */
  displayZones: string[];
  /** Events in chronological order (file order for equal times). */
  events: IncidentEvent[];
  milestones: Partial<Record<Milestone, IncidentEvent>>;
  figures: Figure[];
  errorBudget: ErrorBudget | null;
  /** `x-` keys of the top level, for custom templates. */
  custom: Record<string, unknown>;
  services: string[];
  regions: string[];
  tags: string[];
  authors: string[];
  /** Roles in the order written: the role's key and who held it. */
  roles: [string, string][];
  summary: string;
  impact: { description: string; usersAffected: number | null; metrics: ImpactMetric[] };
  trigger: string | null;
  rootCause: string | null;
  contributingFactors: string[];
  detection: string | null;
  resolution: string | null;
  lessons: { wentWell: string[]; wentWrong: string[]; lucky: string[] };
  actionItems: ActionItem[];
  links: { title: string; url: string }[];
  /** `related` (v2): the ids of other incidents, each once, in written order, never the incident's own. */
  related: string[];
}
