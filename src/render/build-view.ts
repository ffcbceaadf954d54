import type { Incident, IncidentEvent } from '../model/incident.js';
import { postmortemFile } from '../report/postmortem-link.js';
import { MILESTONES, type Milestone, isMilestone } from '../schema/vocabulary.js';
import { byTime, elapsedBetween } from '../time/elapsed.js';
import {
  NOT_KNOWN,
  NO_IMPACT,
  ONGOING,
  capitalize,
  formatCount,
  formatWritten,
  formatElapsed,
  formatErrorBudget,
  figureLabel,
  formatFigure,
  formatTime,
  humanizeKey,
  kindLabel,
  ticketLabel,
} from './format.js';
import { markdownSlot } from './markdown/markdown-field.js';
import { type Slots, linkSlot, rawSlot, textSlot } from './markdown/slots.js';
import type { ActionItemView, EventView, Fact, Markdown, PostmortemView } from './view.js';

const NONE = '—';

/** Prepares everything a postmortem template shows: formatted, and each value behind a token of `slots`. */
export function buildView(incident: Incident, slots: Slots): PostmortemView {
  const { zone } = incident;
  const text = (value: string): Markdown => slots.token(textSlot(value));
  const markdown = (value: string): Markdown => slots.token(markdownSlot(value));
  const link = (label: string, url: string): Markdown => slots.token(linkSlot(label, url));
  const time = (event: IncidentEvent | undefined) => (event ? formatTime(event.at, zone, incident.displayZones) : null);
  const markdownOrNull = (value: string | null) => (value === null ? null : markdown(value));
  const itemsOrNull = (items: readonly string[]) => (items.length ? items.map(markdown) : null);

  // A near miss without a start of impact: the figures measured from it have nothing to measure.
  const noImpact = incident.type === 'near-miss' && !incident.milestones['impact-start'];
  // Each figure says what it measures; two of the same pair (duration and time to resolve, by default) are one, under the first's name.
  const pairs = new Set<string>();
  const figures: Fact[] = [];
  for (const figure of incident.figures) {
    const pair = `${figure.from} ${figure.to}`;
    if (pairs.has(pair)) continue;
    pairs.add(pair);
    figures.push({
      label: text(figureLabel(figure.name, figure.from, figure.to)),
      value: text(noImpact && (figure.from === 'impact-start' || figure.to === 'impact-start') ? NO_IMPACT : formatFigure(figure)),
    });
  }
  const facts: Fact[] = [
    {
      label: text('Severity'),
      value: text(incident.severity.description ? `${incident.severity.id} (${incident.severity.description})` : incident.severity.id),
    },
    { label: text('Status'), value: text(capitalize(incident.status)) },
    ...(incident.type === 'incident' ? [] : [{ label: text('Type'), value: text(TYPE_FACTS[incident.type]) }]),
    ...impactFacts(incident, time, text),
    ...figures,
  ];
  for (const [label, values] of [
    ['Services', incident.services],
    ['Regions', incident.regions],
    ['Tags', incident.tags],
    ['Authors', incident.authors],
  ] as const) {
    if (values.length) facts.push({ label: text(label), value: text(values.join(', ')) });
  }
  for (const [role, person] of incident.roles) {
    facts.push({ label: text(humanizeKey(role)), value: text(person) });
  }

  const wentWell = itemsOrNull(incident.lessons.wentWell);
  const wentWrong = itemsOrNull(incident.lessons.wentWrong);
  const lucky = itemsOrNull(incident.lessons.lucky);
  const budget = incident.errorBudget ? formatErrorBudget(incident.errorBudget, zone, incident.displayZones) : null;

  return {
    id: text(incident.id),
    title: text(incident.title),
    status: text(incident.status),
    type: text(incident.type),
    severity: text(incident.severity.id),
    severityDescription: incident.severity.description ? text(incident.severity.description) : null,
    zone: text(zone),
    timesNote: text(timesNote(zone, incident.displayZones)),
    facts,
    figures,
    summaryBlock: markdown(incident.summary),
    impact: {
      descriptionBlock: markdown(incident.impact.description),
      usersAffected: incident.impact.usersAffected === null ? null : text(formatCount(incident.impact.usersAffected)),
      metrics: incident.impact.metrics.length
        ? incident.impact.metrics.map((metric) => ({
            name: text(metric.name),
            value: text(metric.unit ? joinUnit(formatWritten(metric.value), metric.unit) : formatWritten(metric.value)),
          }))
        : null,
      errorBudget: budget
        ? {
            slo: text(budget.slo),
            objective: text(budget.objective),
            budget: text(budget.budget),
            consumed: text(budget.consumed),
            share: text(budget.share),
            phases: budget.phases.length
              ? budget.phases.map((phase) => ({
                  from: text(phase.from),
                  to: text(phase.to),
                  duration: text(phase.duration),
                  errorRate: text(phase.errorRate),
                  consumed: text(phase.consumed),
                }))
              : null,
          }
        : null,
    },
    timeline: {
      events: incident.events.map(
        (event): EventView => ({
          time: text(formatTime(event.at, zone, incident.displayZones)),
          kind: text(kindLabel(event.kind)),
          milestone: isMilestone(event.kind),
          textCell: markdown(event.text),
          by: event.by === null ? null : text(event.by),
          links: event.links.length ? event.links.map((url, i) => link(`link ${i + 1}`, url)).join(', ') : null,
        }),
      ),
      hasApproximate: incident.events.some((event) => event.at.approximate),
      diagram: milestoneDiagram(incident, slots),
    },
    triggerBlock: markdownOrNull(incident.trigger),
    rootCauseBlock: markdownOrNull(incident.rootCause),
    contributingFactorItems: itemsOrNull(incident.contributingFactors),
    detectionBlock: markdownOrNull(incident.detection),
    resolutionBlock: markdownOrNull(incident.resolution),
    lessons: wentWell || wentWrong || lucky ? { wentWell, wentWrong, lucky } : null,
    actionItems: incident.actionItems.length
      ? incident.actionItems.map(
          (item): ActionItemView => ({
            title: text(item.title),
            owner: text(item.owner),
            type: text(item.type ?? NONE),
            priority: text(item.priority ?? NONE),
            status: text(item.status),
            due: text(item.due ?? NONE),
            ticket: item.ticket ? link(item.ticketKey ?? ticketLabel(item.ticket), item.ticket) : text(NONE),
          }),
        )
      : null,
    links: incident.links.length ? incident.links.map((entry) => link(entry.title, entry.url)) : null,
    // Beside this postmortem, as build writes them; publish points them at its own pages (site-markdown.ts).
    related: incident.related.length ? incident.related.map((id) => link(id, postmortemFile(id))) : null,
    custom: customView(incident.custom, slots) as Record<string, unknown>,
  };
}

