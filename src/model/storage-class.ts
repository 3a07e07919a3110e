// Reading StorageClasses: whether one is the default, and whether EKS provisions its volumes
// (the provisioners are in storage.table.ts).
import { AWS_PROVISIONERS, IN_TREE_EBS, NO_PROVISIONER } from './storage.table.js';
import type { KubeObject } from './types.js';

/** Whether a StorageClass of this provisioner provisions (or binds) volumes on EKS. */
export function worksOnEks(provisioner: string): boolean {
  return AWS_PROVISIONERS.has(provisioner) || provisioner === IN_TREE_EBS || provisioner === NO_PROVISIONER;
}

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** A StorageClass marked default with either annotation. */
export function isDefaultStorageClass(obj: KubeObject): boolean {
  const ann = obj.metadata?.annotations ?? {};
  return ann[DEFAULT_CLASS_ANNOTATION] === 'true' || ann[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}
