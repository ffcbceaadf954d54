import slugify from '@sindresorhus/slugify';

/** Room left after `YYYY-MM-DD-` in an 80-character id, less a `-NN` suffix for same-day twins. */
const MAX_SLUG = 80 - 11 - 3;

/**
 * `2026-11-25-checkout-errors` from a date and a title. Titles in any script
 * are transliterated ("Größe" becomes "groesse"); one with nothing left
 * (emoji, say) becomes `incident`. Capitals do not cut a word: "GitHub
 * Actions" is `github-actions`, and "Æble", transliterated "AEble", is
 * `aeble`, not `a-eble`.
 */
export function baseIncidentId(date: string, title: string): string {
  let slug = slugify(title, { decamelize: false });
  if (slug.length > MAX_SLUG) slug = slug.slice(0, MAX_SLUG).replace(/-[^-]*$/, '');
  return `${date}-${slug || 'incident'}`;
}

/** The id itself, then `-2`, `-3`… : the first that nothing uses is taken. */
export function* idCandidates(base: string): Generator<string> {
  yield base;
  for (let n = 2; ; n += 1) yield `${base}-${n}`;
}
