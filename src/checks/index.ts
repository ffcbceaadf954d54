import type { RuleContext } from '../rules/rule-context.js';
import { checkBlamingLanguage } from './blaming-language.js';
import { checkFigureMismatch } from './figure-mismatch.js';
import { checkPlaceholderText } from './placeholder-text.js';
import { Prose, proseFields } from './prose.js';
import type { ReviewCheck } from './review-check.js';

/**
 * The review checks (FORMAT.md v2): what a reviewer would otherwise have to
 * catch in the prose. Each is a rule of its own whose level the
 * configuration sets (`checks`); none rewrites text. They read the same
 * fields, each parsed once, and only when one of them may hold what it
 * looks for.
 */
export const REVIEW_CHECKS: readonly ReviewCheck[] = [checkPlaceholderText, checkBlamingLanguage, checkFigureMismatch];

export function runReviewChecks(context: RuleContext): void {
  const fields = proseFields(context.data).map((field) => new Prose(field, context));
  for (const check of REVIEW_CHECKS) check(context, fields);
}
