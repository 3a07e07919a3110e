// A kubectl JSON List too big for one string (V8 caps a string at 512 MiB; `kubectl get -A -o json` of
// 130,000 objects passes it), read from its file a few MiB at a time and never held whole. A small tokenizer
// follows strings, escapes and brackets to find each item of `items`, in any layout (pretty or minified), and
// hands the items on in pieces of about PIECE_BYTES, each a List of its own that the manifest reader parses as
// usual, with the lines before it added back to its locations. One bad item is an error of its own in its
// piece (the manifest reader's salvage), the other items are read.
//
// Why not stream-json: it emits a token per key and value (millions of events for 600 MB, several times the
// cost of JSON.parse) and forgets where in the file each item was; all that is needed here is where each item
// starts and ends, which a scan of the bytes for quotes, backslashes and brackets tells at memory speed.
import { isUtf8 } from 'node:buffer';

/** About how much text each piece holds. */
export const LIST_PIECE_BYTES = 32 * 1024 * 1024;

export interface ListPiece {
  /**
   * A List holding some of the items, as the file wrote them (`pieceText`): the file's bytes of the items, and
   * the List's own text made up around them. The bytes are decoded where the piece is parsed.
   */
  head: string;
  body: Uint8Array;
  tail: string;
  /** Items of the file's List before this piece's first. */
  itemsBefore: number;
  /** The file ends inside an item: where it starts and what to say (the piece has no text then). */
  cut?: { line: number; column: number; message: string };
  /** Lines of the file before the piece's line 1 (negative when the piece's own header lines come first). */
  lineOffset: number;
  /**
   * The file offset the piece's text would start at if it were the file's bytes: its items are (its header is
   * not, and comes before them), so an item's byte site is this plus its byte offset in the text.
   */
  byteStart: number;
  /** The file offset of the piece's first item: a byte site before it lies in the header the piece made up. */
  itemsStart: number;
}

/** A piece's text: the List it makes of its items. */
export function pieceText(piece: ListPiece): string {
  const body = Buffer.from(piece.body.buffer, piece.body.byteOffset, piece.body.byteLength);
  return `${piece.head}${body.toString('utf8')}${piece.tail}`;
}

/** The text is not a JSON List (or an array) whose items can be read one by one: read it another way. */
export class NotAList extends Error {
  override readonly name = 'NotAList';
}

/** The bytes are not text: the whole file is reported with this message, as one read at once would be. */
export class NotText extends Error {
  override readonly name = 'NotText';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** Strings of the List's own header (keys, kind, apiVersion) are kept up to this many bytes. */
const CAPTURE_BYTES = 1024;

interface ListOptions {
  pieceBytes?: number;
  /** The List's kind when it comes after the items (kubectl prints keys in order: kind follows items). */
  kindAfterItems?: string | undefined;
}

/**
 * The items of the JSON List (`{"kind": "…List", "items": [...]}`) or top-level array the chunks hold, in
 * pieces. Throws NotAList before the first piece when the text is neither, and NotText on bytes that are not
 * UTF-8 text.
 */
export async function* jsonListPieces(
  chunks: AsyncIterable<Buffer>,
  options: ListOptions = {},
): AsyncGenerator<ListPiece> {
  const reader = new ListReader(options.pieceBytes ?? LIST_PIECE_BYTES, options.kindAfterItems);
  for await (const chunk of chunks) {
    reader.feed(chunk);
    yield* reader.take();
  }
  reader.end();
  yield* reader.take();
}

class ListReader {
  // Tokenizer.
  #offset = 0;
  #depth = 0;
  #inString = false;
  #escaped = false;
  #line = 1;
  #lineStart = 0;
  /** Something other than whitespace was seen on the current line. */
  #contentOnLine = false;
  #top: 'object' | 'array' | undefined;
  #done = false;
  // The List's own keys (depth 1 of an object).
  #expect: 'key' | 'colon' | 'value' | 'comma' = 'key';
  #key = '';
  #capture: number[] | undefined;
  #captureOverflow = false;
  #kind: string | undefined;
  #apiVersion: string | undefined;
  // Items.
  #itemsDepth = -1;
  #sawItems = false;
  #itemStart = -1;
  #itemScalar: 'string' | 'literal' | undefined;
  #items = 0;
  #itemLine = 0;
  #itemColumn = 0;
  /** The piece starts inside a line (a minified List). */
  #midLine = false;
  #pieceLineStart = 0;
  #pieceItems = 0;
  // The piece being gathered: file offsets, and the chunks that hold its bytes.
  #pieceStart = -1;
  #pieceLine = 0;
  #pieceEnd = -1;
  #held: Array<{ buf: Buffer; start: number }> = [];
  #ready: ListPiece[] = [];

