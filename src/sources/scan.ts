// Fast field offsets for the locator: a scan of the text instead of a parse with `yaml`.
//
// Block-style YAML (what kubectl, Helm and people write) and JSON are walked along the wanted path only,
// giving the same offsets as the `yaml` Document API: a mapping entry's key, a sequence item's value, or
// the nearest existing ancestor. Anything outside the well-understood subset (YAML flow collections that are
// not JSON, anchors, aliases, tags, complex keys, keys the YAML core schema would turn into numbers or
// booleans, multi-line quoted scalars, tabs in indentation) gives `undefined`, and the caller parses the
// text instead. src/sources/scan.test.ts compares the two on tricky texts.
import type { FieldPath } from '../model/types.js';

/** The part of a source text a scan reads: [start, end). */
export interface ScanText {
  src: string;
  start: number;
  end: number;
}

/** Children of a container, kept for big texts so each lookup does not rescan them. */
type Children = MapChild[] | SeqChild[];
interface MapChild {
  key: string;
  /** Offset of the key (what a finding on this entry points at). */
  at: number;
  /** Offset after the `:` (YAML) or of the value (JSON). */
  value: number;
}
interface SeqChild {
  /** Offset of the item's value. */
  at: number;
}

/** A YAML block node: a mapping whose keys, or a sequence whose dashes, sit at column `indent`. */
interface BlockNode {
  type: 'map' | 'seq';
  /** Offset of the first key or dash. */
  at: number;
  /** 0-based column of the keys or dashes. */
  indent: number;
}

/** A container the walk can enter, or a scalar (or null) it stops at. */
type Node = BlockNode | { type: 'json'; at: number } | { type: 'leaf' };

const LEAF: Node = { type: 'leaf' };

/** Children of big containers by the container's offset, for scanOffset. */
export type ScanCache = Map<number, Children>;

/** Texts at least this long keep the children of their big containers between lookups. */
const BIG_TEXT = 256 * 1024;
const BIG_CONTAINER = 16 * 1024;

/**
 * Offset (in `t.src`) of the node at `path`, or of its nearest existing ancestor; undefined when the text is
 * outside what the scan understands. `cache` keeps children of big containers (for big texts only).
 */
export function scanOffset(t: ScanText, path: FieldPath, cache?: Map<number, Children>): number | undefined {
  const root = rootOf(t);
  if (!root) return undefined;
  let node: Node | undefined = root.node;
  let offset = root.at;
  const big = cache !== undefined && t.end - t.start >= BIG_TEXT;
  for (const key of path) {
    if (node === undefined) return undefined;
    if (node.type === 'leaf') break;
    const seq = node.type === 'seq' || (node.type === 'json' && t.src.charCodeAt(node.at) === 91);
    // A string key on a sequence: the `yaml` walk stops here too.
    if (seq && typeof key !== 'number') break;
    // Big texts keep whole containers; small ones are read only up to the wanted child.
    const children = big
      ? childrenOf(t, node, cache)
      : childrenOf(t, node, undefined, seq ? key : String(key));
    if (children === undefined) return undefined;
    if (seq) {
      const item = (children as SeqChild[])[key as number];
      if (!item) break;
      offset = item.at;
      node = node.type === 'json' ? jsonNode(t, item.at) : itemNode(t, item, node.indent);
    } else {
      const wanted = String(key);
      const entry = (children as MapChild[]).find((c) => c.key === wanted);
      if (!entry) break;
      offset = entry.at;
      node = node.type === 'json' ? jsonNode(t, entry.value) : valueNode(t, entry, node.indent);
    }
  }
  return offset;
}

/** Children of a container: all of them, or (with `want`) those up to the first with that key or index. */
function childrenOf(
  t: ScanText,
  node: BlockNode | { type: 'json'; at: number },
  cache?: Map<number, Children>,
  want?: string | number,
) {
  const known = cache?.get(node.at);
  if (known) return known;
  let children: Children | undefined;
  let end: number;
  if (node.type === 'json') {
    const scanned = jsonChildren(t, node.at, want);
    if (!scanned) return undefined;
    ({ children, end } = scanned);
  } else {
    const scanned = node.type === 'map' ? mapChildren(t, node, want) : seqChildren(t, node, want);
    if (!scanned) return undefined;
    ({ children, end } = scanned);
  }
  if (cache && end - node.at >= BIG_CONTAINER) cache.set(node.at, children);
  return children;
}

