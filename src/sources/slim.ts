// Slim objects: what the parallel pipeline (src/parallel/) keeps of each object on the main thread,
// and how it finds a field's line later from the byte range the object came from instead of keeping the
// whole text (docs/architecture.md, "Parallel assess").
import { closeSync, openSync, readSync } from 'node:fs';
import { describeRef, isRecord, refOf } from '../model/kinds.js';
import type {
  FieldLocator,
  FieldPath,
  InventoryObject,
  KubeObject,
  Location,
  ResourceRef,
} from '../model/types.js';
import { locateIn, type TextSlice, textSiteOf } from './locate.js';
import { parseManifestText } from './manifest.js';
import { LAST_APPLIED_ANNOTATION } from './sanitize.js';

/** Kinds whose `status` is kept: a Node's capacity (the plan), a Pod's image digests (image/registry). */
const STATUS_KEPT: ReadonlySet<unknown> = new Set(['Node', 'Pod']);

/**
 * What is kept of an object once the rules that read more have seen it whole: no
 * `metadata.managedFields`, no last-applied annotation (the API rules read it next to the parser), no
 * `status` except a Node's or a Pod's. Shares the values it keeps.
 */
export function slimObject(obj: KubeObject): KubeObject {
  const out: KubeObject = {};
  for (const key of Object.keys(obj)) {
    if (key === 'status' && !STATUS_KEPT.has(obj.kind)) continue;
    out[key] = obj[key];
  }
  const meta = obj.metadata;
  if (!isRecord(meta)) return out;
  const annotations = meta.annotations;
  const lastApplied = isRecord(annotations) && Object.hasOwn(annotations, LAST_APPLIED_ANNOTATION);
  if (!Object.hasOwn(meta, 'managedFields') && !lastApplied) return out;
  const slimMeta: Record<string, unknown> = {};
  for (const key of Object.keys(meta)) {
    if (key === 'managedFields') continue;
    if (key === 'annotations' && lastApplied) {
      const kept: Record<string, string> = {};
      for (const [k, v] of Object.entries(annotations as Record<string, string>))
        if (k !== LAST_APPLIED_ANNOTATION) kept[k] = v;
      slimMeta[key] = kept;
    } else slimMeta[key] = meta[key];
  }
  out.metadata = slimMeta as NonNullable<KubeObject['metadata']>;
  return out;
}

/**
 * Where an object's text is in its file: byte offsets [start, end), the lines of the file before it, its
 * path inside that text (a List item, a Template object), and whether a JSON item's comma follows.
 */
export type ByteSite = [start: number, end: number, lineOffset: number, prefix: FieldPath, comma?: 1];

/** Byte offsets of character offsets in one text, counted forwards from the last answer. */
class ByteOffsets {
  private readonly ascii: boolean;
  private char = 0;
  private byte = 0;
  constructor(private readonly text: string) {
    this.ascii = Buffer.byteLength(text) === text.length;
  }
  at(offset: number): number {
    if (this.ascii) return offset;
    if (offset < this.char) {
      this.char = 0;
      this.byte = 0;
    }
    this.byte += Buffer.byteLength(this.text.slice(this.char, offset));
    this.char = offset;
    return this.byte;
  }
}

/**
 * The byte sites of objects parsed from the text of file bytes starting at `byteStart` (which may begin
 * with a byte-order mark the parser took off), their lines shifted down by `lineOffset`. Undefined for
 * an object the manifest parser did not read from text.
 */
export function byteSitesOf(
  items: readonly InventoryObject[],
  byteStart: number,
  lineOffset: number,
  bom: boolean,
): Array<ByteSite | undefined> {
  return new ByteSites(byteStart, lineOffset, bom).of(items);
}

/** `byteSitesOf` for objects handed on a few at a time, in text order: the byte count goes on where it was. */
export class ByteSites {
  private readonly offsets = new Map<string, ByteOffsets>();
  private readonly base: number;
  constructor(
    byteStart: number,
    private readonly lineOffset: number,
    bom: boolean,
  ) {
    this.base = byteStart + (bom ? 3 : 0);
  }

