import { type Document, type YAMLMap, isMap } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { asRecord } from '../rules/loose.js';
import { parseYaml } from '../source/parse-yaml.js';
import { MAX_FILE_BYTES, type SourceFile } from '../source/source-file.js';
import { lineEnding } from './edit-text.js';
import { canonicalise } from './format/canonicalise.js';
import { keepCommentColumns } from './format/comment-columns.js';
import { type LineEndComment, commentsOfParsed, scanComments } from './format/comment-tokens.js';
import { BLOCKING_RULES, formatFailed, formattedTooLarge } from './format/format-problems.js';
import { printDocument } from './format/print-document.js';
import { type CanonicalDocument, samePrint } from './format/same-print.js';
import type { InstantCache } from './format/canonical-order.js';
import { canonicalData, verify } from './format/verify-format.js';

export interface FormatOptions {
  /** The zone of times without an offset when the file names no `timezone`: the configured one. */
  zone: string;
}

export type FormatResult =
  | {
      ok: true;
      /** The file in canonical form, with the source's byte-order mark and line endings. */
      text: string;
      /** Whether `text` differs from the source. */
      changed: boolean;
    }
  | {
      ok: false;
      /** Why the file was left as it is, positioned like `validate`'s. */
      diagnostics: Diagnostic[];
    };

/**
 * Rewrites one incident file in canonical form, keeping every comment:
 *
 * - keys in FORMAT.md's order at every level (`key-order.ts`), then `x-` keys,
 *   then unknown keys, each group in its written order; `roles` as written;
 * - the timeline in chronological order, stable for equal times; left as
 *   written when any `at` cannot be read (`validate` says why);
 * - text plain where YAML allows, quoted only when it must be (double quotes,
 *   or single ones for text holding `"` and no `'`; text that a YAML 1.1
 *   reader would take for a boolean, like `no`, stays quoted); text with line
 *   breaks as a literal block `|` with the chomping that keeps its value;
 *   text the author wrapped over several lines (a folded block `>`, or plain
 *   text continued on the next lines) keeps its lines; numbers, `true`,
 *   `null` and friends as written;
 * - lists of one-line values stay in flow style `[a, b]` when written so;
 *   flow mappings and flow lists of anything else become blocks;
 * - 2-space indentation, lists indented under their key, no line folding;
 *   at most one blank line where the source had blank lines.
 *
 * A comment moves with the key or list item it stands above or beside, and
 * one at the end of a line keeps its column where the line is unchanged; a
 * comment less indented than the block above it goes with what follows; the
 * `yaml-language-server` modeline stays first in the file.
 *
 * The output is checked before it is returned: it must parse to the same data
 * (up to key and timeline order) and hold the same comments; if it does not,
 * the file is reported and left alone rather than damaged.
 */
export function formatIncidentSource(source: SourceFile, options: FormatOptions): FormatResult {
  const bom = source.text.startsWith('\uFEFF');
  const text = bom ? source.text.slice(1) : source.text;
  const newline = lineEnding(text);

  const first = firstPass(source.path, text, options);
  if ('diagnostics' in first) return { ok: false, diagnostics: first.diagnostics };
  const { before, comments, context } = first;
  let { output, printed } = first.formatted;
  // A file in canonical form already: checking the output would read back the text just read and formatted, the same.
  for (let pass = 1; output !== text; pass += 1) {
    const checked = verify(before, comments, output, source.path);
    if ('problem' in checked) return { ok: false, diagnostics: [checked.problem] };
    const next = formatDocument(checked.document, checked.document.contents, { text: output, lineEnd: checked.comments.lineEnd }, context, printed);
    if (next.output === output) break;
    if (pass === 3) return { ok: false, diagnostics: [formatFailed(source.path, 'the result does not settle on one layout')] };
    ({ output, printed } = next);
  }
  if (newline !== '\n') output = output.replace(/\n/g, newline);
  if (bom) output = `\uFEFF${output}`;
  // Canonical layout can add bytes (indentation, quotes): a file near the cap must not be formatted into one every command refuses.
  const bytes = Buffer.byteLength(output, 'utf8');
  if (output !== source.text && bytes > MAX_FILE_BYTES) return { ok: false, diagnostics: [formattedTooLarge(source.path, bytes)] };
  return { ok: true, text: output, changed: output !== source.text };
}

/**
 * Parses the source and formats it once. A function of its own so that what
 * the source read as is garbage once it returns: only the data's canonical
 * text is kept to check the later passes against, and the formatted
 * document, which the next pass compares its own with (for a large file,
 * each document held on to is tens of megabytes).
 *
 * `yaml` decides which node a comment belongs to, and reordering can put a
 * comment where it would be read back as another node's (after the last
 * entry of a nested block, comments join that block): the canonical form
 * is the fixed point, reached in a second pass at most.
 */
function firstPass(
  path: string,
  text: string,
  options: FormatOptions,
): { formatted: Formatted; before: string; comments: string[]; context: PassContext } | { diagnostics: Diagnostic[] } {
  const parsed = parseYaml({ path, text });
  const blocking = parsed.diagnostics.list.filter((d) => d.severity === 'error' && BLOCKING_RULES.has(d.rule));
  if (blocking.length > 0 || !parsed.document || !isMap(parsed.document.contents) || parsed.data === null) {
    return { diagnostics: blocking.length > 0 ? blocking : parsed.diagnostics.list };
  }
  const data = asRecord(parsed.data);
  const zone = typeof data?.timezone === 'string' ? data.timezone : options.zone;
  const found = commentsOfParsed(text, parsed.document);
  // Comments keep a CR before the LF of a CRLF file: the text is formatted with LF line ends, restored at the end.
  const lf = text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
  const document = lf === text ? parsed.document : parseYaml({ path, text: lf }).document;
  if (!document || !isMap(document.contents)) return { diagnostics: [formatFailed(path, 'its line endings could not be read')] };
  const before = canonicalData(parsed.data, true);
  const lineEnd = lf === text ? found.lineEnd : scanComments(lf).lineEnd;
  const context: PassContext = { zone, instants: new Map() };
  return { formatted: formatDocument(document, document.contents, { text: lf, lineEnd }, context), before, comments: found.all, context };
}

/** What every pass over one file shares: the zone of its times, and the instants already read from them. */
interface PassContext {
  zone: string;
  instants: InstantCache;
}

/** A text and its line-end comments (`scanComments`). */
interface ScannedText {
  text: string;
  lineEnd: readonly LineEndComment[];
}

/** A pass's result, and what `yaml` printed before the comments' columns were put back, from which document. */
interface Formatted {
  output: string;
  printed: ScannedText & CanonicalDocument;
}

/**
 * One formatting pass over a parsed document: canonical order and style, then
 * printed with the comments' columns kept. A later pass usually makes the
 * document the one before made (`previous`): then it prints what that one
 * printed, and its comments are not looked for again.
 */
function formatDocument(document: Document.Parsed, root: YAMLMap, source: ScannedText, context: PassContext, previous?: Formatted['printed']): Formatted {
  const kept = canonicalise(document, root, source.text, context.zone, context.instants);
  const canonical = { document, kept };
  const text = previous && samePrint(previous, canonical) ? previous.text : printDocument(document, kept);
  const lineEnd = text === previous?.text ? previous.lineEnd : scanComments(text).lineEnd;
  return { output: keepCommentColumns(text, lineEnd, source.lineEnd), printed: { text, lineEnd, ...canonical } };
}
