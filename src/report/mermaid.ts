import { formatSignificant } from '../render/format.js';

/**
 * Mermaid `xychart-beta` source for the charts of a report, as GitHub renders
 * it. Only numbers and our own words reach a chart, except the category
 * labels and series names, which come from the configuration (severity ids)
 * and the periods; every label is quoted with `mermaidString`.
 *
 * xychart has `bar` and `line` series but no stacking: several `bar` series
 * are drawn over each other at the same place, each from zero, in the order
 * they are written. A stacked bar is therefore drawn as cumulative bars,
 * tallest (the sum of every layer) first, so that each shorter one is drawn
 * on top of it and the visible part of each is its own layer.
 *
 * Charts are horizontal: one row per category, its label beside it. Drawn
 * vertically, a few dozen months side by side overlap into an unreadable
 * strip of labels; a row each never does, so the chart grows a row at a time
 * through Mermaid's front matter.
 */

export interface BarSeries {
  /** The series' name in Mermaid's legend (drawn by Mermaid 11.x; older versions draw none). */
  name: string;
  values: readonly number[];
}

export interface BarChart {
  xTitle: string;
  categories: readonly string[];
  yTitle: string;
  /** Drawn in this order: later bars are drawn over earlier ones. */
  bars: readonly BarSeries[];
}

/** Height for the title, the value axis and its labels. */
const CHART_FRAME_PX = 120;
/** Height of one category's row: room for its label in Mermaid's default font. */
const CHART_ROW_PX = 24;
const CHART_MIN_PX = 250;

/**
 * The source of a horizontal bar chart: the categories down the side, the
 * value axis running from 0 to the tallest bar (at least 1). The x-axis and
 * y-axis are Mermaid's names: in a horizontal chart the x-axis (categories)
 * is drawn down the side and the y-axis (values) along the top.
 */
export function barChart(chart: BarChart): string {
  for (const bar of chart.bars) {
    if (bar.values.length !== chart.categories.length) {
      throw new Error(`bar ${bar.name} has ${bar.values.length} values for ${chart.categories.length} categories`);
    }
  }
  const top = Math.max(1, ...chart.bars.flatMap((bar) => bar.values.map(finite)));
  const height = Math.max(CHART_MIN_PX, CHART_FRAME_PX + CHART_ROW_PX * chart.categories.length);
  const lines = [
    '---',
    'config:',
    '  xyChart:',
    `    height: ${height}`,
    '---',
    'xychart-beta horizontal',
    `  x-axis ${mermaidString(chart.xTitle)} [${chart.categories.map(mermaidString).join(', ')}]`,
    `  y-axis ${mermaidString(chart.yTitle)} 0 --> ${mermaidNumber(Math.ceil(top))}`,
    ...chart.bars.map((bar) => `  bar ${mermaidString(bar.name)} [${bar.values.map(mermaidNumber).join(', ')}]`),
  ];
  return lines.join('\n');
}

/**
 * Layers given bottom first (each with its own values) as the bars that draw
 * them stacked: the running sums, the sum of every layer first, each named
 * after the layer whose segment stays visible on top of it.
 */
export function stackedBars(layers: readonly BarSeries[]): BarSeries[] {
  const sums: BarSeries[] = [];
  let running: number[] | undefined;
  for (const layer of layers) {
    running = layer.values.map((value, i) => (running?.[i] ?? 0) + finite(value));
    sums.push({ name: layer.name, values: running });
  }
  return sums.reverse();
}

/**
 * A label in double quotes. A Mermaid string ends at the next `"` and has no
 * escape; Mermaid reads `#name;` and `#123;` as HTML entities before it
 * parses a diagram, so every character that could end the string or be read
 * as syntax (`"`, `#`, `;`, `%`, backticks, brackets…) is written as its
 * entity code. Line breaks become spaces.
 */
export function mermaidString(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const escaped = Array.from(line, (char) => (/^[\p{L}\p{N} _.,:'()/+-]$/u.test(char) ? char : `#${char.codePointAt(0)};`)).join('');
  return `"${escaped}"`;
}

/** A plain decimal number: no exponent, no grouping, at most two decimals. */
function mermaidNumber(value: number): string {
  const number = finite(value);
  // Two decimals, or two significant digits for a value they would round to 0: a bar that is there is drawn.
  if (number > 0 && number < 0.005) return formatSignificant(number);
  return String(Math.round(number * 100) / 100);
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