  of(items: readonly InventoryObject[]): Array<ByteSite | undefined> {
    return items.map((item) => {
      const site = textSiteOf.get(item);
      if (!site) return undefined;
      const { slice, prefix } = site;
      let counter = this.offsets.get(slice.source);
      if (!counter) {
        counter = new ByteOffsets(slice.source);
        this.offsets.clear();
        this.offsets.set(slice.source, counter);
      }
      const start = this.base + counter.at(slice.start);
      const end = this.base + counter.at(slice.end);
      const out: ByteSite = [start, end, slice.lineOffset + this.lineOffset, prefix];
      if (slice.trailingComma) out.push(1);
      return out;
    });
  }
}

/** Texts re-read for locating, the last few kept (a rule often locates several fields of one object). */
const texts = new Map<string, TextSlice>();
const TEXTS_KEPT = 32;

/**
 * A stretch of a file read ahead for locating (`readAhead`): the objects of a batch are located from it, and
 * their texts are kept with it (rules take turns over the batch, so an object is located by one rule after
 * another: decoding its bytes again each time cost more than the scans).
 */
interface Window {
  file: string;
  start: number;
  bytes: Buffer;
  texts: Map<string, TextSlice>;
}
let window: Window | undefined;

/** Forgets the texts and the stretch read so far: a new run may read files rewritten since. */
export function forgetReadTexts(): void {
  texts.clear();
  window = undefined;
}

/** Bytes [start, end) of a file; fewer when the file ends first. */
export function readFileBytes(file: string, start: number, end: number): Buffer {
  const buf = Buffer.allocUnsafe(end - start);
  let read = 0;
  const fd = openSync(file, 'r');
  try {
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  return buf.subarray(0, read);
}

/**
 * Reads bytes [start, end) of a file at once, for the objects about to be located there: rules look at
 * a batch of objects one rule after another, and each would otherwise read its objects' bytes again.
 */
export function readAhead(file: string, start: number, end: number): void {
  window = { file, start, bytes: readFileBytes(file, start, end), texts: new Map() };
}

/** The read-ahead window when it holds bytes [start, end) of the file. */
function windowOver(file: string, start: number, end: number): Window | undefined {
  if (window && window.file === file && start >= window.start && end <= window.start + window.bytes.length)
    return window;
  return undefined;
}

function sliceAt(file: string, site: ByteSite): TextSlice {
  const key = `${site[0]}:${site[1]}:${file}`;
  const over = windowOver(file, site[0], site[1]);
  const kept = over ? over.texts : texts;
  const hit = kept.get(key);
  if (hit) return hit;
  const buf = over
    ? over.bytes.subarray(site[0] - over.start, site[1] - over.start)
    : readFileBytes(file, site[0], site[1]);
  const raw = buf.toString('utf8');
  // As the parser read it: a lone CR ends a line (one character for one, so offsets hold).
  const source = raw.includes('\r') ? raw.replace(/\r(?!\n)/g, '\n') : raw;
  const slice: TextSlice = { source, start: 0, end: source.length, lineOffset: site[2] };
  if (site[4]) slice.trailingComma = true;
  kept.set(key, slice);
  if (!over && texts.size > TEXTS_KEPT) texts.delete(texts.keys().next().value as string);
  return slice;
}

/** The fields an object kept as its head (`headOnly`) keeps. */
const HEAD_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

/** Whether a parsed object reads back from its text alone (`textSiteOf`): it can be read again from its bytes. */
export function readsBackAlone(item: InventoryObject): boolean {
  return textSiteOf.get(item)?.alone === true;
}

/** A slim object split into its head and the names of all its fields, in order. */
export function splitHead(obj: KubeObject): { head: KubeObject; fields: string[] } {
  const head: KubeObject = {};
  const fields = Object.keys(obj);
  for (const key of fields) if (HEAD_FIELDS.has(key)) head[key] = obj[key];
  return { head, fields };
}

/** How many head-only objects were read again from their files (the tests and the benchmark watch it). */
let reread = 0;

export function rereadCount(): number {
  return reread;
}

/**
 * The object whose head is `head` and whose fields are `fields`, the others read again from its bytes in
 * `file` the first time anything asks for one. The main thread keeps the Pods and ReplicaSets a controller
 * made so (src/parallel/): what the cross-object code reads of them came with them (model/pod-facts.ts), and
 * only a copy whose controller turns out missing is read again. Secrets are never kept so.
 */
export function headOnlyObject(
  head: KubeObject,
  fields: readonly string[],
  file: string,
  display: string,
  site: ByteSite,
): KubeObject {
  const out: KubeObject = {};
  const load = (): void => {
    const whole = rereadObject(file, display, site, head);
    for (const key of fields)
      if (!HEAD_FIELDS.has(key))
        Object.defineProperty(out, key, {
          value: whole[key],
          enumerable: true,
          writable: true,
          configurable: true,
        });
  };
  for (const key of fields) {
    if (HEAD_FIELDS.has(key)) {
      out[key] = head[key];
      continue;
    }
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        load();
        return out[key];
      },
      set(value: unknown) {
        load();
        out[key] = value;
      },
    });
  }
  return out;
}

