// Manifest text (multi-document YAML, JSON, kubectl Lists) to inventory objects with provenance.
//
// Fast path: a line scan splits the documents (keeping each one's start line) and js-yaml parses each one.
// The slower `yaml` package only runs when a rule asks where a field is (./locate.ts).
import { dirname } from 'node:path';
import jsyaml from 'js-yaml';
import { isRecord, normalizeMetadata, refOf } from '../model/kinds.js';
import type { FieldPath, InputError, InputNote, InventoryObject, KubeObject } from '../model/types.js';
import { makeLocator, sliceText, type TextSlice, textSiteOf } from './locate.js';
import {
  DEEP_REASON,
  LAST_APPLIED_ANNOTATION,
  lazyLastApplied,
  MAX_DEPTH,
  nestsDeeperThan,
  treeNestsDeeperThan,
} from './sanitize.js';
import { isOpenShiftTemplate, placeholderNote, processTemplate } from './template.js';

export interface ParsedText {
  objects: InventoryObject[];
  errors: InputError[];
  notes: InputNote[];
}

export interface ParseDetail extends ParsedText {
  /** Documents that are mappings with neither apiVersion nor kind: YAML that is not Kubernetes at all. */
  foreignDocuments: number;
}

/** YAML 1.2 core types plus merge keys (`<<`). No timestamps: dates stay the strings that were written. */
const MERGE_TYPE = (jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge;
/**
 * `!!binary` (a Secret's data may be written so): kept as the base64 text it is, which is what the API
 * server stores, rather than js-yaml's bytes.
 */
const BINARY_TYPE = new jsyaml.Type('tag:yaml.org,2002:binary', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && /^[A-Za-z0-9+/=\s]*$/.test(data),
  construct: (data: string) => data.replace(/\s+/g, ''),
});
const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [MERGE_TYPE], explicit: [BINARY_TYPE] });

/** Aliased nodes are shared by js-yaml; walking them expands them. Bound what a document may expand to. */
export const MAX_EXPANDED_NODES = 1_000_000;

export const HELM_ADVICE = 'render it first: helm template <chart> | kube2eks assess -';
const TEMPLATE_MESSAGE = `unrendered Helm template ({{ … }}); ${HELM_ADVICE}`;
const BINARY_MESSAGE = 'not a text file (binary data); kube2eks reads YAML and JSON manifests';
const DEEP_MESSAGE = `the document ${DEEP_REASON}`;

/**
 * A document marker at column 0: `---` (start) or `...` (end), alone or followed by a space. Only `\n` ends a
 * line (a lone `\r` is turned into one first): with the `m` flag, `^` would also match after U+2028. The
 * newline opens the pattern (a lookbehind made the engine try every position: a tenth of the parse time).
 */
const MARKER_AFTER_NEWLINE = /\n(---|\.\.\.)(?=[ \t\r\n]|$)/g;
const MARKER_AT_START = /^(---|\.\.\.)(?=[ \t\r\n]|$)/;

/** Offsets and kinds of the document markers of a text, in order. */
function* markersOf(text: string): Generator<[at: number, marker: string]> {
  const first = MARKER_AT_START.exec(text);
  if (first) yield [0, first[1] as string];
  const re = new RegExp(MARKER_AFTER_NEWLINE.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) yield [m.index + 1, m[1] as string];
}

interface Chunk {
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
}

/** Where an object sits: its line, the text a locator parses, and its path inside that text. */
interface Site {
  line: number;
  column: number;
  slice: TextSlice;
  prefix: FieldPath;
  helmSource?: string;
  json: boolean;
  /** The text holds `{{`: check the objects for unrendered templates. */
  braces: boolean;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Splits multi-document YAML at its document markers. Chunks may hold only comments. */
export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let startLine = 1;
  let scanned = 0;
  let scannedLine = 1;
  for (const [at, marker] of markersOf(text)) {
    if (at < start) continue;
    scannedLine += countNewlines(text, scanned, at);
    scanned = at;
    if (marker === '---') {
      if (at > start) chunks.push({ start, end: at, line: startLine });
      start = at;
      startLine = scannedLine;
    } else {
      chunks.push({ start, end: at, line: startLine });
      const eol = text.indexOf('\n', at);
      start = eol === -1 ? text.length : eol + 1;
      if (eol !== -1) {
        scanned = start;
        scannedLine += 1;
      }
      startLine = scannedLine;
    }
  }
  if (start < text.length) chunks.push({ start, end: text.length, line: startLine });
  return chunks;
}

