// JSON Patch helpers shared by the load-balancer and ingress rules.
import { isRecord, pointer } from './kinds.js';
import type { JsonPatchOp, KubeObject } from './types.js';

/**
 * Ops that set `add` and drop `remove` in metadata.annotations, creating the map when the object has
 * none. Removing a key that is not there is skipped (JSON Patch would fail).
 */
export function annotationOps(
  obj: KubeObject,
  add: Record<string, string>,
  remove: readonly string[] = [],
): JsonPatchOp[] {
  const current = obj.metadata?.annotations;
  const ops: JsonPatchOp[] = [];
  if (!isRecord(current)) {
    if (Object.keys(add).length === 0) return [];
    if (!isRecord(obj.metadata)) return [{ op: 'add', path: '/metadata', value: { annotations: add } }];
    return [{ op: 'add', path: pointer(['metadata', 'annotations']), value: { ...add } }];
  }
  for (const key of remove) {
    if (key in current && !(key in add))
      ops.push({ op: 'remove', path: pointer(['metadata', 'annotations', key]) });
  }
  for (const [key, value] of Object.entries(add)) {
    ops.push({ op: 'add', path: pointer(['metadata', 'annotations', key]), value });
  }
  return ops;
}

/** `key: value` pairs for messages. */
export function formatAnnotations(map: Record<string, string>): string[] {
  return Object.entries(map).map(([k, v]) => `${k}: ${v === '' ? '""' : v}`);
}

/** The object's annotations, without kube2eks's own and kubectl's bookkeeping. */
export function userAnnotations(obj: KubeObject): Record<string, string> {
  const raw = obj.metadata?.annotations;
  if (!isRecord(raw)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'kube2eks.io/ignore' || k === 'kubectl.kubernetes.io/last-applied-configuration') continue;
    out[k] = typeof v === 'string' ? v : String(v);
  }
  return out;
}
