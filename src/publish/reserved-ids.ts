import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import type { PublishTargetName } from './target.js';

/**
 * Per target, the names an incident id may not take, lowercase: the stem of
 * every file and folder the target writes itself at the top of the output
 * folder (`index`, `report`, `assets`, a wiki's `Home` and `_Sidebar`…),
 * and the names the site engine gives a meaning of its own (Docusaurus
 * takes `readme.md` as the folder's index, Hugo takes `index.md` as a leaf
 * bundle, a wiki shows `_Footer` under every page). An incident page of such
 * a name would replace that page, or be replaced by it on every run.
 * Compared without case: a wiki's page names, and the file systems of macOS
 * and Windows, do not tell `home` from `Home`.
 *
 * A table rather than a field of each target, so `validate` can read it
 * without loading the targets' renderers; a test derives the file names
 * from each target's real output and keeps this table in step.
 */
export const RESERVED_IDS: Readonly<Record<PublishTargetName, readonly string[]>> = {
  mkdocs: ['index', 'report', 'nav', 'assets'],
  docusaurus: ['index', 'report', '_category_', 'readme'],
  hugo: ['_index', 'report', 'index'],
  jekyll: ['index', 'report'],
  vitepress: ['index', 'report', 'sidebar'],
  'github-wiki': ['home', 'incident-report', '_sidebar', '_footer'],
  html: ['index', 'report', 'assets'],
};

/** The targets that reserve `id` (in the order of RESERVED_IDS), empty when none does. */
export function targetsReserving(id: string): PublishTargetName[] {
  const name = id.toLowerCase();
  return (Object.keys(RESERVED_IDS) as PublishTargetName[]).filter((target) => RESERVED_IDS[target].includes(name));
}

/**
 * Names reserved only in one output folder: Docusaurus takes a page named
 * like its folder (`postmortems/postmortems.md`) as the folder's index, as
 * it does `index.md`. Checked by `publish`, which knows the folder.
 */
export function reservedInFolder(target: PublishTargetName, folderName: string): string[] {
  return target === 'docusaurus' ? [folderName.toLowerCase()] : [];
}

/** The `reserved-id` problem of an incident whose id is reserved in this output folder, at its `id`; `null` when it is not. */
export function folderNameClash(claim: IdClaim, target: PublishTargetName, folderName: string, startDay: string): Diagnostic | null {
  if (!reservedInFolder(target, folderName).includes(claim.id.toLowerCase())) return null;
  return {
    file: claim.file,
    ...(claim.idPosition ?? { line: 1, column: 1, endLine: 1, endColumn: 1 }),
    severity: 'error',
    rule: 'reserved-id',
    message: `Unexpected id \`${claim.id}\`: ${target} takes a page named like its folder (\`${folderName}/${claim.id}.md\`) as the folder's index page`,
    hint: `Choose a different id, such as \`${startDay}-${claim.id}\`: the impact-start date and a few words.`,
  };
}

interface IdClaim {
  file: string;
  id: string;
  idPosition: Position | null;
}
