import { distance } from 'fastest-levenshtein';

/** The closest candidate to `input`, if it is close enough to be a likely typo. */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  // Two edits catch a swapped pair of letters (`titel`); longer words may be further off.
  const allowed = Math.min(Math.max(2, Math.floor(input.length / 3)), input.length - 1);
  const wanted = input.toLowerCase().replaceAll('_', '-');
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: a value a megabyte long is compared with nothing.
    const other = candidate.toLowerCase().replaceAll('_', '-');
    if (Math.abs(other.length - wanted.length) > allowed) continue;
    const d = distance(wanted, other);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tied = false;
    } else if (d === bestDistance) {
      tied = true;
    }
  }
  // `SEV5` is as close to SEV1 as to SEV4: guessing one would mislead.
  if (tied) return undefined;
  return bestDistance <= allowed ? best : undefined;
}

export function quoteList(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(', ');
}
