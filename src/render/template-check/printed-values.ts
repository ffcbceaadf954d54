import { describeShape } from '../view-shape.js';
import type { Resolved } from './walk-context.js';

/** What a template is told: a message and a hint. */
interface Problem {
  message: string;
  hint: string;
}

/** A group or a list printed as text would show `[object Object]`: the problem, with what to print instead. */
export function unprintable(resolved: Resolved, label: string): Problem | undefined {
  if (resolved.shape.kind !== 'group' && resolved.shape.kind !== 'list') return undefined;
  return {
    message: `Unexpected ${describeShape(resolved.shape)} \`${label}\`, expected text to print`,
    hint:
      resolved.shape.kind === 'group'
        ? `Print one of its fields, such as \`{{${label}.${Object.keys(resolved.shape.fields)[0] ?? ''}}}\`.`
        : `Print its items with \`{{#each ${label}}}…{{/each}}\`.`,
  };
}

/**
 * `{{lookup group "field"}}` as the path it reads, `group.[field]`, to be
 * checked as that path is (a name the view lacks, a group printed as text);
 * `null` when its field is not named in quotes, which only the render can
 * tell; a problem when it is not given two arguments.
 */
export function lookupPath(node: hbs.AST.MustacheStatement): hbs.AST.PathExpression | null | Problem {
  const [object, key] = node.params;
  if (node.params.length !== 2 || node.hash) {
    return {
      message: `Unexpected ${node.params.length} argument${node.params.length === 1 ? '' : 's'} to \`lookup\`, expected 2: a group or a list, and one of its fields`,
      hint: 'Write `{{lookup group "field"}}`, or simply `{{group.field}}`.',
    };
  }
  if (object?.type !== 'PathExpression' || key?.type !== 'StringLiteral') return null;
  const from = object as hbs.AST.PathExpression;
  const name = (key as hbs.AST.StringLiteral).value;
  return { ...from, parts: [...from.parts, name], original: from.parts.length ? `${from.original}.[${name}]` : name, loc: key.loc };
}
