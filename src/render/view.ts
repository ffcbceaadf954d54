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
  /** The incident's top-level `x-` keys, strings escaped as literal text. */
  custom: Record<string, unknown>;
}
