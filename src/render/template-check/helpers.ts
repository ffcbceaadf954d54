import { type Scope, isScoped } from './walk-context.js';

/** The helpers a template may use; `log` is left out because it would write to the terminal. */
export const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
export const VALUE_HELPERS = new Set(['lookup']);
export const HELPERS_HINT = 'Templates have no custom helpers: use `if`, `unless`, `each`, `with` and `lookup`.';

/** The helper a path names, or `null` when it names a field. */
export function helperName(path: hbs.AST.PathExpression, scope: Scope): string | null {
  const simple = path.parts.length === 1 && !path.depth && !path.data && !isScoped(path);
  if (!simple || scope.blockParams.has(path.parts[0]!)) return null;
  const name = path.parts[0]!;
  return BLOCK_HELPERS.has(name) || VALUE_HELPERS.has(name) ? name : null;
}
