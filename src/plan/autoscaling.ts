// Node autoscaling: Cluster Autoscaler (auto-discovery tags, flags, expander) or Karpenter
// (`karpenter.sh/v1` NodePools and a `karpenter.k8s.aws/v1` EC2NodeClass built from the node groups).
// @see https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md
// @see https://karpenter.sh/docs/concepts/nodepools/
import { type Catalog, findInstanceType } from '../catalog/index.js';
import type { PlanAutoscaling, PlanNodeGroup, PlanNodeSize, PlanOptions } from './types.js';
import { countOf } from './words.js';

const ARCH_LABEL: Readonly<Record<string, string>> = { x86_64: 'amd64', arm64: 'arm64' };

function familyOf(type: string): string {
  return type.split('.')[0] ?? type;
}

export function planAutoscaling(
  options: PlanOptions,
  catalog: Catalog,
  nodeGroups: readonly PlanNodeGroup[],
): PlanAutoscaling {
  const name = options.name;
  if (options.autoscaler === 'karpenter') {
    const nodeSizes: Record<string, PlanNodeSize> = {};
    const nodePools = nodeGroups.map((g) => {
      const t = findInstanceType(catalog, g.instanceTypes[0] ?? '');
      if (t?.vcpu && t.memoryMiB)
        nodeSizes[g.name] = { instanceType: g.instanceTypes[0]!, vcpu: t.vcpu, memoryMiB: t.memoryMiB };
      const requirements = [
        {
          key: 'karpenter.sh/capacity-type',
          operator: 'In',
          values: [g.capacityType === 'SPOT' ? 'spot' : 'on-demand'],
        },
        { key: 'kubernetes.io/arch', operator: 'In', values: [ARCH_LABEL[g.arch] ?? g.arch] },
        { key: 'kubernetes.io/os', operator: 'In', values: [g.os ?? 'linux'] },
        {
          key: 'karpenter.k8s.aws/instance-family',
          operator: 'In',
          values: [...new Set(g.instanceTypes.map(familyOf))].sort(),
        },
        ...(g.gpus ? [] : [{ key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'DoesNotExist' }]),
      ];
      return {
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name: g.name },
        spec: {
          template: {
            metadata: { labels: { ...g.labels } },
            spec: {
              requirements,
              taints: g.taints.map((x) => ({ ...x })),
              nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
              expireAfter: '720h',
            },
          },
          // The planned maximum caps what Karpenter may launch for this pool. With no size for the type
          // (one the instance table lacks) there is no ceiling to write: a zero would let it launch nothing.
          ...(t?.vcpu && t.memoryMiB
            ? {
                limits: {
                  cpu: String(t.vcpu * Math.max(g.maxSize, 1)),
                  memory: `${Math.round((t.memoryMiB * Math.max(g.maxSize, 1)) / 1024)}Gi`,
                },
              }
            : {}),
          disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '1m' },
        },
      };
    });
    const privateCluster = options.endpoint === 'private';
    const nodeClass = {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name: 'default' },
      spec: {
        amiSelectorTerms: [
          { alias: `${options.amiFamily === 'bottlerocket' ? 'bottlerocket' : 'al2023'}@latest` },
        ],
        ...(privateCluster
          ? { instanceProfile: `KarpenterNodeInstanceProfile-${name}` }
          : { role: `KarpenterNodeRole-${name}` }),
        subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': name } }],
        securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': name } }],
      },
    };
    return {
      engine: 'karpenter',
      flags: [
        `settings.clusterName=${name}`,
        `settings.interruptionQueue=${name}`,
        ...(privateCluster ? ['settings.isolatedVPC=true'] : []),
      ],
      why: `Karpenter (--autoscaler karpenter): ${countOf(nodePools.length, 'NodePool')} with the planned groups' families, architecture, capacity type, labels and taints, consolidation on (WhenEmptyOrUnderutilized), limits at the planned maximum; one EC2NodeClass (${options.amiFamily}${privateCluster ? ', instanceProfile: a private cluster has no IAM endpoint' : ''}). Karpenter itself runs on a small managed node group or Fargate, never on nodes it manages`,
      tags: { 'karpenter.sh/discovery': name },
      nodePools,
      nodeClasses: [nodeClass],
      nodeSizes,
    };
  }
  const mixed = new Set(nodeGroups.map((g) => g.capacityType)).size > 1;
  const flags = [
    '--cloud-provider=aws',
    `--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/${name}`,
    `--expander=${mixed ? 'priority,least-waste' : 'least-waste'}`,
    '--balance-similar-node-groups=true',
    '--skip-nodes-with-system-pods=false',
    ...(options.endpoint === 'private' ? ['--aws-use-static-instance-list=true'] : []),
  ];
  return {
    engine: 'cluster-autoscaler',
    flags,
    why: nodeGroups.length
      ? `Cluster Autoscaler finds the ${countOf(nodeGroups.length, 'node group')} by their auto-discovery tags; least-waste picks the group that leaves the least idle CPU${mixed ? ', after a priority list that prefers the spot groups' : ''}; balance-similar-node-groups keeps the AZs even${options.endpoint === 'private' ? '; --aws-use-static-instance-list=true because a private cluster cannot reach the EC2 instance-type API it calls at start-up' : ''}`
      : 'no EC2 node groups: no workload of the input needs one, so Cluster Autoscaler has nothing to scale; CoreDNS and the add-on controllers still need somewhere to run: a small node group, or a Fargate profile for kube-system',
    tags: { 'k8s.io/cluster-autoscaler/enabled': 'true', [`k8s.io/cluster-autoscaler/${name}`]: 'owned' },
  };
}
