/**
 * The words the review checks look for, as data: the configuration adds and
 * removes blaming phrases by these strings, and the docs list them. A phrase
 * is words separated by spaces, matched as words in the prose (case,
 * apostrophes and dashes aside, as nlcst-search compares them), never
 * inside a longer word or inside code.
 */

/** What `postmortem new` writes where text must go: the placeholder-text check finds it until it is replaced. */
export const NEW_FILE_TEXT = 'To be written.';

/** Markers of text never written; matched only in capitals (`TODO`, not "a todo list"). */
export const PLACEHOLDER_MARKERS: readonly string[] = ['TODO', 'TBD', 'FIXME', 'XXX'];

/** Phrases of text never written, in any case; `???` (three or more question marks) is found apart. */
export const PLACEHOLDER_PHRASES: readonly string[] = [
  ...new Set(['to be written', 'lorem ipsum', NEW_FILE_TEXT.replace(/[.!]+$/, '').toLowerCase()]),
];

/** Wording that blames a person instead of describing the system (FORMAT.md's list). */
export const BLAMING_PHRASES: readonly string[] = [
  'human error',
  'should have',
  'failed to',
  'careless',
  'carelessly',
  'negligent',
  'negligence',
  'fault of',
  'blame',
  'blamed',
  'forgot to',
];

/**
 * Verbs that blame only with a person as their subject: "Sam broke the
 * build" does, "the build broke" does not. With a person named in `roles`
 * or `authors` before them they are reported like a blaming phrase.
 */
export const PERSON_BLAMING_PHRASES: readonly string[] = ['broke', 'caused', 'missed', 'ignored', 'overlooked', 'neglected', 'made a mistake', 'messed up'];
