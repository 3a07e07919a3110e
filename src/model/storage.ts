// Storage facts shared by the rules and verify: which provisioners an EKS cluster serves, and how a
// StorageClass is marked default. Sources: the EKS user guide (EBS, EFS, FSx, Mountpoint for S3 CSI
// drivers; EKS Auto Mode's ebs.csi.eks.amazonaws.com) and the Kubernetes StorageClass docs.
import type { KubeObject } from './types.js';

/** Provisioners EKS serves as they are (EBS, EFS, FSx, Mountpoint for S3, EKS Auto Mode). */
export const AWS_PROVISIONERS: ReadonlySet<string> = new Set([
  'ebs.csi.aws.com',
  'ebs.csi.eks.amazonaws.com',
  'efs.csi.aws.com',
  'fsx.csi.aws.com',
  'fsx.openzfs.csi.aws.com',
  's3.csi.aws.com',
]);

/** The in-tree EBS provisioner: still works on EKS through CSI migration, but only with the EBS CSI driver. */
export const IN_TREE_EBS = 'kubernetes.io/aws-ebs';

/** Static provisioning: nothing provisions, so a class of it works on any cluster. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

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
