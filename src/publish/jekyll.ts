import { dayValue, frontMatter } from './front-matter.js';
import { printKramdown } from './kramdown.js';
import { INDEX_TITLE, REPORT_TITLE, indexPageTree, relativeHref } from './site-markdown.js';
import type { PublishTarget } from './target.js';


/**
 * Every page's URL is its place in the source with `.html`, whatever the
 * site's own `permalink` style, so the relative `.html` links between pages
 * hold wherever the folder sits in the site.
 */
const PERMALINK = '/:path/:basename:output_ext';

/**
 * Jekyll (kramdown, theme minima): `<id>.md` with front matter (`layout`,
 * `title`, `date`, `tags`, `description`, `permalink`), `index.md` and
 * `report.md`, and no navigation file: minima's header lists every page
 * with a title. `render_with_liquid: false` on every page, so `{{ }}` and
 * `{% %}` in incident text are shown, never run. minima prints the title
 * escaped as the page's heading, so the postmortem's own level-1 heading is
 * left out. Mermaid stays a ```mermaid fence (`<pre><code class="language-mermaid">`).
 */
export const jekyllTarget: PublishTarget = {
  name: 'jekyll',
  incidentPage: (id) => `${id}.md`,
  reportPage: 'report.md',
  href: (from, to) => htmlHref(from, to),

  incidentText(incident, postmortem) {
    const fields = {
      layout: 'post',
      title: incident.title,
      date: dayValue(incident.date),
      tags: incident.tags,
      description: incident.description,
      permalink: PERMALINK,
      render_with_liquid: false,
    };
    return `${frontMatter(fields, 'escaped-by-theme')}\n${printKramdown(postmortem.tree, { dropTitle: true })}`;
  },

  reportText(report) {
    return `${frontMatter({ layout: 'page', title: REPORT_TITLE, permalink: PERMALINK, render_with_liquid: false }, 'escaped-by-theme')}\n${printKramdown(report.tree(), { dropTitle: true })}`;
  },

  siteFiles(incidents, context) {
    const index = 'index.md';
    return [{ path: index, content: `${frontMatter({ layout: 'page', title: INDEX_TITLE, permalink: PERMALINK, render_with_liquid: false }, 'escaped-by-theme')}\n${printKramdown(indexPageTree(this, index, incidents, context), { dropTitle: true })}` }];
  },
};

/** The built page's address relative to another's: `.md` becomes `.html`, as Jekyll writes it under PERMALINK. */
function htmlHref(from: string, to: string): string {
  const html = (page: string) => page.replace(/\.md$/, '.html');
  return relativeHref(html(from), html(to));
}
