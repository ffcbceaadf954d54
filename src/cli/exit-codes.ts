export const EXIT_OK = 0;
/** Some input is invalid (or, with --strict, has warnings). */
export const EXIT_INVALID = 1;
/** Bad usage, or a failure of the tool itself. */
export const EXIT_USAGE = 2;
/** Cancelled at a question (Ctrl-C, Escape): what a shell reports for a program Ctrl-C stopped (128 + SIGINT). */
export const EXIT_CANCELLED = 130;

/** A failure the user can fix by changing the command line. */
export class UsageError extends Error {
  override name = 'UsageError';
}
