import { quote } from '../diagnostics/quote.js';
import { PLACEHOLDER_MARKERS, PLACEHOLDER_PHRASES } from './phrases.js';
import { mayHoldPhrase, parser } from './prose.js';
import { type ReviewCheck, fieldName, severityOf } from './review-check.js';

/**
 * `placeholder-text`: text that was never written (`TODO`, `TBD`, "To be
 * written", `???`…, and what `postmortem new` writes). A warning while the
 * postmortem is drafted; an error once it is `final`, so that `build`
 * refuses to publish it (FORMAT.md v2).
 */
export const checkPlaceholderText: ReviewCheck = (context, fields) => {
  const final = context.data.status === 'final';
  const severity = severityOf(context, 'placeholder-text', final ? 'error' : 'warning');
  if (!severity) return;
  for (const prose of fields) {
    if (!mayHold(prose.field.text)) continue;
    const { findPhrases, sentenceTexts } = parser();
    const found = [
      // Markers count in capitals only: `TODO`, not "a todo list".
      // Literal words too: `TODO:` and "(to be written)" are placeholders all the same.
      ...findPhrases(prose.parsed, PLACEHOLDER_MARKERS, true).filter((match) => match.text === match.phrase),
      ...findPhrases(prose.parsed, PLACEHOLDER_PHRASES, true).filter((match) => standsAlone(prose.field.text, match)),
      ...sentenceTexts(prose.parsed).flatMap((sentence) =>
        [...sentence.text.matchAll(/\?{3,}/g)]
          .map((match) => ({
            text: match[0],
            start: sentence.offsets[match.index]!,
            end: sentence.offsets[match.index + match[0].length - 1]! + 1,
          }))
          .filter((match) => !startsDetailsBlock(prose.field.text, match.start, match.end)),
      ),
    ].sort((a, b) => a.start - b.start);
    for (const match of found) {
      context.report.add(prose.range(match.start, match.end), {
        rule: 'placeholder-text',
        severity,
        message: `Unexpected placeholder ${quote(match.text)} in ${fieldName(prose)}, expected the text itself`,
        hint: !final
          ? 'Write what happened in its place before the postmortem is final: a final incident with placeholder text is refused.'
          : severity === 'error'
            ? 'Write what happened in its place, or set `status: review` until it is written: a final postmortem cannot keep placeholder text.'
            : 'Write what happened in its place: readers of the final postmortem will see the placeholder.',
      });
    }
  }
};

const mayHoldWords = mayHoldPhrase([...PLACEHOLDER_MARKERS, ...PLACEHOLDER_PHRASES]);
const mayHold = (text: string): boolean => text.includes('???') || mayHoldWords(text);

/**
 * "To be written" and "Lorem ipsum" are placeholders where they start a
 * sentence or end a clause ("Summary to be written.", "Runbook (to be
 * written)"), not inside one: "Messages queued to be written to disk were
 * lost" is what happened.
 */
function standsAlone(text: string, match: { before: readonly unknown[]; end: number }): boolean {
  return match.before.length === 0 || /^[ \t]*(?:$|[\n.,;:!?)\]}…—–])/.test(text.slice(match.end, match.end + 8));
}

/** `??? note Title` at the start of a line is MkDocs' collapsible block, written on purpose: not a placeholder. */
function startsDetailsBlock(text: string, start: number, end: number): boolean {
  return /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, start - 80), start)) && /^\+?[ \t]+\w/.test(text.slice(end, end + 80));
}
