// JSON Patch (RFC 6902) applied to a `yaml` Document, so that what the patch does not touch keeps its
// comments, key order, quoting and layout. Ops are checked first on a plain copy (fast-json-patch);
// only a patch that applies cleanly there is replayed on the document.
import fastJsonPatch from 'fast-json-patch';
import { type Document, isCollection, isMap, isScalar, isSeq, type Node, YAMLMap } from 'yaml';
import type { JsonPatchOp } from '../model/types.js';

const { applyPatch, deepClone } = fastJsonPatch;

/** `/a/b~1c/0` → ['a', 'b/c', '0']. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`'${pointer}' is not a JSON Pointer`);
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * Applies `ops` to a plain object, returning the result, or the reason it does not apply.
 * The input is not modified.
 */
export function patchObject<T>(
  value: T,
  ops: readonly JsonPatchOp[],
): { ok: true; value: T } | { ok: false; why: string } {
  try {
    const copy = deepClone(value) as T;
    const result = applyPatch(copy, deepClone(ops) as never, true, true).newDocument as T;
    return { ok: true, value: result };
  } catch (error) {
    return { ok: false, why: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
}

/** Turns pointer segments into the keys the document's collections use (numbers inside sequences). */
function resolveKeys(doc: Document, segments: string[]): Array<string | number> {
  const keys: Array<string | number> = [];
  let node: unknown = doc.contents;
  for (const segment of segments) {
    if (isSeq(node)) {
      const index = segment === '-' ? node.items.length : Number(segment);
      keys.push(index);
      node = node.items[index];
    } else {
      keys.push(segment);
      node = isMap(node) ? node.get(segment, true) : undefined;
    }
  }
  return keys;
}

function nodeAt(doc: Document, keys: Array<string | number>): unknown {
  return keys.length === 0 ? doc.contents : doc.getIn(keys, true);
}

function toValue(node: unknown): unknown {
  if (isScalar(node)) return node.value;
  if (isCollection(node)) return node.toJSON();
  return node;
}

function addAt(doc: Document, keys: Array<string | number>, value: unknown): void {
  const parentKeys = keys.slice(0, -1);
  const last = keys[keys.length - 1]!;
  let parent = nodeAt(doc, parentKeys);
  if (!isCollection(parent)) {
    // `annotations:` written with no value, or absent: make the map.
    doc.setIn(parentKeys, new YAMLMap());
    parent = nodeAt(doc, parentKeys);
  }
  if (isSeq(parent) && typeof last === 'number') {
    parent.items.splice(last, 0, doc.createNode(value) as Node);
    return;
  }
  setAt(doc, keys, value);
}

function setAt(doc: Document, keys: Array<string | number>, value: unknown): void {
  const current = nodeAt(doc, keys);
  // A scalar replaced by a scalar keeps its node: its comments and quoting stay.
  if (isScalar(current) && (value === null || typeof value !== 'object')) {
    current.value = value;
    return;
  }
  doc.setIn(keys, value !== null && typeof value === 'object' ? doc.createNode(value) : value);
}

/** Applies one checked patch to the document. Call only with ops `patchObject` accepted on the same value. */
export function patchDocument(
  doc: Document,
  ops: readonly JsonPatchOp[],
  prefix: readonly (string | number)[] = [],
): void {
  const at = (pointer: string) => resolveKeys(doc, [...prefix.map(String), ...parsePointer(pointer)]);
  for (const op of ops) {
    switch (op.op) {
      case 'test':
        break;
      case 'remove':
        doc.deleteIn(at(op.path));
        break;
      case 'replace':
        setAt(doc, at(op.path), op.value);
        break;
      case 'add': {
        const keys = at(op.path);
        addAt(doc, keys, op.value);
        break;
      }
      case 'move':
      case 'copy': {
        const from = at(op.from);
        const value = toValue(nodeAt(doc, from));
        if (op.op === 'move') doc.deleteIn(from);
        addAt(doc, at(op.path), value);
        break;
      }
    }
  }
}
