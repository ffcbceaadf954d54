import { isCollection, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { FileDiagnostics } from '../diagnostics/file-diagnostics.js';
import { quote } from '../diagnostics/quote.js';

/**
 * Reports each list or mapping used as a key (`[api, web]: down`, `? {a: 1}`)
 * outside `x-` data, and returns whether there was one. Plain data has text
 * keys only: `yaml` would turn such a key into text (`[ api, web ]`), a key
 * nobody wrote, and the schema would report it at the mapping that holds it.
 * Under an `x-` key nothing is reported (FORMAT.md): the key reaches custom
 * templates as that text.
 */
export function reportComplexKeys(root: unknown, text: string, diagnostics: FileDiagnostics): boolean {
  let found = false;
  const walk = (node: unknown): void => {
    if (isSeq(node)) {
      for (const item of node.items) walk(item);
      return;
    }
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isScalar(pair.key) && String(pair.key.value).startsWith('x-')) continue;
      if (isCollection(pair.key)) {
        found = true;
        const kind = isMap(pair.key) ? 'mapping' : 'list';
        const [start, end] = pair.key.range ?? [0, 0];
        diagnostics.add([start, end], {
          rule: 'yaml-complex-key',
          message: `Unexpected ${kind} ${quote(text.slice(start, end).trim())} as a key, expected a key of plain text`,
          hint: `Write the key as plain text before its \`:\`; a ${kind} belongs after the \`:\`, as its value.`,
        });
      }
      walk(pair.value);
    }
  };
  walk(root);
  return found;
}
