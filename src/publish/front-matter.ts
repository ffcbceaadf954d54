import { stringify } from 'yaml';

export type FrontMatterValue = string | number | boolean | Date | readonly string[] | { readonly [key: string]: FrontMatterValue };

/**
 * YAML front matter, `---` fenced. Emitted by the `yaml` library as YAML 1.1,
 * so text a 1.1 reader (PyYAML in MkDocs, Ruby's in Jekyll) would take for a
 * boolean or a date (`yes`, `on`, `2022-10-25`) is quoted, and quotes and
 * colons in titles are always safe. A `Date` is written as a plain day.
 */
export function frontMatter(fields: Record<string, FrontMatterValue>): string {
  return `---\n${stringify(fields, { version: '1.1', lineWidth: 0 })}---\n`;
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
