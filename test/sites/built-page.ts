import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import { FIXTURES } from '../helpers.js';

/**
 * What the site tests look for in built pages: the text a reader sees, and
 * markup that could only have come from incident text.
 */

/** The injection incident's title, as the reader must see it. */
export const INJECTION_TITLE = readFileSync(join(FIXTURES, 'injection.yaml'), 'utf8').match(/^title: "(.*)"$/m)![1]!.replace(/\\\\/g, '\\');

/** Syntax of every dialect in the injection incident that must show as written. */
export const LITERALS = [
  '<script>alert(1)</script>',
  '{{title}}',
  '{%raw%}',
  'svc | a # b',
  '{{ 1 + 1 }}',
  '{props.x}',
  '{/* comment */}',
  ':tada:',
  '[[toc]]',
  '{onclick=alert(1)}',
  ':::danger Not an admonition',
  '::leaf[directive]{#id} and :text[directive]{.class}',
  'Ends with attributes {.red #rid onclick=alert(1)}',
  // Quotes left out: Hugo and Jekyll make them typographic.
  'import Tabs from ',
  'export const leak = 1; {props.x}',
  '<Tabs><TabItem value=',
  '>tab</TabItem></Tabs>',
];

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text a reader sees in a built page: scripts and tags dropped,
 * character references decoded, and Hugo's invisible word joiner (written
 * after `{{` in code, see src/publish/hugo.ts) removed.
 */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, code: string) =>
      code.startsWith('#x')
        ? String.fromCodePoint(Number.parseInt(code.slice(2), 16))
        : code.startsWith('#')
          ? String.fromCodePoint(Number(code.slice(1)))
          : (NAMED[code] ?? entity),
    )
    .replace(/\u2060/g, '');
}

/** Every built HTML page below a folder. */
export function builtPages(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(folder, name));
}

/**
 * What in a built page could only have come from incident text, found in
 * the page parsed as a browser would (parse5): a script that is not one of
 * the engine's own (`allowed`, matched against the element's source), an
 * image, an event-handler attribute, a `javascript:`, `vbscript:` or
 * `data:` address.
 */
export function injectedMarkup(html: string, allowed: readonly RegExp[]): string[] {
  const found: string[] = [];
  visit(fromHtml(html), 'element', (element: Element) => {
    const source = element.position ? html.slice(element.position.start.offset, element.position.end.offset) : element.tagName;
    if (element.tagName === 'script' && !allowed.some((pattern) => pattern.test(source))) found.push(source.slice(0, 200));
    if (element.tagName === 'img') found.push(source.slice(0, 200));
    for (const [name, value] of Object.entries(element.properties)) {
      if (/^on/i.test(name)) found.push(`${element.tagName} ${name}`);
      if (typeof value === 'string' && /^\s*(?:javascript|vbscript|data):/i.test(value)) found.push(`${element.tagName} ${name}=${value}`);
    }
  });
  return found;
}
