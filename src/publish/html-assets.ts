import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/**
 * Mermaid's self-contained browser bundle (an IIFE that sets a global
 * `mermaid`), copied into the package's `dist/assets/` at build time from the
 * `mermaid` dev dependency (see scripts/bundle.mjs), with its licence beside it.
 */
export function mermaidBundlePath(): string {
  const path = join(PACKAGE_ROOT, 'dist', 'assets', 'mermaid.min.js');
  if (!existsSync(path)) throw new Error(`cannot find ${path}: run \`npm run build\`, which copies it from the mermaid package`);
  return path;
}

let bundle: Buffer | undefined;

/** The bundle's bytes (UTF-8, 3.5 MB: never decoded unless written, see SiteFile). Read once per process. */
export function mermaidBundle(): Buffer {
  bundle ??= readFileSync(mermaidBundlePath());
  return bundle;
}

/**
 * Ours: turns each `pre > code.language-mermaid` (the html target) and each
 * `pre.postmortem-mermaid > code` (the mkdocs target's superfences fence)
 * into a `pre` holding the diagram's text (as text, never markup) and draws
 * them, in strict mode and a theme that follows the reader's colour scheme.
 * The html target's blocks become `pre.mermaid`; the mkdocs ones keep the
 * class `postmortem-mermaid`, because mkdocs-material handles `pre.mermaid`
 * itself (with the mermaid 8 API, fetched from unpkg.com).
 */
export const MERMAID_INIT = `(function () {
  'use strict';
  var blocks = document.querySelectorAll('pre > code.language-mermaid, pre.postmortem-mermaid > code');
  var figures = [];
  for (var i = 0; i < blocks.length; i++) {
    var code = blocks[i];
    var block = code.parentNode;
    var figure = document.createElement('pre');
    figure.className = block.classList.contains('postmortem-mermaid') ? 'postmortem-mermaid' : 'mermaid';
    figure.textContent = code.textContent;
    block.replaceWith(figure);
    figures.push(figure);
  }
  if (figures.length === 0) return;
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'default' });
  mermaid.run({ nodes: figures });
})();
`;

/** A small readable stylesheet: system fonts, a measure, bordered zebra tables, light and dark. */
export const STYLESHEET = `:root {
  color-scheme: light dark;
  --text: #1f2328;
  --muted: #59636e;
  --background: #ffffff;
  --surface: #f6f8fa;
  --border: #d1d9e0;
  --link: #0969da;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6edf3;
    --muted: #9198a1;
    --background: #0d1117;
    --surface: #151b23;
    --border: #3d444d;
    --link: #4493f8;
  }
}
* { box-sizing: border-box; }
html { background: var(--background); color: var(--text); }
body {
  margin: 0 auto;
  max-width: 60rem;
  padding: 1rem 1.5rem 3rem;
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
header nav { display: flex; gap: 1.25rem; padding: 0.5rem 0 0.75rem; border-bottom: 1px solid var(--border); margin-bottom: 1.5rem; }
header nav a { font-weight: 600; }
a { color: var(--link); }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.75rem 0 0.75rem; }
h1 { font-size: 2rem; margin-top: 0.5rem; }
h2 { font-size: 1.5rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--border); }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--border); padding: 0.4rem 0.75rem; text-align: left; vertical-align: top; }
th { background: var(--surface); }
tbody tr:nth-child(even) { background: var(--surface); }
code { font: 0.9em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; background: var(--surface); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--surface); border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem 1rem; overflow-x: auto; }
pre code { background: none; padding: 0; }
pre.mermaid { background: none; border: none; text-align: center; }
pre.mermaid svg { max-width: 100%; height: auto; }
blockquote { margin: 1rem 0; padding: 0 1rem; color: var(--muted); border-left: 4px solid var(--border); }
img { max-width: 100%; }
`;
