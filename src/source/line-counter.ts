import { LineCounter } from 'yaml';

/** A `LineCounter` over a text, to turn its offsets into lines and columns (for problems found without the YAML parser). */
export function lineCounterOf(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines.addNewLine(index + 1);
  return lines;
}
