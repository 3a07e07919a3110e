// Facts about Amazon EKS on AWS Fargate.
// Source: Amazon EKS User Guide, "Simplify compute management with AWS Fargate" (considerations) and
// "Understand Fargate Pod configuration details" (vCPU and memory combinations, 256 MB added for the
// Kubernetes components, default 0.25 vCPU / 0.5 GB), https://docs.aws.amazon.com/eks/latest/userguide/fargate.html,
// fargate-pod-configuration.html; checked 2026-08.

/** vCPU and memory combinations a Fargate pod is rounded up to (memory in GB, in steps). */
export const FARGATE_SIZES: ReadonlyArray<{ vcpu: number; memoryGb: readonly number[] }> = [
  { vcpu: 0.25, memoryGb: [0.5, 1, 2] },
  { vcpu: 0.5, memoryGb: [1, 2, 3, 4] },
  { vcpu: 1, memoryGb: [2, 3, 4, 5, 6, 7, 8] },
  { vcpu: 2, memoryGb: range(4, 16, 1) },
  { vcpu: 4, memoryGb: range(8, 30, 1) },
  { vcpu: 8, memoryGb: range(16, 60, 4) },
  { vcpu: 16, memoryGb: range(32, 120, 8) },
];

/** The largest Fargate pod: 16 vCPU, 120 GB. */
export const FARGATE_MAX_CPU_MILLICORES = 16_000;
export const FARGATE_MAX_MEMORY_MIB = 120 * 1024;

/** Fargate adds this much memory to every pod for the kubelet, kube-proxy and containerd. */
export const FARGATE_OVERHEAD_MEMORY_MIB = 256;

/**
 * Node labels a Fargate node carries, with the values it can have (undefined = any value).
 * Fargate runs Linux on x86_64 only; it sets the standard topology labels of its zone and region.
 */
export const FARGATE_NODE_LABELS: Readonly<Record<string, readonly string[] | undefined>> = {
  'kubernetes.io/os': ['linux'],
  'beta.kubernetes.io/os': ['linux'],
  'kubernetes.io/arch': ['amd64'],
  'beta.kubernetes.io/arch': ['amd64'],
  'topology.kubernetes.io/zone': undefined,
  'topology.kubernetes.io/region': undefined,
  'failure-domain.beta.kubernetes.io/zone': undefined,
  'failure-domain.beta.kubernetes.io/region': undefined,
  'kubernetes.io/hostname': undefined,
  'eks.amazonaws.com/compute-type': ['fargate'],
  'eks.amazonaws.com/fargate-profile': undefined,
};

/** Extended resources no Fargate pod can get. */
export const ACCELERATOR_RESOURCE =
  /(^|\.|\/)(gpu|neuron|neuroncore|neurondevice)(\.|$)|^nvidia\.com\/|^amd\.com\/gpu|^gpu\.intel\.com\//;

/** In-line volume types backed by block storage (on EKS: Amazon EBS), which Fargate cannot mount. */
export const BLOCK_VOLUME_TYPES: readonly string[] = [
  'awsElasticBlockStore',
  'gcePersistentDisk',
  'azureDisk',
  'cinder',
  'vsphereVolume',
  'rbd',
  'iscsi',
  'fc',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'photonPersistentDisk',
  'flocker',
];

/** CSI drivers / provisioners of shared file storage: these move to Amazon EFS, which Fargate can mount. */
export const FILE_PROVISIONERS: readonly RegExp[] = [
  /^efs\.csi\.aws\.com$/,
  /^fsx\.csi\.aws\.com$/,
  /filestore/,
  /^kubernetes\.io\/azure-file$/,
  /^file\.csi\.azure\.com$/,
  /nfs/,
  /^cephfs|cephfs\.csi\.ceph\.com$/,
  /^kubernetes\.io\/glusterfs$/,
];

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}
