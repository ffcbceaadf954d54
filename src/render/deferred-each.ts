import type Handlebars from 'handlebars';
import { isDeferredList } from './deferred-list.js';
import type { OutputChunk, TokenStore } from './output-chunk.js';

type HandlebarsEnv = typeof Handlebars;

/** One `{{#each}}` over a deferred list, met while rendering: what it takes to render each of its rows later. */
interface Deferral<Template> {
  list: readonly unknown[];
  options: Handlebars.HelperOptions;
  /** The templates that were running, outermost first: a later error names them as if they still were. */
  running: readonly Template[];
}

/** The deferrals of one rendering, by the number in their placeholder. */
interface Rendering<Template> {
  deferrals: Deferral<Template>[];
  tokens: TokenStore | undefined;
}

// Private-use characters, as the Slots tokens are (which use U+E000 and U+E001).
const OPEN = '\uE002';
const CLOSE = '\uE003';
const PLACEHOLDER = /\uE002([0-9a-z]+)\uE003/g;

/**
 * `{{#each}}` over a deferred list (see deferred-list.ts), rendered as its
 * output is read instead of at once. While the template runs, the helper
 * leaves a placeholder where the rows go; `render` then returns the output
 * in chunks, each row rendered when the reader reaches it, through the same
 * block, with the same `@index`, `@first`, `@last`, `@key` and block
 * parameters Handlebars' own `each` gives. So a list of every incident is
 * never whole in memory, neither as rows nor as text, and its bytes are
 * those of the ordinary `each` (a test compares them).
 *
 * Rows rendered later fail later: the first row is also rendered while the
 * template runs, so a template that fails on every row fails at once,
 * before anything is written; a later error is thrown from the reading,
 * through `locate` with the templates that were running when the list was
 * met.
 */
export class DeferredEach<Template> {
  /** The templates running now, outermost first (each compiled template pushes itself while it runs). */
  running: Template[] = [];
  private current: Rendering<Template> | null = null;

  constructor(
    private readonly env: HandlebarsEnv,
    /** The error of a row that failed while its output was read, positioned as if `running` were still running. */
    private readonly locate: (error: unknown, running: readonly Template[]) => Error,
  ) {
    const each = env.helpers['each'] as Handlebars.HelperDelegate;
    const defer = (context: unknown, options: Handlebars.HelperOptions): string | null => this.defer(context, options);
    env.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
      return defer(context, options) ?? each.call(this, context, options);
    });
  }

  /** The placeholder for the rows of a non-empty deferred list met while rendering, after rendering its first row; else `null`. */
  private defer(context: unknown, options: Handlebars.HelperOptions): string | null {
    const rendering = this.current;
    if (rendering === null || !isDeferredList(context) || context.length === 0) return null;
    const deferral: Deferral<Template> = { list: context, options, running: [...this.running] };
    this.row(deferral, 0);
    return `${OPEN}${(rendering.deferrals.push(deferral) - 1).toString(36)}${CLOSE}`;
  }

  /**
   * Runs `template`, whose `{{#each}}` over deferred lists are rendered as
   * the chunks returned are read. With `tokens`, the tokens each such row
   * makes (its values) are released once the mark after its text says it
   * has been printed: they appear nowhere else.
   */
  render(template: () => string, tokens?: TokenStore): Iterable<OutputChunk> {
    const rendering: Rendering<Template> = { deferrals: [], tokens };
    const text = this.within(rendering, template);
    return rendering.deferrals.length === 0 ? [text] : this.expand(rendering, text);
  }

  private *expand(rendering: Rendering<Template>, text: string): Generator<OutputChunk> {
    const { tokens } = rendering;
    let last = 0;
    for (const match of text.matchAll(PLACEHOLDER)) {
      const deferral = rendering.deferrals[Number.parseInt(match[1]!, 36)];
      if (!deferral) continue;
      if (match.index > last) yield text.slice(last, match.index);
      for (let index = 0; index < deferral.list.length; index += 1) {
        const from = tokens?.count ?? 0;
        const row = this.laterRow(rendering, deferral, index);
        const to = tokens?.count ?? 0;
        yield* this.expand(rendering, row);
        if (tokens && to > from) yield { from, to, afterPrinted: () => tokens.release(from, to) };
      }
      last = match.index + match[0].length;
    }
    if (last < text.length) yield last === 0 ? text : text.slice(last);
  }

  private laterRow(rendering: Rendering<Template>, deferral: Deferral<Template>, index: number): string {
    const running = this.running;
    this.running = [...deferral.running];
    try {
      return this.within(rendering, () => this.row(deferral, index));
    } catch (error) {
      throw this.locate(error, deferral.running);
    } finally {
      this.running = running;
    }
  }

  /** What Handlebars' `each` renders for one item (see its helpers/each.js). */
  private row({ list, options }: Deferral<Template>, index: number): string {
    const item = list[index];
    const data = options.data ? Object.assign(this.env.createFrame(options.data), { key: index, index, first: index === 0, last: index === list.length - 1 }) : undefined;
    return options.fn(item, { data, blockParams: this.env.Utils.blockParams([item, index], [null, null]) });
  }

  private within<T>(rendering: Rendering<Template>, run: () => T): T {
    const outer = this.current;
    this.current = rendering;
    try {
      return run();
    } finally {
      this.current = outer;
    }
  }
}
