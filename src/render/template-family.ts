import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { OutputChunk, TokenStore } from './output-chunk.js';
import type { FamilyLayout } from './template-sources.js';
import { type PostmortemView, POSTMORTEM_VIEW_SHAPE } from './view.js';
import type { ViewShape } from './view-shape.js';

/**
 * Which templates there are and where they are found, without Handlebars:
 * what a run needs to know about its templates before (and unless) it
 * renders anything (see templates.ts for loading them).
 */

/** The built-in templates, shipped beside `dist/` and `src/`: a folder per family (`postmortem/`, `report/`). */
export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates');
export const MAIN_TEMPLATE = 'postmortem';

export interface TemplateSet<View = PostmortemView> {
  /** Where each template came from, by name (`timeline`, or the report's `totals`). */
  sources: Record<string, string>;
  /** Throws TemplateRenderError, positioned in the template, when a template fails on this view. */
  render(view: View): string;
  /**
   * `render`'s text in chunks, for output too long to hold whole: the rows of
   * an `{{#each}}` over a deferred list (deferred-list.ts) are rendered as
   * the chunks are read, and a row that fails then throws TemplateRenderError
   * from the reading. Each such row is followed by a mark that releases its
   * tokens from `tokens` once it has been printed (deferred-each.ts).
   */
  renderInChunks(view: View, tokens?: TokenStore): Iterable<OutputChunk>;
}

/** The folders that override built-in templates: the ones given, else the configured one, else none. */
export function templateFolders(config: { templates: string | null }, given?: readonly string[]): string[] {
  return [...(given ?? (config.templates ? [config.templates] : []))];
}

/**
 * Loaded templates and their warnings (`template-layout`: a file in the old
 * flat layout, still used), or every problem, errors first, when they
 * cannot be used.
 */
export type TemplateResult<View = PostmortemView> = { ok: true; templates: TemplateSet<View>; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * One set of templates: its main template, its folder (in the built-in
 * templates and in a user's templates folder), and the view its templates
 * receive. Each family sees only its own files, so a broken `report.hbs`
 * never stops postmortems from building.
 */
export interface TemplateFamily extends FamilyLayout {
  /** The fields the templates can use, as checked before rendering. */
  shape: ViewShape;
  /** The view's name in messages: `PostmortemView`. */
  viewName: string;
  /** The hint of a template that names a field the view does not have: where the fields are listed, in documentation that ships. */
  fieldsHint: string;
}

/** In the old flat layout, the report's templates were `report.hbs` and `report-*.hbs`, beside the postmortem's. */
export function isFlatReportTemplate(name: string): boolean {
  return name === 'report' || name.startsWith('report-');
}

/** Where template authors find the fields: shipped in the package (templates/README.md), generated from the views' shapes. */
export const FIELDS_DOC = 'templates/README.md';

export const POSTMORTEM_TEMPLATES: TemplateFamily = {
  main: MAIN_TEMPLATE,
  folder: 'postmortem',
  ownsFlat: (name) => !isFlatReportTemplate(name),
  oldPrefix: '',
  shape: POSTMORTEM_VIEW_SHAPE,
  viewName: 'PostmortemView',
  fieldsHint: `The fields a postmortem template can use are listed in ${FIELDS_DOC}, in the package's templates folder (PostmortemView).`,
};