// ---------------------------------------------------------------------------------------------------------
// Lines.

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;
const DASH = 45;

function eolOf(t: ScanText, pos: number): number {
  const i = t.src.indexOf('\n', pos);
  return i === -1 || i > t.end ? t.end : i;
}

/** End of a line's content (before `\r\n`). */
function contentEnd(t: ScanText, eol: number): number {
  return eol > 0 && t.src.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
}

interface Line {
  start: number;
  eol: number;
  /** Offset of the first character that is neither a space nor a tab. */
  first: number;
  /** Leading spaces. */
  indent: number;
  kind: 'blank' | 'comment' | 'content';
  /** A tab follows the leading spaces: fine deep inside a value, beyond the scan where it would indent. */
  tabbed: boolean;
}

function lineAt(t: ScanText, start: number): Line {
  const eol = eolOf(t, start);
  const stop = contentEnd(t, eol);
  let i = start;
  while (i < stop && t.src.charCodeAt(i) === SPACE) i++;
  const indent = i - start;
  let j = i;
  while (j < stop && (t.src.charCodeAt(j) === SPACE || t.src.charCodeAt(j) === TAB)) j++;
  const tabbed = j !== i;
  if (j >= stop) return { start, eol, first: j, indent, kind: 'blank', tabbed };
  if (t.src.charCodeAt(j) === HASH) return { start, eol, first: j, indent, kind: 'comment', tabbed };
  return { start, eol, first: j, indent, kind: 'content', tabbed };
}

/** The next line with content at or after `pos` (a line start); null at the end; undefined to give up. */
function nextContent(t: ScanText, pos: number): Line | null | undefined {
  while (pos < t.end) {
    const line = lineAt(t, pos);
    if (line.kind === 'content') return line.tabbed ? undefined : line;
    pos = line.eol + 1;
  }
  return null;
}

/** A block sequence entry: `-` then a space or the end of the line. Undefined for `-` then a tab. */
function isDash(t: ScanText, at: number, eol: number): boolean | undefined {
  if (t.src.charCodeAt(at) !== DASH) return false;
  const next = at + 1;
  if (next >= contentEnd(t, eol)) return true;
  const c = t.src.charCodeAt(next);
  if (c === TAB) return undefined;
  return c === SPACE;
}

// ---------------------------------------------------------------------------------------------------------
// YAML keys.

