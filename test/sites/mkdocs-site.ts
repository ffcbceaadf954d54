import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, ROOT, runBinary, tempDir } from '../helpers.js';

/** Debian's mkdocs with mkdocs-material (`.ci/run` installs them). */
export const MKDOCS = '/usr/bin/mkdocs';

export interface MkdocsSite {
  /** The MkDocs project: mkdocs.yml, docs/ (the published folder is docs/postmortems) and, once built, site/. */
  project: string;
  /** `mkdocs build --strict`, as it ran. */
  build: SpawnSyncReturns<string>;
}

/**
 * The samples and the injection fixture published with `--target mkdocs`
 * into a new MkDocs project configured as the README says (nav.yml pasted
 * under `nav:`, the `postmortem-mermaid` fence, the two scripts), then built
 * with `mkdocs build --strict`. A missing engine fails: a site that was
 * never built proves nothing.
 */
export function buildMkdocsSite(): MkdocsSite {
  assert.ok(existsSync(MKDOCS), `${MKDOCS} is missing: install Debian's mkdocs and mkdocs-material (bash .ci/run does)`);
  const project = tempDir('postmortem-mkdocs-');
  cpSync(join(ROOT, 'incidents'), join(project, 'incidents'), { recursive: true });
  copyFileSync(join(FIXTURES, 'injection.yaml'), join(project, 'incidents', 'injection.yaml'));
  const published = runBinary(['publish', '--target', 'mkdocs', '--out', 'docs/postmortems', '--as-of', '2026-11-25'], project);
  assert.equal(published.code, 0, published.stdout + published.stderr);

  const nav = readFileSync(join(project, 'docs', 'postmortems', 'nav.yml'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => `  ${line}`);
  writeFileSync(
    join(project, 'mkdocs.yml'),
    [
      'site_name: Incidents',
      'theme:',
      '  name: material',
      '  font: false',
      // The tags plugin prints each page's tags, as HTML.
      'plugins:',
      '  - search',
      '  - tags',
      'markdown_extensions:',
      '  - tables',
      // Two extensions most mkdocs-material sites turn on, which read syntax in plain text.
      '  - attr_list',
      '  - pymdownx.emoji',
      // Extensions that make blocks or include files, which incident text must not reach.
      '  - admonition',
      '  - pymdownx.details',
      '  - pymdownx.snippets',
      '  - pymdownx.superfences:',
      '      custom_fences:',
      '        - name: mermaid',
      '          class: postmortem-mermaid',
      '          format: !!python/name:pymdownx.superfences.fence_code_format',
      'extra_javascript:',
      '  - postmortems/assets/mermaid.min.js',
      '  - postmortems/assets/mermaid-init.js',
      'nav:',
      '  - Home: index.md',
      ...nav,
      '',
    ].join('\n'),
  );
  mkdirSync(join(project, 'docs'), { recursive: true });
  writeFileSync(join(project, 'docs', 'index.md'), '# Home\n\nSee [the postmortems](postmortems/index.md).\n');
  return { project, build: spawnSync(MKDOCS, ['build', '--strict'], { cwd: project, encoding: 'utf8' }) };
}
