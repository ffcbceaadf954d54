import type { PhrasingContent } from 'mdast';
import { capitalize, formatCount } from '../../render/format.js';
import { humanDuration } from '../../time/duration.js';
import type { FigureStats, Report, Stats } from '../report-model.js';
import type { FigureNoteView, FigureView } from '../report-view.js';
import { NONE, type ViewValues, linkNode } from './values.js';

/** A duration statistic as shown: humane, `~` when approximate; `—` when nothing was counted. */
export function statText(stats: Stats, which: 'mean' | 'median' | 'p90' | 'max', approximate: boolean): string {
  const value = stats[which];
  if (stats.count === 0 || value === null) return NONE;
  return `${approximate ? '~' : ''}${humanDuration(value)}`;
}

export function figureView(figure: FigureStats, { text }: ViewValues): FigureView {
  const approximate = figure.approximate > 0;
  return {
    name: text(capitalize(figure.name)),
    count: text(approximate ? `${formatCount(figure.count)} (${formatCount(figure.approximate)} approximate)` : formatCount(figure.count)),
    mean: text(statText(figure, 'mean', approximate)),
    median: text(statText(figure, 'median', approximate)),
    p90: text(statText(figure, 'p90', approximate)),
    max: text(statText(figure, 'max', approximate)),
  };
}

/**
 * One note per figure that left incidents out, each incident linked with its
 * reason. The value keeps two arrays of strings until it is printed, not an
 * object per incident: over 100,000 incidents a figure leaves out tens of
 * thousands.
 */
export function figureNotesView(report: Report, { text, phrasing, linkTo }: ViewValues): FigureNoteView[] {
  return report.figures
    .filter((figure) => figure.missing.length > 0)
    .map((figure) => {
      const ids = figure.missing.map((entry) => entry.id);
      const reasons = figure.missing.map((entry) => entry.reason);
      return {
        name: text(capitalize(figure.name)),
        leftOut: phrasing(
          () => leftOutNodes(ids, reasons, linkTo),
          () => ids.map((id, index) => `${id} (${reasons[index]})`).join(', '),
        ),
      };
    });
}

/** `[id](link) (reason), …`: what `joinNodes` makes of each incident's link and reason, without an array per incident. */
function leftOutNodes(ids: readonly string[], reasons: readonly string[], linkTo: ViewValues['linkTo']): PhrasingContent[] {
  const nodes: PhrasingContent[] = [];
  for (const [index, id] of ids.entries()) {
    if (index > 0) nodes.push({ type: 'text', value: ', ' });
    nodes.push(linkNode(id, linkTo(id)[1]), { type: 'text', value: ` (${reasons[index]})` });
  }
  return nodes;
}
