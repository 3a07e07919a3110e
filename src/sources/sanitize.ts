// What every cluster-shaped source (live cluster, collect bundle, Velero backup) does to an object
// before anything else sees it: Secret values replaced, server bookkeeping dropped, the written
// manifest (last-applied-configuration) parsed for the removed-API rules.
import { isRecord, normalizeMetadata, refOf } from '../model/kinds.js';
import type { InventoryObject, KubeObject, Location } from '../model/types.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * What a Secret value becomes. Empty is valid base64 (decodes to nothing), so consumers that decode
 * `data` keep working, and it can never be mistaken for the value.
 */
export const REDACTED_VALUE = '';

/** Deeper than any Kubernetes object nests; deeper documents would overflow the stack of whatever walks them. */
export const MAX_DEPTH = 256;
export const DEEP_REASON = `nests deeper than ${MAX_DEPTH} levels, which no Kubernetes object does; it was not read`;

/** True when the value nests deeper than `limit` (walked without recursion, shared nodes once). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const seen = new Set<object>();
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    if (depth >= limit) return true;
    seen.add(v);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * `nestsDeeperThan` for a value that shares no node (YAML without aliases, JSON): no set of visited nodes,
 * and recursion stops at `limit` levels, so the stack stays small.
 */
export function treeNestsDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit <= 0) return true;
  if (Array.isArray(value)) {
    for (const v of value) if (treeNestsDeeperThan(v, limit - 1)) return true;
  } else {
    for (const key in value)
      if (treeNestsDeeperThan((value as Record<string, unknown>)[key], limit - 1)) return true;
  }
  return false;
}

/**
 * Why an object read from a bundle or backup is refused, or undefined: too deep to walk, or without the
 * name the API server requires.
 */
export function objectProblem(obj: KubeObject): string | undefined {
  if (nestsDeeperThan(obj, MAX_DEPTH)) return `the object ${DEEP_REASON}`;
  const meta = obj.metadata;
  const named = (v: unknown) => (typeof v === 'string' && v !== '') || typeof v === 'number';
  if (!isRecord(meta) || (!named(meta.name) && !named(meta.generateName))) {
    return `the ${typeof obj.kind === 'string' ? `${obj.kind} ` : ''}object has no metadata.name (nor metadata.generateName); the API server would reject it`;
  }
  return undefined;
}

/** A core Secret (the only kind whose values we must never hold). */
export function isSecret(obj: KubeObject): boolean {
  return obj.kind === 'Secret' && (obj.apiVersion === 'v1' || obj.apiVersion === undefined);
}

/**
 * Makes an object safe to keep: drops `metadata.managedFields`; for a Secret replaces every value
 * of `data` and `stringData` (keys and `type` kept) and drops its last-applied annotation, which
 * holds the values in plain text. Mutates and returns the object (callers own freshly parsed JSON).
 */
export function sanitizeObject(obj: KubeObject): KubeObject {
  const meta = obj.metadata;
  if (isRecord(meta) && 'managedFields' in meta) delete meta.managedFields;
  if (!isSecret(obj)) return obj;
  for (const field of ['data', 'stringData'] as const) {
    const values = obj[field];
    if (isRecord(values)) {
      obj[field] = Object.fromEntries(Object.keys(values).map((key) => [key, REDACTED_VALUE]));
    } else if (values !== undefined) {
      delete obj[field];
    }
  }
  const annotations = meta?.annotations;
  if (isRecord(annotations) && LAST_APPLIED_ANNOTATION in annotations) {
    delete annotations[LAST_APPLIED_ANNOTATION];
  }
  return obj;
}

/** The parsed last-applied-configuration of a non-Secret object, when it holds a JSON object. */
export function lastAppliedOf(obj: KubeObject): KubeObject | undefined {
  if (isSecret(obj)) return undefined;
  const text = obj.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed)) return undefined;
    // What rules read of it (apiVersion, kind, metadata) must have the types the object itself has.
    if (['apiVersion', 'kind'].some((f) => parsed[f] !== undefined && typeof parsed[f] !== 'string'))
      return undefined;
    normalizeMetadata(parsed as KubeObject);
    return parsed as KubeObject;
  } catch {
    return undefined;
  }
}

/**
 * Sets `item.lastApplied` to be parsed from the object's annotation when first read (then kept as a plain
 * value): what `lastAppliedOf` gives, or no property at all when it gives nothing.
 */
export function lazyLastApplied(item: InventoryObject): void {
  Object.defineProperty(item, 'lastApplied', {
    configurable: true,
    enumerable: true,
    get() {
      const value = lastAppliedOf(item.object);
      if (value)
        Object.defineProperty(item, 'lastApplied', {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      else delete item.lastApplied;
      return value;
    },
    set(value: KubeObject | undefined) {
      Object.defineProperty(item, 'lastApplied', {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    },
  });
}

/** A sanitized object with its provenance, ready for the inventory. */
export function toInventoryObject(
  obj: KubeObject,
  location: Location,
  origin: 'cluster' | 'backup',
): InventoryObject {
  const object = sanitizeObject(obj);
  normalizeMetadata(object);
  const item: InventoryObject = { object, ref: refOf(object), location, origin };
  const lastApplied = lastAppliedOf(object);
  if (lastApplied) item.lastApplied = lastApplied;
  return item;
}
