import { BLAMING_PHRASES } from '../checks/phrases.js';
import type { ConfigData } from '../schema/config-schema.js';
import type { CheckLevel, CheckRule } from '../schema/vocabulary.js';

/**
 * The review checks' settings (FORMAT.md v2, "Review checks"): the
 * configuration's `checks` sets a rule's level (`off`, `warning`, `error`),
 * and `blaming-language` may instead be a mapping with its `level` and
 * phrases to `add` and `remove`:
 *
 *     checks:
 *       placeholder-text: error
 *       blaming-language: { level: warning, add: [dropped the ball], remove: [blame] }
 */
export interface CheckSettings {
  /** Levels the configuration sets; a rule left out runs at its default level. */
  levels: Partial<Record<CheckRule, CheckLevel>>;
  /** The blaming phrases looked for: the built-in ones, with the configuration's added and removed. */
  blamingPhrases: readonly string[];
}

export const DEFAULT_CHECKS: CheckSettings = { levels: {}, blamingPhrases: BLAMING_PHRASES };

export function resolveChecks(data: ConfigData['checks']): CheckSettings {
  if (!data) return DEFAULT_CHECKS;
  const levels: Partial<Record<CheckRule, CheckLevel>> = {};
  if (data['placeholder-text']) levels['placeholder-text'] = data['placeholder-text'];
  if (data['figure-mismatch']) levels['figure-mismatch'] = data['figure-mismatch'];
  const blaming = data['blaming-language'];
  const settings = typeof blaming === 'object' ? blaming : { level: blaming };
  if (settings.level) levels['blaming-language'] = settings.level;
  const removed = new Set((settings.remove ?? []).map(phraseKey));
  const phrases = [...BLAMING_PHRASES, ...(settings.add ?? [])].filter((phrase) => !removed.has(phraseKey(phrase)));
  // One space between words, as the prose is matched (a phrase with two never matched), and each phrase once, as first written.
  const spaced = (phrase: string) => phrase.trim().split(/\s+/).join(' ');
  const unique = new Map<string, string>();
  for (const phrase of phrases) if (!unique.has(phraseKey(phrase))) unique.set(phraseKey(phrase), spaced(phrase));
  return { levels, blamingPhrases: [...unique.values()] };
}

/** A phrase as phrases are compared: words in lower case, one space between them. */
export function phraseKey(phrase: string): string {
  return phrase.trim().split(/\s+/).join(' ').toLowerCase();
}
