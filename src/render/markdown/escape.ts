/**
 * Escaping for text that must come out literally: ids, names, titles and
 * other plain strings from incident files. Every ASCII punctuation character
 * is backslash-escaped (CommonMark allows that for all of them), and line
 * breaks become spaces, so the result is safe in a paragraph, heading, list
 * item, link text or table cell. The Markdown stage re-prints the document and
 * keeps only the escapes that are needed, so the output stays readable.
 */
export function literal(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A link destination: parentheses, angle brackets and backslashes escaped. */
export function linkDestination(url: string): string {
  return url.replace(/[()<>\\\s]/g, (c) => (/\s/.test(c) ? encodeURIComponent(c) : `\\${c}`));
}

/** `[text](url)` with both parts escaped. */
export function link(text: string, url: string): string {
  return `[${literal(text)}](${linkDestination(url)})`;
}

/** Text for a Mermaid label in double quotes: only our own strings reach it, but stay safe anyway. */
export function mermaidLabel(text: string): string {
  return text.replace(/["#<>]/g, (c) => `#${c.charCodeAt(0)};`);
}
