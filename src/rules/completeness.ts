import { keyRange, valueRange } from '../source/locate.js';
import { asArray, asRecord } from './loose.js';
import type { Rule } from './rule-context.js';

/** A final postmortem needs at least one lesson (root cause and `resolved` are checked elsewhere). */
export const checkFinalLessons: Rule = (context) => {
  if (context.data.status !== 'final') return;
  const lessons = asRecord(context.data.lessons);
  const count = lessons
    ? asArray(lessons.went_well).length + asArray(lessons.went_wrong).length + asArray(lessons.lucky).length
    : 0;
  if (count > 0) return;
  context.report.add(lessons ? keyRange(context.document, ['lessons']) : valueRange(context.document, ['status']), {
    rule: 'final-requires',
    message: 'Missing lessons, at least one required when `status: final`',
    hint: 'Add a `lessons:` entry under `went_well`, `went_wrong` or `lucky`, or set `status: review`.',
  });
};
