import { closestMatch } from '../../diagnostics/suggest.js';
import { type GroupShape, describeShape } from '../view-shape.js';
import type { TemplateProblems } from './template-problems.js';
import { type Frame, type Place, type Resolved, type Scope, isScoped } from './walk-context.js';

const EACH_DATA = new Set(['index', 'key', 'first', 'last']);

/**
 * Resolves the paths templates name (`impact.metrics`, `../title`, `@root.x`,
 * a block parameter) against the view's shape, reporting the first part that
 * does not exist, or that may be null where nothing has tested it.
 */
export class PathResolver {
  constructor(
    private readonly root: Frame,
    /** Where the view's fields are listed, for hints. */
    private readonly fieldsHint: string,
    private readonly problems: TemplateProblems,
  ) {}

  /** Resolves a path to the shape it names, reporting the first part that does not exist. */
  lookup(path: hbs.AST.PathExpression, scope: Scope, place: Place): Resolved | undefined {
    const parts = [...path.parts];
    let current: Resolved;
    if (path.data) {
      const name = parts.shift() ?? '';
      if (name === 'root') current = { shape: this.root.shape, label: this.root.label };
      else if (EACH_DATA.has(name)) {
        if (!scope.inEach) {
          this.problems.report(path, place, `Unexpected \`@${name}\` outside \`{{#each}}\``, `\`@${name}\` is only defined inside \`{{#each}}\`.`);
          return undefined;
        }
        current = { shape: name === 'first' || name === 'last' ? { kind: 'flag' } : { kind: 'text' }, label: `@${name}` };
      } else {
        this.problems.report(path, place, `Unknown data variable \`@${name}\``, 'Templates can use `@root`, and inside `{{#each}}` `@index`, `@key`, `@first` and `@last`.');
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
          this.problems.report(path, place, `Unexpected \`${path.original}\`: \`../\` climbs above ${this.root.label}`, 'Each `../` leaves one `{{#each}}` or `{{#with}}`; use `@root.` to start from the top.');
          return undefined;
        }
        current = { shape: frame.shape, label: frame.label };
      }
    }
    for (const part of parts) {
      if ('nullable' in current.shape && current.shape.nullable && !scope.present.has(current.label)) {
        this.problems.report(
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
      this.problems.report(path, place, `Unexpected \`${name}\` in \`${path.original}\`: a JavaScript built-in, not a field`, this.fieldsHint);
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
    this.problems.report(path, place, `Unexpected \`${name}\` in \`${path.original}\`: \`${parent.label}\` is ${describeShape(shape)}, with no fields`, this.fieldsHint);
    return undefined;
  }

  private unknownField(shape: GroupShape, label: string, name: string, path: hbs.AST.PathExpression, place: Place): void {
    const guess = closestMatch(name, Object.keys(shape.fields));
    const where = label === this.root.label ? this.root.label : `\`${label}\``;
    this.problems.report(path, place, `Unknown field \`${name}\` in ${where}${guess ? `; did you mean \`${guess}\`?` : ''}`, this.fieldsHint);
  }
}
