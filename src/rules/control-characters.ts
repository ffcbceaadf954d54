import { describePath } from '../schema/validate-schema.js';
import { type DataPath, locate, valueRange } from '../source/locate.js';
import { valueSource } from '../source/value-offsets.js';
import type { Rule, RuleContext } from './rule-context.js';

/**
 * A character nobody can read, in text outside `x-` data: a terminal colour
 * code pasted from a log (`ESC[31m`), a NUL, a bell. The postmortem, the
 * report and the exports would carry it as it is, and a report printed on a
 * terminal would run it (`ESC]0;…` retitles the window). A tab and a line
 * break (LF, CR or both) are text.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const NAMES: Readonly<Record<number, string>> = { 0x00: 'NUL', 0x07: 'bell', 0x08: 'backspace', 0x1b: 'escape', 0x7f: 'delete' };

export const checkControlCharacters: Rule = (context) => reportControlCharacters(context.data, context, 'the incident');

/** The check on any YAML file's data (an incident, the configuration): each text value's first control character, at its place. */
export function reportControlCharacters(data: unknown, file: Pick<RuleContext, 'document' | 'text' | 'report'>, subject: string): void {
  // One path, grown and shrunk as the walk goes, copied only for a finding: every build walks every value.
  const path: (string | number)[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const at = value.search(CONTROL);
      if (at !== -1) report(value.charCodeAt(at), at, [...path]);
    } else if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        path.push(index);
        walk(value[index]);
        path.pop();
      }
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (key.startsWith('x-')) continue;
        path.push(key);
        walk((value as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  const report = (code: number, at: number, path: DataPath): void => {
    const { document } = file;
    const source = document ? valueSource(file.text, locate(document, path).value) : undefined;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    file.report.add(source?.range(at, at + 1) ?? valueRange(document, path), {
      rule: 'control-character',
      message: `Unexpected control character ${hex}${NAMES[code] ? ` (${NAMES[code]})` : ''} in ${describePath(path, subject)}: it cannot be shown, and a terminal would act on it`,
      hint: 'Remove it: a colour code pasted from a terminal (`ESC[31m`), say, is not text. Tabs and line breaks are fine.',
    });
  };
  walk(data);
}