  constructor(
    readonly pieceBytes: number,
    readonly kindAfterItems: string | undefined,
  ) {}

  take(): ListPiece[] {
    const out = this.#ready;
    this.#ready = [];
    return out;
  }

  feed(buf: Buffer): void {
    const base = this.#offset;
    if (base === 0 && buf[0] === 0x1f && buf[1] === 0x8b) throw new NotAList('gzip data');
    this.#held.push({ buf, start: base });
    const n = buf.length;
    let i = 0;
    while (i < n) {
      if (this.#inString) {
        i = this.#inStringFrom(buf, i, base);
        continue;
      }
      // Outside strings: whitespace in a tight loop, anything else to #significant.
      let c = buf[i] as number;
      while (c === SPACE || c === LF || c === CR || c === TAB) {
        if (c === LF) this.#newline(base + i);
        if (++i === n) break;
        c = buf[i] as number;
      }
      if (i === n) break;
      // Inside an item only brackets and quotes matter (most of the file): no call for the rest.
      if (this.#itemStart >= 0 && this.#itemScalar === undefined && this.#depth > this.#itemsDepth) {
        this.#contentOnLine = true;
        if (c === QUOTE) this.#inString = true;
        else if (c === 0x7b || c === 0x5b) this.#depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (--this.#depth === this.#itemsDepth) this.#endItem(base + i + 1);
        }
        i++;
        continue;
      }
      this.#significant(c, base + i);
      this.#contentOnLine = true;
      i++;
    }
    this.#offset = base + buf.length;
    this.#release();
  }

