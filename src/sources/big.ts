// Files too big for one JavaScript string. V8 caps a string at 512 MB, and a 100,000-object cluster printed
// by `kubectl get -A -o json` is about 600 MB. Such a file is cut at document or List-item boundaries into
// pieces that are read one by one, each with the lines before it added back to its locations.
import type { InventoryObject } from '../model/types.js';
import type { SourceResult } from './result.js';

/** Files from this size on are read in pieces. */
export const BIG_FILE_BYTES = 256 * 1024 * 1024;
/** About how much text each piece holds. */
export const PIECE_BYTES = 32 * 1024 * 1024;

export interface Piece {
  text: string;
  /** Lines of the file before the piece's first line (wrapper lines already taken off). */
  lineOffset: number;
}

const LF = 10;

/** Newlines in buf[from, to). */
function newlines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buf.indexOf(LF, from); i !== -1 && i < to; i = buf.indexOf(LF, i + 1)) n++;
  return n;
}

/** Start offsets of the lines in buf[from, to) that begin with `needle`, followed by a byte `follow` accepts. */
function lineStarts(buf: Buffer, needle: string, from: number, to: number, follow: (c: number) => boolean) {
  const starts: number[] = [];
  // Searching for a run of spaces is slow (it matches everywhere in indentation): search for what follows
  // the indentation, and check the indentation behind each match.
  const body = needle.trimStart();
  const indent = needle.length - body.length;
  const pattern = Buffer.from(indent ? body : `\n${body}`);
  for (let i = buf.indexOf(pattern, from); i !== -1 && i < to; i = buf.indexOf(pattern, i + 1)) {
    const after = i + pattern.length;
    if (after < buf.length && !follow(buf[after] as number)) continue;
    const start = indent ? i - indent : i + 1;
    if (indent) {
      if (start - 1 < from || buf[start - 1] !== LF) continue;
      let spaces = true;
      for (let j = start; j < i; j++) if (buf[j] !== 32) spaces = false;
      if (!spaces) continue;
    }
    starts.push(start);
  }
  return starts;
}

const endsLine = (c: number): boolean => c === LF || c === 13;
const endsMarker = (c: number): boolean => c === LF || c === 13 || c === 32 || c === 9;

/** Groups boundaries into pieces of about PIECE_BYTES: [start, end) byte ranges. */
function group(starts: number[], end: number, pieceBytes: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let from = starts[0] ?? end;
  for (let i = 1; i < starts.length; i++) {
    const at = starts[i] as number;
    if (at - from >= pieceBytes) {
      ranges.push([from, at]);
      from = at;
    }
  }
  if (from < end) ranges.push([from, end]);
  return ranges;
}

/** Pieces with their line offsets; `wrap` turns a range's text into a text that parses on its own. */
function* pieces(
  buf: Buffer,
  ranges: Array<[number, number]>,
  wrap: (text: string) => { text: string; lines: number },
): Generator<Piece> {
  let line = 0;
  let counted = 0;
  for (const [start, end] of ranges) {
    line += newlines(buf, counted, start);
    counted = start;
    const wrapped = wrap(buf.toString('utf8', start, end));
    yield { text: wrapped.text, lineOffset: line - wrapped.lines };
  }
}

/**
 * The pieces of a big manifest file: a kubectl JSON or YAML List cut between items, or multi-document YAML
 * cut at `---` lines. Undefined when the file has neither layout (it cannot be read in pieces).
 */
