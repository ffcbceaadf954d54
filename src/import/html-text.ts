import { decodeNamedCharacterReference } from 'decode-named-character-reference';

/**
 * Text a source writes as HTML (a status page update's body) as plain
 * Markdown: line breaks and paragraphs become lines, links become Markdown
 * links, bold and italic their Markdown marks, list items `- ` lines; any
 * other tag is dropped and entities are decoded. Never HTML in, never HTML
 * out: the postmortem escapes text for its own dialect.
 */
export function htmlToMarkdown(html: string): string {
  const text = html
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    // A block starts and ends a paragraph: `Intro<p>Para</p>` is two of them, not "IntroPara".
    .replace(/<\/?(p|div|h[1-6]|ul|ol|blockquote)\b[^>]*>/gi, '\n\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a\s*>/gi, (_all, double?: string, single?: string, label = '') => link(decodeEntities(double ?? single ?? ''), label))
    .replace(/<\/?(strong|b)\s*>/gi, '**')
    .replace(/<\/?(em|i)\s*>/gi, '*')
    // Only what HTML reads as a tag: a `<` before anything else is text (`p99 < 200ms; we saw > 2s`).
    .replace(TAG, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A start or end tag, a comment or a declaration: `<` then a letter, `/` and a letter, `!` or `?`. */
const TAG = /<(?:\/?[a-z][^>]*|[!?][^>]*)>/gi;

function link(address: string, label: string): string {
  const text = label.replace(TAG, '').trim();
  if (!/^https?:\/\//i.test(address)) return text;
  return text === '' || text === address ? `<${address}>` : `[${text}](${address})`;
}

/** `&amp;`, `&rsquo;`, `&#39;`, `&#x2014;`: the characters they stand for (HTML's names, case as written); an unknown entity stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]*);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : entity;
    }
    return decodeNamedCharacterReference(name) || entity;
  });
}
