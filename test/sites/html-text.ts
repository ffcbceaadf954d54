import { readdirSync } from 'node:fs';
import { join } from 'node:path';

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
