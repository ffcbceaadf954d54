import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { closestMatch, quoteList } from '../diagnostics/suggest.js';
import { type GroupShape, type ViewShape, describeShape } from './view-shape.js';

/**
 * Checks a family of templates against the shape of its view before anything
 * is rendered: every field a template names, in a mustache or as a helper's
 * argument (`{{#if rootCauseBlok}}`), every helper and every partial. Strict
 * mode alone misses helper arguments: Handlebars looks their last part up
 * leniently, so a misspelt `{{#if}}` silently drops a section. Walking from
 * the main template through each partial call, with the context that call
 * gives it, also finds partials that include themselves (which would
 * otherwise end in a stack overflow) and names the chain of partials that
 * led to each problem.
 */

/** A parsed template: its name (file name without `.hbs`), its file, its syntax tree. */
export interface ParsedTemplate {
  name: string;
  file: string;
  program: hbs.AST.Program;
}

export interface TemplateCheck {
  main: string;
  templates: ReadonlyMap<string, ParsedTemplate>;
  shape: ViewShape;
  /** The view's name in messages: `PostmortemView`. */
  viewName: string;
  /** Where the view's fields are listed. */
  fieldsHint: string;
}

/** The helpers a template may use; `log` is left out because it would write to the terminal. */
const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const VALUE_HELPERS = new Set(['lookup']);
const HELPERS_HINT = 'Templates have no custom helpers: use `if`, `unless`, `each`, `with` and `lookup`.';
const EACH_DATA = new Set(['index', 'key', 'first', 'last']);

/** A context a template runs in: what `this` is, and what `../` climbs to. */
interface Frame {
  shape: ViewShape;
  /** How messages name it: `PostmortemView`, `timeline.events[]`. */
  label: string;
  parent: Frame | null;
  /** Identifies the frame for memoising partial walks. */
  key: string;
}

interface Resolved {
  shape: ViewShape;
  label: string;
}

interface Scope {
  frame: Frame;
  blockParams: ReadonlyMap<string, Resolved>;
  inEach: boolean;
  /** Parts that may be `null` but are known not to be here: inside `{{#if part}}` or `{{else}}` of `{{#unless part}}`. */
  present: ReadonlySet<string>;
}

/** A partial defined with `{{#*inline "name"}}`. */
interface InlinePartial {
  name: string;
  program: hbs.AST.Program;
  file: string;
}

/** Where the walk is: which file, through which partials, with which inline partials and partial block. */
interface Place {
  file: string;
  /** `postmortem.hbs`, `impact.hbs`…: how the walk got here. */
  chain: readonly { key: string; label: string }[];
  inline: ReadonlyMap<string, InlinePartial>;
  inlineId: number;
  partialBlock: PartialBlock | null;
}

interface PartialBlock {
  id: number;
  program: hbs.AST.Program;
  scope: Scope;
  place: Place;
}

export function checkTemplates(check: TemplateCheck): Diagnostic[] {
  return new TemplateChecker(check).run();
}

class TemplateChecker {
  private readonly diagnostics = new Map<string, Diagnostic>();
  private readonly walked = new Set<string>();
  private readonly root: Frame;
  private nextId = 1;

  constructor(private readonly check: TemplateCheck) {
    this.root = { shape: check.shape, label: check.viewName, parent: null, key: 'root' };
  }

  run(): Diagnostic[] {
    const main = this.check.templates.get(this.check.main);
    if (!main) return [];
    const place: Place = { file: main.file, chain: [templateLink(main)], inline: new Map(), inlineId: 0, partialBlock: null };
    this.program(main.program, { frame: this.root, blockParams: new Map(), inEach: false, present: new Set() }, place);
    return [...this.diagnostics.values()];
  }

