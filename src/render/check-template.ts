import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type ViewShape, describeShape } from './view-shape.js';
import { BLOCK_HELPERS, HELPERS_HINT, VALUE_HELPERS, helperName } from './template-check/helpers.js';
import { partialLink, partialLoop, partialScope, partialTarget, partialWalkKey, unknownPartial } from './template-check/partials.js';
import { lookupPath, unprintable } from './template-check/printed-values.js';
import { PathResolver } from './template-check/resolve-path.js';
import { LAYOUT_RULE } from './template-sources.js';
import { TemplateProblems } from './template-check/template-problems.js';
import { type Frame, type PartialBlock, type Place, type Resolved, type Scope, inlinePartials, nonNull, pathName, templateLink } from './template-check/walk-context.js';

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
 *
 * The walk is here; what it keeps track of, how paths resolve and how
 * partial calls are followed are in template-check/.
 */

/** A parsed template: its name (as partials call it: `timeline`, `totals`), its file, its syntax tree. */
export interface ParsedTemplate {
  name: string;
  file: string;
  program: hbs.AST.Program;
}

export interface TemplateCheck {
  main: string;
  /** The family's folder in a templates folder, for hints: `postmortem`. */
  folder: string;
  templates: ReadonlyMap<string, ParsedTemplate>;
  /** A partial's name from an old one (`report-totals` → `totals`), else the name: an old name works, with a `template-layout` warning. */
  currentName?: (name: string) => string;
  shape: ViewShape;
  /** The view's name in messages: `PostmortemView`. */
  viewName: string;
  /** Where the view's fields are listed. */
  fieldsHint: string;
}

export function checkTemplates(check: TemplateCheck): Diagnostic[] {
  return new TemplateChecker(check).run();
}

/** How deep partials may call each other: far more than any template needs, far less than would overflow the stack. */
const MAX_PARTIAL_DEPTH = 64;

class TemplateChecker {
  private readonly problems = new TemplateProblems();
  private readonly walked = new Set<string>();
  private readonly root: Frame;
  private readonly paths: PathResolver;
  private nextId = 1;

  constructor(private readonly check: TemplateCheck) {
    this.root = { shape: check.shape, label: check.viewName, parent: null, key: 'root' };
    this.paths = new PathResolver(this.root, check.fieldsHint, this.problems);
  }