interface Head {
  /** 1-based line and column of the document's first content (what a finding points at). */
  line: number;
  column: number;
  helmSource?: string;
}

/** The first content line of a chunk (skipping the marker, blank lines and comments), and Helm's `# Source:`. */
function scanHead(text: string, chunk: Chunk): Head | 'empty' | 'directives' {
  let pos = chunk.start;
  let line = chunk.line;
  let helmSource: string | undefined;
  let directives = false;
  while (pos < chunk.end) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1 || eol > chunk.end) eol = chunk.end;
    let from = pos;
    // The marker opens the chunk, or follows the directives a chunk carried over.
    if (text.startsWith('---', pos) && (pos === chunk.start || directives)) from += 3;
    let i = from;
    while (i < eol && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const c = text.charCodeAt(i);
    if (i >= eol || c === 13) {
      // blank
    } else if (c === 35 /* # */) {
      if (helmSource === undefined) {
        const m = /^#\s*Source:\s*(\S.*?)\s*$/.exec(text.slice(i, eol));
        if (m?.[1]) helmSource = m[1];
      }
    } else if (c === 37 /* % */ && i === pos) {
      directives = true;
    } else {
      const head: Head = { line, column: i - pos + 1 };
      if (helmSource !== undefined) head.helmSource = helmSource;
      return head;
    }
    pos = eol + 1;
    line++;
  }
  return directives ? 'directives' : 'empty';
}

/** Line (1-based) and column of an offset inside `text`. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const line = countNewlines(text, 0, offset) + 1;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return { line, column: offset - lineStart + 1 };
}

/** Where the first `{{` of a slice is. */
function templatePosition(slice: TextSlice): { line: number; column: number } {
  const text = sliceText(slice);
  const pos = positionAt(text, Math.max(0, text.indexOf('{{')));
  return { line: pos.line + slice.lineOffset, column: pos.column };
}

/** js-yaml reasons that quote text of the document (an alias name, a tag): said in words instead. */
const QUOTING_REASONS: ReadonlyArray<[prefix: string, words: string]> = [
  ['unidentified alias', 'an alias (*name) refers to no anchor before it; quote a value that starts with *'],
  ['unknown tag', 'a tag (!name) that is not known; quote a value that starts with !'],
  [
    'cannot resolve a node with',
    'a tag (!name) that does not fit its value; quote a value that starts with !',
  ],
  [
    'unacceptable node kind for',
    'a tag (!name) that does not fit its value; quote a value that starts with !',
  ],
  ['tag name', 'a malformed tag (!name); quote a value that starts with !'],
  ['tag prefix', 'a malformed tag directive'],
  ['there is a previously declared suffix', 'a tag handle declared twice'],
  ['undeclared tag handle', 'a tag handle that is not declared; quote a value that starts with !'],
  ['expected the node content', 'a value was expected before this comma'],
];
const SAFE_REASON = /^[a-z][a-z %;,()-]*$/i;

/**
 * js-yaml's reason without anything from the document: parse errors never quote a value (it may be a
 * Secret's, or a password in a ConfigMap), whatever the kind of the document.
 */
export function plainReason(reason: string): string {
  for (const [prefix, words] of QUOTING_REASONS) if (reason.startsWith(prefix)) return words;
  return SAFE_REASON.test(reason) ? reason : 'the syntax is not valid';
}

