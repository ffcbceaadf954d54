import type { Milestone } from '../schema/vocabulary.js';

/** A derived figure: the time from one milestone to another. */
export interface FigureDefinition {
  name: string;
  from: Milestone;
  to: Milestone;
}

/** The figures of FORMAT.md; a configuration may redefine them by name or add more. */
export const DEFAULT_FIGURES: readonly FigureDefinition[] = [
  { name: 'duration', from: 'impact-start', to: 'resolved' },
  { name: 'time to detect', from: 'impact-start', to: 'detected' },
  { name: 'time to acknowledge', from: 'detected', to: 'acknowledged' },
  { name: 'time to identify', from: 'impact-start', to: 'identified' },
  { name: 'time to mitigate', from: 'impact-start', to: 'mitigated' },
  { name: 'time to resolve', from: 'impact-start', to: 'resolved' },
];

/** The defaults, then the configured figures in `order` (the order they are written; by default the data's). */
export function mergeFigures(
  configured: Record<string, { from: Milestone; to: Milestone }> | undefined,
  order: readonly string[] = Object.keys(configured ?? {}),
): FigureDefinition[] {
  const figures = DEFAULT_FIGURES.map((figure) => ({ ...figure }));
  for (const name of order) {
    if (!configured || !Object.hasOwn(configured, name)) continue;
    const pair = configured[name]!;
    // "Duration" redefines `duration` (their rows would read the same), and a later name in another case redefines an earlier one.
    const existing = figures.find((figure) => figure.name.toLowerCase() === name.toLowerCase());
    if (existing) Object.assign(existing, pair);
    else figures.push({ name, ...pair });
  }
  return figures;
}
