import { capitalize, formatCount } from '../../render/format.js';
import { humanDuration } from '../../time/duration.js';
import type { FigureStats, Report, Stats } from '../report-model.js';
import type { FigureNoteView, FigureView } from '../report-view.js';
import { NONE, type ViewValues, joinNodes, linkNode } from './values.js';

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

/** One note per figure that left incidents out, each incident linked with its reason. */
export function figureNotesView(report: Report, { text, phrasing, linkTo }: ViewValues): FigureNoteView[] {
  return report.figures
    .filter((figure) => figure.missing.length > 0)
    .map((figure) => ({
      name: text(capitalize(figure.name)),
      leftOut: ((missing) =>
        phrasing(
          () => joinNodes(missing.map(({ target: [id, link], reason }) => [linkNode(id, link), { type: 'text', value: ` (${reason})` }])),
          () => missing.map(({ target: [id], reason }) => `${id} (${reason})`).join(', '),
        ))(figure.missing.map(({ id, reason }) => ({ target: linkTo(id), reason }))),
    }));
}
