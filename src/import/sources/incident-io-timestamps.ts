import type { Milestone } from '../../schema/vocabulary.js';

/**
 * incident.io's timestamps are named per organisation ("Impact started at",
 * "Reported at", "Fixed at"…). Each milestone lists the names that mean it,
 * most specific first, compared without case and without a trailing "at":
 * of several set, the first listed is the milestone and the others stay as
 * notes. A name not listed (Closed, Declined, Documented, a custom one) is
 * a note. docs/import.md#incidentio shows the same table.
 */
export const TIMESTAMP_MILESTONES: readonly (readonly [Milestone, readonly string[]])[] = [
  ['impact-start', ['impact started', 'impact start', 'started']],
  ['detected', ['detected', 'reported']],
  ['acknowledged', ['acknowledged', 'accepted']],
  ['identified', ['identified']],
  ['mitigated', ['mitigated', 'fixed']],
  ['resolved', ['resolved']],
];

/** "Impact started at" → "impact started": how names are compared. */
export function timestampKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/ at$/, '');
}

/** "Impact started at" → "Impact started": how a name is shown in an event's text. */
export function timestampLabel(name: string): string {
  return name.trim().replace(/\s+at$/i, '');
}

/**
 * The milestone each set timestamp becomes, by its index in `names`; a
 * timestamp with no entry becomes a note.
 */
export function milestonesOf(names: readonly string[]): Map<number, Milestone> {
  const keys = names.map(timestampKey);
  const chosen = new Map<number, Milestone>();
  for (const [milestone, candidates] of TIMESTAMP_MILESTONES) {
    for (const candidate of candidates) {
      const index = keys.indexOf(candidate);
      if (index !== -1 && !chosen.has(index)) {
        chosen.set(index, milestone);
        break;
      }
    }
  }
  return chosen;
}
