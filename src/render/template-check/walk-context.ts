import { basename } from 'node:path';
import type { ParsedTemplate } from '../check-template.js';
import type { ViewShape } from '../view-shape.js';

/**
 * Where the template check stands as it walks the templates: the context a
 * template runs in (what `this` is, the block parameters, the parts known
 * not to be null) and the place (the file, the chain of partials that led
 * there, the inline partials in sight, the block a partial was called with).
 */

/** A context a template runs in: what `this` is, and what `../` climbs to. */
export interface Frame {
  shape: ViewShape;
  /** How messages name it: `PostmortemView`, `timeline.events[]`. */
  label: string;
  parent: Frame | null;
  /** Identifies the frame for memoising partial walks. */
  key: string;
}

/** What a path names: its shape, and how messages name it. */
export interface Resolved {
  shape: ViewShape;
  label: string;
}

/** What a template sees at one point of the walk. */
export interface Scope {
  frame: Frame;
  blockParams: ReadonlyMap<string, Resolved>;
  inEach: boolean;
  /** Parts that may be `null` but are known not to be here: inside `{{#if part}}` or `{{else}}` of `{{#unless part}}`. */
  present: ReadonlySet<string>;
}

/** A partial defined with `{{#*inline "name"}}`. */
export interface InlinePartial {
  name: string;
  program: hbs.AST.Program;
  file: string;
}

/** Where the walk is: which file, through which partials, with which inline partials and partial block. */
export interface Place {
  file: string;
  /** `postmortem.hbs`, `impact.hbs`…: how the walk got here. */
  chain: readonly { key: string; label: string }[];
  inline: ReadonlyMap<string, InlinePartial>;
  inlineId: number;
  partialBlock: PartialBlock | null;
}

/** The block a partial was called with (`{{#> name}}…{{/name}}`): walked where the partial places `{{> @partial-block}}`, in the caller's scope and place. */
export interface PartialBlock {
  id: number;
  program: hbs.AST.Program;
  scope: Scope;
  place: Place;
}

/** A template file as a link of the chain of partials: the key that finds a loop, the label messages show (its file's name, old or new). */
export function templateLink(template: ParsedTemplate): { key: string; label: string } {
  return { key: `template:${template.name}`, label: basename(template.file) };
}

/** `this.x`, `./x`, `.`: a path Handlebars never takes for a helper or a block parameter. */
export function isScoped(path: hbs.AST.PathExpression): boolean {
  return /^\.|this\b/.test(path.original);
}

/** The name a decorator or partial is called by, when it is a name and not a literal. */
export function pathName(path: hbs.AST.PathExpression | hbs.AST.Literal): string | null {
  return path.type === 'PathExpression' ? (path as hbs.AST.PathExpression).original : null;
}

/** The shape inside a block whose context it is: a part that may be null is known not to be there. */
export function nonNull(shape: ViewShape): ViewShape {
  return 'nullable' in shape && shape.nullable ? { ...shape, nullable: false } : shape;
}

/** A partial's context with `name=value` pairs added, as Handlebars merges them. */
export function withHash(shape: ViewShape, hash: ReadonlyMap<string, ViewShape>): ViewShape {
  if (!hash.size) return shape;
  if (shape.kind === 'open') return shape;
  const fields = shape.kind === 'group' ? shape.fields : {};
  return { kind: 'group', fields: { ...fields, ...Object.fromEntries(hash) } };
}

/** The `{{#*inline "name"}}` partials a program defines, visible in it and in what it includes. */
export function inlinePartials(program: hbs.AST.Program, file: string): Map<string, InlinePartial> {
  const found = new Map<string, InlinePartial>();
  for (const statement of program.body) {
    if (statement.type !== 'DecoratorBlock') continue;
    const decorator = statement as hbs.AST.DecoratorBlock;
    const name = decorator.params[0];
    if (pathName(decorator.path) === 'inline' && name?.type === 'StringLiteral') {
      const value = (name as hbs.AST.StringLiteral).value;
      found.set(value, { name: value, program: decorator.program, file });
    }
  }
  return found;
}
