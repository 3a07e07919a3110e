// Field positions for findings, computed only when a rule asks: a scan of the text along the path
// (./scan.ts, fast) or, for YAML beyond what the scan reads, a parse with `yaml` (slow, exact).
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { FieldLocator, FieldPath, InventoryObject } from '../model/types.js';
import { type ScanCache, scanOffset, type WalkCache } from './scan.js';

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

/**
 * The text each parsed object came from and its path in it, so the parallel pipeline can record byte
 * offsets and locate fields later by re-reading those bytes (./slim.ts) instead of keeping the text; and
 * whether that text alone reads back into the object (a document, or a JSON List item the List adds no
 * kind to; not an object of a Template or an item of a typed List, which take fields from what holds them).
 */
export const textSiteOf = new WeakMap<
  InventoryObject,
  { slice: TextSlice; prefix: FieldPath; alone: boolean }
>();

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

/** How locators answered: by scanning the text, by parsing it, or not at all (too big to parse). */
export const locateStats = { scanned: 0, parsed: 0, refused: 0 };

/** Larger texts the scan cannot read are not parsed: the `yaml` tree would take gigabytes. */
const MAX_PARSE_CHARS = 8 * 1024 * 1024;

const scanCaches = new WeakMap<TextSlice, ScanCache>();

/** Newline counts at every STEP characters of a big slice, so a position costs at most STEP to compute. */
interface LineIndex {
  /** Newlines in [start, start + k * STEP). */
  lines: number[];
  /** Offset of the last newline before start + k * STEP, or start - 1. */
  lastNewline: number[];
}
const STEP = 64 * 1024;
const BIG_SLICE = 256 * 1024;
const lineIndexes = new WeakMap<TextSlice, LineIndex>();

function lineIndexOf(slice: TextSlice): LineIndex {
  let index = lineIndexes.get(slice);
  if (index) return index;
  index = { lines: [0], lastNewline: [slice.start - 1] };
  let count = 0;
  let last = slice.start - 1;
  let boundary = slice.start + STEP;
  for (let i = slice.source.indexOf('\n', slice.start); ; i = slice.source.indexOf('\n', i + 1)) {
    const at = i === -1 || i >= slice.end ? slice.end : i;
    while (boundary <= at && boundary < slice.end) {
      index.lines.push(count);
      index.lastNewline.push(last);
      boundary += STEP;
    }
    if (at === slice.end) break;
    count++;
    last = i;
  }
  lineIndexes.set(slice, index);
  return index;
}

/** File line and column of an offset inside the slice (slices start at the beginning of a line). */
function positionOf(slice: TextSlice, offset: number): { line: number; column: number } {
  const { source } = slice;
  let from = slice.start;
  let line = 0;
  let lastNewline = slice.start - 1;
  if (slice.end - slice.start >= BIG_SLICE) {
    const index = lineIndexOf(slice);
    const k = Math.min(Math.floor((offset - slice.start) / STEP), index.lines.length - 1);
    from = slice.start + k * STEP;
    line = index.lines[k] ?? 0;
    lastNewline = index.lastNewline[k] ?? lastNewline;
  }
  // Searched in a window ending at the offset: on a one-line text, indexOf would run on to the end each time.
  const window = source.slice(from, offset);
  for (let i = window.indexOf('\n'); i !== -1; i = window.indexOf('\n', i + 1)) {
    line++;
    lastNewline = from + i;
  }
  return { line: slice.lineOffset + line + 1, column: offset - lastNewline };
}

function scanned(
  slice: TextSlice,
  path: FieldPath,
  walks?: WalkCache,
): { line: number; column: number } | undefined | null {
  let cache: ScanCache | undefined;
  if (slice.end - slice.start >= BIG_SLICE) {
    cache = scanCaches.get(slice);
    if (!cache) {
      cache = new Map();
      scanCaches.set(slice, cache);
    }
  }
  const offset = scanOffset({ src: slice.source, start: slice.start, end: slice.end }, path, cache, walks);
  return offset === undefined ? null : positionOf(slice, offset);
}

function parsedPosition(slice: TextSlice, path: FieldPath): { line: number; column: number } | undefined {
  const { doc, lines } = parsed(slice);
  const offset = offsetOf(doc, path);
  if (offset === undefined) return undefined;
  const pos = lines.linePos(offset);
  return { line: pos.line + slice.lineOffset, column: pos.col };
}

let parseAlways = false;

/** Tests: locate by parsing only (true), to compare with the scan; or back to normal (false). */
export function setParseAlways(value: boolean): void {
  parseAlways = value;
}

/**
 * The position of `path` in `slice`: scanned when the text allows, else parsed (not for huge texts). `walks`,
 * kept by the caller with the slice, lets the fields of one text share their walks from the root.
 */
export function locateIn(
  slice: TextSlice,
  path: FieldPath,
  walks?: WalkCache,
): { line: number; column: number } | undefined {
  if (!parseAlways) {
    const fast = scanned(slice, path, walks);
    if (fast !== null) {
      locateStats.scanned++;
      return fast;
    }
    if (slice.end - slice.start > MAX_PARSE_CHARS) {
      locateStats.refused++;
      return undefined;
    }
  }
  locateStats.parsed++;
  return parsedPosition(slice, path);
}

/**
 * A locator for the object held in `slice` at `prefix` (e.g. `['items', 3]`). Nothing is read until it is
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
      answer = locateIn(slice, prefix.length ? [...prefix, ...path] : path);
    } catch {
      answer = undefined;
    }
    memo.set(key, answer);
    return answer;
  };
}
