import { type Document, type Scalar, type YAMLMap, type YAMLSeq, isNode, isScalar } from 'yaml';
import { INCIDENT_ORDER } from '../key-order.js';
import { keepTabsEscaped } from '../yaml-text.js';
import { type InstantCache, orderMap, sortTimeline } from './canonical-order.js';
import { CONTINUED } from './comment-tokens.js';
import { joinComments, moveLeadingComments, nextNode, releaseOutdentedComments, takeModeline } from './comment-placement.js';
import { walkDocument } from './walk-document.js';
import { type WrittenLines, writtenLines } from './written-lines.js';

/**
 * The walk over a parsed incident that puts it in canonical form before it
 * is printed: comments given to what they describe, keys and events in
 * order, text left for `yaml` to quote only where it must, flow collections
 * of anything but one-line values turned into blocks.
 */

/**
 * Puts the document in canonical order and style; returns the text whose line
 * breaks are kept as written. `instants` keeps the times read in `zone`.
 */
export function canonicalise(document: Document.Parsed, root: YAMLMap, text: string, zone: string, instants?: InstantCache): WeakMap<Scalar, WrittenLines> {
  const kept = new WeakMap<Scalar, WrittenLines>();
  releaseOutdentedComments(document, text);
  walkDocument(document, {
    Pair(_key, pair) {
      moveLeadingComments(pair, text);
    },
  });
  const modeline = takeModeline(root);
  orderMap(root, INCIDENT_ORDER);
  sortTimeline(root, zone, instants);
  if (modeline) {
    const first = root.items[0]?.key;
    if (isNode(first)) first.commentBefore = joinComments(modeline, first.commentBefore);
  }
  walkDocument(document, {
    Scalar(key, scalar, path) {
      if (typeof scalar.value === 'string') {
        const lines = writtenLines(scalar, text);
        if (lines) kept.set(scalar, lines);
        // The `yaml` library then picks plain style whenever the value allows it.
        scalar.type = undefined;
        keepTabsEscaped(scalar);
      }
      if (key === 'key' || !scalar.comment?.includes('\n')) return;
      const [first, ...rest] = scalar.comment.split('\n');
      const block = typeof scalar.value === 'string' && (scalar.value.includes('\n') || kept.get(scalar)?.style === 'folded');
      if (!block && !text.includes(CONTINUED)) {
        // A comment continued on the next lines is written as one, split again by `keepCommentColumns`.
        scalar.comment = [first, ...rest].join(CONTINUED);
      } else {
        // After a block's header only the text can follow: the rest of the comment goes after the block.
        scalar.comment = first;
        const next = nextNode(scalar, path);
        if (next) next.commentBefore = joinComments(rest.join('\n'), next.commentBefore);
        else document.comment = joinComments(rest.join('\n'), document.comment);
      }
    },
    Map(_key, map) {
      if (map.flow && map.items.length > 0) toBlock(map);
      clearFirstBlankLine(map.items[0]?.key);
    },
    Seq(_key, seq) {
      if (seq.flow && !seq.items.every(isOneLineScalar)) toBlock(seq);
      clearFirstBlankLine(seq.items[0]);
    },
  });
  return kept;
}

function isOneLineScalar(item: unknown): boolean {
  return isScalar(item) && !item.commentBefore && !item.comment && !(typeof item.value === 'string' && /[\r\n]/.test(item.value));
}

/** A comment after a flow collection (`slo: {…}  # …`) stands on its key's line: it goes first in the block. */
function toBlock(collection: YAMLMap | YAMLSeq): void {
  // As a block read from a file has it (no `flow` at all), so the check of the output finds the same document.
  delete collection.flow;
  if (collection.comment) {
    collection.commentBefore = joinComments(collection.comment, collection.commentBefore);
    collection.comment = undefined;
  }
}

/** A blank line first in a block is noise that reordering could bring there. */
function clearFirstBlankLine(node: unknown): void {
  if (isNode(node)) node.spaceBefore = false;
}
