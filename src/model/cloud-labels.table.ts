// Node labels and taints that only another platform sets, and their EKS counterparts.
// Sources: GKE docs "Node labels" / "Spot VMs" / "Preemptible VMs" / "Run GPUs" (cloud.google.com/gke-*),
// AKS docs "Use labels in an AKS cluster" / "Spot node pools" (kubernetes.azure.com/*, agentpool),
// Kubernetes "Well-Known Labels, Annotations and Taints" (deprecated failure-domain.beta.* and beta.* labels),
// Amazon EKS User Guide "Managed node groups" (eks.amazonaws.com/nodegroup, eks.amazonaws.com/capacityType),
// Karpenter docs "NodePools" (karpenter.sh/capacity-type, karpenter.sh/nodepool, karpenter.k8s.aws/*). Checked 2026-08.

export interface CloudLabel {
  platform: string;
  /** What the label selects, in plain words. */
  meaning: string;
  /** The EKS label or mechanism to use instead. */
  eks: string;
  /** Only deprecated (still works on EKS nodes today): reported as info. */
  deprecatedOnly?: boolean;
}

interface KeyRule extends CloudLabel {
  match: (key: string) => boolean;
}

const NODEGROUP =
  'eks.amazonaws.com/nodegroup: <node group> (managed node groups) or karpenter.sh/nodepool: <NodePool> (Karpenter), or a label of your own set on the node group';
const SPOT =
  'eks.amazonaws.com/capacityType: SPOT (managed node groups) or karpenter.sh/capacity-type: spot (Karpenter); taint the Spot node group if pods must opt in';
const GPU =
  'node.kubernetes.io/instance-type with an EC2 GPU type (g5, g6, p4d, p5) or karpenter.k8s.aws/instance-gpu-name, and request nvidia.com/gpu (NVIDIA device plugin)';

