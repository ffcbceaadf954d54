import { checkFinalLessons } from './completeness.js';
import { checkControlCharacters } from './control-characters.js';
import { checkDueDates, checkTrackerKeys, checkUrls } from './dates-and-urls.js';
import { checkErrorRates } from './error-rate.js';
import { checkChronology, checkMilestones } from './milestones.js';
import { checkReservedId } from './reserved-id.js';
import { checkRelated } from './related.js';
import type { Rule } from './rule-context.js';
import { readEventTimes } from './timestamps.js';
import { checkUnsafeLinks } from './unsafe-links.js';
import { checkSeverity, checkTimezone } from './zone-and-severity.js';

export type { Rule, RuleContext } from './rule-context.js';

/** The semantic rules, in the order they run: later rules use the times read by earlier ones. */
export const SEMANTIC_RULES: readonly Rule[] = [
  checkReservedId,
  checkControlCharacters,
  checkTimezone,
  checkSeverity,
  readEventTimes,
  checkMilestones,
  checkChronology,
  checkErrorRates,
  checkFinalLessons,
  checkDueDates,
  checkUrls,
  checkTrackerKeys,
  checkUnsafeLinks,
  checkRelated,
];
