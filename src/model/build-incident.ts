import { computeErrorBudget } from './error-budget.js';
import { ticketUrl, trackerPrefix } from '../config/trackers.js';
import type { ResolvedConfig } from '../config/config.js';
import type { FigureDefinition } from '../config/figures.js';
import type { IncidentData } from '../schema/incident-schema.js';
import { type Milestone, isMilestone } from '../schema/vocabulary.js';
import { byTime, elapsedBetween } from '../time/elapsed.js';
import type { Timestamp } from '../time/timestamp.js';
import type { Figure, Incident, IncidentEvent } from './incident.js';

/**
 * Builds the model of a valid incident. Everything is computed from the file's
 * instants: nothing reads the clock, so the same file always gives the same model.
 */
export function buildIncident(
  data: IncidentData,
  times: readonly (Timestamp | undefined)[],
  config: ResolvedConfig,
  zone: string,
  file: string,
): Incident {
  const events: IncidentEvent[] = data.timeline.map((event, index) => ({
    index,
    at: times[index]!,
    kind: event.kind ?? 'note',
    text: event.text,
    by: event.by ?? null,
    links: event.links ?? [],
    errorRate: event.error_rate ?? null,
  }));
  events.sort(byTime);

  const milestones: Partial<Record<Milestone, IncidentEvent>> = {};
  for (const event of events) if (isMilestone(event.kind)) milestones[event.kind] ??= event;

  const figures = config.figures.map((definition) => computeFigure(definition, milestones, zone));
  const severity = config.severities.find((level) => level.id === data.severity) ?? {
    id: data.severity,
    description: '',
  };
  const custom = Object.fromEntries(Object.entries(data).filter(([key]) => key.startsWith('x-')));

  return {
    file,
    id: data.id,
    title: data.title,
    status: data.status ?? 'draft',
    type: data.type ?? 'incident',
    severity,
    zone,
    displayZones: config.displayZones.filter((other) => other !== zone),
    events,
    milestones,
    figures,
    errorBudget: computeErrorBudget(data, events, zone),
    custom,
    services: data.services ?? [],
    regions: data.regions ?? [],
    tags: data.tags ?? [],
    authors: data.authors ?? [],
    roles: Object.entries(data.roles ?? {}),
    summary: data.summary,
    impact: {
      description: data.impact.description,
      usersAffected: data.impact.users_affected ?? null,
      metrics: (data.impact.metrics ?? []).map((metric) => ({ name: metric.name, value: metric.value, unit: metric.unit ?? null })),
    },
    trigger: data.trigger ?? null,
    rootCause: data.root_cause ?? null,
    contributingFactors: data.contributing_factors ?? [],
    detection: data.detection ?? null,
    resolution: data.resolution ?? null,
    lessons: { wentWell: data.lessons?.went_well ?? [], wentWrong: data.lessons?.went_wrong ?? [], lucky: data.lessons?.lucky ?? [] },
    actionItems: (data.action_items ?? []).map((item) => ({
      title: item.title,
      owner: item.owner,
      type: item.type ?? null,
      priority: item.priority ?? null,
      status: item.status ?? 'open',
      due: item.due ?? null,
      // The rules refused a key no tracker has, so a key here always has its address.
      ticket: item.ticket === undefined ? null : ticketUrl(item.ticket, config.trackers),
      ticketKey: item.ticket !== undefined && trackerPrefix(item.ticket) !== null ? item.ticket : null,
    })),
    links: (data.links ?? []).map((entry) => ({ title: entry.title, url: entry.url })),
    // Each other incident once, in written order: a repeat or the incident's own id is a warning (rules/related.ts), never a link.
    related: [...new Set(data.related ?? [])].filter((other) => other !== data.id),
  };
}

function computeFigure(definition: FigureDefinition, milestones: Partial<Record<Milestone, IncidentEvent>>, zone: string): Figure {
  const from = milestones[definition.from];
  const to = milestones[definition.to];
  const base = { name: definition.name, from: definition.from, to: definition.to };
  if (from && to) return { ...base, state: 'known', ...elapsedBetween(from.at, to.at, zone) };
  // Never measured against the clock. FORMAT.md: a missing milestone is "not known",
  // except a missing `resolved`, which means the incident is "ongoing".
  const ongoing = Boolean(from) && definition.to === 'resolved' && !to;
  return { ...base, state: ongoing ? 'ongoing' : 'unknown', seconds: null, approximate: false, precision: 'time' };
}

