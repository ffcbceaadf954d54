import { FLAG, type ShapeOf, TEXT, TEXT_LIST_OR_NULL, TEXT_OR_NULL } from './view-shape.js';

/**
 * What templates receive. Each string is a token standing for a formatted
 * value: put it anywhere in the Markdown (a heading, a paragraph, a table
 * cell, a list item, a link) and the remark stage swaps it for the value,
 * escaped for that place. A `…Block` or `…Items` value that is a paragraph of
 * its own keeps its paragraphs, lists and code blocks; anywhere else it is
 * flattened to one line. Absent optional parts are `null`, never missing,
 * because templates are compiled in strict mode.
 */
export type Markdown = string;

export interface Fact {
  label: Markdown;
  value: Markdown;
}

export interface EventView {
  time: Markdown;
  kind: Markdown;
  milestone: boolean;
  textCell: Markdown;
  by: Markdown | null;
  links: Markdown | null;
}

export interface MetricView {
  name: Markdown;
  value: Markdown;
}

export interface ErrorBudgetView {
  slo: Markdown;
  objective: Markdown;
  budget: Markdown;
  consumed: Markdown;
  share: Markdown;
  /** The impact cut at the events that set `error_rate`; `null` when no event sets one. */
  phases: BudgetPhaseView[] | null;
}

export interface BudgetPhaseView {
  from: Markdown;
  to: Markdown;
  duration: Markdown;
  errorRate: Markdown;
  consumed: Markdown;
}

export interface ActionItemView {
  title: Markdown;
  owner: Markdown;
  type: Markdown;
  priority: Markdown;
  status: Markdown;
  due: Markdown;
  ticket: Markdown;
}

export interface LessonsView {
  wentWell: Markdown[] | null;
  wentWrong: Markdown[] | null;
  lucky: Markdown[] | null;
}

export interface PostmortemView {
  id: Markdown;
  title: Markdown;
  status: Markdown;
  /** `incident`, `near-miss` or `drill`. */
  type: Markdown;
  severity: Markdown;
  severityDescription: Markdown | null;
  zone: Markdown;
  /** One sentence saying which zone times are shown in. */
  timesNote: Markdown;
  facts: Fact[];
  figures: Fact[];
  summaryBlock: Markdown;
  impact: {
    descriptionBlock: Markdown;
    usersAffected: Markdown | null;
    metrics: MetricView[] | null;
    errorBudget: ErrorBudgetView | null;
  };
  timeline: {
    events: EventView[];
    hasApproximate: boolean;
    /** Mermaid source for a diagram of the milestones; `null` when there is only one. */
    diagram: string | null;
  };
  triggerBlock: Markdown | null;
  rootCauseBlock: Markdown | null;
  contributingFactorItems: Markdown[] | null;
  detectionBlock: Markdown | null;
  resolutionBlock: Markdown | null;
  lessons: LessonsView | null;
  actionItems: ActionItemView[] | null;
  links: Markdown[] | null;
  /** `related`: each other incident's id, linked to its postmortem (`<id>.md` beside this one); `null` when there are none. */
  related: Markdown[] | null;
  /** The incident's top-level `x-` keys, strings escaped as literal text. */
  custom: Record<string, unknown>;
}

/** `PostmortemView` as data: what check-template.ts checks templates against, and templates/README.md lists. */
export const POSTMORTEM_VIEW_SHAPE: ShapeOf<PostmortemView> = {
  kind: 'group',
  fields: {
    id: { kind: 'text', about: 'The incident id.' },
    title: TEXT,
    status: { kind: 'text', about: '`draft`, `review` or `final`.' },
    type: { kind: 'text', about: '`incident`, `near-miss` or `drill`.' },
    severity: { kind: 'text', about: 'The severity id, such as `SEV1`.' },
    severityDescription: { kind: 'text', nullable: true, about: "The configured description of the severity, if it has one." },
    zone: { kind: 'text', about: 'The IANA time zone times are shown in.' },
    timesNote: { kind: 'text', about: 'One sentence saying which zone times are shown in.' },
    facts: { kind: 'list', item: { kind: 'group', fields: { label: TEXT, value: TEXT } }, about: 'The key facts table: started, duration, services…' },
    figures: { kind: 'list', item: { kind: 'group', fields: { label: TEXT, value: TEXT } }, about: 'The configured figures (time to detect…).' },
    summaryBlock: TEXT,
    impact: {
      kind: 'group',
      fields: {
        descriptionBlock: TEXT,
        usersAffected: TEXT_OR_NULL,
        metrics: { kind: 'list', nullable: true, item: { kind: 'group', fields: { name: TEXT, value: TEXT } } },
        errorBudget: {
          kind: 'group',
          nullable: true,
          fields: {
            slo: TEXT,
            objective: TEXT,
            budget: TEXT,
            consumed: TEXT,
            share: TEXT,
            phases: {
              kind: 'list',
              nullable: true,
              about: 'The impact cut at the events that set `error_rate`, each phase with its own rate; `null` when no event sets one.',
              item: { kind: 'group', fields: { from: TEXT, to: TEXT, duration: TEXT, errorRate: TEXT, consumed: TEXT } },
            },
          },
        },
      },
    },
    timeline: {
      kind: 'group',
      fields: {
        events: {
          kind: 'list',
          item: {
            kind: 'group',
            fields: {
              time: TEXT,
              kind: { kind: 'text', about: 'The milestone (`Impact start`…) or `Event`.' },
              milestone: FLAG,
              textCell: { kind: 'text', about: 'The event text, for a table cell.' },
              by: TEXT_OR_NULL,
              links: { kind: 'text', nullable: true, about: 'The event links, numbered.' },
            },
          },
        },
        hasApproximate: { kind: 'flag', about: 'Whether a time is marked ~.' },
        diagram: { kind: 'text', nullable: true, about: 'Mermaid source of the milestones; `null` when there is only one.' },
      },
    },
    triggerBlock: TEXT_OR_NULL,
    rootCauseBlock: TEXT_OR_NULL,
    contributingFactorItems: TEXT_LIST_OR_NULL,
    detectionBlock: TEXT_OR_NULL,
    resolutionBlock: TEXT_OR_NULL,
    lessons: {
      kind: 'group',
      nullable: true,
      fields: { wentWell: TEXT_LIST_OR_NULL, wentWrong: TEXT_LIST_OR_NULL, lucky: TEXT_LIST_OR_NULL },
    },
    actionItems: {
      kind: 'list',
      nullable: true,
      item: {
        kind: 'group',
        fields: { title: TEXT, owner: TEXT, type: TEXT, priority: TEXT, status: TEXT, due: TEXT, ticket: TEXT },
      },
    },
    links: TEXT_LIST_OR_NULL,
    related: { ...TEXT_LIST_OR_NULL, about: "Each related incident's id, linked to its postmortem (`<id>.md` beside this one); `null` when there are none." },
    custom: { kind: 'open', about: "The incident's top-level `x-` keys, by their full name: `{{custom.[x-jira]}}`." },
  },
};
