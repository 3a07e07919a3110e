// Field positions for findings: parses a document's text with `yaml` (slow, exact) only when a rule asks.
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { FieldLocator, FieldPath } from '../model/types.js';

/** A piece of a file's text holding one node (a document, or one item of a List). Sliced only when parsed. */
export interface TextSlice {
  source: string;
  start: number;
  end: number;
  /** Lines of the file before the slice's first line (file line = slice line + lineOffset). */
  lineOffset: number;
  /** A JSON List item: drop the comma that separates it from the next one. */
  trailingComma?: boolean;
}

/** The slice's text, without a separating comma after a JSON item. */
export function sliceText(slice: TextSlice): string {
  let end = slice.end;
  if (slice.trailingComma) {
    while (end > slice.start && /\s/.test(slice.source.charAt(end - 1))) end--;
    if (slice.source.charAt(end - 1) === ',') end--;
  }
  return slice.source.slice(slice.start, end);
}

interface Parsed {
  doc: Document;
  lines: LineCounter;
}

/**
 * Parsed documents kept for reuse. The `yaml` tree costs about 25 times the text, so only a few are kept:
 * a rule that reports on thousands of objects reparses each once, at about 0.5 ms per kilobyte.
 */
const CACHE_SIZE = 64;
const cache = new Map<TextSlice, Parsed>();

function parsed(slice: TextSlice): Parsed {
  const hit = cache.get(slice);
  if (hit) {
    // Refresh its place in the LRU order.
    cache.delete(slice);
    cache.set(slice, hit);
    return hit;
  }
  const lines = new LineCounter();
  const doc = parseDocument(sliceText(slice), {
    lineCounter: lines,
    uniqueKeys: false,
    keepSourceTokens: false,
  });
  const entry = { doc, lines };
  cache.set(slice, entry);
  if (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest) cache.delete(oldest);
  }
  return entry;
}

function keyMatches(key: unknown, wanted: string | number): boolean {
  return isScalar(key) && String(key.value) === String(wanted);
}

/** Offset of the node at `path`, or of its nearest existing ancestor (for a mapping entry: its key). */
function offsetOf(doc: Document, path: FieldPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Node | null)?.range?.[0];
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => keyMatches(p.key, key));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
      if (!node) break;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/**
 * A locator for the object held in `slice` at `prefix` (e.g. `['items', 3]`). Nothing is parsed until it is
 * called; answers are remembered.
 */
export function makeLocator(slice: TextSlice, prefix: FieldPath = []): FieldLocator {
  let memo: Map<string, { line: number; column: number } | undefined> | undefined;
  return (path) => {
    const key = path.join('\u0000');
    memo ??= new Map();
    if (memo.has(key)) return memo.get(key);
    let answer: { line: number; column: number } | undefined;
    try {
      const { doc, lines } = parsed(slice);
      const offset = offsetOf(doc, [...prefix, ...path]);
      if (offset !== undefined) {
        const pos = lines.linePos(offset);
        answer = { line: pos.line + slice.lineOffset, column: pos.col };
      }
    } catch {
      answer = undefined;
    }
    memo.set(key, answer);
    return answer;
  };
}
