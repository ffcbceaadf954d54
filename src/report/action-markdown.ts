import type { PhrasingContent, Root, RootContent, TableCell, TableRow } from 'mdast';
import { ticketLabel } from '../render/format.js';
import { markdownProcessor } from '../render/markdown/processor.js';
import { linkSlot, textSlot } from '../render/markdown/slots.js';
import { type ListedAction, actionSummary, leftOutSentence } from './action-list.js';

/** What an empty cell shows, as in the postmortem's own action-item table. */
const NONE = '—';

const HEADER = ['Incident', 'Action', 'Owner', 'Type', 'Priority', 'Status', 'Due', 'Overdue', 'Ticket'];

/**
 * The postmortems' printer, also escaping what GitHub would turn into a link
 * on its own (GFM "autolink literals": `https://…`, `www.…`, e-mail
 * addresses), as mdast-util-gfm-autolink-literal does: `https\://…`. An
 * owner or title that mentions a URL then shows as the text it is, and
 * markdownlint finds no bare URL.
 */
const inConstruct = 'phrasing';
const notInConstruct = ['autolink', 'link', 'image', 'label'] as const;
// Settings, not a second `use(remarkStringify, …)`: unified merges a re-used plugin's options into the
// shared STRINGIFY_OPTIONS object, which would change every other printer.
const printer = markdownProcessor().data('settings', {
  unsafe: [
    { character: '@', before: '[+\\-.\\w]', after: '[\\-.\\w]', inConstruct, notInConstruct: [...notInConstruct] },
    { character: '.', before: '[Ww]', after: '[\\-.\\w]', inConstruct, notInConstruct: [...notInConstruct] },
    { character: ':', before: '[ps]', after: '\\/', inConstruct, notInConstruct: [...notInConstruct] },
  ],
});

export interface ActionMarkdownOptions {
  asOf: string;
  /** Items of incidents that started after `asOf`, left out of the list. */
  leftOut: number;
  /** Where an incident's postmortem is, relative to the Markdown file (`/` separators). */
  linkTo: (incident: string) => string;
}

/**
 * `actions --format md`: a heading, one table row per item and a summary
 * line. The table is built as a Markdown tree and printed by the same
 * printer as the postmortems, so text from incidents (`|`, `*`, `<b>`, line
 * breaks) is escaped for a table cell and always shows as written.
 */
export function actionListToMarkdown(actions: readonly ListedAction[], options: ActionMarkdownOptions): string {
  const children: RootContent[] = [{ type: 'heading', depth: 1, children: [{ type: 'text', value: 'Action items' }] }];
  if (actions.length > 0) {
    children.push({
      type: 'table',
      align: HEADER.map(() => null),
      children: [row(HEADER.map((label) => textSlot(label).phrasing)), ...actions.map((action) => row(cells(action, options)))],
    });
  }
  const summary = [`${actionSummary(actions)} as of ${options.asOf}.`, leftOutSentence(options.leftOut, options.asOf)];
  children.push({ type: 'paragraph', children: [{ type: 'text', value: summary.filter((sentence) => sentence !== null).join(' ') }] });
  const root: Root = { type: 'root', children };
  return printer.stringify(root);
}

function cells(action: ListedAction, options: ActionMarkdownOptions): PhrasingContent[][] {
  return [
    linkSlot(action.incident, options.linkTo(action.incident)).phrasing,
    text(action.title),
    text(action.owner),
    text(action.type),
    text(action.priority),
    text(action.status),
    text(action.due),
    text(action.daysOverdue === null ? null : `${action.daysOverdue} ${action.daysOverdue === 1 ? 'day' : 'days'}`),
    action.ticket === null ? text(null) : linkSlot(ticketLabel(action.ticket), action.ticket).phrasing,
  ];
}

/** Literal text on one line; `—` for nothing. */
function text(value: string | null): PhrasingContent[] {
  return textSlot(value ?? NONE).phrasing;
}

function row(values: PhrasingContent[][]): TableRow {
  return { type: 'tableRow', children: values.map((children): TableCell => ({ type: 'tableCell', children })) };
}

