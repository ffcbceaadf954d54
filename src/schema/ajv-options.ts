import type { Options } from 'ajv';

/**
 * How our schemas are compiled: every error (not just the first), with the
 * failing data and schema attached so messages can quote them. Shared by the
 * ahead-of-time compilation and the test that checks it is up to date.
 */
export const AJV_OPTIONS: Options = {
  allErrors: true,
  strict: false,
  verbose: true,
  // YAML writes numbers JSON cannot (`.nan`, `.inf`, and 1e400, too large to hold, read as infinity):
  // a number in an incident or the configuration is a finite one.
  strictNumbers: true,
  code: { source: true, esm: true, lines: true },
};