const KEY_RULES: readonly KeyRule[] = [
  {
    match: (k) => k === 'cloud.google.com/gke-nodepool',
    platform: 'GKE',
    meaning: 'a GKE node pool',
    eks: NODEGROUP,
  },
  {
    match: (k) => k === 'cloud.google.com/gke-spot' || k === 'cloud.google.com/gke-preemptible',
    platform: 'GKE',
    meaning: 'GKE Spot or preemptible VMs',
    eks: SPOT,
  },
  {
    match: (k) => k === 'cloud.google.com/gke-accelerator' || k === 'cloud.google.com/gke-accelerator-count',
    platform: 'GKE',
    meaning: 'a GKE GPU model',
    eks: GPU,
  },
  {
    match: (k) => k === 'cloud.google.com/gke-gpu-driver-version',
    platform: 'GKE',
    meaning: 'the NVIDIA driver version GKE installs on its GPU nodes',
    eks: 'the EKS-optimized accelerated AMI (AL2023 NVIDIA or Bottlerocket NVIDIA, which ship the NVIDIA driver) on the GPU node group instead of this selector',
  },
  {
    match: (k) =>
      k === 'cloud.google.com/gke-gpu-sharing-strategy' ||
      k === 'cloud.google.com/gke-max-shared-clients-per-gpu' ||
      k === 'cloud.google.com/gke-gpu-partition-size',
    platform: 'GKE',
    meaning: 'GKE GPU sharing (time-sharing, multi-instance GPU partitions)',
    eks: 'the NVIDIA device plugin (or GPU Operator) configured for time-slicing or MIG on the GPU node group, with a node label of your own for the sharing mode',
  },
  {
    match: (k) => k.startsWith('cloud.google.com/gke-tpu'),
    platform: 'GKE',
    meaning: 'Google Cloud TPUs, which have no EC2 counterpart',
    eks: 'AWS Trainium or Inferentia instances (trn1, trn2, inf2) with the Neuron device plugin, after porting the model to the Neuron SDK, or NVIDIA GPU instances',
  },
  {
    match: (k) => k.startsWith('cloud.google.com/gke-gpu'),
    platform: 'GKE',
    meaning: 'a GKE GPU node property',
    eks: GPU,
  },
  {
    match: (k) => k === 'cloud.google.com/machine-family',
    platform: 'GKE',
    meaning: 'a Compute Engine machine family',
    eks: 'karpenter.k8s.aws/instance-family (Karpenter) or node.kubernetes.io/instance-type with EC2 types',
  },
  {
    match: (k) => k === 'cloud.google.com/compute-class',
    platform: 'GKE',
    meaning: 'a GKE compute class',
    eks: 'a Karpenter NodePool with the matching requirements, selected with karpenter.sh/nodepool',
  },
  {
    match: (k) =>
      k.startsWith('cloud.google.com/') || /(^|\.)gke\.io\//.test(k) || k.includes('.googleapis.com/'),
    platform: 'GKE',
    meaning: 'a GKE node property',
    eks: 'a label set on the EKS node group (managed node group labels or Karpenter NodePool labels)',
  },
  {
    match: (k) => k === 'kubernetes.azure.com/agentpool' || k === 'agentpool',
    platform: 'AKS',
    meaning: 'an AKS node pool',
    eks: NODEGROUP,
  },
  {
    match: (k) => k === 'kubernetes.azure.com/scalesetpriority',
    platform: 'AKS',
    meaning: 'AKS Spot node pools',
    eks: SPOT,
  },
  {
    match: (k) => k === 'kubernetes.azure.com/accelerator',
    platform: 'AKS',
    meaning: 'an AKS GPU node pool',
    eks: GPU,
  },
  {
    match: (k) => k === 'kubernetes.azure.com/mode',
    platform: 'AKS',
    meaning: 'AKS system or user node pools',
    eks: `${NODEGROUP} (EKS has no system node pools; add-ons run on any node unless you taint one)`,
  },
  {
    match: (k) => k.startsWith('kubernetes.azure.com/') || /(^|\.)azure\.com\//.test(k),
    platform: 'AKS',
    meaning: 'an AKS node property',
    eks: 'a label set on the EKS node group (managed node group labels or Karpenter NodePool labels)',
  },
  {
    match: (k) => /(^|\.)(aliyun|alibabacloud)\.com\//.test(k),
    platform: 'Alibaba Cloud ACK',
    meaning: 'an ACK node property',
    eks: 'a label set on the EKS node group',
  },
  {
    match: (k) =>
      /^(doks\.digitalocean\.com|lke\.linode\.com|oci\.oraclecloud\.com|ibm-cloud\.kubernetes\.io|k8s\.scaleway\.com)\//.test(
        k,
      ),
    platform: 'another cloud',
    meaning: "another provider's node property",
    eks: 'a label set on the EKS node group',
  },
  {
    match: (k) => k.startsWith('topology.cinder.csi.openstack.org/'),
    platform: 'OpenStack',
    meaning: 'an OpenStack availability zone',
    eks: 'topology.kubernetes.io/zone with an AWS Availability Zone (or topology.ebs.csi.aws.com/zone)',
  },
  {
    match: (k) => k.startsWith('node-role.kubernetes.io/'),
    platform: 'kubeadm/OpenShift',
    meaning: 'a node-role label (EKS sets none, and its control-plane nodes are not visible to the cluster)',
    eks: 'a label of your own set on the EKS node group (managed node group labels or Karpenter NodePool labels)',
  },
  {
    match: (k) => k.startsWith('failure-domain.beta.kubernetes.io/'),
    platform: 'deprecated',
    meaning: 'a zone or region through a label deprecated since Kubernetes 1.17',
    eks: 'topology.kubernetes.io/zone or topology.kubernetes.io/region',
    deprecatedOnly: true,
  },
  {
    match: (k) => k === 'beta.kubernetes.io/os' || k === 'beta.kubernetes.io/arch',
    platform: 'deprecated',
    meaning: 'the OS or CPU architecture through a label deprecated since Kubernetes 1.14',
    eks: 'kubernetes.io/os or kubernetes.io/arch',
    deprecatedOnly: true,
  },
];

/** Keys selecting a machine type, checked by value. */
export const INSTANCE_TYPE_KEYS = new Set([
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
]);
/** Keys selecting a zone or region, checked by value. */
export const ZONE_KEYS = new Set([
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
]);

/** Azure regions (region names, also the prefix of AKS zone labels such as eastus-1). */
const AZURE_REGIONS = new Set([
  'eastus',
  'eastus2',
  'westus',
  'westus2',
  'westus3',
  'centralus',
  'northcentralus',
  'southcentralus',
  'westcentralus',
  'canadacentral',
  'canadaeast',
  'brazilsouth',
  'mexicocentral',
  'northeurope',
  'westeurope',
  'uksouth',
  'ukwest',
  'francecentral',
  'francesouth',
  'germanywestcentral',
  'germanynorth',
  'swedencentral',
  'switzerlandnorth',
  'norwayeast',
  'polandcentral',
  'italynorth',
  'spaincentral',
  'japaneast',
  'japanwest',
  'koreacentral',
  'koreasouth',
  'southeastasia',
  'eastasia',
  'australiaeast',
  'australiasoutheast',
  'australiacentral',
  'centralindia',
  'southindia',
  'westindia',
  'southafricanorth',
  'uaenorth',
  'qatarcentral',
  'israelcentral',
]);

