import type { LockRefusal } from '../authoring/file-lock.js';
import type { RuleId } from '../diagnostics/rules.js';
import { type WriteProblem, errorCode, unwritableHint } from '../output/write-problem.js';
import { MANIFEST_NAME } from './manifest.js';
import type { SiteFile } from './target.js';

/** What `publish` says about the files of a site it syncs, one constructor per situation. */

/** The rules a site sync can break. */
export type PublishRule = Extract<RuleId, 'output-unwritable' | 'output-symlink' | 'publish-not-ours' | 'publish-manifest-invalid' | 'publish-manifest-outside' | 'publish-page-edited'>;

/** A problem with one file of the site (or the manifest itself, `path` = MANIFEST_NAME). */
export interface SyncProblem {
  rule: PublishRule;
  path: string;
  severity: 'error' | 'warning';
  message: string;
  hint: string;
}

/** The site's lock is held by another run for too long, or cannot be taken. */
export function notLocked(refusal: LockRefusal): SyncProblem {
  return { rule: 'output-unwritable', path: `${MANIFEST_NAME}.lock`, severity: 'error', message: refusal.message, hint: refusal.hint };
}

/** Another run took the lock over while this one was planning: it writes nothing. */
export function lockLost(message: string): SyncProblem {
  return { rule: 'output-unwritable', path: MANIFEST_NAME, severity: 'error', message: `Did not write the site: ${message}`, hint: 'Publish again once the other run has finished.' };
}

/** A manifest entry that is absolute, has `..`, or leads out of the folder through a link. */
export function entryOutside(path: string): SyncProblem {
  return {
    rule: 'publish-manifest-outside',
    path: MANIFEST_NAME,
    severity: 'warning',
    message: `Ignored the manifest entry \`${path}\`: it points outside the output folder`,
    hint: 'Publish only ever deletes files inside its output folder that it wrote; remove that entry from the manifest.',
  };
}

/** A page this run would write was changed by hand since publish wrote it. */
export function pageEdited(file: SiteFile): SyncProblem {
  return {
    rule: 'publish-page-edited',
    path: file.path,
    severity: 'error',
    message: `Did not update ${file.path}${file.source ? ` (the page of \`${file.source.id}\`)` : ''}: it was edited since publish wrote it`,
    hint: 'Move the changes into the incident file (or a template), then publish with --force to overwrite the page.',
  };
}

/** A page no longer published, which would be deleted, was changed by hand since publish wrote it. */
export function retiredPageEdited(path: string): SyncProblem {
  return {
    rule: 'publish-page-edited',
    path,
    severity: 'warning',
    message: `Left ${path} in place: it is no longer published, but it was changed since publish wrote it`,
    hint: 'Delete it yourself if the changes are not needed (or publish with --force); publish has stopped tracking it.',
  };
}

/** A file of the site that publish did not write is where this run would write a page. */
export function notOurs(file: SiteFile): SyncProblem {
  if (file.siteMayOwn) {
    return {
      rule: 'publish-not-ours',
      path: file.path,
      severity: 'warning',
      message: `Left the site's own ${file.path} as it is: publish did not write it, so its navigation page is not written`,
      hint: 'Link the report page from it, or delete it to have publish write one listing every incident.',
    };
  }
  return {
    rule: 'publish-not-ours',
    path: file.path,
    severity: 'error',
    message: `Will not overwrite ${file.path}: the output folder already has this file and publish did not write it`,
    hint: `Move or rename your file; publish never changes files its manifest (${MANIFEST_NAME}) does not list.`,
  };
}

/** A page or the manifest could not be written (see OutputFolder's problems). */
export function notWritten(path: string, problem: WriteProblem): SyncProblem {
  return { ...problem, path, severity: 'error' };
}

/** The manifest is not JSON publish wrote, or not even a regular file (a named pipe, a huge file). */
export function invalidManifest(): SyncProblem {
  return {
    rule: 'publish-manifest-invalid',
    path: MANIFEST_NAME,
    severity: 'error',
    message: `Cannot read ${MANIFEST_NAME}: it is not a manifest publish wrote; nothing was written`,
    hint: 'Restore it from version control, or delete it and the pages publish wrote, then publish again.',
  };
}

/** A file could not be written or deleted, with the system's error code. */
export function unwritable(path: string, error: unknown): SyncProblem {
  const code = errorCode(error);
  return { rule: 'output-unwritable', path, severity: 'error', message: `Cannot write ${path}: ${code}`, hint: unwritableHint(code) };
}
