import type { PublishTargetName, PublishTarget } from './target.js';

/** Each target in a module of its own, loaded only when chosen: the html target's rehype stack and Docusaurus' slugify (which builds its transliteration pattern when loaded) are not every run's cost. */
const TARGETS: Record<PublishTargetName, () => Promise<PublishTarget>> = {
  mkdocs: async () => (await import('./mkdocs.js')).mkdocsTarget,
  docusaurus: async () => (await import('./docusaurus.js')).docusaurusTarget,
  vitepress: async () => (await import('./vitepress.js')).vitepressTarget,
  'github-wiki': async () => (await import('./github-wiki.js')).githubWikiTarget,
  hugo: async () => (await import('./hugo.js')).hugoTarget,
  jekyll: async () => (await import('./jekyll.js')).jekyllTarget,
  html: async () => (await import('./html.js')).htmlTarget,
};

export function targetFor(name: PublishTargetName): Promise<PublishTarget> {
  return TARGETS[name]();
}
