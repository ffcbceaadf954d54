import { docusaurusTarget } from './docusaurus.js';
import { githubWikiTarget } from './github-wiki.js';
import { htmlTarget } from './html.js';
import { hugoTarget } from './hugo.js';
import { jekyllTarget } from './jekyll.js';
import { mkdocsTarget } from './mkdocs.js';
import { vitepressTarget } from './vitepress.js';
import type { PublishTargetName, PublishTarget } from './target.js';

const TARGETS: Record<PublishTargetName, PublishTarget> = {
  mkdocs: mkdocsTarget,
  docusaurus: docusaurusTarget,
  vitepress: vitepressTarget,
  'github-wiki': githubWikiTarget,
  hugo: hugoTarget,
  jekyll: jekyllTarget,
  html: htmlTarget,
};

export function targetFor(name: PublishTargetName): PublishTarget {
  return TARGETS[name];
}