  /** Goes through a string from `i`; returns where to go on (after its closing quote, or the chunk's end). */
  #inStringFrom(buf: Buffer, from: number, base: number): number {
    const n = buf.length;
    let i = from;
    if (this.#escaped) {
      this.#escaped = false;
      this.#capture?.push(buf[i] as number);
      i++;
    }
    if (this.#capture) {
      for (; i < n; i++) {
        const c = buf[i] as number;
        if (this.#escaped) this.#escaped = false;
        else if (c === QUOTE) {
          this.#inString = false;
          this.#stringEnd(base + i);
          return i + 1;
        } else if (c === BACKSLASH) this.#escaped = true;
        if (this.#capture.length < CAPTURE_BYTES) this.#capture.push(c);
        else this.#captureOverflow = true;
      }
      return n;
    }
    // The string's end: the next quote after an even run of backslashes (a JSON string holds no newline).
    let q = buf.indexOf(QUOTE, i);
    while (q !== -1 && backslashesBefore(buf, q, i) % 2 === 1) q = buf.indexOf(QUOTE, q + 1);
    if (q === -1) {
      this.#escaped = backslashesBefore(buf, n, i) % 2 === 1;
      return n;
    }
    this.#inString = false;
    if (this.#itemScalar === 'string') this.#stringEnd(base + q);
    return q + 1;
  }

  end(): void {
    if (this.#top === undefined) throw new NotAList('empty');
    if (!this.#sawItems) throw new NotAList('no items');
    this.#emit();
    if (this.#itemStart >= 0) {
      this.#ready.push({
        head: '',
        body: new Uint8Array(0),
        tail: '',
        lineOffset: 0,
        byteStart: 0,
        itemsStart: 0,
        itemsBefore: this.#items,
        cut: {
          line: this.#itemLine,
          column: this.#itemColumn,
          message: `item ${this.#items + 1} of the ${this.#kind ?? 'list'} is cut off: the file ends inside it (an interrupted download or a full disk?); the items before it were read`,
        },
      });
    }
  }

  #newline(at: number): void {
    this.#line++;
    this.#lineStart = at + 1;
    this.#contentOnLine = false;
  }

  #significant(c: number, at: number): void {
    if (this.#done) return;
    if (this.#top === undefined) {
      if (c === 0xef || c === 0xbb || c === 0xbf) return; // A byte-order mark.
      if (c === 0x7b /* { */) this.#top = 'object';
      else if (c === 0x5b /* [ */) {
        this.#top = 'array';
        this.#itemsDepth = 1;
        this.#sawItems = true;
      } else throw new NotAList('not JSON');
      this.#depth = 1;
      return;
    }
    if (this.#itemsDepth === this.#depth && this.#itemStart < 0) {
      // Between items: a comma, the end of the items, or the next item.
      if (c === 0x2c /* , */) return;
      if (c !== 0x5d /* ] */) {
        this.#startItem(c, at);
        if (this.#itemScalar !== undefined) {
          if (c === QUOTE) this.#inString = true;
          return;
        }
      }
    } else if (this.#itemScalar === 'literal' && (c === 0x2c || c === 0x5d)) {
      this.#endItem(at);
      if (c === 0x2c) return;
    }
    switch (c) {
      case 0x7b: // {
      case 0x5b: // [
        if (this.#depth === 1 && this.#top === 'object') {
          if (this.#expect === 'value' && this.#key === 'items' && c === 0x5b) this.#openItems();
          this.#expect = 'comma';
        }
        this.#depth++;
        return;
      case 0x7d: // }
      case 0x5d: // ]
        this.#depth--;
        if (this.#depth === this.#itemsDepth && this.#itemStart >= 0) this.#endItem(at + 1);
        else if (this.#depth === this.#itemsDepth - 1) {
          // The items end.
          this.#emit();
          this.#itemsDepth = -1;
        }
        if (this.#depth === 0) this.#done = true;
        return;
      case QUOTE:
        this.#inString = true;
        if (
          this.#depth === 1 &&
          this.#top === 'object' &&
          (this.#expect === 'key' || this.#expect === 'value')
        ) {
          this.#capture = [];
          this.#captureOverflow = false;
        }
        return;
      case 0x3a: // :
        if (this.#depth === 1 && this.#expect === 'colon') this.#expect = 'value';
        return;
      case 0x2c: // ,
        if (this.#depth === 1) this.#expect = 'key';
        return;
      default:
        // A number, true, false or null as a value of the List's own.
        if (this.#depth === 1 && this.#expect === 'value') this.#expect = 'comma';
    }
  }

  #stringEnd(at: number): void {
    if (this.#itemScalar === 'string' && this.#depth === this.#itemsDepth) {
      this.#endItem(at + 1);
      return;
    }
    const raw = this.#capture;
    this.#capture = undefined;
    if (!raw) return;
    let value: string | undefined;
    try {
      value = this.#captureOverflow
        ? undefined
        : (JSON.parse(`"${Buffer.from(raw).toString('utf8')}"`) as string);
    } catch {
      value = undefined;
    }
    if (this.#expect === 'key') {
      this.#key = value ?? '';
      this.#expect = 'colon';
    } else {
      if (this.#key === 'kind') this.#kind = value;
      if (this.#key === 'apiVersion') this.#apiVersion = value;
      this.#expect = 'comma';
    }
  }

  #openItems(): void {
    // kubectl writes `kind` after the items: the file's end tells it, else (a cut file) kubectl's own `List`.
    const kind = this.#kind ?? this.kindAfterItems ?? 'List';
    // Only a List's items are read this way; any other object is read whole, as before.
    if (!kind.endsWith('List')) throw new NotAList(`kind ${kind}`);
    this.#kind = kind;
    this.#itemsDepth = 2;
    this.#sawItems = true;
  }

  #startItem(c: number, at: number): void {
    if (this.#pieceStart < 0) {
      // From the start of the line when only indentation comes before the item: columns stay the file's.
      const fromLine = !this.#contentOnLine && at - this.#lineStart < 64 * 1024;
      this.#pieceStart = fromLine ? this.#lineStart : at;
      this.#pieceLine = this.#line;
      this.#pieceLineStart = this.#lineStart;
      this.#midLine = !fromLine;
    }
    this.#itemStart = at;
    this.#itemLine = this.#line;
    this.#itemColumn = at - this.#lineStart + 1;
    this.#itemScalar = c === QUOTE ? 'string' : c === 0x7b || c === 0x5b ? undefined : 'literal';
  }

  #endItem(end: number): void {
    this.#itemStart = -1;
    this.#itemScalar = undefined;
    this.#pieceEnd = end;
    this.#items++;
    if (this.#pieceEnd - this.#pieceStart >= this.pieceBytes) this.#emit();
  }

  /** The gathered items as a List of their own. */
  #emit(): void {
    if (this.#pieceStart < 0 || this.#pieceEnd < 0) return;
    const bytes = this.#slice(this.#pieceStart, this.#pieceEnd);
    if (bytes.indexOf(0) !== -1)
      throw new NotText('not a text file (binary data); kube2eks reads YAML and JSON manifests');
    if (!isUtf8(bytes)) throw new NotText('not a UTF-8 text file; kube2eks reads YAML and JSON manifests');
    const list = `"apiVersion": ${JSON.stringify(this.#apiVersion ?? 'v1')}, "kind": ${JSON.stringify(this.#kind)}`;
    let head: string;
    let lines: number;
    if (this.#midLine) {
      // A minified List: the header on the items' line, spaces up to the item's column when it fits (beyond
      // the first piece of a long line, columns count from the piece).
      const start =
        this.#top === 'array'
          ? '['
          : `{"apiVersion":${JSON.stringify(this.#apiVersion ?? 'v1')},"kind":${JSON.stringify(this.#kind)},"items":[`;
      const column = this.#pieceStart - this.#pieceLineStart;
      head = column - start.length <= 1024 * 1024 ? start.padEnd(column) : start;
      lines = 0;
    } else {
      // Header lines of their own, as kubectl writes them, so a bad item is found and reported on its own.
      head = this.#top === 'array' ? '[\n' : `{\n${list.replace(', ', ',\n')},\n"items": [\n`;
      lines = this.#top === 'array' ? 1 : 4;
    }
    this.#ready.push({
      head,
      // A copy of its own (the held chunks are reused), which a thread can take over without copying.
      body: new Uint8Array(bytes),
      tail: `\n]${this.#top === 'array' ? '' : '}'}\n`,
      lineOffset: this.#pieceLine - 1 - lines,
      byteStart: this.#pieceStart - Buffer.byteLength(head),
      itemsStart: this.#pieceStart,
      itemsBefore: this.#pieceItems,
    });
    this.#pieceItems = this.#items;
    this.#pieceStart = -1;
    this.#pieceEnd = -1;
  }

  /** Bytes [from, to) of the file, from the held chunks. */
  #slice(from: number, to: number): Buffer {
    const parts: Buffer[] = [];
    for (const { buf, start } of this.#held) {
      const a = Math.max(from, start);
      const b = Math.min(to, start + buf.length);
      if (a < b) parts.push(buf.subarray(a - start, b - start));
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  /** Lets go of chunks no piece needs any more. */
  #release(): void {
    const keepFrom =
      this.#pieceStart >= 0 ? this.#pieceStart : this.#contentOnLine ? this.#offset : this.#lineStart;
    while (this.#held.length > 0) {
      const first = this.#held[0] as { buf: Buffer; start: number };
      if (first.start + first.buf.length > keepFrom) break;
      this.#held.shift();
    }
  }
}

/** How many backslashes come right before `at`, not looking before `from`. */
function backslashesBefore(buf: Buffer, at: number, from: number): number {
  let k = at;
  while (k > from && buf[k - 1] === BACKSLASH) k--;
  return at - k;
}

/** The kind of a List whose `"kind"` follows its items (kubectl's order), from the file's last bytes. */
export function kindInTail(tail: string): string | undefined {
  const matches = [...tail.matchAll(/"kind"\s*:\s*"(\w*List)"\s*[,}]/g)];
  return matches.at(-1)?.[1];
}

/** A piece's results with its items numbered as in the whole List (`item 3 of the List` in messages). */
export function renumberItems<T extends { errors: Array<{ message: string }> }>(
  result: T,
  itemsBefore: number,
): T {
  if (itemsBefore === 0) return result;
  for (const e of result.errors) {
    e.message = e.message.replace(
      /^item (\d+) of the /,
      (_, n: string) => `item ${Number(n) + itemsBefore} of the `,
    );
  }
  return result;
}
