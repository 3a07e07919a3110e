// Which inventory objects are workloads a rule should speak about. A `kubectl get` dump holds a
// Deployment, its ReplicaSets and their Pods: only the top-level owner is reported, once.
import { isRecord, type PodTemplateView, podTemplateOf } from '../../model/kinds.js';
import type { Inventory, InventoryObject } from '../../model/types.js';

const indexes = new WeakMap<Inventory, Set<string>>();

function objectKey(namespace: string | undefined, kind: string, name: string): string {
  return `${namespace ?? ''}/${kind}/${name}`;
}

function indexOf(inventory: Inventory): Set<string> {
  let index = indexes.get(inventory);
  if (!index) {
    index = new Set(inventory.objects.map((o) => objectKey(o.ref.namespace, o.ref.kind, o.ref.name)));
    indexes.set(inventory, index);
  }
  return index;
}

/** True when the object is controlled by another object of the inventory (a Pod of a ReplicaSet, a Job of a CronJob). */
export function isControlledCopy(item: InventoryObject, inventory: Inventory | undefined): boolean {
  const owners = item.object.metadata?.ownerReferences;
  if (!inventory || !Array.isArray(owners)) return false;
  const index = indexOf(inventory);
  return owners.some(
    (o) =>
      isRecord(o) &&
      o.controller === true &&
      typeof o.kind === 'string' &&
      typeof o.name === 'string' &&
      index.has(objectKey(item.ref.namespace, o.kind, o.name)),
  );
}

/** The pod template of a workload worth reporting on: not a PodTemplate object, not a controlled copy. */
export function reportableWorkload(
  item: InventoryObject,
  inventory: Inventory | undefined,
): PodTemplateView | undefined {
  if (item.ref.kind === 'PodTemplate') return undefined;
  const view = podTemplateOf(item.object);
  if (!view || isControlledCopy(item, inventory)) return undefined;
  return view;
}