export function splitBigText(buf: Buffer, pieceBytes = PIECE_BYTES): Iterable<Piece> | undefined {
  const head = buf.toString('utf8', 0, Math.min(buf.length, 1024 * 1024));
  const tail = buf.toString('latin1', Math.max(0, buf.length - 1024 * 1024));
  const first = /\S/.exec(head)?.[0];
  if (first === '{') return jsonList(buf, head, tail, pieceBytes);
  const items = /^items[ \t]*:[ \t]*\r?\n/m.exec(head);
  if (items && /^kind[ \t]*:[ \t]*['"]?\w*List['"]?[ \t]*\r?$/m.test(`${head}\n${tail}`)) {
    const list = yamlList(buf, head, tail, items.index + items[0].length, pieceBytes);
    if (list) return list;
  }
  const markers = lineStarts(buf, '---', 0, buf.length, endsMarker);
  if (markers.length === 0) return undefined;
  return pieces(buf, group([0, ...markers], buf.length, pieceBytes), (text) => ({ text, lines: 0 }));
}

/** A byte range of a file, with the lines of the file before it. */
export interface ByteRange {
  start: number;
  end: number;
  lineOffset: number;
}

/**
 * Multi-document YAML cut at `---` lines into ranges of about `pieceBytes` that parse on their own to what
 * the whole text gives: undefined for JSON, for text with old Mac line ends (a lone CR), or with fewer
 * than two pieces. A marker after a directive line (`%YAML`) stays with its directives.
 */
export function documentRanges(buf: Buffer, pieceBytes: number): ByteRange[] | undefined {
  const first = /\S/.exec(buf.toString('utf8', 0, Math.min(buf.length, 4096)))?.[0];
  if (first === '{' || first === '[') return undefined;
  for (let i = buf.indexOf(13); i !== -1; i = buf.indexOf(13, i + 1)) if (buf[i + 1] !== LF) return undefined;
  const markers = lineStarts(buf, '---', 0, buf.length, endsMarker).filter((at) => {
    const lineStart = at >= 2 ? buf.lastIndexOf(LF, at - 2) + 1 : 0;
    return at === 0 || buf[lineStart] !== 37; /* % */
  });
  const ranges: ByteRange[] = [];
  let line = 0;
  let counted = 0;
  for (const [start, end] of group([0, ...markers.filter((m) => m > 0)], buf.length, pieceBytes)) {
    line += newlines(buf, counted, start);
    counted = start;
    ranges.push({ start, end, lineOffset: line });
  }
  return ranges.length > 1 ? ranges : undefined;
}

/** The text without the comma (and whitespace) after its last item. */
function dropTrailingComma(text: string): string {
  let end = text.length;
  while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
  return text.charAt(end - 1) === ',' ? text.slice(0, end - 1) : text;
}

/** `kubectl get -o json`: `"items": [` on its own line, then one `{` line per item at one indent. */
function jsonList(buf: Buffer, head: string, tail: string, pieceBytes: number): Iterable<Piece> | undefined {
  const open = /^(([ \t]*)"items"[ \t]*:[ \t]*\[[ \t]*\r?\n)([ \t]+)\{\r?\n/m.exec(head);
  if (!open) return undefined;
  const [, itemsLine = '', outer = '', indent = ''] = open;
  if (indent.length <= outer.length) return undefined;
  const itemsStart = Buffer.byteLength(head.slice(0, open.index + itemsLine.length));
  const closeAt = buf.lastIndexOf(Buffer.from(`\n${outer}]`));
  if (closeAt < itemsStart) return undefined;
  const starts = [itemsStart, ...lineStarts(buf, `${indent}{`, itemsStart, closeAt, endsLine)];
  // Typed lists (DeploymentList) leave kind and apiVersion out of their items: keep the List's own.
  const closeInTail = tail.lastIndexOf(`\n${outer}]`);
  const around = `${head.slice(0, open.index)}\n${closeInTail === -1 ? '' : tail.slice(closeInTail)}`;
  const field = (name: string): string | undefined =>
    new RegExp(`^${outer}"${name}"[ \\t]*:[ \\t]*("[^"\\\\]*")`, 'm').exec(around)?.[1];
  const prefix = `{"apiVersion": ${field('apiVersion') ?? '"v1"'}, "kind": ${field('kind') ?? '"List"'},\n"items": [\n`;
  return pieces(buf, group(starts, closeAt + 1, pieceBytes), (text) => ({
    // The last item of a piece is followed by the comma that separated it from the next one.
    text: `${prefix}${dropTrailingComma(text)}\n]}\n`,
    lines: 2,
  }));
}

/** `kubectl get -o yaml`: `items:` at column 0, then one `- ` line per item at column 0. */
function yamlList(
  buf: Buffer,
  head: string,
  tail: string,
  afterItems: number,
  pieceBytes: number,
): Iterable<Piece> | undefined {
  const itemsStart = Buffer.byteLength(head.slice(0, afterItems));
  if (buf[itemsStart] !== 45 /* - */) return undefined;
  // The items end at the first line at column 0 that is not an item (`kind: List`, `metadata:`), near the end.
  let itemsEnd = buf.length;
  for (
    let i = buf.indexOf(LF, Math.max(itemsStart, buf.length - tail.length));
    i !== -1;
    i = buf.indexOf(LF, i + 1)
  ) {
    const c = buf[i + 1];
    if (c !== undefined && c !== 45 && c !== 32 && c !== 9 && c !== 13 && c !== LF && c !== 35) {
      itemsEnd = i + 1;
      break;
    }
  }
  const starts = [itemsStart, ...lineStarts(buf, '-', itemsStart, itemsEnd, endsMarker)];
  const around = `${head.slice(0, afterItems)}\n${buf.toString('utf8', itemsEnd, Math.min(buf.length, itemsEnd + 64 * 1024))}`;
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}[ \\t]*:[ \\t]*(.*?)[ \\t]*\\r?$`, 'm').exec(around)?.[1];
  const prefix = `apiVersion: ${field('apiVersion') ?? 'v1'}\nkind: ${field('kind') ?? 'List'}\nitems:\n`;
  return pieces(buf, group(starts, itemsEnd, pieceBytes), (text) => ({ text: prefix + text, lines: 3 }));
}

/** Moves a piece's locations down by the lines of the file before it. */
export function shiftLines(result: SourceResult, lineOffset: number): SourceResult {
  if (lineOffset === 0) return result;
  for (const o of result.objects) {
    o.location.line = (o.location.line ?? 1) + lineOffset;
    const locate = o.locate;
    if (locate) {
      const shifted: InventoryObject['locate'] = (path) => {
        const pos = locate(path);
        return pos && { line: pos.line + lineOffset, column: pos.column };
      };
      o.locate = shifted;
    }
  }
  for (const e of result.errors) if (e.line !== undefined) e.line += lineOffset;
  return result;
}