/** A zone or region name of another cloud: GCP (us-central1, us-central1-a) or Azure (eastus, eastus-1). */
export function foreignZone(value: string): string | undefined {
  if (/^[a-z]+-[a-z]+\d+(-[a-z])?$/.test(value)) return 'GCP';
  const azure = /^([a-z]+\d?)(-\d)?$/.exec(value);
  if (azure?.[1] && AZURE_REGIONS.has(azure[1])) return 'Azure';
  return undefined;
}

/** A machine type of another cloud: Compute Engine (n2-standard-4, e2-medium) or Azure (Standard_D4s_v3). */
export function foreignInstanceType(value: string): string | undefined {
  if (/^Standard_/i.test(value) || /^Basic_A\d/i.test(value)) return 'Azure';
  if (
    /^(e2|n1|n2|n2d|n4|n4d|c2|c2d|c3|c3d|c4|c4a|c4d|m1|m2|m3|m4|t2a|t2d|a2|a3|a4|g2|h3|z3|f1|g1)-[a-z]+(-\d+[a-z-]*)?$/.test(
      value,
    )
  ) {
    return 'GCP';
  }
  return undefined;
}

export function cloudLabelByKey(key: string): CloudLabel | undefined {
  const rule = KEY_RULES.find((r) => r.match(key));
  if (!rule) return undefined;
  const { match: _match, ...label } = rule;
  return label;
}

/** GKE accelerator names (cloud.google.com/gke-accelerator values) and the EC2 instances with the same GPU. */
export const GKE_ACCELERATORS: Readonly<Record<string, { gpu: string; ec2: string; gpuName?: string }>> = {
  'nvidia-tesla-t4': { gpu: 'NVIDIA T4', ec2: 'g4dn', gpuName: 't4' },
  'nvidia-l4': { gpu: 'NVIDIA L4', ec2: 'g6', gpuName: 'l4' },
  'nvidia-tesla-a100': { gpu: 'NVIDIA A100 40GB', ec2: 'p4d', gpuName: 'a100' },
  'nvidia-a100-80gb': { gpu: 'NVIDIA A100 80GB', ec2: 'p4de', gpuName: 'a100' },
  'nvidia-h100-80gb': { gpu: 'NVIDIA H100', ec2: 'p5', gpuName: 'h100' },
  'nvidia-h100-mega-80gb': { gpu: 'NVIDIA H100', ec2: 'p5', gpuName: 'h100' },
  'nvidia-h200-141gb': { gpu: 'NVIDIA H200', ec2: 'p5e or p5en', gpuName: 'h200' },
  'nvidia-b200': { gpu: 'NVIDIA B200', ec2: 'p6-b200', gpuName: 'b200' },
  'nvidia-gb200': { gpu: 'NVIDIA GB200', ec2: 'p6e-gb200', gpuName: 'gb200' },
  'nvidia-tesla-v100': { gpu: 'NVIDIA V100', ec2: 'p3', gpuName: 'v100' },
  'nvidia-tesla-p100': { gpu: 'NVIDIA P100', ec2: 'g4dn or g5 (no EC2 instance has the P100)' },
  'nvidia-tesla-p4': { gpu: 'NVIDIA P4', ec2: 'g4dn (no EC2 instance has the P4)' },
  'nvidia-tesla-k80': { gpu: 'NVIDIA K80', ec2: 'g4dn (the K80 p2 instances are retired)' },
};

/** The EKS way to select the same GPU as a GKE accelerator value, or undefined when the value is unknown. */
export function gkeAcceleratorOnEks(value: string): { meaning: string; eks: string } | undefined {
  const known = GKE_ACCELERATORS[value];
  if (!known) return undefined;
  const karpenter = known.gpuName
    ? `karpenter.k8s.aws/instance-gpu-name: ${known.gpuName} (Karpenter) or node.kubernetes.io/instance-type`
    : 'node.kubernetes.io/instance-type';
  return {
    meaning: `the GKE GPU model ${value} (${known.gpu})`,
    eks: `${karpenter} with ${known.ec2} instances (${known.gpu}) on a GPU node group with the EKS-optimized accelerated AMI, and request nvidia.com/gpu (NVIDIA device plugin)`,
  };
}
