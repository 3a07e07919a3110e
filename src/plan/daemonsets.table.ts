// What EKS runs on every Linux node, with the requests its manifests set (a DaemonSet pod on each node).
// Every pod takes one of the node's max-pods slots, host-network or not.
// Sources (requests as shipped, 2026-08): aws/amazon-vpc-cni-k8s charts/aws-vpc-cni values.yaml (aws-node
// cpu 25m); EKS kube-proxy add-on manifest (cpu 100m); kubernetes-sigs/aws-ebs-csi-driver
// charts/aws-ebs-csi-driver values.yaml (node plugin, node-driver-registrar and liveness-probe: 10m / 40Mi
// each); aws/eks-pod-identity-agent charts values.yaml (no requests set).

export interface EksNodeDaemonSet {
  name: string;
  namespace: string;
  cpuMillicores: number;
  memoryMiB: number;
  why: string;
}

export const EKS_NODE_DAEMONSETS: readonly EksNodeDaemonSet[] = [
  {
    name: 'aws-node',
    namespace: 'kube-system',
    cpuMillicores: 25,
    memoryMiB: 0,
    why: 'the VPC CNI: pod networking',
  },
  { name: 'kube-proxy', namespace: 'kube-system', cpuMillicores: 100, memoryMiB: 0, why: 'Service routing' },
  {
    name: 'ebs-csi-node',
    namespace: 'kube-system',
    cpuMillicores: 30,
    memoryMiB: 120,
    why: 'the EBS CSI node plugin: mounts EBS volumes',
  },
  {
    name: 'eks-pod-identity-agent',
    namespace: 'kube-system',
    cpuMillicores: 0,
    memoryMiB: 0,
    why: 'hands Pod Identity credentials to pods (sets no requests)',
  },
];
