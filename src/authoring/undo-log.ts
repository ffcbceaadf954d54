import type { TextEdit } from './edit-incident.js';
import { type LastLog, reverse, textHash } from './last-log.js';

/**
 * The change `undo` makes: the text as it was before the remembered `log`
 * (or `resolve`), made only while the file is exactly as that log left it.
 * A pure function of the text, so it is checked again under the file's lock.
 */
export function undoLastLog(entry: LastLog, shown: string): TextEdit<LastLog> {
  return (text) => {
    if (textHash(text) !== entry.sha256) {
      return {
        ok: false,
        input: true,
        message: `${shown} has changed since the last \`log\` into it (the ${entry.kind} at ${entry.at}), so undo cannot tell what that log added any more`,
        hint: 'undo takes back only the last `log` or `resolve`, into a file nothing has changed since; change the file by hand, or with `postmortem amend`.',
      };
    }
    return { ok: true, text: reverse(text, entry), result: entry };
  };
}
