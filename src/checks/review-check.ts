import type { Severity } from '../diagnostics/diagnostic.js';
import type { RuleContext } from '../rules/rule-context.js';
import { describePath } from '../schema/validate-schema.js';
import type { CheckRule } from '../schema/vocabulary.js';
import type { Prose } from './prose.js';

/** A review check: reads the prose fields (each parsed once, when first needed) and reports what it finds. */
export type ReviewCheck = (context: RuleContext, fields: readonly Prose[]) => void;

/** The severity a check reports at: the configuration's level for the rule, else its default; `null` when it is `off`. */
export function severityOf(context: RuleContext, rule: CheckRule, byDefault: Severity): Severity | null {
  const level = context.config.checks.levels[rule] ?? byDefault;
  return level === 'off' ? null : level;
}

/** `summary`, `timeline[2].text`: the field, as messages name it. */
export function fieldName(prose: Prose): string {
  return describePath(prose.field.path, 'the incident');
}
