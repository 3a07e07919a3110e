// Which input objects manifests/ leaves out, each with the reason the runbook prints.

import type { ObjectNames } from '../model/inventory-index.js';
import { isRecord } from '../model/kinds.js';
import { isPlatformNamespace } from '../model/platform-namespaces.js';
import type { Finding, InventoryObject } from '../model/types.js';
import { isControlledCopy } from '../model/workloads.js';
import type { Plan } from '../plan/types.js';
import { readFromServer } from './clean.js';
import {
  BUILT_IN_CONFIGMAPS,
  BUILT_IN_OBJECTS,
  OLD_PLATFORM_RULES,
  SERVER_MADE_KINDS,
} from './leave-out.table.js';

export function isCoreSecret(item: InventoryObject): boolean {
  return item.ref.kind === 'Secret' && (item.ref.apiVersion === 'v1' || item.ref.apiVersion === '');
}

/**
 * Why the object is not written to manifests/, or undefined when it is. `inputNames` are the input's objects
 * (model/inventory-index.ts `objectNames`): a copy whose controller is among them is made by it on EKS.
 */
export function leaveOutReason(
  item: InventoryObject,
  findings: readonly Finding[],
  plan: Plan,
  inputNames: ObjectNames,
): string | undefined {
  const { kind, namespace, name } = item.ref;
  if (isCoreSecret(item))
    return 'a Secret: its values are never written; manifests/SECRETS.md lists it and the runbook says how to move it';
  if (kind === 'StorageClass') {
    const mapped = plan.storageClasses.find((s) => s.from === name && s.to !== name);
    if (mapped)
      return `replaced by StorageClass ${mapped.to} (${mapped.provisioner}) in platform/storageclasses.yaml, which the plan maps it to; its claims use ${mapped.to}`;
  }
  for (const f of findings) {
    if (f.ruleId === 'crd/present' && f.data?.cloudOnly === true)
      return `an object of the old platform (${String(f.data.crdGroup ?? f.resource.apiVersion)}): ${f.remediation}`;
    const why = OLD_PLATFORM_RULES[f.ruleId];
    if (why) return `${why}. ${f.remediation}`;
  }
  if (kind === 'Namespace' ? isPlatformNamespace(name) : isPlatformNamespace(namespace))
    return 'a namespace the source platform runs for itself: EKS brings its own (add-ons)';
  const builtIn = BUILT_IN_OBJECTS[`${kind} ${namespace ? `${namespace}/` : ''}${name}`];
  if (builtIn) return builtIn;
  if (kind === 'ConfigMap' && BUILT_IN_CONFIGMAPS.has(name))
    return 'published by the cluster in every namespace';
  if (!readFromServer(item)) return undefined;
  const made = SERVER_MADE_KINDS[kind];
  if (made) return made;
  if (kind === 'PersistentVolume')
    return 'a volume of the old cluster: its claim gets a new EBS or EFS volume on EKS, and the data moves with Velero';
  const owner = controllerOf(item);
  if (owner)
    return isControlledCopy(item, inputNames)
      ? `made by its controller ${owner}, which is written instead`
      : `made by its controller ${owner}, which is not in the input: written alone it would run with nothing to recreate it; move ${owner} itself (add it to the input and generate again)`;
  if (kind === 'ServiceAccount' && name === 'default') return 'every namespace gets its own';
  return undefined;
}

function controllerOf(item: InventoryObject): string | undefined {
  const refs = item.object.metadata?.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  const controller = refs.find((r) => isRecord(r) && r.controller === true) as
    | Record<string, unknown>
    | undefined;
  return controller ? `${String(controller.kind)}/${String(controller.name)}` : undefined;
}
