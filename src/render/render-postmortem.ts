import type { Incident } from '../model/incident.js';
import { buildView } from './build-view.js';
import { markdownProcessor } from './markdown/processor.js';
import type { TemplateSet } from './templates.js';

/**
 * One incident to one postmortem: prepare the view, fill the templates, then
 * run the Markdown through remark (parse, our transforms, print with fixed
 * options) so that whatever the templates produced comes out normalised.
 */
export function renderPostmortem(incident: Incident, templates: TemplateSet): string {
  const view = buildView(incident);
  const markdown = templates.render(view);
  return normaliseMarkdown(markdown);
}

export function normaliseMarkdown(markdown: string): string {
  return String(markdownProcessor.processSync(markdown));
}
