import { isMilestone } from '../../schema/vocabulary.js';
import type { ImportedEvent } from '../imported-incident.js';

/**
 * An incident file needs exactly one `impact-start`, but a pager knows when
 * the alert fired, not when users were first affected, and a platform's
 * "Impact started" timestamp may be unset. Rather than leave a draft that
 * does not validate, or pass the alert off as the impact, this adds an
 * `impact-start` marked approximate (`~`) at the earliest milestone, says so
 * in its text, and warns: users were affected at or before that time, and
 * every figure that starts there is shown as approximate until someone
 * corrects it. Nothing is added when the source gave an impact start.
 */
export function withApproximateImpactStart(
  events: ImportedEvent[],
  from: { sourceName: string; sourceId: string },
): { events: ImportedEvent[]; warning?: string } {
  if (events.length === 0 || events.some((event) => event.kind === 'impact-start')) return { events };
  const milestones = events.filter((event) => isMilestone(event.kind));
  const earliest = (milestones.length > 0 ? milestones : events).reduce((a, b) => (b.instant < a.instant ? b : a));
  const start: ImportedEvent = {
    sourceId: from.sourceId,
    instant: earliest.instant,
    approximate: true,
    kind: 'impact-start',
    text: `Impact start not recorded in ${from.sourceName}: set to ${describe(earliest)}; users may have been affected earlier.`,
  };
  const warning = `${from.sourceName} does not say when users were first affected: impact-start is set, approximate (~), to ${describe(earliest)}; correct it to when the impact began`;
  return { events: [start, ...events], warning };
}

function describe(event: ImportedEvent): string {
  return isMilestone(event.kind) ? `the time of its first milestone (${event.kind})` : 'the time of its first event';
}
