import type { Incident, IncidentEvent } from '../model/incident.js';
import { type Milestone, MILESTONES, isMilestone } from '../schema/vocabulary.js';
import {
  NOT_KNOWN,
  ONGOING,
  capitalize,
  formatCount,
  formatDecimal,
  formatErrorBudget,
  formatFigure,
  formatTime,
  humanizeKey,
  kindLabel,
} from './format.js';
import { link, literal, mermaidLabel } from './markdown/escape.js';
import { markdownBlock, markdownInline, markdownListItem } from './markdown/markdown-field.js';
import type { ActionItemView, EventView, Fact, PostmortemView } from './view.js';
import { humanDuration } from '../time/duration.js';
import { differenceInSeconds } from 'date-fns/differenceInSeconds';

const NONE = '—';

/** Prepares everything a postmortem template shows, formatted and escaped. */
export function buildView(incident: Incident): PostmortemView {
  const { data, zone } = incident;
  const time = (event: IncidentEvent | undefined) => (event ? formatTime(event.at, zone) : null);
  const list = (values: readonly string[] | undefined) => (values?.length ? literal(values.join(', ')) : null);
  const blockOrNull = (text: string | undefined) => (text === undefined ? null : markdownBlock(text));
  const itemsOrNull = (items: readonly string[] | undefined) => (items?.length ? items.map(markdownListItem) : null);

  const facts: Fact[] = [
    {
      label: 'Severity',
      value: literal(incident.severity.description ? `${incident.severity.id} (${incident.severity.description})` : incident.severity.id),
    },
    { label: 'Status', value: literal(capitalize(incident.status)) },
    { label: 'Impact start', value: literal(time(incident.milestones['impact-start']) ?? NOT_KNOWN) },
    { label: 'Impact end', value: literal(time(incident.milestones.resolved) ?? ONGOING) },
  ];
  const figures: Fact[] = incident.figures.map((figure) => ({
    label: literal(capitalize(figure.name)),
    value: literal(formatFigure(figure)),
  }));
  facts.push(...figures);
  for (const [label, values] of [
    ['Services', data.services],
    ['Regions', data.regions],
    ['Tags', data.tags],
    ['Authors', data.authors],
  ] as const) {
    const value = list(values);
    if (value) facts.push({ label, value });
  }
  for (const [role, person] of Object.entries(data.roles ?? {})) {
    facts.push({ label: literal(humanizeKey(role)), value: literal(person) });
  }

  const lessons = data.lessons;
  const lessonsView = lessons
    ? {
        wentWell: itemsOrNull(lessons.went_well),
        wentWrong: itemsOrNull(lessons.went_wrong),
        lucky: itemsOrNull(lessons.lucky),
      }
    : null;

  return {
    id: literal(incident.id),
    title: literal(incident.title),
    status: literal(incident.status),
    severity: literal(incident.severity.id),
    severityDescription: incident.severity.description ? literal(incident.severity.description) : null,
    zone: literal(zone),
    timesNote: literal(zone === 'UTC' || zone === 'Etc/UTC' ? 'All times are in UTC.' : `Times are shown in ${zone}, with their offset from UTC.`),
    facts,
    figures,
    summaryBlock: markdownBlock(data.summary),
    impact: {
      descriptionBlock: markdownBlock(data.impact.description),
      usersAffected: data.impact.users_affected === undefined ? null : literal(formatCount(data.impact.users_affected)),
      metrics: data.impact.metrics?.length
        ? data.impact.metrics.map((metric) => ({
            name: literal(metric.name),
            value: literal(metric.unit ? joinUnit(formatNumber(metric.value), metric.unit) : formatNumber(metric.value)),
          }))
        : null,
      errorBudget: incident.errorBudget ? escapeAll(formatErrorBudget(incident.errorBudget)) : null,
    },
    timeline: {
      events: incident.events.map((event) => eventView(event, zone)),
      hasApproximate: incident.events.some((event) => event.at.approximate),
      diagram: milestoneDiagram(incident),
    },
    triggerBlock: blockOrNull(data.trigger),
    rootCauseBlock: blockOrNull(data.root_cause),
    contributingFactorItems: itemsOrNull(data.contributing_factors),
    detectionBlock: blockOrNull(data.detection),
    resolutionBlock: blockOrNull(data.resolution),
    lessons: lessonsView && (lessonsView.wentWell || lessonsView.wentWrong || lessonsView.lucky) ? lessonsView : null,
    actionItems: data.action_items?.length ? data.action_items.map(actionItemView) : null,
    links: data.links?.length ? data.links.map((entry) => link(entry.title, entry.url)) : null,
    custom: escapeCustom(incident.custom) as Record<string, unknown>,
  };
}

function eventView(event: IncidentEvent, zone: string): EventView {
  return {
    time: literal(formatTime(event.at, zone)),
    kind: literal(kindLabel(event.kind)),
    milestone: isMilestone(event.kind),
    textCell: markdownInline(event.text),
    by: event.by === null ? null : literal(event.by),
    links: event.links.length ? event.links.map((url, i) => link(`link ${i + 1}`, url)).join(', ') : null,
  };
}

function actionItemView(item: NonNullable<Incident['data']['action_items']>[number]): ActionItemView {
  return {
    title: literal(item.title),
    owner: literal(item.owner),
    type: literal(item.type ?? NONE),
    priority: literal(item.priority ?? NONE),
    status: literal(item.status ?? 'open'),
    due: literal(item.due ?? NONE),
    ticket: item.ticket ? link(ticketLabel(item.ticket), item.ticket) : NONE,
  };
}

/** `OPS-1234` for `https://tracker.example.com/browse/OPS-1234`: the last path segment reads best. */
function ticketLabel(url: string): string {
  const segments = new URL(url).pathname.split('/').filter(Boolean);
  return decodeURIComponentSafe(segments.at(-1) ?? new URL(url).hostname);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A left-to-right chart of the milestones in time order, each edge labelled
 * with the time between them. Only our own formatted strings reach it.
 */
function milestoneDiagram(incident: Incident): string | null {
  const reached = MILESTONES.map((kind) => incident.milestones[kind]).filter(
    (event): event is IncidentEvent => event !== undefined,
  );
  reached.sort((a, b) => a.at.instant - b.at.instant || a.index - b.index);
  if (reached.length < 2) return null;
  const node = (kind: Milestone) => kind.replace('-', '_');
  const lines = ['flowchart LR'];
  reached.forEach((event, i) => {
    const label = [kindLabel(event.kind), formatTime(event.at, incident.zone)].map(mermaidLabel).join('<br/>');
    lines.push(`  ${node(event.kind as Milestone)}["${label}"]`);
    const previous = reached[i - 1];
    if (previous) {
      const seconds = differenceInSeconds(event.at.instant, previous.at.instant);
      const approximate = previous.at.approximate || event.at.approximate ? '~' : '';
      lines.push(`  ${node(previous.kind as Milestone)} -->|"${approximate}${humanDuration(seconds)}"| ${node(event.kind as Milestone)}`);
    }
  });
  return lines.join('\n');
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? formatCount(value) : formatDecimal(value, 3);
}

function joinUnit(value: string, unit: string): string {
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

function escapeAll<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, literal(String(value))])) as T;
}

function escapeCustom(value: unknown): unknown {
  if (typeof value === 'string') return literal(value);
  if (Array.isArray(value)) return value.map(escapeCustom);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, escapeCustom(inner)]));
  }
  return value;
}