/** Plain keys that stay the same string under the YAML core schema. */
const PLAIN_KEY = /^[A-Za-z_/$][^\t#]*$/;
const CORE_WORDS: ReadonlySet<string> = new Set([
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'null',
  'Null',
  'NULL',
]);
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;
const DOT_SPECIAL = /^\.(?:inf|Inf|INF|nan|NaN|NAN|[0-9])/;

/** The string the `yaml` package gives a plain key, or undefined when unsure. */
function plainKey(text: string): string | undefined {
  if (text === '') return undefined;
  const c = text.charCodeAt(0);
  if (c === 46 /* . */) return DOT_SPECIAL.test(text) || /[\t#]/.test(text) ? undefined : text;
  if (c >= 48 && c <= 57) return DECIMAL.test(text) ? text : undefined;
  if (!PLAIN_KEY.test(text) || CORE_WORDS.has(text)) return undefined;
  // ` #` starts a comment; `: ` inside would have ended the key.
  return text;
}

type KeyScan = { key: string; after: number } | null | undefined;

/**
 * The mapping key starting at `at` on a line ending at `eol`: its string and the offset after its `:`.
 * Null when the line is not a `key: value` entry (a scalar); undefined when the scan gives up.
 */
function keyAt(t: ScanText, at: number, eol: number): KeyScan {
  const { src } = t;
  const stop = contentEnd(t, eol);
  const c = src.charCodeAt(at);
  if (c === 34 /* " */ || c === 39 /* ' */) {
    const close = indexIn(src, c, at + 1, stop);
    if (close === -1) return undefined; // a multi-line quoted scalar
    if (c === 34 && indexIn(src, 92, at, close) !== -1) return undefined;
    if (c === 39 && src.charCodeAt(close + 1) === 39) return undefined;
    let i = close + 1;
    while (i < stop && src.charCodeAt(i) === SPACE) i++;
    if (i >= stop || src.charCodeAt(i) !== 58 /* : */) {
      // A quoted scalar alone; anything else after it is beyond the scan.
      if (i >= stop || src.charCodeAt(i) === HASH) return null;
      return undefined;
    }
    return { key: src.slice(at + 1, close), after: i + 1 };
  }
  // Indicators that start something other than a plain key: flow collections, anchors, tags, aliases,
  // complex keys, block scalars, directives, reserved characters.
  if ('[]{}&*!?|>%@`,'.includes(src.charAt(at))) return undefined;
  let colon = indexIn(src, 58, at, stop);
  while (colon !== -1) {
    const next = colon + 1 >= stop ? -1 : src.charCodeAt(colon + 1);
    if (next === -1 || next === SPACE) break;
    if (next === TAB) return undefined;
    colon = indexIn(src, 58, colon + 1, stop);
  }
  if (colon === -1) return null;
  // `text # comment: ...` is a scalar and a comment.
  const hash = indexIn(src, HASH, at, colon);
  if (hash !== -1 && src.charCodeAt(hash - 1) === SPACE) return null;
  let keyEnd = colon;
  while (keyEnd > at && src.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
  const key = plainKey(src.slice(at, keyEnd));
  if (key === undefined) return undefined;
  return { key, after: colon + 1 };
}

/** Checks a value that starts on a key or dash line: a quoted scalar must close on that line. */
function valueFitsLine(t: ScanText, at: number, eol: number): boolean {
  const c = t.src.charCodeAt(at);
  if (c !== 34 && c !== 39) return true;
  const stop = contentEnd(t, eol);
  let i = at + 1;
  for (;;) {
    const close = indexIn(t.src, c, i, stop);
    if (close === -1) return false;
    if (c === 34) {
      let slashes = 0;
      while (t.src.charCodeAt(close - 1 - slashes) === 92) slashes++;
      if (slashes % 2 === 1) {
        i = close + 1;
        continue;
      }
      return true;
    }
    if (t.src.charCodeAt(close + 1) === 39) {
      i = close + 2;
      continue;
    }
    return true;
  }
}

/** Offset of the character `code` in [from, to), or -1 (indexOf would search on to the end of a big text). */
function indexIn(src: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (src.charCodeAt(i) === code) return i;
  return -1;
}

function skipSpaces(t: ScanText, i: number, stop: number): number {
  while (i < stop && (t.src.charCodeAt(i) === SPACE || t.src.charCodeAt(i) === TAB)) i++;
  return i;
}

// ---------------------------------------------------------------------------------------------------------
// YAML block nodes.

/** The root node of a document: after `---`, comments and blank lines. */
function rootOf(t: ScanText): { node: Node | undefined; at: number } | undefined {
  // JSON first: a one-line JSON text may be megabytes long, too long to look for the end of its line.
  const first = skipJsonSpace(t, t.start);
  const c = t.src.charCodeAt(first);
  if (first < t.end && (c === 123 /* { */ || c === 91) /* [ */)
    return { node: { type: 'json', at: first }, at: first };
  let pos = t.start;
  while (pos < t.end) {
    const line = lineAt(t, pos);
    if (line.kind !== 'content') {
      pos = line.eol + 1;
      continue;
    }
    const { src } = t;
    if (line.tabbed) return undefined;
    if (line.indent === 0 && src.startsWith('---', line.start)) {
      const stop = contentEnd(t, line.eol);
      const rest = skipSpaces(t, line.start + 3, stop);
      if (rest !== line.start + 3 && rest < stop && src.charCodeAt(rest) !== HASH) return undefined;
      if (rest === line.start + 3 && rest < stop) return undefined;
      pos = line.eol + 1;
      continue;
    }
    const c = src.charCodeAt(line.first);
    if (c === 37 /* % */ || (line.indent === 0 && src.startsWith('...', line.start))) return undefined;
    return { node: itemNode(t, { at: line.first }, -1), at: line.first };
  }
  return undefined;
}

/**
 * The node starting at `item.at` (a sequence item's value, or a value on the lines after its key). `parent` is
 * the column of the dashes around it (-1 for the root).
 */
function itemNode(t: ScanText, item: SeqChild, parent: number): Node | undefined {
  const { src } = t;
  const at = item.at;
  const eol = eolOf(t, at);
  const lineStart = src.lastIndexOf('\n', at - 1) + 1;
  const indent = at - lineStart;
  const c = src.charCodeAt(at);
  const dash = isDash(t, at, eol);
  if (dash === undefined) return undefined;
  if (dash) return indent > parent ? { type: 'seq', at, indent } : undefined;
  if (c === 124 /* | */ || c === 62 /* > */) return LEAF;
  // A flow collection: read as JSON when it is JSON (quoted keys), else left to the parser.
  if (c === 123 /* { */ || c === 91 /* [ */) return { type: 'json', at };
  const key = keyAt(t, at, eol);
  if (key === undefined) return undefined;
  if (key === null) {
    if (!valueFitsLine(t, at, eol)) return undefined;
    return LEAF;
  }
  return { type: 'map', at, indent };
}

/** The value of a mapping entry, when the walk goes on into it. */
function valueNode(t: ScanText, entry: MapChild, mapIndent: number): Node | undefined {
  const eol = eolOf(t, entry.value);
  const stop = contentEnd(t, eol);
  const v = skipSpaces(t, entry.value, stop);
  if (v < stop && !(t.src.charCodeAt(v) === HASH && v > entry.value)) {
    const c = t.src.charCodeAt(v);
    // Anchors, tags and aliases: left to the parser. Flow collections: read as JSON when they are JSON.
    if (c === 38 || c === 33 || c === 42) return undefined;
    if (c === 123 || c === 91) return { type: 'json', at: v };
    return LEAF;
  }
  const next = nextContent(t, eol + 1);
  if (next === undefined) return undefined;
  if (next === null || next.indent < mapIndent) return LEAF;
  if (next.indent === mapIndent) {
    const dash = isDash(t, next.first, next.eol);
    if (dash === undefined) return undefined;
    return dash ? { type: 'seq', at: next.first, indent: mapIndent } : LEAF;
  }
  return itemNode(t, { at: next.first }, mapIndent);
}

/** The entries of a block mapping. */
function mapChildren(
  t: ScanText,
  node: BlockNode,
  want?: string | number,
): { children: MapChild[]; end: number } | undefined {
  const children: MapChild[] = [];
  let at = node.at;
  for (;;) {
    const eol = eolOf(t, at);
    const key = keyAt(t, at, eol);
    if (!key) return undefined;
    const v = skipSpaces(t, key.after, contentEnd(t, eol));
    if (v < eol && !valueFitsLine(t, v, eol)) return undefined;
    children.push({ key: key.key, at, value: key.after });
    if (key.key === want) return { children, end: -1 };
    // The next entry: the next line with content at the keys' column that is not a compact sequence item.
    const next = nextSibling(t, eol + 1, node, false);
    if (!next) return undefined;
    if (next.found === -1) return { children, end: next.end };
    at = next.found;
  }
}

/**
 * From `from`, the next sibling of a block node's children: the first content line at the node's
 * column that is an item (`items`) or a key (`!items`). A mapping skips a compact sequence written at
 * its keys' column; a sequence ends at a line that is not an item. `found` is -1 when the node ends
 * first (`end` is where); undefined when the text is beyond the scan (tabs, odd dashes).
 */
function nextSibling(
  t: ScanText,
  from: number,
  node: BlockNode,
  items: boolean,
): { found: number; end: number } | undefined {
  let pos = from;
  while (pos < t.end) {
    const line = lineAt(t, pos);
    if (line.kind === 'content' && (line.indent <= node.indent || !line.tabbed)) {
      if (line.tabbed) return undefined;
      if (line.indent < node.indent) break;
      if (line.indent === node.indent) {
        const dash = isDash(t, line.first, line.eol);
        if (dash === undefined) return undefined;
        if (dash === items) return { found: line.first, end: pos };
        if (items) break;
      }
    }
    pos = line.eol + 1;
  }
  return { found: -1, end: Math.min(pos, t.end) };
}

/** The items of a block sequence. */
function seqChildren(
  t: ScanText,
  node: BlockNode,
  want?: string | number,
): { children: SeqChild[]; end: number } | undefined {
  const children: SeqChild[] = [];
  let at = node.at;
  for (;;) {
    const eol = eolOf(t, at);
    const stop = contentEnd(t, eol);
    const v = skipSpaces(t, at + 1, stop);
    if (v < stop && t.src.charCodeAt(v) !== HASH) {
      if (!valueFitsLine(t, v, eol)) return undefined;
      const c = t.src.charCodeAt(v);
      if (c === 38 || c === 33 || c === 42 || c === 63) return undefined; // & ! * ?
      children.push({ at: v });
    } else {
      const next = nextContent(t, eol + 1);
      // An empty item: where `yaml` puts it is beyond the scan.
      if (!next || next.indent <= node.indent) return undefined;
      const c = t.src.charCodeAt(next.first);
      if (c === 38 || c === 33 || c === 42 || c === 63) return undefined;
      children.push({ at: next.first });
    }
    if (children.length === (want as number) + 1) return { children, end: -1 };
    const next = nextSibling(t, eol + 1, node, true);
    if (!next) return undefined;
    if (next.found === -1) return { children, end: next.end };
    at = next.found;
  }
}

// ---------------------------------------------------------------------------------------------------------
// JSON (a document or List item that JSON.parse read).

function skipJsonSpace(t: ScanText, i: number): number {
  const { src } = t;
  for (;;) {
    const c = src.charCodeAt(i);
    if (c === SPACE || c === LF || c === CR || c === TAB) i++;
    else return i;
  }
}

/** Offset after the string opening at `i`, or -1. */
function skipJsonString(t: ScanText, i: number): number {
  const { src } = t;
  let from = i + 1;
  for (;;) {
    const close = src.indexOf('"', from);
    if (close === -1 || close >= t.end) return -1;
    let slashes = 0;
    while (src.charCodeAt(close - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return close + 1;
    from = close + 1;
  }
}

/** Offset after the value starting at `i`, or -1 when it is not JSON. */
function skipJsonValue(t: ScanText, i: number): number {
  const { src } = t;
  const c = src.charCodeAt(i);
  if (c === 34) return skipJsonString(t, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    while (i < t.end) {
      const d = src.charCodeAt(i);
      if (d === 34) {
        i = skipJsonString(t, i);
        if (i === -1) return -1;
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
  const start = i;
  while (i < t.end) {
    const d = src.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || d === SPACE || d === LF || d === CR || d === TAB) break;
    i++;
  }
  // YAML flow collections hold plain scalars and `key: value` pairs that are not JSON.
  return JSON_LITERAL.test(src.slice(start, i)) ? i : -1;
}

const JSON_LITERAL = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)$/;

function jsonNode(t: ScanText, at: number): Node | undefined {
  const c = t.src.charCodeAt(at);
  if (c === 123 || c === 91) return { type: 'json', at };
  if (c === 34) return LEAF;
  return skipJsonValue(t, at) === -1 ? undefined : LEAF;
}

/** Members of the object (keys and values) or items of the array opening at `at`. */
function jsonChildren(
  t: ScanText,
  at: number,
  want?: string | number,
): { children: Children; end: number } | undefined {
  const { src } = t;
  const object = src.charCodeAt(at) === 123;
  const close = object ? 125 : 93;
  const members: MapChild[] = [];
  const items: SeqChild[] = [];
  let i = skipJsonSpace(t, at + 1);
  if (src.charCodeAt(i) === close) return { children: object ? members : items, end: i + 1 };
  for (;;) {
    if (object) {
      if (src.charCodeAt(i) !== 34) return undefined;
      const keyEnd = skipJsonString(t, i);
      if (keyEnd === -1) return undefined;
      const raw = src.slice(i + 1, keyEnd - 1);
      let key = raw;
      if (raw.includes('\\')) {
        try {
          key = JSON.parse(src.slice(i, keyEnd)) as string;
        } catch {
          return undefined;
        }
      }
      const colon = skipJsonSpace(t, keyEnd);
      if (src.charCodeAt(colon) !== 58) return undefined;
      const value = skipJsonSpace(t, colon + 1);
      members.push({ key, at: i, value });
      if (key === want) return { children: members, end: -1 };
      i = skipJsonValue(t, value);
    } else {
      items.push({ at: i });
      if (items.length === (want as number) + 1) return { children: items, end: -1 };
      i = skipJsonValue(t, i);
    }
    if (i === -1) return undefined;
    i = skipJsonSpace(t, i);
    const c = src.charCodeAt(i);
    if (c === close) return { children: object ? members : items, end: i + 1 };
    if (c !== 44) return undefined;
    i = skipJsonSpace(t, i + 1);
  }
}
