import { DEFAULT_FIGURES } from '../../config/figures.js';
import { capitalize, figureLabel, figurePair, formatCount } from '../../render/format.js';
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

/** `12`, `12 (3 approximate, 2 proactive, counted as 0)`. */
function countText(figure: FigureStats): string {
  const notes = [
    ...(figure.approximate > 0 ? [`${formatCount(figure.approximate)} approximate`] : []),
    ...(figure.dayPrecision > 0 ? [`${formatCount(figure.dayPrecision)} known only to the day`] : []),
    ...(figure.proactive > 0 ? [`${formatCount(figure.proactive)} proactive, counted as 0`] : []),
  ];
  return notes.length ? `${formatCount(figure.count)} (${notes.join(', ')})` : formatCount(figure.count);
}

export function figureView(figure: FigureStats, { text }: ViewValues): FigureView {
  const approximate = figure.approximate > 0;
  return {
    // Says what it measures, as the postmortems do: time to acknowledge starts at detection, the others at impact start.
    name: text(figure.from && figure.to ? figureLabel(figure.name, figure.from, figure.to) : capitalize(figure.name)),
    count: text(countText(figure)),
    mean: text(statText(figure, 'mean', approximate)),
    median: text(statText(figure, 'median', approximate)),
    p90: text(statText(figure, 'p90', approximate)),
    max: text(statText(figure, 'max', approximate)),
  };
}

/**
 * One note per figure that left incidents out, each incident linked with its
 * reason, up to LISTED_INCIDENTS of them, then how many more.
 */
export function figureNotesView(report: Report, { text, listed, linkTo }: ViewValues): FigureNoteView[] {
  return report.figures
    .filter((figure) => figure.missing.length > 0)
    .map((figure) => ({
      name: text(capitalize(figure.name)),
      leftOut: listed(
        figure.missing,
        ({ id, reason }) => [linkNode(id, linkTo(id)[1]), { type: 'text', value: ` (${reason})` }],
        ({ id, reason }) => `${id} (${reason})`,
      ),
    }));
}

/**
 * What a figure shown in a column of its own measures (`impact start to
 * resolved`), as the configuration defines it: FORMAT.md has every figure
 * say so where it is shown.
 */
export function measuredBy(report: Report, name: string): string {
  const figure = report.figures.find((candidate) => candidate.name === name && candidate.from && candidate.to) ?? DEFAULT_FIGURES.find((candidate) => candidate.name === name)!;
  return figurePair(figure.from!, figure.to!);
}
