import { Scalar, isScalar, stringify } from 'yaml';
import { type EditProblem, contentEnd, lineEnding, lineStart, nextLineStart, parseForEdit, problem, spliceLines, topLevelPair } from './edit-text.js';

export type StatusChange = {
  ok: true;
  text: string;
  /** The status written before, or `null` when the file had none. */
  from: string | null;
  to: string;
  changed: boolean;
};

/**
 * Sets the top-level `status` by replacing only its value's text, so a
 * comment after it stays; a file without one gets a `status:` line after its
 * `title` (else its `id`, else at the top), where FORMAT.md's example has it.
 * A status listed in `keep` is left as it is.
 */
export function setStatus(text: string, status: string, options: { keep?: readonly string[] } = {}): StatusChange | EditProblem {
  const parsed = parseForEdit(text);
  if (!parsed.ok) return parsed;
  const written = stringify(new Scalar(status), { lineWidth: 0 }).trimEnd();
  const pair = topLevelPair(parsed.map, 'status');

  if (pair) {
    const value = pair.value;
    if (value !== null && !isScalar(value)) {
      return problem('The `status` is not a single value', 'Write it as `status: draft`, `review` or `final`.');
    }
    const current = value === null || value.value === null ? null : String(value.value);
    if (current === status || (current !== null && options.keep?.includes(current))) {
      return { ok: true, text, from: current, to: current ?? status, changed: false };
    }
    const range = value?.range;
    if (value && range && range[1] > range[0] && value.source !== '') {
      // A block scalar's text ends with its line break: keep the break.
      let end = range[1];
      if (text[end - 1] === '\n') end -= text[end - 2] === '\r' ? 2 : 1;
      // A comment after the value keeps its column (`status: draft   # …` lined up with the
      // comments around it) as long as at least one space is left before it.
      const gap = /^( +)#/.exec(text.slice(end))?.[1]?.length;
      const grow = written.length - (end - range[0]);
      if (gap !== undefined && gap - grow >= 1) end += Math.max(0, grow);
      const padding = gap !== undefined && grow < 0 ? ' '.repeat(-grow) : '';
      return { ok: true, text: `${text.slice(0, range[0])}${written}${padding}${text.slice(end)}`, from: current, to: status, changed: true };
    }
    // `status:` with nothing after it (perhaps a comment): the value goes right after the colon.
    const key = pair.key as Scalar;
    const colon = text.indexOf(':', key.range?.[1] ?? 0);
    return { ok: true, text: `${text.slice(0, colon + 1)} ${written}${text.slice(colon + 1)}`, from: current, to: status, changed: true };
  }

  const after = topLevelPair(parsed.map, 'title') ?? topLevelPair(parsed.map, 'id');
  const anchor = after ?? parsed.map.items[0];
  const keyStart = (anchor?.key as Scalar | undefined)?.range?.[0];
  if (!anchor || keyStart === undefined) {
    return problem('The file has no fields to put `status` next to', 'Start the incident with `postmortem new`, or add `id` and `title` first.');
  }
  const column = keyStart - lineStart(text, keyStart);
  const at = after ? nextLineStart(text, Math.max(keyStart, contentEnd(after) - 1)) : lineStart(text, keyStart);
  const line = `${' '.repeat(column)}status: ${written}`;
  return { ok: true, text: spliceLines(text, at, [line], lineEnding(text)), from: null, to: status, changed: true };
}
