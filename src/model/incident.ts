import type { SeverityLevel } from '../config/config.js';
import type { IncidentData } from '../schema/incident-schema.js';
import type { EventKind, Milestone, Status } from '../schema/vocabulary.js';
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
}

/** A valid incident, ready for rendering and reports. */
export interface Incident {
  /** The source file, as shown in messages. */
  file: string;
  data: IncidentData;
  id: string;
  title: string;
  status: Status;
  severity: SeverityLevel;
  zone: string;
  /** Events in chronological order (file order for equal times). */
  events: IncidentEvent[];
  milestones: Partial<Record<Milestone, IncidentEvent>>;
  figures: Figure[];
  errorBudget: ErrorBudget | null;
  /** `x-` keys of the top level, for custom templates. */
  custom: Record<string, unknown>;
}
