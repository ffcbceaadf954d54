import type { CheckedIncident } from './check-incident.js';

/**
 * Ids name output files, so they must be unique across the files of one run.
 * The first file (in path order) keeps its id; each later one is an error
 * that points back at the first.
 */
export function checkUniqueIds(results: CheckedIncident[]): void {
  const first = new Map<string, CheckedIncident>();
  for (const result of results) {
    if (result.id === null) continue;
    const earlier = first.get(result.id);
    if (!earlier) {
      first.set(result.id, result);
      continue;
    }
    const position = result.idPosition ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
    result.diagnostics.push({
      file: result.file,
      ...position,
      severity: 'error',
      rule: 'duplicate-id',
      message: `Unexpected duplicate id \`${result.id}\`, expected each incident to have its own`,
      hint: 'Give this incident a different `id` (ids name the output files).',
      related: { file: earlier.file, ...(earlier.idPosition ?? {}), message: `\`${result.id}\` is first used here` },
    });
    result.incident = null;
  }
}
