/**
 * What templates receive. Every string is already Markdown, safe where the
 * built-in templates put it: plain fields are escaped literal text (fine in
 * headings, paragraphs and table cells), `Block` fields are self-contained
 * Markdown for a section body, `Cell` fields are one line for a table cell,
 * and `Item` fields go after `- ` in a list. Absent optional parts are `null`,
 * never missing, because templates are compiled in strict mode.
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