/** Anchors (`&a`) and aliases (`*a`) outside quotes: cheap pre-check before counting the expansion. */
const ANCHOR = /(?:^|[\s,[{])&[^\s,[\]{}]/m;
const ALIAS = /(?:^|[\s,[{])\*[^\s,[\]{}]/m;

class TooLarge extends Error {}
class Recursive extends Error {}

/**
 * Counts the nodes a value expands to when its shared (aliased) nodes are walked, with memoization so the
 * count itself stays cheap. Throws as soon as `limit` is passed, or on a node that contains itself.
 */
export function expandedNodeCount(value: unknown, limit: number): number {
  const memo = new Map<object, number>();
  const open = new Set<object>();
  const visit = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = memo.get(v);
    if (known !== undefined) return known;
    if (open.has(v)) throw new Recursive();
    open.add(v);
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += visit(child);
      if (n > limit) throw new TooLarge();
    }
    open.delete(v);
    memo.set(v, n);
    return n;
  };
  return visit(value);
}

/** An error message when the document's aliases expand too far or recurse, else undefined. */
function aliasProblem(value: unknown, textLength: number): string | undefined {
  // Distinct nodes are fewer than characters, so 10x the text is only passed by expansion.
  const limit = Math.max(MAX_EXPANDED_NODES, 10 * textLength);
  try {
    expandedNodeCount(value, limit);
    return undefined;
  } catch (error) {
    if (error instanceof TooLarge) {
      return `YAML aliases expand to more than ${limit.toLocaleString('en-US')} nodes (a 'billion laughs' document?); the document was not read`;
    }
    if (error instanceof Recursive) {
      return 'a YAML alias refers to a node that contains it; the document was not read';
    }
    if (error instanceof RangeError) return DEEP_MESSAGE;
    throw error;
  }
}

/** js-yaml turns a mapping used as a key (`key: {{ .Values.x }}` parsed as a flow mapping) into this key. */
const OBJECT_KEY = '[object Object]';

function hasObjectKey(value: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (!Array.isArray(v) && Object.hasOwn(v, OBJECT_KEY)) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
  }
  return false;
}

/** `{{` that is not OpenShift's `${{NAME}}` parameter syntax. */
function hasHelmBraces(text: string): boolean {
  for (let i = text.indexOf('{{'); i !== -1; i = text.indexOf('{{', i + 2)) {
    if (text.charCodeAt(i - 1) !== 36 /* $ */) return true;
  }
  return false;
}

/**
 * A document holding a Secret (or anything whose kind says secret: `SecretList`, `secret`, a custom
 * `SealedSecret`): its comments, Helm's `# Source:` line included, are never shown.
 */
function holdsSecret(value: unknown): boolean {
  if (!isRecord(value) && !Array.isArray(value)) return false;
  const items = Array.isArray(value) ? value : [value, ...(Array.isArray(value.items) ? value.items : [])];
  return items.some((item) => isRecord(item) && typeof item.kind === 'string' && /secret/i.test(item.kind));
}

/** A rendered object never has `{{` in its envelope, and unquoted `{{ x }}` only parses as a mapping key. */
function looksUnrendered(obj: KubeObject, walk: boolean): boolean {
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  for (const s of [obj.apiVersion, obj.kind, meta.name, meta.namespace]) {
    if (typeof s === 'string' && hasHelmBraces(s)) return true;
  }
  return walk && hasObjectKey(obj);
}

function isKustomization(obj: KubeObject): boolean {
  if (obj.kind !== 'Kustomization' && obj.kind !== 'Component') return false;
  // Flux's Kustomization (kustomize.toolkit.fluxcd.io) is a real cluster object.
  return obj.apiVersion === undefined || String(obj.apiVersion).startsWith('kustomize.config.k8s.io/');
}

export function kustomizationNote(file: string, dir: string): InputNote {
  return {
    file,
    message: `kustomization skipped: kube2eks reads rendered manifests; run \`kustomize build ${dir} | kube2eks assess -\` to assess what it builds`,
  };
}

function isList(obj: KubeObject): obj is KubeObject & { kind: string; items: unknown[] } {
  return (
    typeof obj.kind === 'string' &&
    obj.kind.endsWith('List') &&
    Array.isArray(obj.items) &&
    (obj.kind === 'List' || obj.spec === undefined)
  );
}

/** `kind: List` (or `*List` without a spec) whose `items` is not a list. */
function isBrokenList(obj: KubeObject): boolean {
  return (
    typeof obj.kind === 'string' &&
    obj.kind.endsWith('List') &&
    obj.items !== undefined &&
    obj.items !== null &&
    !Array.isArray(obj.items) &&
    (obj.kind === 'List' || obj.spec === undefined)
  );
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (isRecord(value)) return 'a mapping';
  return 'not a mapping';
}

interface ItemStart {
  offset: number;
  /** 1-based line inside the text. */
  line: number;
}

/** The first line at or after `pos` that is neither blank nor a comment: its offset, line and indent. */
function firstContentLine(
  text: string,
  pos: number,
  line: number,
): { offset: number; line: number; indent: number } | undefined {
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    let i = pos;
    while (i < eol && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (i < eol && c !== 13 && c !== 35) return { offset: pos, line, indent: i - pos };
    pos = eol + 1;
    line++;
  }
  return undefined;
}

/**
 * Start lines of the items of a YAML List as kubectl prints it (`items:` at column 0, one `- ` per item at
 * the same indent), or of a top-level sequence. Undefined when the layout is another one.
 */
function scanYamlItems(text: string, bare: boolean): { starts: ItemStart[]; end: number } | undefined {
  let pos = 0;
  let line = 1;
  if (bare) {
    if (text.startsWith('---')) {
      pos = text.indexOf('\n') + 1;
      line = 2;
      if (pos === 0) return undefined;
    }
  } else {
    const m = /^items[ \t]*:[ \t]*(?:#.*)?\r?$/m.exec(text);
    if (!m) return undefined;
    pos = text.indexOf('\n', m.index) + 1;
    if (pos === 0) return undefined;
    line = countNewlines(text, 0, m.index) + 2;
  }
  const first = firstContentLine(text, pos, line);
  if (!first) return undefined;
  const dash = first.indent;
  const isItem = (after: number): boolean => {
    const c = text.charCodeAt(after);
    return Number.isNaN(c) || c === 32 || c === 9 || c === 13 || c === 10;
  };
  if (text.charCodeAt(first.offset + dash) !== 45 || !isItem(first.offset + dash + 1)) return undefined;
  // The items end at the first line indented no deeper than their dashes that is not another item.
  const endPattern =
    dash === 0 ? '\\n[^ \\t\\r\\n#-]' : `\\n(?: {0,${dash}}[^ \\t\\r\\n#-]| {0,${dash - 1}}-)`;
  const endRe = new RegExp(endPattern, 'g');
  endRe.lastIndex = first.offset;
  const endMatch = endRe.exec(text);
  const end = endMatch ? endMatch.index + 1 : text.length;
  const starts: ItemStart[] = [first];
  let last: ItemStart = first;
  const needle = `\n${' '.repeat(dash)}-`;
  for (let i = text.indexOf(needle, first.offset); i !== -1 && i < end; i = text.indexOf(needle, i + 1)) {
    if (!isItem(i + needle.length)) continue;
    const offset = i + 1;
    last = { offset, line: last.line + countNewlines(text, last.offset, offset) };
    starts.push(last);
  }
  return { starts, end };
}

/** Start lines of the items of a pretty-printed JSON List (`"items": [` then one `{` line per item). */
function scanJsonItems(text: string, bare: boolean): { starts: ItemStart[]; end: number } | undefined {
  const m = bare
    ? /^([ \t]*)\[[ \t]*\r?$/m.exec(text)
    : /^([ \t]*)"items"[ \t]*:[ \t]*\[[ \t]*\r?$/m.exec(text);
  if (!m || (bare && text.slice(0, m.index).trim() !== '')) return undefined;
  const outer = m[1] ?? '';
  const pos = text.indexOf('\n', m.index) + 1;
  if (pos === 0) return undefined;
  const first = firstContentLine(text, pos, countNewlines(text, 0, m.index) + 2);
  if (!first || first.indent <= outer.length || text.charCodeAt(first.offset + first.indent) !== 123) {
    return undefined;
  }
  // Item contents are indented deeper than their braces; the list closes at the indent it opened, near the
  // end of the text (searched backwards: a needle of spaces is slow to search forwards through indentation).
  const close = text.lastIndexOf(`\n${outer}]`);
  const end = close < first.offset ? text.length : close + 1;
  // Each item opens with a line holding only `{`. Searching for `{` + newline and checking the indent
  // behind it is much faster than searching for a needle made of spaces.
  const brace = first.offset + first.indent;
  const opener = text.startsWith('{\r\n', brace)
    ? '{\r\n'
    : text.startsWith('{\n', brace)
      ? '{\n'
      : undefined;
  if (!opener) return undefined;
  const indent = ' '.repeat(first.indent);
  const starts: ItemStart[] = [first];
  let last: ItemStart = first;
  for (let i = text.indexOf(opener, brace + 1); i !== -1 && i < end; i = text.indexOf(opener, i + 1)) {
    const offset = i - first.indent;
    if (text.charCodeAt(offset - 1) !== 10 || !text.startsWith(indent, offset)) continue;
    last = { offset, line: last.line + countNewlines(text, last.offset, offset) };
    starts.push(last);
  }
  return { starts, end };
}

/** Sites of each item of a List whose layout is the usual one; undefined otherwise. */
function itemSites(site: Site, count: number, bare: boolean): Site[] | undefined {
  if (site.prefix.length > 0 || count === 0) return undefined;
  const text = sliceText(site.slice);
  const scan = site.json ? scanJsonItems(text, bare) : scanYamlItems(text, bare);
  const base = site.slice.start;
  if (!scan || scan.starts.length !== count) return undefined;
  return scan.starts.map((start, i) => {
    const next = scan.starts[i + 1]?.offset ?? scan.end;
    const lineOffset = site.slice.lineOffset + start.line - 1;
    let column = 1;
    while (text.charCodeAt(start.offset + column - 1) === 32) column++;
    const slice: TextSlice = {
      source: site.slice.source,
      start: base + start.offset,
      end: base + next,
      lineOffset,
    };
    // A JSON item is followed by the comma that separates it from the next.
    if (site.json) slice.trailingComma = true;
    const item: Site = {
      line: lineOffset + 1,
      column: site.json ? column : column + 2,
      slice,
      prefix: site.json ? [] : [0],
      json: site.json,
      braces: site.braces,
    };
    if (site.helmSource !== undefined) item.helmSource = site.helmSource;
    return item;
  });
}

class Collector {
  readonly out: ParseDetail = { objects: [], errors: [], notes: [], foreignDocuments: 0 };
  /** Objects handed to the drain so far. */
  drained = 0;
  constructor(
    readonly file: string,
    private readonly drainTo?: ObjectDrain,
  ) {}

  /** Hands the objects read so far to the drain, if there is one and they are at least `least`. */
  drain(least: number): void {
    const { objects } = this.out;
    if (!this.drainTo || objects.length === 0 || objects.length < least) return;
    this.drained += objects.length;
    this.out.objects = [];
    this.drainTo(objects);
  }

  error(site: { line: number; column?: number }, message: string): void {
    const e: InputError = { file: this.file, line: site.line, message };
    if (site.column !== undefined) e.column = site.column;
    this.out.errors.push(e);
  }

  /** One parsed document (or List item) to objects, notes or errors. */
  /** `alone`: the object's text (`site.slice`) alone reads back into it (a document does). */
  emit(value: unknown, site: Site, what = 'document', alone = what === 'document'): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      this.items(value, undefined, site);
      return;
    }
    if (!isRecord(value)) {
      this.error(site, `${what} is ${describeValue(value)}, not a Kubernetes object`);
      return;
    }
    const obj = value as KubeObject;
    normalizeMetadata(obj);
    if (site.braces && looksUnrendered(obj, !site.json)) {
      this.error(templatePosition(site.slice), TEMPLATE_MESSAGE);
      return;
    }
    if (isKustomization(obj)) {
      this.out.notes.push(kustomizationNote(this.file, this.file === '-' ? '<dir>' : dirname(this.file)));
      return;
    }
    if (isList(obj)) {
      this.items(obj.items, obj, site);
      return;
    }
    if (isBrokenList(obj)) {
      this.error(
        site,
        `${what} of kind ${obj.kind} has items that are ${describeValue(obj.items)}, not a list`,
      );
      return;
    }
    const hasKind = typeof obj.kind === 'string' && obj.kind !== '';
    const hasApi = typeof obj.apiVersion === 'string' && obj.apiVersion !== '';
    if (!hasKind && !hasApi) {
      if (what === 'document') this.out.foreignDocuments++;
      this.error(site, `${what} has no apiVersion and no kind, so it is not a Kubernetes object`);
      return;
    }
    if (!hasKind) {
      this.error(site, `${what} has no kind`);
      return;
    }
    if (!hasApi) {
      this.error(site, `${what} of kind ${obj.kind} has no apiVersion`);
      return;
    }
    const meta = isRecord(obj.metadata) ? obj.metadata : undefined;
    if (!meta?.name && !meta?.generateName) {
      // The API server rejects it: it is not an object the cluster could hold.
      this.error(
        site,
        `${what} of kind ${obj.kind} has no metadata.name (nor metadata.generateName); the API server would reject it`,
      );
      return;
    }
    const location: InventoryObject['location'] = { file: this.file, line: site.line };
    if (site.helmSource !== undefined) location.helmSource = site.helmSource;
    const item: InventoryObject = {
      object: obj,
      ref: refOf(obj),
      location,
      locate: makeLocator(site.slice, site.prefix),
      origin: 'manifest',
    };
    textSiteOf.set(item, { slice: site.slice, prefix: site.prefix, alone });
    // A `kubectl get -o yaml` dump holds what the server answered, at the version kubectl asked for:
    // the version the team wrote is in last-applied-configuration (never read for Secrets). Parsed when
    // read: only the API rules read it, for kinds with a deprecated version.
    if (
      obj.metadata?.resourceVersion !== undefined &&
      typeof obj.metadata.annotations?.[LAST_APPLIED_ANNOTATION] === 'string'
    ) {
      lazyLastApplied(item);
    }
    this.out.objects.push(item);
    if (isOpenShiftTemplate(obj)) this.template(obj, site);
  }

  /** The objects of an OpenShift Template, processed as `oc process` would, located inside the template. */
  template(obj: KubeObject, site: Site): void {
    const { objects, placeholders } = processTemplate(obj);
    const name = refOf(obj).name;
    const note = placeholderNote(name, placeholders);
    if (note) this.out.notes.push({ file: this.file, message: note });
    const locate = makeLocator(site.slice, site.prefix);
    for (const { object, index } of objects) {
      const prefix = [...site.prefix, 'objects', index];
      const pos = locate(['objects', index]) ?? { line: site.line, column: site.column };
      // OpenShift's `${{NAME}}` is not a Helm template: the processed objects no longer hold it.
      const itemSite: Site = { ...site, ...pos, prefix, braces: false };
      this.emit(object, itemSite, `object ${index + 1} of Template ${name}`);
    }
  }

  /** The items of a List (`list` undefined: a bare top-level sequence). */
  items(items: unknown[], list: (KubeObject & { kind: string }) | undefined, site: Site): void {
    const sites = itemSites(site, items.length, list === undefined);
    // Typed lists from the API (DeploymentList) leave apiVersion and kind out of their items.
    const itemKind = list && list.kind !== 'List' ? list.kind.slice(0, -'List'.length) : undefined;
    items.forEach((item, i) => {
      let itemSite = sites?.[i];
      if (!itemSite) {
        itemSite = { ...site, prefix: list ? [...site.prefix, 'items', i] : [...site.prefix, i] };
      }
      let value = item;
      if (itemKind && isRecord(item) && (item.kind === undefined || item.apiVersion === undefined)) {
        value = { apiVersion: list?.apiVersion, kind: itemKind, ...item };
      }
      // A JSON item with a text of its own that the List adds nothing to reads back from that text alone.
      const alone = value === item && itemSite.json && itemSite.prefix.length === 0;
      this.emit(value, itemSite, `item ${i + 1} of the ${list?.kind ?? 'list'}`, alone);
    });
  }
}

function looksLikeJson(text: string, file: string): boolean {
  if (/\.json$/i.test(file)) return true;
  const m = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  return m !== null && (m[0] === '{' || m[0] === '[');
}

/** Called after each document with how far into the text the parse is and the objects read so far. */
export type ParseProgress = (textDone: number, textLength: number, objects: number) => void;

/** Takes the objects read so far off a parse, a few documents' worth at a time, in order. */
export type ObjectDrain = (objects: InventoryObject[]) => void;

/**
 * How many objects a parse with a drain holds before it hands them on. A few dozen documents' objects die
 * young; a whole 4 MiB range's survive the young generation and are copied by every scavenge (parsing a
 * 100,000-object dump took about 40% more CPU so).
 */
const DRAIN_OBJECTS = 64;

/**
 * Parses one file's text (multi-document YAML or JSON), with counts loadInventory uses. With `drain`, every
 * object goes to it as soon as a few documents are read, and none is in the result.
 */
export function parseManifestText(
  input: string,
  file: string,
  onProgress?: ParseProgress,
  drain?: ObjectDrain,
): ParseDetail {
  const c = new Collector(file, drain);
  parseInto(c, input, file, onProgress);
  c.drain(0);
  return c.out;
}

function parseInto(c: Collector, input: string, file: string, onProgress: ParseProgress | undefined): void {
  if (input.includes('\u0000')) {
    c.out.errors.push({ file, message: BINARY_MESSAGE });
    return;
  }
  const unmarked = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // Old Mac line endings: a lone CR ends a line for YAML; one LF in its place keeps every offset.
  const text = unmarked.includes('\r') ? unmarked.replace(/\r(?!\n)/g, '\n') : unmarked;
  const json = looksLikeJson(text, file);
  if (json) {
    let value: unknown;
    let ok = true;
    try {
      value = JSON.parse(text);
    } catch {
      ok = false;
    }
    if (ok) {
      const first = /\S/.exec(text);
      if (!first) return;
      const pos = positionAt(text, first.index);
      if (nestsDeeperThan(value, MAX_DEPTH)) {
        c.error(pos, DEEP_MESSAGE);
        return;
      }
      c.emit(value, {
        ...pos,
        slice: { source: text, start: 0, end: text.length, lineOffset: 0 },
        prefix: [],
        json: true,
        braces: hasHelmBraces(text),
      });
      return;
    }
    // Not valid JSON: read it as YAML (a superset), which also gives the error a line and column.
  }
  parseYaml(text, c, json ? 'invalid JSON' : 'invalid YAML', onProgress);
}

/**
 * A List (`kind: List` or `*List`) whose document fails to parse because of one item: each item is parsed on
 * its own, so one bad item does not drop the others. True when the List's layout allowed it (the failure is
 * inside the items), false to report the document as a whole.
 */
function salvageList(
  docText: string,
  slice: TextSlice,
  failure: jsyaml.YAMLException,
  c: Collector,
  invalid: string,
): boolean {
  const json = /^\s*\{/.test(docText);
  const kind = (
    json ? /^\s*"kind"\s*:\s*"(\w*List)"/m : /^kind[ \t]*:[ \t]*["']?(\w*List)["']?[ \t]*(?:#.*)?\r?$/m
  ).exec(docText)?.[1];
  if (!kind) return false;
  const scan = json ? scanJsonItems(docText, false) : scanYamlItems(docText, false);
  const first = scan?.starts[0];
  if (!scan || !first || failure.mark.position < first.offset || failure.mark.position >= scan.end)
    return false;
  const apiVersion = (
    json
      ? /^\s*"apiVersion"\s*:\s*"([^"]*)"/m
      : /^apiVersion[ \t]*:[ \t]*["']?([\w./-]+)["']?[ \t]*(?:#.*)?\r?$/m
  ).exec(docText)?.[1];
  const itemKind = kind !== 'List' ? kind.slice(0, -'List'.length) : undefined;
  scan.starts.forEach((start, i) => {
    const next = scan.starts[i + 1]?.offset ?? scan.end;
    const itemSlice: TextSlice = {
      source: slice.source,
      start: slice.start + start.offset,
      end: slice.start + next,
      lineOffset: slice.lineOffset + start.line - 1,
    };
    if (json) itemSlice.trailingComma = true;
    const what = `item ${i + 1} of the ${kind}`;
    const itemText = sliceText(itemSlice);
    let value: unknown;
    try {
      value = json ? JSON.parse(itemText) : (jsyaml.load(itemText, { schema: SCHEMA }) as unknown[])?.[0];
    } catch (caught) {
      let error = caught;
      // JSON.parse says little about where: the YAML parser (a superset) points at the line and column.
      if (json) {
        try {
          jsyaml.load(itemText, { schema: SCHEMA });
        } catch (yamlError) {
          error = yamlError;
        }
      }
      const offset =
        error instanceof jsyaml.YAMLException ? Math.min(error.mark.position, itemText.trimEnd().length) : 0;
      const pos = positionAt(itemText, offset);
      const reason =
        error instanceof jsyaml.YAMLException ? plainReason(error.reason) : 'the syntax is not valid';
      c.error(
        { line: itemSlice.lineOffset + pos.line, column: pos.column },
        `${what}: ${invalid}: ${reason}`,
      );
      return;
    }
    if (isRecord(value) && nestsDeeperThan(value, MAX_DEPTH)) {
      c.error({ line: itemSlice.lineOffset + 1, column: 1 }, `${what}: ${DEEP_MESSAGE}`);
      return;
    }
    if (itemKind && isRecord(value) && (value.kind === undefined || value.apiVersion === undefined)) {
      value = { apiVersion, kind: itemKind, ...value };
    }
    let column = 1;
    while (itemText.charCodeAt(column - 1) === 32) column++;
    c.emit(
      value,
      {
        line: itemSlice.lineOffset + 1,
        column: json ? column : column + 2,
        slice: itemSlice,
        prefix: json ? [] : [0],
        json,
        braces: false,
      },
      what,
    );
  });
  return true;
}

function parseYaml(text: string, c: Collector, invalid: string, onProgress?: ParseProgress): void {
  let carry: Chunk | undefined;
  for (const found of splitDocuments(text)) {
    onProgress?.(found.start, text.length, c.drained + c.out.objects.length);
    const chunk = carry ? { start: carry.start, end: found.end, line: carry.line } : found;
    carry = undefined;
    const head = scanHead(text, chunk);
    if (head === 'empty') continue;
    if (head === 'directives') {
      carry = chunk;
      continue;
    }
    const docText = text.slice(chunk.start, chunk.end);
    const slice: TextSlice = { source: text, start: chunk.start, end: chunk.end, lineOffset: chunk.line - 1 };
    const braces = hasHelmBraces(docText);
    let value: unknown;
    try {
      value = jsyaml.load(docText, { schema: SCHEMA });
    } catch (error) {
      if (braces) {
        c.error(templatePosition(slice), TEMPLATE_MESSAGE);
      } else if (error instanceof jsyaml.YAMLException && salvageList(docText, slice, error, c, invalid)) {
        // One bad item of a List: the other items were read, the bad one reported.
      } else if (error instanceof jsyaml.YAMLException) {
        // A truncated document fails past its last line: point at the end of what is there.
        const offset = Math.min(error.mark.position, docText.trimEnd().length);
        const pos = positionAt(docText, offset);
        c.error(
          { line: slice.lineOffset + pos.line, column: pos.column },
          `${invalid}: ${plainReason(error.reason)}`,
        );
      } else if (error instanceof RangeError) {
        c.error(head, DEEP_MESSAGE);
      } else {
        c.error(head, `${invalid}: the document could not be read`);
      }
      continue;
    }
    if (value === null || value === undefined) continue;
    // Without an alias (`*name`) no node is shared: the cheap walk gives the same answer.
    const deep = docText.includes('*') ? nestsDeeperThan : treeNestsDeeperThan;
    if (typeof value === 'object' && deep(value, MAX_DEPTH)) {
      c.error(head, DEEP_MESSAGE);
      continue;
    }
    if (
      typeof value === 'object' &&
      docText.includes('&') &&
      docText.includes('*') &&
      ANCHOR.test(docText) &&
      ALIAS.test(docText)
    ) {
      const problem = aliasProblem(value, docText.length);
      if (problem) {
        c.error(head, problem);
        continue;
      }
    }
    const site: Site = { line: head.line, column: head.column, slice, prefix: [], json: false, braces };
    // The comments of a Secret's document are never shown, Helm's `# Source:` line included.
    if (head.helmSource !== undefined && !holdsSecret(value)) site.helmSource = head.helmSource;
    c.emit(value, site);
    c.drain(DRAIN_OBJECTS);
  }
}

/** Parses one file's text (multi-document YAML or JSON) into inventory objects with provenance. */
export function parseManifests(text: string, file: string): ParsedText {
  const { objects, errors, notes } = parseManifestText(text, file);
  return { objects, errors, notes };
}