/** What tells an object is still the one first read: its kind, namespace, name, uid and resource version. */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  const [ma, mb] = [a.metadata ?? {}, b.metadata ?? {}];
  return (
    a.kind === b.kind &&
    ma.namespace === mb.namespace &&
    ma.name === mb.name &&
    ma.uid === mb.uid &&
    ma.resourceVersion === mb.resourceVersion
  );
}

function rereadObject(file: string, display: string, site: ByteSite, head: KubeObject): KubeObject {
  reread++;
  const text = sliceAt(file, site).source;
  // A JSON List item's bytes run to the next item: without the comma between them, it is a JSON document.
  const { objects } = parseManifestText(site[4] ? text.replace(/,\s*$/, '') : text, display);
  const whole = objects.length === 1 ? objects[0]?.object : undefined;
  if (!whole || !sameObject(whole, head))
    throw new Error(
      `${display} changed while it was read (${describeRef(refOf(head))} is no longer where it was): run again`,
    );
  return slimObject(whole);
}

const memos = new WeakMap<SlimItem, Map<string, { line: number; column: number } | undefined>>();
const fallbacks = new WeakMap<SlimItem, FieldLocator>();

/**
 * An inventory object as the main thread keeps it: a slim object, and a locator that re-reads its bytes
 * from the file when a finding asks where a field is. Its locator is a method, so an index holding the
 * object can be copied to a worker thread (functions cannot cross).
 */
export class SlimItem implements InventoryObject {
  constructor(
    public object: KubeObject,
    public ref: ResourceRef,
    public location: Location,
    public origin: InventoryObject['origin'],
    readonly file?: string,
    readonly site?: ByteSite,
  ) {}

  /** A slim copy of an object kept elsewhere in memory, locating through the original's locator. */
  static of(item: InventoryObject, object: KubeObject): SlimItem {
    const slim = new SlimItem(object, item.ref, item.location, item.origin);
    if (item.locate) fallbacks.set(slim, item.locate);
    return slim;
  }

  locate(path: FieldPath): { line: number; column: number } | undefined {
    const fallback = fallbacks.get(this);
    if (fallback) return fallback(path);
    if (!this.file || !this.site) return undefined;
    let memo = memos.get(this);
    if (!memo) {
      memo = new Map();
      memos.set(this, memo);
    }
    const key = path.join('\u0000');
    if (memo.has(key)) return memo.get(key);
    let answer: { line: number; column: number } | undefined;
    try {
      const prefix = this.site[3];
      answer = locateIn(sliceAt(this.file, this.site), prefix.length ? [...prefix, ...path] : path);
    } catch {
      answer = undefined;
    }
    memo.set(key, answer);
    return answer;
  }
}
