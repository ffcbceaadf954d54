/**
 * How deep the slow tests go. `npm test` runs every test and every assertion,
 * the slow ones at a representative depth (a few kills per command, fewer
 * random cases, a lighter load); POSTMORTEM_TEST_DEPTH=thorough, which
 * `.ci/run` sets on its first run, takes each to full depth. A module of its
 * own, so that a test needing only this loads nothing else.
 */
export const THOROUGH = process.env.POSTMORTEM_TEST_DEPTH === 'thorough';

/** `quick` under `npm test`, `thorough` under POSTMORTEM_TEST_DEPTH=thorough. */
export function byDepth<T>(quick: T, thorough: T): T {
  return THOROUGH ? thorough : quick;
}
