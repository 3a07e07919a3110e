// Node labels and tolerations the plan does not carry to EKS node groups.

/**
 * Label prefixes that are well-known Kubernetes labels (the kubelet sets them) or another platform's pool
 * labels (GKE, AKS, OpenShift, EKS itself): a node group does not set them; the scheduling findings say
 * what replaces another cloud's labels.
 * @see https://kubernetes.io/docs/reference/labels-annotations-taints/
 */
export const PLATFORM_NODE_LABEL_PREFIXES: readonly string[] = [
  'kubernetes.io/',
  'beta.kubernetes.io/',
  'node.kubernetes.io/',
  'topology.kubernetes.io/',
  'failure-domain.beta.kubernetes.io/',
  'node-role.kubernetes.io/',
  'cloud.google.com/',
  'iam.gke.io/',
  'kubernetes.azure.com/',
  'node.openshift.io/',
  'eks.amazonaws.com/',
  'karpenter.sh/',
  'karpenter.k8s.aws/',
  'topology.ebs.csi.aws.com/',
];

/** Exact label keys of other platforms' pools (AKS `agentpool`). */
export const PLATFORM_NODE_LABEL_KEYS: readonly string[] = ['agentpool', 'kubernetes.azure.com/agentpool'];

export function isPlatformNodeLabel(key: string): boolean {
  return (
    PLATFORM_NODE_LABEL_KEYS.includes(key) || PLATFORM_NODE_LABEL_PREFIXES.some((p) => key.startsWith(p))
  );
}

/** Tolerations every cluster uses (node conditions, control-plane taints, other platforms): not a pool's taint. */
export const CARRIED_TOLERATION_EXCLUDED: readonly string[] = [
  'node.kubernetes.io/',
  'node-role.kubernetes.io/',
  'node.cloudprovider.kubernetes.io/',
  'CriticalAddonsOnly',
  'cloud.google.com/',
  'kubernetes.azure.com/',
  'eks.amazonaws.com/',
  'karpenter.sh/',
];
