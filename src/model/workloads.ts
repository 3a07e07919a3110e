// Workloads: which objects run pods that count, and what they run. A `kubectl get` dump holds a
// Deployment, its ReplicaSets and their Pods: only the top-level owner is spoken about, once.
import { holds, inventoryIndex, type ObjectNames, objectNames } from './inventory-index.js';
import { containersOf, isRecord, type PodTemplateView, podTemplateOf } from './kinds.js';
import { givenPodFacts } from './pod-facts.js';
import type { Inventory, InventoryObject, KubeObject } from './types.js';

/** Kinds a controller creates: skipped when their controller is in the input (it speaks for them). */
const CONTROLLED_KINDS: ReadonlySet<string> = new Set(['Pod', 'ReplicaSet', 'Job']);

/**
 * Each object's pod template (`podTemplateOf`) by inventory position, read once per run, except for controlled
 * copies (undefined, as for kinds that run no pods): the counted workloads and addon/platform, which skip
 * copies, read them. What other cross-object code reads of every object's template, copies included, is its
 * pod facts (model/pod-facts.ts): the parallel pipeline keeps copies without their spec. The views are
 * shared: read them, never change them.
 */
export function podTemplates(inventory: Inventory): ReadonlyArray<PodTemplateView | undefined> {
  return inventoryIndex(inventory).memo('podTemplates', () => {
    const copies = controlledCopies(inventory);
    return inventory.objects.map((item, at) => (copies[at] === 1 ? undefined : podTemplateOf(item.object)));
  });
}

/** True when the object is a Pod, ReplicaSet or Job that names its controller: a copy if that is in the input. */
export function namesController(obj: KubeObject): boolean {
  if (typeof obj.kind !== 'string' || !CONTROLLED_KINDS.has(obj.kind)) return false;
  const owners = obj.metadata?.ownerReferences;
  return Array.isArray(owners) && owners.some(isControllerReference);
}

function isControllerReference(o: unknown): o is { kind: string; name: string } {
  return isRecord(o) && o.controller === true && typeof o.kind === 'string' && typeof o.name === 'string';
}

/**
 * True when the object is a Pod, ReplicaSet or Job whose controller (a ReplicaSet, Deployment, CronJob, …)
 * is also in the input. A Pod whose ReplicaSet was not collected is the only trace of its workload: it counts.
 */
export function isControlledCopy(item: InventoryObject, names: ObjectNames): boolean {
  if (!CONTROLLED_KINDS.has(item.ref.kind)) return false;
  const owners = item.object.metadata?.ownerReferences;
  if (!Array.isArray(owners)) return false;
  return owners.some((o) => isControllerReference(o) && holds(names, o.kind, item.ref.namespace, o.name));
}

/**
 * Whether the object is a counted workload, told from the object alone: one that names no controller counts
 * exactly when it runs pods. Undefined for one that names its controller: only the input tells whether that
 * controller is there (`isControlledCopy`).
 */
export function countedAlone(item: InventoryObject): boolean | undefined {
  if (namesController(item.object)) return undefined;
  return workloadTemplateOf(item) !== undefined;
}

/** The pod template of an object that runs pods (a PodTemplate object runs none), before the copy test. */
export function workloadTemplateOf(item: InventoryObject): PodTemplateView | undefined {
  if (item.ref.kind === 'PodTemplate') return undefined;
  return podTemplateOf(item.object);
}

export interface CountedWorkload {
  item: InventoryObject;
  pod: PodTemplateView;
}

/**
 * The one definition of which workloads count, in inventory order: every object with a pod template
 * (not a PodTemplate object), except controlled copies (see `isControlledCopy`). The rule engine hands
 * these to rules targeting `workload`; the plan sizes the same set.
 */
export function countedWorkloads(inventory: Inventory): readonly CountedWorkload[] {
  return inventoryIndex(inventory).memo('countedWorkloads', () => selectWorkloads(inventory));
}

/**
 * 1 for the objects (by inventory position) that are controlled copies (`isControlledCopy`), found once per
 * run: the counted workloads and addon/platform both skip them.
 */
export function controlledCopies(inventory: Inventory): Uint8Array {
  return inventoryIndex(inventory).memo('controlledCopies', () => {
    const copies = new Uint8Array(inventory.objects.length);
    let names: ObjectNames | undefined;
    for (let at = 0; at < inventory.objects.length; at++) {
      const item = inventory.objects[at] as InventoryObject;
      // Only the kinds a controller makes are looked up (and the names gathered when there is one).
      if (!CONTROLLED_KINDS.has(item.ref.kind)) continue;
      names ??= objectNames(inventory);
      if (isControlledCopy(item, names)) copies[at] = 1;
    }
    return copies;
  });
}

function selectWorkloads(inventory: Inventory): CountedWorkload[] {
  const copies = controlledCopies(inventory);
  const templates = podTemplates(inventory);
  const out: CountedWorkload[] = [];
  for (let at = 0; at < inventory.objects.length; at++) {
    const item = inventory.objects[at] as InventoryObject;
    if (copies[at] === 1) continue;
    // As workloadTemplateOf, from the run's shared views.
    const pod = item.ref.kind === 'PodTemplate' ? undefined : templates[at];
    if (!pod) continue;
    out.push({ item, pod });
  }
  return out;
}

/** Labels that name the application a workload belongs to (not the Helm release: `instance` names a whole stack). */
export const NAME_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'name'] as const;

/** Every image a workload runs (init, regular and ephemeral containers). */
export function imagesOf(obj: KubeObject): string[] {
  const given = givenPodFacts(obj);
  if (given !== undefined) return (given?.images ?? []).filter((i) => i.trim() !== '');
  const view = podTemplateOf(obj);
  return view ? templateImages(view) : [];
}

/** Every image of a pod template, in container order (an image may repeat). */
export function templateImages(view: PodTemplateView): string[] {
  return containersOf(view)
    .map((c) => c.container.image)
    .filter((i): i is string => typeof i === 'string' && i.trim() !== '');
}

/** Values of the naming labels on the object and on its pod template (`view`, when known). */
export function nameLabelValues(
  obj: KubeObject,
  view: PodTemplateView | undefined = podTemplateOf(obj),
): string[] {
  const out = new Set<string>();
  const sources = [obj.metadata?.labels, view?.labels];
  for (const labels of sources) {
    if (!isRecord(labels)) continue;
    for (const key of NAME_LABELS) {
      const value = labels[key];
      if (typeof value === 'string' && value !== '') out.add(value.toLowerCase());
    }
  }
  return [...out];
}

/**
 * A Pod created by a controller (ReplicaSet, DaemonSet, Job, …), whether or not the controller is in the
 * input. Mirror pods of static pods name their Node as controller; they are the workload itself.
 * Platform detection uses it as a signal (a controlled pod is not how an add-on is installed).
 */
export function isControlledPod(obj: KubeObject): boolean {
  if (obj.kind !== 'Pod') return false;
  const owners = obj.metadata?.ownerReferences;
  return (
    Array.isArray(owners) && owners.some((o) => isRecord(o) && o.controller === true && o.kind !== 'Node')
  );
}
