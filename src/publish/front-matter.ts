import { stringify } from 'yaml';
import { escapeHtml } from './html-page.js';

export type FrontMatterValue = string | number | boolean | Date | readonly string[] | { readonly [key: string]: FrontMatterValue };

/**
 * What a theme does with front-matter text, and so what the writer must do
 * to every string in it (incident text reaches titles, descriptions and
 * tags) for it to reach the reader as text:
 * - `escaped-by-theme`: the engine escapes it where it prints it (Hugo's
 *   html/template, Jekyll's minima and jekyll-seo-tag): written as it is;
 * - `html`: printed as HTML, unescaped (mkdocs-material puts `title` in the
 *   head and the navigation, `description` in a `<meta content="…">`
 *   attribute, and the tags plugin's `tags` in the page): escaped for HTML
 *   content and double-quoted attributes, so the reader sees the characters;
 * - `script-data`: put into a `<script>` as data (VitePress's page data,
 *   Docusaurus's JSON-LD): see `scriptDataSafe`. (VitePress also prints
 *   `description` into an attribute unescaped: vitepress.ts escapes that one
 *   field for HTML first.)
 */
export type FrontMatterText = 'escaped-by-theme' | 'html' | 'script-data';

const ENCODERS: Record<FrontMatterText, (value: string) => string> = {
  'escaped-by-theme': (value) => value,
  html: escapeHtml,
  'script-data': scriptDataSafe,
};

/**
 * YAML front matter, `---` fenced, every string in it encoded for how the
 * theme prints it (`text`). Emitted by the `yaml` library as YAML 1.1,
 * so text a 1.1 reader (PyYAML in MkDocs, Ruby's in Jekyll) would take for a
 * boolean or a date (`yes`, `on`, `2022-10-25`) is quoted, and quotes and
 * colons in titles are always safe. A `Date` is written as a plain day.
 */
export function frontMatter(fields: Record<string, FrontMatterValue>, text: FrontMatterText): string {
  const encoded = encodeStrings(fields, ENCODERS[text]) as Record<string, FrontMatterValue>;
  return `---\n${stringify(encoded, { version: '1.1', lineWidth: 0 })}---\n`;
}

function encodeStrings(value: FrontMatterValue, encode: (value: string) => string): FrontMatterValue {
  if (typeof value === 'string') return encode(value);
  if (Array.isArray(value)) return value.map((item: string) => encode(item));
  if (typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, encodeStrings(inner, encode)]));
  }
  return value;
}

/** `YYYY-MM-DD` as a date value, so front matter carries a real date (written `2022-10-25`). */
export function dayValue(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/**
 * A front-matter string safe to be put into a `<script>` element as data,
 * as VitePress (its page data) and Docusaurus (its breadcrumbs' JSON-LD)
 * do without escaping: `</script` would end the element and let what
 * follows run as HTML, `<!--` could make it swallow the page. A word joiner
 * (U+2060, invisible) goes after the `<`.
 */
export function scriptDataSafe(value: string): string {
  return value.replace(/<(?=\/script|!--)/gi, '<\u2060');
}
