import type { FigureState, Incident } from '../model/incident.js';
import type { ACTION_STATUSES, EventKind, IncidentType, Milestone, Status } from '../schema/vocabulary.js';
import { isMilestone } from '../schema/vocabulary.js';
import type { Timestamp } from '../time/timestamp.js';
import { wallDate } from '../time/wall-time.js';
import { formatOffset, offsetAt } from '../time/zone.js';
import { detached, detachedOrNull } from '../source/detached.js';

/**
 * What reports, `actions` and `export` know of an incident: a small, flat
 * record kept in memory for each of possibly tens of thousands of incidents,
 * instead of the whole model (its text, events and source data).
 */
export interface IncidentRecord {
  id: string;
  title: string;
  /** The source file, as shown in messages. */
  file: string;
  status: Status;
  /** `incident`, or a `near-miss` or a `drill`, which reports count apart unless asked to include them. */
  type: IncidentType;
  severity: string;
  /** Position of the severity in the configured levels, 0 = most severe. */
  severityRank: number;
  zone: string;
  services: string[];
  regions: string[];
  tags: string[];
  /** The impact start (a near miss without one: its first event): the date the incident belongs to, in its own zone. */
  start: TimeRecord;
  /** The `resolved` milestone; `null` while the incident is ongoing, or for a near miss that affected no user. */
  resolved: TimeRecord | null;
  /** The day (in the incident's zone) of each milestone the timeline has: what a report as of an earlier day leaves out. */
  milestoneDates: Partial<Record<Milestone, string>>;
  figures: FigureRecord[];
  errorBudget: ErrorBudgetRecord | null;
  actions: ActionRecord[];
  /** The ids it names in `related` (v2): how reports group related incidents. Records without share one empty list. */
  related: readonly string[];
  /** Only when asked for (`export --what events`): the timeline is most of an incident's size. */
  events?: EventRecord[];
}

export interface TimeRecord {
  instant: number;
  /** ISO 8601 with the incident zone's offset: `2026-11-25T14:03:00+01:00`; a day known only as a date is that date alone. */
  iso: string;
  /** `YYYY-MM-DD` in the incident's zone. */
  date: string;
  approximate: boolean;
}

export interface FigureRecord {
  name: string;
  /** The milestones it is measured from and to. */
  from: Milestone;
  to: Milestone;
  state: FigureState;
  seconds: number | null;
  approximate: boolean;
  /** `day` when a milestone is known only to the day: `seconds` is whole days. */
  precision: 'time' | 'day';
}

export interface ErrorBudgetRecord {
  slo: string;
  /** The SLO's window, in days: the budget is that window's. */
  windowDays: number;
  budgetMinutes: number;
  consumedMinutes: number | null;
  consumedShare: number | null;
  approximate: boolean;
}

export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A near miss written without `impact-start`: no user was affected, so nothing can be ongoing or measured. */
export function hadNoImpact(record: Pick<IncidentRecord, 'type' | 'milestoneDates'>): boolean {
  return record.type === 'near-miss' && record.milestoneDates['impact-start'] === undefined;
}

/** Impact started and has not ended (as far as the record tells). */
export function isOngoing(record: Pick<IncidentRecord, 'type' | 'milestoneDates' | 'resolved'>): boolean {
  return record.resolved === null && !hadNoImpact(record);
}

export interface ActionRecord {
  incident: string;
  /** Position in the incident's `action_items`, from 0. */
  index: number;
  title: string;
  owner: string;
  type: string | null;
  priority: string | null;
  status: ActionStatus;
  due: string | null;
  ticket: string | null;
}

export interface EventRecord {
  incident: string;
  /** Position in the file, from 0 (events are listed in time order). */
  index: number;
  at: TimeRecord;
  kind: EventKind;
  milestone: boolean;
  text: string;
  by: string | null;
  links: string[];
}

/**
 * One copy of each value that repeats from incident to incident (a service,
 * an owner, a day, a zone), shared by all the records of a run: at 100,000
 * incidents, a copy per record was most of a record's size. Copies are
 * detached from the file's text (see detached.ts).
 */
export class StringPool {
  private readonly copies = new Map<string, string>();
  /** Figures by value: most repeat across a run (the unknown ones, durations in whole minutes). */
  private readonly figures = new Map<string, FigureRecord>();