  run(): Diagnostic[] {
    const main = this.check.templates.get(this.check.main);
    if (!main) return [];
    const place: Place = { file: main.file, chain: [templateLink(main)], inline: new Map(), inlineId: 0, partialBlock: null };
    this.program(main.program, { frame: this.root, blockParams: new Map(), inEach: false, present: new Set() }, place);
    return this.problems.list();
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
        if (pathName(decorator.path) !== 'inline') this.problems.report(decorator.path, place, `Unknown decorator \`${decorator.path.original}\``, 'Only `{{#*inline "name"}}` partials are supported.');
        return;
      }
      case 'Decorator':
        return this.problems.report(node, place, 'Unexpected decorator', 'Only `{{#*inline "name"}}…{{/inline}}` partials are supported.');
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
        this.paths.lookup({ type: 'PathExpression', loc: path.loc, data: false, depth: 0, parts: [name], original: name } as hbs.AST.PathExpression, scope, place);
      }
      return;
    }
    const expression = path as hbs.AST.PathExpression;
    const helper = helperName(expression, scope);
    if (helper !== null && BLOCK_HELPERS.has(helper)) {
      this.problems.report(expression, place, `Unexpected \`{{${helper}}}\`, expected a block \`{{#${helper} …}}…{{/${helper}}}\``, HELPERS_HINT);
      return;
    }
    if (helper !== null && VALUE_HELPERS.has(helper)) {
      const path = lookupPath(node);
      if (path === null || 'message' in path) {
        if (path) this.problems.report(expression, place, path.message, path.hint);
        this.arguments(node, scope, place);
      } else this.printable(this.paths.lookup(path, scope, place), path.original, expression, place);
      return;
    }
    if (node.params.length || node.hash) {
      this.problems.report(expression, place, `Unknown helper \`${expression.original}\``, HELPERS_HINT);
      this.arguments(node, scope, place);
      return;
    }
    const resolved = this.paths.lookup(expression, scope, place);
    this.printable(resolved, expression.original, expression, place);
  }

  private printable(resolved: Resolved | undefined, label: string, at: hbs.AST.Node, place: Place): void {
    const problem = resolved && unprintable(resolved, label);
    if (problem) this.problems.report(at, place, problem.message, problem.hint);
  }

  private block(node: hbs.AST.BlockStatement, scope: Scope, place: Place): void {
    const helper = helperName(node.path, scope);
    if (helper !== null && BLOCK_HELPERS.has(helper)) {
      if (node.params.length !== 1) {
        this.problems.report(node.path, place, `Unexpected ${node.params.length} arguments to \`#${helper}\`, expected 1`, HELPERS_HINT);
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
      this.problems.report(node.path, place, `Unexpected block \`{{#${helper}}}\`, expected \`{{${helper} …}}\``, HELPERS_HINT);
      return;
    }
    if (node.params.length || node.hash) {
      this.problems.report(node.path, place, `Unknown helper \`${node.path.original}\``, HELPERS_HINT);
      this.arguments(node, scope, place);
      return;
    }
    // `{{#field}}…{{/field}}`: Mustache-style sections; a list is iterated, a group becomes the context.
    const resolved = this.paths.lookup(node.path, scope, place);
    if (resolved?.shape.kind === 'list') this.eachBlock(node, resolved, node.path, scope, place);
    else if (resolved?.shape.kind === 'group') this.program(node.program, this.enter(scope, node, resolved, false), place);
    else this.program(node.program, scope, place);
    this.program(node.inverse, scope, place);
  }

  private eachBlock(node: hbs.AST.BlockStatement, over: Resolved | undefined, at: hbs.AST.Node, scope: Scope, place: Place): void {
    let item: Resolved | undefined;
    if (over?.shape.kind === 'list') item = { shape: over.shape.item, label: `${over.label}[]` };
    else if (over?.shape.kind === 'group' || over?.shape.kind === 'open') item = { shape: { kind: 'open' }, label: `${over.label}[]` };
    else if (over) this.problems.report(at, place, `Unexpected ${describeShape(over.shape)} \`${over.label}\` in \`#each\`, expected a list`, this.check.fieldsHint);
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
      this.problems.report(node.name, place, 'Unexpected dynamic partial name, expected a partial name', 'Name the partial: `{{> timeline}}`.');
      return;
    }
    const called = (node.name as hbs.AST.PathExpression).original;
    const name = this.currentPartialName(called, node.name, place);
    if (node.params.length > 1) {
      this.problems.report(node, place, `Unexpected ${node.params.length} arguments to partial \`${name}\`, expected at most 1 (its context)`, 'Pass one context, and other values as `name=value`.');
      return;
    }
    const context = node.params[0] ? this.expression(node.params[0], scope, place) : { shape: scope.frame.shape, label: scope.frame.label };
    const hash = this.hash(node.hash, scope, place);
    const inner = node.params[0] || hash.size ? partialScope(scope, context, hash) : scope;

    if (name === '@partial-block') {
      const partialBlock = place.partialBlock;
      if (!partialBlock) {
        this.problems.report(node.name, place, 'Unexpected `@partial-block` outside a partial called as a block', 'Call the partial as `{{#> name}}…{{/name}}` to give it a block.');
        return;
      }
      const blockScope: Scope = { ...partialBlock.scope, frame: inner.frame };
      this.program(partialBlock.program, blockScope, partialBlock.place);
      return;
    }

    const target = partialTarget(name, place, this.check.templates, this.check.main);
    if (!target) {
      if (block) {
        this.program(block, scope, place); // a partial block's content is its fallback
        return;
      }
      const unknown = unknownPartial(name, this.check.templates, this.check.main, this.check.folder);
      this.problems.report(node.name, place, unknown.message, unknown.hint);
      return;
    }
    const link = partialLink(name, place, target);
    if (place.chain.length > MAX_PARTIAL_DEPTH) {
      // Walked (and later rendered) by recursion: thousands of partials within each other would overflow the stack.
      this.problems.report(node, place, `Unexpected partial \`${name}\` nested more than ${MAX_PARTIAL_DEPTH} templates deep`, 'Call the partials one after another rather than each from the one before.');
      return;
    }
    const loop = partialLoop(place.chain, link);
    if (loop !== null) {
      this.problems.report(node, place, loop, 'A partial cannot include itself, directly or through other partials: the view has no nested data to stop on.', true);
      return;
    }
    const partialBlock: PartialBlock | null = block ? { id: this.nextId++, program: block, scope, place } : null;
    const next: Place = {
      file: target.inline?.file ?? target.template!.file,
      chain: [...place.chain, link],
      inline: place.inline,
      inlineId: place.inlineId,
      partialBlock,
    };
    const memo = partialWalkKey(link, inner, partialBlock, place);
    if (this.walked.has(memo)) return;
    this.walked.add(memo);
    this.program(target.inline?.program ?? target.template!.program, inner, next);
  }

  /** The template an old partial name (`{{> report-totals}}`) stands for, with a warning at the call; any other name as it is. */
  private currentPartialName(called: string, at: hbs.AST.Node, place: Place): string {
    if (place.inline.has(called) || this.check.templates.has(called) || !this.check.currentName) return called;
    const name = this.check.currentName(called);
    if (name === called || name === this.check.main || !this.check.templates.has(name)) return called;
    this.problems.warn(
      at,
      place,
      LAYOUT_RULE,
      `Unexpected old partial name \`${called}\`, expected \`${name}\``,
      `Call it \`{{> ${name}}}\`: partials are named after their file in \`${this.check.folder}/\`. The old name still works for now.`,
    );
    return name;
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
    if (node.type === 'PathExpression') return this.paths.lookup(node as hbs.AST.PathExpression, scope, place);
    if (node.type === 'SubExpression') {
      const sub = node as hbs.AST.SubExpression;
      const helper = helperName(sub.path, scope);
      if (helper === null || !VALUE_HELPERS.has(helper)) this.problems.report(sub.path, place, `Unknown helper \`${sub.path.original}\` in a subexpression`, HELPERS_HINT);
      this.arguments(sub, scope, place);
      return { shape: { kind: 'open' }, label: `(${sub.path.original})` };
    }
    return { shape: node.type === 'BooleanLiteral' ? { kind: 'flag' } : { kind: 'text' }, label: 'a literal' };
  }
}