/**
 * Mermaid's front matter for labels drawn as SVG text. Its default puts
 * labels in HTML, sized before the diagram joins the page: a site whose
 * paragraph style differs (VitePress's taller lines) then cuts them off.
 */
const MERMAID_SVG_LABELS = ['---', 'config:', '  htmlLabels: false', '---'];

/**
 * A top-to-bottom chart of the milestones in time order, each edge labelled
 * with the time between them. Top to bottom because sites scale a diagram
 * down to the page's width: five milestones side by side came out with
 * labels too small to read. Only our own formatted strings reach it.
 */
function milestoneDiagram(incident: Incident, slots: Slots): Markdown | null {
  const reached = MILESTONES.map((kind) => incident.milestones[kind]).filter(
    (event): event is IncidentEvent => event !== undefined,
  );
  reached.sort(byTime);
  if (reached.length < 2) return null;
  const node = (kind: Milestone) => kind.replace('-', '_');
  const lines = [...MERMAID_SVG_LABELS, 'flowchart TB'];
  reached.forEach((event, i) => {
    const label = [kindLabel(event.kind), formatTime(event.at, incident.zone)].map(mermaidLabel).join('<br/>');
    lines.push(`  ${node(event.kind as Milestone)}["${label}"]`);
    const previous = reached[i - 1];
    if (previous) {
      const elapsed = formatElapsed(elapsedBetween(previous.at, event.at, incident.zone));
      lines.push(`  ${node(previous.kind as Milestone)} -->|"${elapsed}"| ${node(event.kind as Milestone)}`);
    }
  });
  return slots.token(rawSlot(lines.join('\n')));
}

/** Text for a Mermaid label in double quotes, with Mermaid's entity codes for what would end it. */
function mermaidLabel(text: string): string {
  return text.replace(/["#<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

function joinUnit(value: string, unit: string): string {
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

/**
 * `x-` keys for custom templates: every scalar behind a token, structure kept.
 * `false`, `0` and `""` stay themselves, so that `{{#if custom.[x-key]}}` is
 * false for them as Handlebars means it (a token is text, always true); they
 * print as `false`, `0` and nothing, with nothing to escape.
 */
function customView(value: unknown, slots: Slots): unknown {
  if (value === null || value === undefined) return null;
  if (value === false || value === 0 || value === '') return value;
  if (Array.isArray(value)) return value.map((item) => customView(item, slots));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, customView(inner, slots)]));
  }
  return slots.token(textSlot(String(value)));
}


/** How a near miss or a drill is named among the key facts. */
const TYPE_FACTS = {
  'near-miss': 'Near miss: no user was affected',
  drill: 'Drill: a game day or exercise',
} as const;

/** When impact started and ended; a near miss written without a start of impact had none. */
function impactFacts(incident: Incident, time: (event: IncidentEvent | undefined) => string | null, text: (value: string) => Markdown): Fact[] {
  const start = incident.milestones['impact-start'];
  if (!start && incident.type === 'near-miss') return [{ label: text('Impact'), value: text('none: no user was affected') }];
  return [
    { label: text('Impact start'), value: text(time(start) ?? NOT_KNOWN) },
    { label: text('Impact end'), value: text(time(incident.milestones.resolved) ?? ONGOING) },
  ];
}

/** Which zones the times are shown in: the incident's, and the configured `display_zones` beside it. */
function timesNote(zone: string, beside: readonly string[]): string {
  const utc = zone === 'UTC' || zone === 'Etc/UTC';
  if (!beside.length) return utc ? 'All times are in UTC.' : `Times are shown in ${zone}, with their offset from UTC.`;
  const others = beside.length > 1 ? `${beside.slice(0, -1).join(', ')} and ${beside.at(-1)}` : beside[0]!;
  return `Times are shown in ${zone}${utc ? '' : ', with their offset from UTC,'} and in ${others} beside them.`;
}