  get(text: string): string {
    let copy = this.copies.get(text);
    if (copy === undefined) {
      copy = detached(text);
      this.copies.set(copy, copy);
    }
    return copy;
  }

  /**
   * One shared record for each distinct figure: over 100,000 incidents, a
   * few tens of thousands instead of half a million. Records are never
   * changed, only copied (as-of.ts).
   */
  figure(figure: FigureRecord): FigureRecord {
    const key = `${figure.name}\n${figure.from}\n${figure.to}\n${figure.state}\n${figure.seconds}\n${figure.approximate}\n${figure.precision}`;
    let shared = this.figures.get(key);
    if (shared === undefined) {
      shared = { ...figure, name: this.get(figure.name) };
      this.figures.set(key, shared);
    }
    return shared;
  }
}

export function timeRecord(time: Timestamp, zone: string, pool = new StringPool()): TimeRecord {
  const { instant, approximate } = time;
  const date = pool.get(wallDate(instant, zone));
  // A day known only as a date is exported as that date: a time of day would be invented.
  if (time.dayOnly) return { instant, iso: date, date, approximate };
  const offset = offsetAt(zone, instant);
  const wall = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  // One flat string: joined from a slice, it would be three strings and a view kept per time.
  return { instant, iso: detached(`${wall}${formatOffset(offset)}`), date, approximate };
}

export interface RecordOptions {
  /** Keep the timeline too (`export --what events`). */
  events?: boolean;
  /** Shared by the records of one run. */
  pool?: StringPool;
}

/** The `related` of every record that names none: at 100,000 records, one list instead of one each. */
const NO_RELATED: readonly string[] = Object.freeze([]);

export function toRecord(incident: Incident, severityIds: readonly string[], options: RecordOptions = {}): IncidentRecord {
  const { zone } = incident;
  const pool = options.pool ?? new StringPool();
  const shared = (text: string) => pool.get(text);
  const sharedOrNull = (text: string | null | undefined) => (text === null || text === undefined ? null : pool.get(text));
  const start = incident.milestones['impact-start'] ?? incident.events[0]!;
  const resolved = incident.milestones.resolved;
  const id = detached(incident.id);
  const record: IncidentRecord = {
    id,
    title: detached(incident.title),
    file: incident.file,
    status: incident.status,
    type: incident.type,
    severity: shared(incident.severity.id),
    severityRank: Math.max(0, severityIds.indexOf(incident.severity.id)),
    zone: shared(zone),
    services: incident.services.map(shared),
    regions: incident.regions.map(shared),
    tags: incident.tags.map(shared),
    start: timeRecord(start.at, zone, pool),
    resolved: resolved ? timeRecord(resolved.at, zone, pool) : null,
    milestoneDates: Object.fromEntries(Object.entries(incident.milestones).map(([kind, event]) => [kind, shared(wallDate(event.at.instant, zone))])),
    figures: incident.figures.map(({ name, from, to, state, seconds, approximate, precision }) =>
      pool.figure({ name, from, to, state, seconds, approximate, precision }),
    ),
    errorBudget: incident.errorBudget && {
      slo: shared(incident.errorBudget.slo),
      windowDays: incident.errorBudget.windowDays,
      budgetMinutes: incident.errorBudget.budgetMinutes,
      consumedMinutes: incident.errorBudget.consumedMinutes,
      consumedShare: incident.errorBudget.consumedShare,
      approximate: incident.errorBudget.approximate,
    },
    actions: incident.actionItems.map((item, index) => ({
      incident: id,
      index,
      title: detached(item.title),
      owner: shared(item.owner),
      type: sharedOrNull(item.type),
      priority: sharedOrNull(item.priority),
      status: item.status,
      due: sharedOrNull(item.due),
      ticket: detachedOrNull(item.ticket),
    })),
    related: incident.related.length ? incident.related.map(detached) : NO_RELATED,
  };
  if (options.events) {
    record.events = incident.events.map((event) => ({
      incident: id,
      index: event.index,
      at: timeRecord(event.at, zone, pool),
      kind: event.kind,
      milestone: isMilestone(event.kind),
      text: detached(event.text),
      by: sharedOrNull(event.by),
      links: event.links.map(detached),
    }));
  }
  return record;
}

