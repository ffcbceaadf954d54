import { capitalize } from '../../render/format.js';
import { type Slots, rawSlot, textSlot } from '../../render/markdown/slots.js';
import { TIME_TO_RESOLVE } from '../build-report.js';
import { barChart, stackedBars } from '../mermaid.js';
import type { Report } from '../report-model.js';
import type { ChartView } from '../report-view.js';
import { measuredBy } from './figures.js';
import { countOf } from './values.js';

/** The report's two Mermaid bar charts, per period, each with a caption saying how to read it. */

/** Incidents per period stacked by severity; `null` when there is no period. */
export function incidentsChart(report: Report, slots: Slots): ChartView | null {
  if (report.periods.length === 0) return null;
  const layers = report.severities.map((severity) => ({
    name: severity,
    values: report.periods.map((row) => countOf(row.bySeverity, severity)),
  }));
  const source = barChart({
    xTitle: capitalize(report.periodUnit),
    categories: report.periods.map((row) => row.period),
    yTitle: 'Incidents',
    bars: stackedBars(layers),
  });
  const order = report.severities.join(', ');
  return {
    source: slots.token(rawSlot(source)),
    caption: slots.token(textSlot(`Incidents per ${report.periodUnit}, stacked by severity: from the left of each bar, ${order}.`)),
  };
}

/** Minutes up to two hours, hours up to three days, else days: whichever keeps the chart's numbers readable. */
function chartUnit(maxSeconds: number): { name: string; seconds: number } {
  if (maxSeconds <= 2 * 3600) return { name: 'minutes', seconds: 60 };
  if (maxSeconds <= 3 * 86_400) return { name: 'hours', seconds: 3600 };
  return { name: 'days', seconds: 86_400 };
}

/** Median and p90 time to resolve per period; `null` when no incident of any period is resolved. */
export function timeToResolveChart(report: Report, slots: Slots): ChartView | null {
  const stats = report.periods.map((row) => row.timeToResolve);
  if (!stats.some((row) => row.count > 0)) return null;
  const p90s = stats.map((row) => row.p90 ?? 0);
  const medians = stats.map((row) => row.median ?? 0);
  const unit = chartUnit(Math.max(...p90s, ...medians));
  // To a tenth of the unit; under one, as it is (the chart keeps two significant digits): a 45-minute median among
  // days is 0.03, not 0, which the caption says is a period without a resolved incident.
  const inUnit = (seconds: number) => {
    const value = seconds / unit.seconds;
    return value >= 1 ? Math.round(value * 10) / 10 : value;
  };
  const source = barChart({
    xTitle: capitalize(report.periodUnit),
    categories: report.periods.map((row) => row.period),
    yTitle: `${capitalize(TIME_TO_RESOLVE)} (${unit.name})`,
    // The 90th percentile is never below the median: drawn first, it stays visible above it.
    bars: [
      { name: 'p90', values: p90s.map(inUnit) },
      { name: 'median', values: medians.map(inUnit) },
    ],
  });
  return {
    source: slots.token(rawSlot(source)),
    caption: slots.token(
      textSlot(
        `Time to resolve (${measuredBy(report, TIME_TO_RESOLVE)}) of each ${report.periodUnit}'s resolved incidents, in ${unit.name}: ` +
          `the median in front, the 90th percentile behind it; a ${report.periodUnit} without a resolved incident has no bar.` +
          (stats.some((row) => row.approximate > 0) ? ' Some of these times are approximate (marked ~ in the table above).' : ''),
      ),
    ),
  };
}
