// What the API server set on an object read back from a cluster, a dump or a backup, as JSON Patch
// removals: applying the object to EKS as it was read would fail (`resourceVersion`, `clusterIP`) or pin
// it to the old cluster (`nodeName`, `volumeName`, node ports).
import { getPath, isRecord, podTemplateOf, pointer } from '../model/kinds.js';
import type { InventoryObject, JsonPatchOp, KubeObject } from '../model/types.js';
import { SERVER_ANNOTATION_PREFIXES, SERVER_ANNOTATIONS, SERVER_METADATA_FIELDS } from './clean.table.js';

/** True when the object was read from a server (a live cluster, a bundle, a backup, or a kubectl dump). */
export function readFromServer(item: InventoryObject): boolean {
  if (item.origin !== 'manifest') return true;
  const meta = item.object.metadata;
  return isRecord(meta) && (meta.resourceVersion !== undefined || meta.uid !== undefined);
}

/** The removals that make a server-read object a manifest again. */
export function serverFieldRemovals(obj: KubeObject): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  const remove = (path: Array<string | number>) => {
    if (getPath(obj, path) !== undefined) ops.push({ op: 'remove', path: pointer(path) });
  };
  remove(['status']);
  for (const field of SERVER_METADATA_FIELDS) remove(['metadata', field]);
  const annotations = obj.metadata?.annotations;
  if (isRecord(annotations)) {
    const keys = Object.keys(annotations);
    const dropped = keys.filter(
      (k) => SERVER_ANNOTATIONS.has(k) || SERVER_ANNOTATION_PREFIXES.some((p) => k.startsWith(p)),
    );
    if (dropped.length === keys.length && keys.length > 0) remove(['metadata', 'annotations']);
    else for (const key of dropped) remove(['metadata', 'annotations', key]);
  }
  const template = podTemplateOf(obj);
  if (template) {
    remove([...template.templatePath, 'metadata', 'creationTimestamp']);
    remove([...template.specPath, 'nodeName']);
  }
  if (obj.kind === 'Service') {
    const type = getPath(obj, ['spec', 'type']);
    // A headless Service's `clusterIP: None` is the user's choice, not an address.
    if (getPath(obj, ['spec', 'clusterIP']) !== 'None') {
      remove(['spec', 'clusterIP']);
      remove(['spec', 'clusterIPs']);
    }
    const ports = getPath(obj, ['spec', 'ports']);
    if (Array.isArray(ports)) {
      // A dump cannot tell a chosen node port from an allocated one; EKS allocates new ones.
      for (let i = 0; i < ports.length; i++) remove(['spec', 'ports', i, 'nodePort']);
    }
    if (type === 'LoadBalancer') remove(['spec', 'healthCheckNodePort']);
  }
  if (obj.kind === 'PersistentVolumeClaim') {
    remove(['spec', 'volumeName']);
  }
  if (obj.kind === 'StatefulSet') {
    const templates = getPath(obj, ['spec', 'volumeClaimTemplates']);
    if (Array.isArray(templates))
      templates.forEach((_, i) => {
        remove(['spec', 'volumeClaimTemplates', i, 'status']);
        remove(['spec', 'volumeClaimTemplates', i, 'metadata', 'creationTimestamp']);
      });
  }
  if (obj.kind === 'Job') {
    // The controller's labels and selector name this uid; the new Job gets its own.
    remove(['spec', 'selector']);
    for (const label of ['controller-uid', 'batch.kubernetes.io/controller-uid']) {
      remove(['spec', 'template', 'metadata', 'labels', label]);
    }
  }
  return ops;
}
