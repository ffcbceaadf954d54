import { isProactive } from '../render/format.js';
import type { Milestone } from '../schema/vocabulary.js';
import { type FigureRecord, type IncidentRecord, hadNoImpact } from './records.js';
import type { FigureStats, MissingFigure, MissingReason, Stats } from './report-model.js';
import { computeStats } from './stats.js';

/** Statistics of one figure over some incidents (already in incident order). */
export function figureStats(name: string, records: readonly IncidentRecord[]): FigureStats {
  const values: number[] = [];
  const missing: MissingFigure[] = [];
  let approximate = 0;
  let dayPrecision = 0;
  let proactive = 0;
  let pair: { from: Milestone; to: Milestone } | undefined;
  for (const record of records) {
    const figure = record.figures.find((candidate) => candidate.name === name);
    pair ??= figure && { from: figure.from, to: figure.to };
    if (figure?.state === 'known' && figure.seconds !== null) {
      values.push(countedSeconds(figure, figure.seconds));
      if (figure.approximate) approximate += 1;
      if (figure.precision === 'day') dayPrecision += 1;
      if (isProactive(figure)) proactive += 1;
    } else {
      missing.push({ id: record.id, reason: missingReason(record, figure) });
    }
  }
  return { name, from: pair?.from ?? null, to: pair?.to ?? null, ...computeStats(values), approximate, dayPrecision, proactive, missing };
}

/** Why the incident has no value of the figure, as its page says. */
function missingReason(record: IncidentRecord, figure: FigureRecord | undefined): MissingReason {
  if (figure?.state === 'ongoing') return 'ongoing';
  if (figure && hadNoImpact(record) && (figure.from === 'impact-start' || figure.to === 'impact-start')) return 'no impact';
  return 'not known';
}

/** Statistics of the known values of a figure, with how many involve an approximate time. */
export function knownStats(name: string, records: readonly IncidentRecord[]): Stats & { approximate: number } {
  const known = records.flatMap((record) => {
    const figure = record.figures.find((candidate) => candidate.name === name);
    return figure?.state === 'known' && figure.seconds !== null ? [{ ...figure, seconds: figure.seconds }] : [];
  });
  const values = known.map((figure) => countedSeconds(figure, figure.seconds));
  return { ...computeStats(values), approximate: known.filter((figure) => figure.approximate).length };
}

/** A figure's seconds as statistics count them: detection before impact (proactive) as 0, so it never lowers a median below "at once". */
function countedSeconds(figure: FigureRecord, seconds: number): number {
  return isProactive(figure) ? 0 : seconds;
}
