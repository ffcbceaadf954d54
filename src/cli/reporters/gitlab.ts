import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { visibleControls } from '../../diagnostics/quote.js';

/**
 * One finding of a GitLab Code Quality report: the subset of the Code
 * Climate issue format GitLab reads (`artifacts: reports: codequality:`).
 * GitLab matches findings across pipelines by `fingerprint` to tell new
 * problems from fixed ones in a merge request.
 */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/** The whole report: a JSON array, `[]` when there is no problem. */
export function formatGitlab(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(gitlabIssues(diagnostics), null, 2)}\n`;
}

/**
 * The findings for `diagnostics`. The fingerprint is a SHA-256 of the
 * file, rule, message and line (no clock, no run-specific data), so the
 * same problem has the same fingerprint in every pipeline. Two identical
 * problems on one line (same rule and message) would share it, and GitLab
 * would show one: the second gets its rank in the batch hashed in too.
 */
export function gitlabIssues(diagnostics: readonly Diagnostic[]): CodeQualityIssue[] {
  const seen = new Map<string, number>();
  return diagnostics.map((d) => {
    const key = JSON.stringify([d.file, d.rule, d.message, d.line]);
    const rank = seen.get(key) ?? 0;
    seen.set(key, rank + 1);
    return {
      // Shown in GitLab's pages: the text is made inert as in a terminal (bidirectional overrides…); the path is kept as it is, to match the file.
      description: `${visibleControls(d.message)} [${d.rule}]`,
      check_name: d.rule,
      fingerprint: sha256(rank === 0 ? key : `${key}#${rank}`),
      severity: d.severity === 'error' ? 'major' : 'minor',
      location: { path: d.file, lines: { begin: d.line } },
    };
  });
}

/** Taken from `node:crypto` when first needed: loading it is a noticeable part of start-up, and most runs never hash. */
function sha256(text: string): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}
