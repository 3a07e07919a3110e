// Storage facts shared by the rules, verify and the plan: which provisioners an EKS cluster serves.
// Sources: the EKS user guide (EBS, EFS, FSx, Mountpoint for S3 CSI drivers; EKS Auto Mode's
// ebs.csi.eks.amazonaws.com) and the Kubernetes StorageClass docs (kubernetes.io/no-provisioner).

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
