import type { Root, RootContent, Text } from 'mdast';
import type { Handle } from 'mdast-util-to-markdown';
import { markdownProcessor } from '../render/markdown/processor.js';
import { dayValue, frontMatter } from './front-matter.js';
import { escapeHtml } from './html-page.js';
import { INDEX_TITLE, REPORT_TITLE, indexPageTree, relativeHref } from './site-markdown.js';
import type { PublishTarget, PublishedIncident, SiteContext } from './target.js';

const VITEPRESS_SIDEBAR = 'sidebar.json';

function isMermaid(node: RootContent): boolean {
  return node.type === 'code' && node.lang === 'mermaid';
}

/**
 * Characters VitePress's markdown-it plugins read in plain text where
 * CommonMark sees none: `{` starts markdown-it-attrs attributes (`{.x}`,
 * `{onclick=…}`), `:` and `;` start emoji (`:tada:`, `:)`, `;)`) and
 * `:` a linkified URL. A backslash escape is its own token, which those
 * plugins do not read, and VitePress prints it as the plain character.
 * `<<<` at the start of a line imports a file as a code block.
 */
const VITEPRESS_SYNTAX = /\{|:(?=\S)|;(?=[-)])|<(?=<<)/g;

const text: Handle = (node: Text, _parent, state, info) => state.safe(node.value, info).replace(VITEPRESS_SYNTAX, (character) => `\\${character}`);

// Settings, not a second `use(remarkStringify, …)`: see processor.ts.
const printer = markdownProcessor().data('settings', { handlers: { text } });

function print(children: RootContent[]): string {
  const root: Root = { type: 'root', children };
  return printer.stringify(root);
}

/**
 * Our Markdown as VitePress shows it literally. VitePress compiles every
 * page into a Vue template, so `{{ … }}` anywhere in text would be
 * evaluated: each run of blocks goes into a `v-pre` container, which Vue
 * leaves uncompiled. Mermaid fences stay outside, because
 * vitepress-plugin-mermaid turns them into a component that must compile
 * (it carries the diagram as an attribute, never as template text). The
 * container's fence is longer than any run of colons in the page, so no
 * line of incident text can close it.
 */
export function forVitePress(markdown: string): string {
  return printVitePress(printer.parse(markdown));
}

/** `forVitePress` of a tree (see `PostmortemTree`), which is left as it is. */
export function printVitePress(tree: Root): string {
  const pieces: { text: string; pre: boolean }[] = [];
  let run: RootContent[] = [];
  const flush = () => {
    if (run.length > 0) pieces.push({ text: print(run), pre: true });
    run = [];
  };
  for (const node of tree.children) {
    if (isMermaid(node)) {
      flush();
      pieces.push({ text: print([node]), pre: false });
    } else {
      run.push(node);
    }
  }
  flush();
  const longestColons = Math.max(0, ...pieces.flatMap((piece) => [...piece.text.matchAll(/:+/g)].map((match) => match[0].length)));
  const fence = ':'.repeat(Math.max(3, longestColons + 1));
  return pieces.map((piece) => (piece.pre ? `${fence} v-pre\n\n${piece.text}\n${fence}\n` : piece.text)).join('\n');
}

/**
 * VitePress replaces `<!-- @include: path -->` with the file's text before
 * it reads anything else, in code and front matter too: a word joiner
 * (U+2060, invisible) after the `@` leaves nothing for it to find.
 */
export function inertIncludes(page: string): string {
  return page.replace(/@(?=include:)/gi, '@\u2060');
}

/** VitePress reads the `title` front matter as inline Markdown: it is written escaped, as text. */
function titleField(title: string): string {
  return print([{ type: 'paragraph', children: [{ type: 'text', value: title }] }]).trim();
}

/**
 * VitePress: `<id>.md` with front matter (`title`, `description`, `date`,
 * `tags`), `index.md`, `report.md`, and `sidebar.json` for the site's
 * `themeConfig.sidebar`. VitePress resolves relative `.md` links itself,
 * under any `cleanUrls` setting. Mermaid fences are drawn by
 * vitepress-plugin-mermaid (see docs/publishing.md); without it they show as code.
 */
export const vitepressTarget: PublishTarget = {
  name: 'vitepress',
  incidentPage: (id) => `${id}.md`,
  reportPage: 'report.md',
  href: relativeHref,

  incidentText(incident, postmortem) {
    const fields = {
      title: titleField(incident.title),
      // VitePress 1.6 prints it into `<meta name="description" content="…">` unescaped.
      description: escapeHtml(incident.description),
      date: dayValue(incident.date),
      tags: incident.tags,
    };
    return inertIncludes(`${frontMatter(fields, 'script-data')}\n${printVitePress(postmortem.tree)}`);
  },

  reportText(report) {
    return inertIncludes(`${frontMatter({ title: REPORT_TITLE }, 'script-data')}\n${printVitePress(report.tree())}`);
  },

  siteFiles(incidents, context) {
    const index = 'index.md';
    return [
      { path: index, content: inertIncludes(`${frontMatter({ title: INDEX_TITLE }, 'script-data')}\n${printVitePress(indexPageTree(this, index, incidents, context))}`) },
      { path: VITEPRESS_SIDEBAR, content: sidebar(incidents, context, this) },
    ];
  },
};

/**
 * One sidebar group, the index as its link, the report and the incidents
 * newest first. Links are from the site root. VitePress puts an item's
 * text into the page as HTML (`v-html`), so titles are escaped.
 */
function sidebar(incidents: readonly PublishedIncident[], context: SiteContext, target: PublishTarget): string {
  const link = (page: string) => `/${context.sitePath}/${page.replace(/(?:^|\/)index\.md$/, '').replace(/\.md$/, '')}`;
  const group = {
    text: INDEX_TITLE,
    link: link('index.md'),
    items: [
      ...(context.hasReport ? [{ text: REPORT_TITLE, link: link(target.reportPage) }] : []),
      ...incidents.map((incident) => ({ text: escapeHtml(incident.title), link: link(target.incidentPage(incident.id)) })),
    ],
  };
  return `${JSON.stringify([group], null, 2)}\n`;
}
