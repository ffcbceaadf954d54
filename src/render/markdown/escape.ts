/**
 * Escaping for text that must come out literally: ids, names, titles and
 * other plain strings from incident files. Line breaks become spaces; every
 * character that can start inline markup anywhere is backslash-escaped (`|`
 * for table cells, `~` because GitHub strikes through single tildes), and so
 * is anything at the start that could open a block (`>`, `-`, `1.`…); `#`
 * everywhere, since a trailing one would close an ATX heading.
 * The result is safe in a paragraph, heading, list item, link text or table
 * cell, with as few escapes as possible: escapes cost parsing time later.
 */
export function literal(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>&|~#]/g, '\\$&')
    .replace(/^(\s*)([>+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * A link destination: parentheses, angle brackets and backslashes escaped;
 * white space and `|` percent-encoded (a `|` would split a table cell).
 */
export function linkDestination(url: string): string {
  return url.replace(/[()<>\\\s|]/g, (c) => (/[\s|]/.test(c) ? encodeURIComponent(c) : `\\${c}`));
}

/** `[text](url)` with both parts escaped. */
export function link(text: string, url: string): string {
  return `[${literal(text)}](${linkDestination(url)})`;
}

/** Text for a Mermaid label in double quotes: only our own strings reach it, but stay safe anyway. */
export function mermaidLabel(text: string): string {
  return text.replace(/["#<>]/g, (c) => `#${c.charCodeAt(0)};`);
}
