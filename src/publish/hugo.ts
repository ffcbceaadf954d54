import { posix } from 'node:path';
import type { Root, Text } from 'mdast';
import type { Handle } from 'mdast-util-to-markdown';
import { markdownProcessor } from '../render/markdown/processor.js';
import { dayValue, frontMatter } from './front-matter.js';
import { mapTree } from './map-tree.js';
import { INDEX_TITLE, REPORT_TITLE, indexPageTree, withoutTitle } from './site-markdown.js';
import type { PublishTarget } from './target.js';

export const HUGO_INDEX = '_index.md';

/**
 * In text every `{` is escaped. Hugo reads `{{<` and `{{%` anywhere in a
 * page's content (code included) as a shortcode, before Markdown: an
 * unknown name fails the build, a `{{%` can swallow the rest of a code
 * block; and Goldmark reads a heading's trailing `{#id .class}` as its
 * attributes, dropping the text. A backslash before the `{` is a CommonMark
 * escape, and leaves no `{{<` for Hugo's lexer to see.
 */
const textHandler: Handle = (node: Text, _parent, state, info) => state.safe(node.value, info).replace(/\{/g, '\\{');

/** U+2060 WORD JOINER: invisible, and enough to keep Hugo from seeing `{{<` where no escape exists. */
const WORD_JOINER = '\u2060';

/**
 * Code has no escapes: a whole `{{< … >}}` or `{{% … %}}` becomes Hugo's
 * own comment form (a C comment just inside the delimiters), which Hugo
 * shows as the original; a
 * lone opener gets an invisible word joiner after its braces.
 */
export function escapeShortcodesInCode(value: string): string {
  let out = '';
  let rest = value;
  for (;;) {
    const at = rest.search(/\{\{[<%]/);
    if (at < 0) return out + rest;
    const kind = rest[at + 2]!;
    const close = kind === '<' ? '>}}' : '%}}';
    const end = rest.indexOf(close, at + 3);
    const next = rest.slice(at + 3).search(/\{\{[<%]/);
    if (end >= 0 && (next < 0 || at + 3 + next > end)) {
      out += `${rest.slice(0, at)}{{${kind}/*${rest.slice(at + 3, end)}*/${close}`;
      rest = rest.slice(end + 3);
    } else {
      out += `${rest.slice(0, at)}{{${WORD_JOINER}${kind}`;
      rest = rest.slice(at + 3);
    }
  }
}

// Settings, not a second `use(remarkStringify, …)`: see processor.ts.
const printer = markdownProcessor().data('settings', { handlers: { text: textHandler } });

/**
 * Our Markdown with every shortcode delimiter neutralised, so Hugo shows it
 * as written: in text (escaped), in code (see above), in link and image
 * addresses (a `{` is percent-encoded, which a browser reads as the same
 * address) and in link titles (a word joiner between the braces). With
 * `dropTitle`, a leading level-1 heading is left out.
 */
export function forHugo(markdown: string, options: { dropTitle?: boolean } = {}): string {
  return printHugo(markdownProcessor.parse(markdown), options);
}

/** `forHugo` of a tree (see `PostmortemTree`), which is left as it is. */
export function printHugo(tree: Root, options: { dropTitle?: boolean } = {}): string {
  const safe = mapTree(options.dropTitle ? withoutTitle(tree) : tree, (node) => {
    const copy = { ...node };
    if (copy.type === 'code' || copy.type === 'inlineCode') copy.value = escapeShortcodesInCode(copy.value);
    if ('url' in copy) copy.url = copy.url.replace(/\{/g, '%7B');
    if ('title' in copy && copy.title) copy.title = copy.title.replace(/\{(?=\{)/g, `{${WORD_JOINER}`);
    return copy;
  });
  return printer.stringify(safe);
}

/** The folder of the address Hugo gives a page of the section, relative to the section: `''` for `_index.md`, `<name>/` otherwise. */
function urlFolder(page: string): string {
  return page === HUGO_INDEX ? '' : `${posix.basename(page, '.md')}/`;
}

/**
 * Hugo: a content section. `<id>.md` with front matter (`title`, `date`,
 * `slug`, `tags`, `description`), `_index.md` as the section's list page,
 * `report.md`. Hugo serves `<id>.md` at `<section>/<id>/` and does not
 * rewrite `.md` links, so links are relative page addresses (`../<id>/`).
 * No weight: Hugo's default order (weight, then date, newest first) lists
 * incidents newest first, and adding an incident changes no other page.
 * Hugo's layouts print `.Title` as the page's heading, so the pages' own
 * level-1 headings are left out.
 */
export const hugoTarget: PublishTarget = {
  name: 'hugo',
  incidentPage: (id) => `${id}.md`,
  reportPage: 'report.md',
  href(from, to) {
    const relative = posix.relative(`/s/${urlFolder(from)}`, `/s/${urlFolder(to)}`);
    const path = relative === '' ? './' : `${relative}/`;
    return encodeURI(path).replace(/[#?]/g, (c) => encodeURIComponent(c));
  },

  incidentText(incident, postmortem) {
    // Hugo's templates print .Title through html/template, which escapes it.
    const fields = { title: incident.title, date: dayValue(incident.date), slug: incident.id, tags: incident.tags, description: incident.description };
    return `${frontMatter(fields, 'escaped-by-theme')}\n${printHugo(postmortem.tree, { dropTitle: true })}`;
  },

  reportText(report) {
    return `${frontMatter({ title: REPORT_TITLE, slug: 'report' }, 'escaped-by-theme')}\n${printHugo(report.tree(), { dropTitle: true })}`;
  },

  siteFiles(incidents, context) {
    return [{ path: HUGO_INDEX, content: `${frontMatter({ title: INDEX_TITLE }, 'escaped-by-theme')}\n${printHugo(indexPageTree(this, HUGO_INDEX, incidents, context), { dropTitle: true })}` }];
  },
};
