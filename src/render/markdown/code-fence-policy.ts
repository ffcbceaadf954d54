import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Fence languages that docs engines draw, run or fetch for instead of
 * showing the code: diagrams (Mermaid everywhere; PlantUML, Graphviz, D2…
 * through common plugins), maps and models GitHub draws with tiles from the
 * network (geojson, topojson, stl), math, and Docusaurus's
 * `mdx-code-block`. Only the tool's own diagrams are drawn.
 */
const DRAWN_LANGUAGES = new Set([
  'mermaid',
  'plantuml',
  'puml',
  'graphviz',
  'dot',
  'd2',
  'kroki',
  'geojson',
  'topojson',
  'stl',
  'math',
  'latex',
  'katex',
  'vega',
  'vega-lite',
  'mdx-code-block',
]);

/** A fence language docs engines read as a name: anything else (`{.mermaid}`, `mermaid{…}`) carries options. */
const PLAIN_LANGUAGE = /^[\w#+.-]+$/;

/**
 * A code block in incident text stays a code block on every site: its
 * language is kept only when it is a plain name that no engine draws (a
 * `mermaid` fence is shown as text), and the rest of the info string is
 * dropped, since engines read options there too (superfences' `{.mermaid}`,
 * Docusaurus's `live`, which runs the code in the reader's browser).
 */
export function inertCodeFences(tree: Root): void {
  visit(tree, 'code', (node: Code) => {
    node.meta = null;
    if (!node.lang) return;
    const lower = node.lang.toLowerCase();
    const drawn = DRAWN_LANGUAGES.has(lower) || lower.startsWith('mermaid') || lower.startsWith('kroki');
    if (drawn || !PLAIN_LANGUAGE.test(node.lang)) node.lang = 'text';
  });
}
