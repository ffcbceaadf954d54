// The site the VitePress tests build, set up as the README tells users:
// the published folder's sidebar.json as the sidebar, and
// vitepress-plugin-mermaid to draw the diagrams.
import { defineConfig } from 'vitepress';
import { withMermaid } from 'vitepress-plugin-mermaid';
import postmortems from '../postmortems/sidebar.json' with { type: 'json' };

export default withMermaid(
  defineConfig({
    title: 'Incidents',
    themeConfig: { sidebar: postmortems },
    // As the README says: a class of our own, so Mermaid's own start-up pass never re-reads a drawn diagram.
    mermaidPlugin: { class: 'postmortem-mermaid' },
    mermaid: { securityLevel: 'strict' },
    // Mermaid's diagram code is one large chunk whatever the site; the limit only silences Vite's notice about it.
    vite: { build: { chunkSizeWarningLimit: 4096 } },
  }),
);