  /** Reports a problem at `node`, naming the chain of partials that led there unless the message already does. */
  private report(node: hbs.AST.Node, place: Place, message: string, hint: string, namesChain = false): void {
    const start = node.loc?.start ?? { line: 1, column: 0 };
    const end = node.loc?.end ?? start;
    const via = place.chain.length > 1 && !namesChain ? ` (${place.chain.map((link) => link.label).join(' → ')})` : '';
    const diagnostic: Diagnostic = {
      file: place.file,
      line: start.line,
      column: start.column + 1,
      endLine: end.line,
      endColumn: end.column + 1,
      severity: 'error',
      rule: 'template-error',
      message: message + via,
      hint,
    };
    // A partial included from several places is reported once per problem.
    const key = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}:${message}`;
    if (!this.diagnostics.has(key)) this.diagnostics.set(key, diagnostic);
  }

  private program(program: hbs.AST.Program | undefined, scope: Scope, place: Place): void {
    if (!program) return;
    const inline = inlinePartials(program, place.file);
    const here = inline.size ? { ...place, inline: new Map([...place.inline, ...inline]), inlineId: this.nextId++ } : place;
    for (const statement of program.body) this.statement(statement, scope, here);
  }

  private statement(node: hbs.AST.Statement, scope: Scope, place: Place): void {
    switch (node.type) {
      case 'MustacheStatement':
        return this.mustache(node as hbs.AST.MustacheStatement, scope, place);
      case 'BlockStatement':
        return this.block(node as hbs.AST.BlockStatement, scope, place);
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return this.partial(node as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, scope, place);
      case 'DecoratorBlock': {
        const decorator = node as hbs.AST.DecoratorBlock;
        if (pathName(decorator.path) !== 'inline') this.report(decorator.path, place, `Unknown decorator \`${decorator.path.original}\``, 'Only `{{#*inline "name"}}` partials are supported.');
        return;
      }
      case 'Decorator':
        return this.report(node, place, 'Unexpected decorator', 'Only `{{#*inline "name"}}…{{/inline}}` partials are supported.');
      default:
        return; // content and comments
    }
  }

  private mustache(node: hbs.AST.MustacheStatement, scope: Scope, place: Place): void {
    const path = node.path;
    if (path.type !== 'PathExpression') {
      // `{{"name"}}` looks the literal up as a field name.
      if (path.type === 'StringLiteral' || path.type === 'NumberLiteral' || path.type === 'BooleanLiteral') {
        const name = String((path as hbs.AST.StringLiteral).value);
        this.lookup({ type: 'PathExpression', loc: path.loc, data: false, depth: 0, parts: [name], original: name } as hbs.AST.PathExpression, scope, place);
      }
      return;
    }
    const expression = path as hbs.AST.PathExpression;
    const helper = this.helperName(expression, scope);
    if (helper !== null && BLOCK_HELPERS.has(helper)) {
      this.report(expression, place, `Unexpected \`{{${helper}}}\`, expected a block \`{{#${helper} …}}…{{/${helper}}}\``, HELPERS_HINT);
      return;
    }
    if (helper !== null && VALUE_HELPERS.has(helper)) {
      this.arguments(node, scope, place);
      return;
    }
    if (node.params.length || node.hash) {
      this.report(expression, place, `Unknown helper \`${expression.original}\``, HELPERS_HINT);
      this.arguments(node, scope, place);
      return;
    }
    const resolved = this.lookup(expression, scope, place);
    if (resolved && (resolved.shape.kind === 'group' || resolved.shape.kind === 'list')) {
      this.report(
        expression,
        place,
        `Unexpected ${describeShape(resolved.shape)} \`${expression.original}\`, expected text to print`,
        resolved.shape.kind === 'group'
          ? `Print one of its fields, such as \`{{${expression.original}.${Object.keys(resolved.shape.fields)[0] ?? ''}}}\`.`
          : `Print its items with \`{{#each ${expression.original}}}…{{/each}}\`.`,
      );
    }
  }

  private block(node: hbs.AST.BlockStatement, scope: Scope, place: Place): void {
    const helper = this.helperName(node.path, scope);
    if (helper !== null && BLOCK_HELPERS.has(helper)) {
      if (node.params.length !== 1) {
        this.report(node.path, place, `Unexpected ${node.params.length} arguments to \`#${helper}\`, expected 1`, HELPERS_HINT);
        this.program(node.program, scope, place);
        this.program(node.inverse, scope, place);
        return;
      }
      const argument = this.expression(node.params[0]!, scope, place);
      this.hash(node.hash, scope, place);
      const tested = argument ? { ...scope, present: new Set([...scope.present, argument.label]) } : scope;
      if (helper === 'each') this.eachBlock(node, argument, node.params[0]!, scope, place);
      else if (helper === 'with') this.program(node.program, this.enter(scope, node, argument, false), place);
      else this.program(node.program, helper === 'if' ? tested : scope, place);
      this.program(node.inverse, helper === 'unless' ? tested : scope, place);
      return;
    }
    if (helper !== null && VALUE_HELPERS.has(helper)) {
      this.report(node.path, place, `Unexpected block \`{{#${helper}}}\`, expected \`{{${helper} …}}\``, HELPERS_HINT);
      return;
    }
    if (node.params.length || node.hash) {
      this.report(node.path, place, `Unknown helper \`${node.path.original}\``, HELPERS_HINT);
      this.arguments(node, scope, place);
      return;
    }
    // `{{#field}}…{{/field}}`: Mustache-style sections; a list is iterated, a group becomes the context.
    const resolved = this.lookup(node.path, scope, place);
    if (resolved?.shape.kind === 'list') this.eachBlock(node, resolved, node.path, scope, place);
    else if (resolved?.shape.kind === 'group') this.program(node.program, this.enter(scope, node, resolved, false), place);
    else this.program(node.program, scope, place);
    this.program(node.inverse, scope, place);
  }

  private eachBlock(node: hbs.AST.BlockStatement, over: Resolved | undefined, at: hbs.AST.Node, scope: Scope, place: Place): void {
    let item: Resolved | undefined;
    if (over?.shape.kind === 'list') item = { shape: over.shape.item, label: `${over.label}[]` };
    else if (over?.shape.kind === 'group' || over?.shape.kind === 'open') item = { shape: { kind: 'open' }, label: `${over.label}[]` };
    else if (over) this.report(at, place, `Unexpected ${describeShape(over.shape)} \`${over.label}\` in \`#each\`, expected a list`, this.check.fieldsHint);
    this.program(node.program, this.enter(scope, node, item, true), place);
  }

  /** The scope inside a block whose context is `value` (`#with`, `#each`), with its block parameters. */
  private enter(scope: Scope, node: hbs.AST.BlockStatement, value: Resolved | undefined, each: boolean): Scope {
    const shape: ViewShape = value ? nonNull(value.shape) : { kind: 'open' };
    const label = value?.label ?? scope.frame.label;
    const frame: Frame = { shape, label, parent: scope.frame, key: `${scope.frame.key}>${label}` };
    const blockParams = new Map(scope.blockParams);
    const [first, second] = node.program?.blockParams ?? [];
    if (first) blockParams.set(first, { shape, label });
    if (second && each) blockParams.set(second, { shape: { kind: 'text' }, label: '@index' });
    return { frame, blockParams, inEach: scope.inEach || each, present: scope.present };
  }

  private partial(node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, scope: Scope, place: Place): void {
    const block = node.type === 'PartialBlockStatement' ? (node as hbs.AST.PartialBlockStatement).program : undefined;
    if (node.name.type !== 'PathExpression') {
      this.report(node.name, place, 'Unexpected dynamic partial name, expected a partial name', 'Name the partial: `{{> timeline}}`.');
      return;
    }
    const name = (node.name as hbs.AST.PathExpression).original;
    if (node.params.length > 1) {
      this.report(node, place, `Unexpected ${node.params.length} arguments to partial \`${name}\`, expected at most 1 (its context)`, 'Pass one context, and other values as `name=value`.');
      return;
    }
    let inner = scope;
    const context = node.params[0] ? this.expression(node.params[0], scope, place) : { shape: scope.frame.shape, label: scope.frame.label };
    const hash = this.hash(node.hash, scope, place);
    if (node.params[0] || hash.size) {
      const shape = withHash(context?.shape ?? { kind: 'open' }, hash);
      const label = context?.label ?? scope.frame.label;
      inner = { frame: { shape, label, parent: scope.frame, key: `${scope.frame.key}>${label}+${[...hash.keys()].join(',')}` }, blockParams: new Map(), inEach: scope.inEach, present: scope.present };
    }

    if (name === '@partial-block') {
      const partialBlock = place.partialBlock;
      if (!partialBlock) {
        this.report(node.name, place, 'Unexpected `@partial-block` outside a partial called as a block', 'Call the partial as `{{#> name}}…{{/name}}` to give it a block.');
        return;
      }
      const blockScope: Scope = { ...partialBlock.scope, frame: inner.frame };
      this.program(partialBlock.program, blockScope, partialBlock.place);
      return;
    }

    const inline = place.inline.get(name);
    const template = inline ? undefined : this.check.templates.get(name);
    if (!inline && (!template || name === this.check.main)) {
      if (block) {
        this.program(block, scope, place); // a partial block's content is its fallback
        return;
      }
      const names = [...this.check.templates.keys()].filter((candidate) => candidate !== this.check.main).sort();
      const guess = closestMatch(name, names);
      this.report(
        node.name,
        place,
        `Unknown partial \`${name}\`${guess ? `; did you mean \`${guess}\`?` : ''}`,
        `Add \`${name}.hbs\` to the templates folder, or use one of ${quoteList(names)}.`,
      );
      return;
    }
    const link = inline ? { key: `inline:${place.file}:${name}`, label: `inline "${name}"` } : templateLink(template!);
    const loop = place.chain.findIndex((entry) => entry.key === link.key);
    if (loop !== -1) {
      const labels = [...place.chain, link].map((entry) => entry.label);
      const from = loop > 0 ? `, included from ${labels.slice(0, loop + 1).join(' → ')}` : '';
      this.report(
        node,
        place,
        `Unexpected recursive partial: ${labels.slice(loop).join(' → ')}${from}`,
        'A partial cannot include itself, directly or through other partials: the view has no nested data to stop on.',
        true,
      );
      return;
    }
    const partialBlock: PartialBlock | null = block ? { id: this.nextId++, program: block, scope, place } : null;
    const next: Place = {
      file: inline?.file ?? template!.file,
      chain: [...place.chain, link],
      inline: place.inline,
      inlineId: place.inlineId,
      partialBlock,
    };
    const memo = [link.key, inner.frame.key, [...inner.blockParams.keys()].join(','), inner.inEach, [...inner.present].join(','), partialBlock?.id ?? 0, place.inlineId].join('|');
    if (this.walked.has(memo)) return;
    this.walked.add(memo);
    this.program(inline?.program ?? template!.program, inner, next);
  }

  private arguments(node: { params: hbs.AST.Expression[]; hash: hbs.AST.Hash }, scope: Scope, place: Place): void {
    for (const param of node.params) this.expression(param, scope, place);
    this.hash(node.hash, scope, place);
  }

  private hash(hash: hbs.AST.Hash | undefined, scope: Scope, place: Place): Map<string, ViewShape> {
    const values = new Map<string, ViewShape>();
    for (const pair of hash?.pairs ?? []) values.set(pair.key, this.expression(pair.value, scope, place)?.shape ?? { kind: 'open' });
    return values;
  }

  /** What an argument is: a field, a literal, or a subexpression's result. */
  private expression(node: hbs.AST.Expression, scope: Scope, place: Place): Resolved | undefined {
    if (node.type === 'PathExpression') return this.lookup(node as hbs.AST.PathExpression, scope, place);
    if (node.type === 'SubExpression') {
      const sub = node as hbs.AST.SubExpression;
      const helper = this.helperName(sub.path, scope);
      if (helper === null || !VALUE_HELPERS.has(helper)) this.report(sub.path, place, `Unknown helper \`${sub.path.original}\` in a subexpression`, HELPERS_HINT);
      this.arguments(sub, scope, place);
      return { shape: { kind: 'open' }, label: `(${sub.path.original})` };
    }
    return { shape: node.type === 'BooleanLiteral' ? { kind: 'flag' } : { kind: 'text' }, label: 'a literal' };
  }

  /** The helper a path names, or `null` when it names a field. */
  private helperName(path: hbs.AST.PathExpression, scope: Scope): string | null {
    const simple = path.parts.length === 1 && !path.depth && !path.data && !isScoped(path);
    if (!simple || scope.blockParams.has(path.parts[0]!)) return null;
    const name = path.parts[0]!;
    return BLOCK_HELPERS.has(name) || VALUE_HELPERS.has(name) ? name : null;
  }

  /** Resolves a path to the shape it names, reporting the first part that does not exist. */
  private lookup(path: hbs.AST.PathExpression, scope: Scope, place: Place): Resolved | undefined {
    const parts = [...path.parts];
    let current: Resolved;
    if (path.data) {
      const name = parts.shift() ?? '';
      if (name === 'root') current = { shape: this.root.shape, label: this.root.label };
      else if (EACH_DATA.has(name)) {
        if (!scope.inEach) {
          this.report(path, place, `Unexpected \`@${name}\` outside \`{{#each}}\``, `\`@${name}\` is only defined inside \`{{#each}}\`.`);
          return undefined;
        }
        current = { shape: name === 'first' || name === 'last' ? { kind: 'flag' } : { kind: 'text' }, label: `@${name}` };
      } else {
        this.report(path, place, `Unknown data variable \`@${name}\``, 'Templates can use `@root`, and inside `{{#each}}` `@index`, `@key`, `@first` and `@last`.');
        return undefined;
      }
    } else {
      const param = !path.depth && !isScoped(path) && parts[0] !== undefined ? scope.blockParams.get(parts[0]) : undefined;
      if (param) {
        parts.shift();
        current = param;
      } else {
        let frame: Frame | null = scope.frame;
        for (let up = 0; up < path.depth && frame; up++) frame = frame.parent;
        if (!frame) {
          this.report(path, place, `Unexpected \`${path.original}\`: \`../\` climbs above ${this.root.label}`, 'Each `../` leaves one `{{#each}}` or `{{#with}}`; use `@root.` to start from the top.');
          return undefined;
        }
        current = { shape: frame.shape, label: frame.label };
      }
    }
    for (const part of parts) {
      if ('nullable' in current.shape && current.shape.nullable && !scope.present.has(current.label)) {
        this.report(
          path,
          place,
          `Unexpected \`${path.original}\`: \`${current.label}\` may be null`,
          `Test it first: \`{{#with ${current.label}}}…{{/with}}\` or \`{{#if ${current.label}}}…{{/if}}\`; the fields are listed in templates/README.md.`,
        );
        return undefined;
      }
      const next = this.field(current, part, path, place);
      if (!next) return undefined;
      current = next;
    }
    return current;
  }

  private field(parent: Resolved, name: string, path: hbs.AST.PathExpression, place: Place): Resolved | undefined {
    const shape = parent.shape;
    const label = parent.label === this.root.label ? name : `${parent.label}.${name}`;
    if (name in Object.prototype) {
      // Handlebars refuses these at run time with a warning on the terminal, and renders nothing.
      this.report(path, place, `Unexpected \`${name}\` in \`${path.original}\`: a JavaScript built-in, not a field`, this.check.fieldsHint);
      return undefined;
    }
    switch (shape.kind) {
      case 'open':
        return { shape, label };
      case 'group':
        if (Object.hasOwn(shape.fields, name)) return { shape: shape.fields[name]!, label };
        this.unknownField(shape, parent.label, name, path, place);
        return undefined;
      case 'list':
        if (name === 'length') return { shape: { kind: 'text' }, label };
        if (/^\d+$/.test(name)) return { shape: shape.item, label: `${parent.label}[${name}]` };
        break;
      default:
        break;
    }
    this.report(path, place, `Unexpected \`${name}\` in \`${path.original}\`: \`${parent.label}\` is ${describeShape(shape)}, with no fields`, this.check.fieldsHint);
    return undefined;
  }

  private unknownField(shape: GroupShape, label: string, name: string, path: hbs.AST.PathExpression, place: Place): void {
    const guess = closestMatch(name, Object.keys(shape.fields));
    const where = label === this.root.label ? this.root.label : `\`${label}\``;
    this.report(path, place, `Unknown field \`${name}\` in ${where}${guess ? `; did you mean \`${guess}\`?` : ''}`, this.check.fieldsHint);
  }
}

function templateLink(template: ParsedTemplate): { key: string; label: string } {
  return { key: `template:${template.name}`, label: `${template.name}.hbs` };
}

/** `this.x`, `./x`, `.`: a path Handlebars never takes for a helper or a block parameter. */
function isScoped(path: hbs.AST.PathExpression): boolean {
  return /^\.|this\b/.test(path.original);
}

function pathName(path: hbs.AST.PathExpression | hbs.AST.Literal): string | null {
  return path.type === 'PathExpression' ? (path as hbs.AST.PathExpression).original : null;
}

function nonNull(shape: ViewShape): ViewShape {
  return 'nullable' in shape && shape.nullable ? { ...shape, nullable: false } : shape;
}

/** A partial's context with `name=value` pairs added, as Handlebars merges them. */
function withHash(shape: ViewShape, hash: ReadonlyMap<string, ViewShape>): ViewShape {
  if (!hash.size) return shape;
  if (shape.kind === 'open') return shape;
  const fields = shape.kind === 'group' ? shape.fields : {};
  return { kind: 'group', fields: { ...fields, ...Object.fromEntries(hash) } };
}

/** The `{{#*inline "name"}}` partials a program defines, visible in it and in what it includes. */
function inlinePartials(program: hbs.AST.Program, file: string): Map<string, InlinePartial> {
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
