// autoscaler/: node autoscaling as the plan chose it — Cluster Autoscaler Helm values and its IAM policy, or
// Karpenter NodePools and EC2NodeClasses mirroring the planned node groups; SecurityGroupPolicy objects
// when pods get their own security groups.
// @see https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md
// @see https://karpenter.sh/docs/concepts/nodepools/
import { isRecord } from '../model/kinds.js';
import type { Inventory } from '../model/types.js';
import type { Plan } from '../plan/types.js';
import { versionComment } from './platform.js';
import type { Artifact } from './types.js';
import { namespacesOf } from './velero.js';
import { yamlDocument, yamlDocuments } from './yaml-out.js';

/** The IAM policy of the Cluster Autoscaler README ("Full Cluster Autoscaler Features Policy (Recommended)"). */
export function clusterAutoscalerPolicy(clusterName: string): unknown {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
          'eks:DescribeNodegroup',
        ],
        Resource: ['*'],
      },
      {
        Effect: 'Allow',
        Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        Resource: ['*'],
        // Only the groups of this cluster.
        Condition: {
          StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: 'owned' },
        },
      },
    ],
  };
}

function clusterAutoscaler(plan: Plan): Artifact[] {
  const isPrivate = plan.cluster.endpointAccess === 'private';
  const flags = new Map<string, string>([
    ['balance-similar-node-groups', 'true'],
    ['skip-nodes-with-system-pods', 'false'],
    ['expander', 'least-waste'],
  ]);
  if (isPrivate) flags.set('aws-use-static-instance-list', 'true');
  for (const flag of plan.autoscaling.flags) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(flag);
    if (m) flags.set(m[1]!, m[2] ?? 'true');
  }
  const addon = plan.addons.find((a) => a.name === 'cluster-autoscaler');
  const values = {
    autoDiscovery: { clusterName: plan.cluster.name },
    awsRegion: plan.cluster.region,
    rbac: { serviceAccount: { create: true, name: 'cluster-autoscaler' } },
    extraArgs: Object.fromEntries([...flags.entries()].sort(([a], [b]) => a.localeCompare(b))),
  };
  return [
    {
      path: 'autoscaler/cluster-autoscaler.values.yaml',
      content: yamlDocument(values, [
        `Cluster Autoscaler for ${plan.cluster.name} (plan autoscaling: ${plan.autoscaling.why || 'cluster-autoscaler'}).`,
        'It finds the node groups by their tags (k8s.io/cluster-autoscaler/enabled and',
        `k8s.io/cluster-autoscaler/${plan.cluster.name}, which EKS managed node groups carry).`,
        ...(isPrivate
          ? [
              'Private cluster: --aws-use-static-instance-list=true, since it cannot reach the EC2 pricing API.',
            ]
          : []),
        ...(addon
          ? [
              `Version: ${versionComment(addon)}`,
              `Set image.tag to the newest ${addon.version} release: its minor must match the cluster's.`,
            ]
          : []),
        'helm repo add autoscaler https://kubernetes.github.io/autoscaler',
        'helm upgrade --install cluster-autoscaler autoscaler/cluster-autoscaler -n kube-system -f autoscaler/cluster-autoscaler.values.yaml',
        'Its role: autoscaler/cluster-autoscaler-iam-policy.json, associated to kube-system/cluster-autoscaler.',
      ]),
    },
    {
      path: 'autoscaler/cluster-autoscaler-iam-policy.json',
      content: `${JSON.stringify(clusterAutoscalerPolicy(plan.cluster.name), null, 2)}\n`,
    },
  ];
}

/** The EC2NodeClass and NodePools kube2eks writes when the plan carries none (a plan made before it did). */
function karpenterFromGroups(plan: Plan): {
  nodePools: Array<Record<string, unknown>>;
  nodeClasses: Array<Record<string, unknown>>;
} {
  return {
    nodeClasses: [
      {
        apiVersion: 'karpenter.k8s.aws/v1',
        kind: 'EC2NodeClass',
        metadata: { name: 'default' },
        spec: {
          amiSelectorTerms: [
            { alias: `${plan.cluster.amiFamily === 'bottlerocket' ? 'bottlerocket' : 'al2023'}@latest` },
          ],
          role: `KarpenterNodeRole-${plan.cluster.name}`,
          subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': plan.cluster.name } }],
          securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': plan.cluster.name } }],
        },
      },
    ],
    nodePools: plan.nodeGroups.map((g) => ({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: g.name },
      spec: {
        template: {
          metadata: Object.keys(g.labels).length > 0 ? { labels: g.labels } : {},
          spec: {
            nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
            requirements: [
              { key: 'node.kubernetes.io/instance-type', operator: 'In', values: g.instanceTypes },
              {
                key: 'karpenter.sh/capacity-type',
                operator: 'In',
                values: [g.capacityType === 'SPOT' ? 'spot' : 'on-demand'],
              },
              { key: 'kubernetes.io/arch', operator: 'In', values: [g.arch === 'arm64' ? 'arm64' : 'amd64'] },
            ],
            ...(g.taints.length > 0
              ? {
                  taints: g.taints.map((t) => ({
                    key: t.key,
                    ...(t.value !== undefined ? { value: t.value } : {}),
                    effect: t.effect,
                  })),
                }
              : {}),
          },
        },
        disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '1m' },
      },
    })),
  };
}

/** Why a NodePool's limits are what they are: the formula, with this group's numbers. */
function limitsComment(pool: Record<string, unknown>, plan: Plan): string[] {
  const name = isRecord(pool.metadata) ? String(pool.metadata.name) : '';
  const group = plan.nodeGroups.find((g) => g.name === name);
  const limits = isRecord(pool.spec) && isRecord(pool.spec.limits) ? pool.spec.limits : undefined;
  if (!group) return [`NodePool ${name}.`];
  const head = `Node group ${group.name} of the plan: ${group.instanceTypes.join(', ')} ${group.capacityType}, ${group.desiredSize} nodes to start, up to ${group.maxSize}.`;
  if (!limits || limits.cpu === undefined)
    return [head, 'No limits: the plan names no instance sizes for it; set spec.limits to keep a ceiling.'];
  const nodes = Math.max(group.maxSize, 1);
  // The node the plan multiplied, as it recorded it: dividing the limits back would show their rounding.
  const size = plan.autoscaling.nodeSizes?.[group.name];
  const gib = size ? Math.round((size.memoryMiB / 1024) * 100) / 100 : 0;
  const memory = `${limits.memory}` === `${Math.round(nodes * gib * 100) / 100}Gi` ? '=' : '≈';
  return [
    head,
    size
      ? `spec.limits = maxSize × one ${size.instanceType}: cpu ${limits.cpu} = ${nodes} × ${size.vcpu} vCPU, memory ${limits.memory} ${memory} ${nodes} × ${gib} GiB.`
      : `spec.limits = maxSize (${nodes}) × one ${group.instanceTypes[0]}: cpu ${limits.cpu}, memory ${limits.memory} (the plan records no per-node size).`,
    'maxSize is the peak: the desired nodes hold the pods’ requests × (1 + --headroom), and maxSize scales them',
    'by peak ÷ baseline demand (HPA/KEDA max replicas), at least one node more: max(desired + 1, ⌈desired × peak/baseline⌉).',
  ];
}

function karpenter(plan: Plan): Artifact[] {
  // The plan decides the NodePools (limits from its instance sizes); generate writes them with the why.
  const fromPlan =
    plan.autoscaling.nodePools && plan.autoscaling.nodeClasses
      ? { nodePools: plan.autoscaling.nodePools, nodeClasses: plan.autoscaling.nodeClasses }
      : karpenterFromGroups(plan);
  // One EC2NodeClass serves every pool: its kubelet maxPods is set only where the groups agree (else
  // Karpenter computes it per instance type, as a bigger value would outrun a small type's pod IPs).
  const podCaps = new Set(plan.nodeGroups.map((g) => g.maxPodsPerNode));
  const maxPods = podCaps.size === 1 ? [...podCaps][0]! : 0;
  const docs: Array<{ value: unknown; comment?: string[] }> = fromPlan.nodeClasses.map((nodeClass, i) => {
    const spec = isRecord(nodeClass.spec) ? nodeClass.spec : {};
    return {
      value:
        maxPods > 0 && !isRecord(spec.kubelet)
          ? { ...nodeClass, spec: { ...spec, kubelet: { maxPods } } }
          : nodeClass,
      ...(i === 0
        ? {
            comment: [
              `Karpenter v1 for ${plan.cluster.name}: one NodePool per planned node group (plan.json autoscaling), same`,
              'instance families, capacity type, architecture, labels and taints, limits from the planned maximum.',
              'Pin the AMI alias (al2023@v2025…) once tested. Tag the private subnets and the node security group',
              `with karpenter.sh/discovery: ${plan.cluster.name}.`,
            ],
          }
        : {}),
    };
  });
  for (const pool of fromPlan.nodePools) docs.push({ value: pool, comment: limitsComment(pool, plan) });
  return [{ path: 'autoscaler/karpenter.yaml', content: yamlDocuments(docs) }];
}

function securityGroupPolicies(plan: Plan, inventory: Inventory): Artifact | undefined {
  if (!plan.network.podSecurityGroups) return undefined;
  const { all } = namespacesOf(inventory);
  if (all.length === 0) return undefined;
  return {
    path: 'autoscaler/security-group-policies.yaml',
    content: yamlDocuments(
      all.map((ns, i) => ({
        value: {
          apiVersion: 'vpcresources.k8s.aws/v1beta1',
          kind: 'SecurityGroupPolicy',
          metadata: { name: 'pods', namespace: ns },
          spec: {
            podSelector: { matchLabels: {} },
            securityGroups: { groupIds: [`<security group id for ${ns}>`] },
          },
        },
        ...(i === 0
          ? {
              comment: [
                "Security groups for pods (--pod-security-groups): each namespace's pods get the security group named",
                'here (branch ENIs; the VPC CNI runs with ENABLE_POD_ENI=true). Narrow podSelector where only some pods need it.',
              ],
            }
          : {}),
      })),
    ),
  };
}

export function autoscalerArtifacts(plan: Plan, inventory: Inventory): Artifact[] {
  const artifacts = plan.autoscaling.engine === 'karpenter' ? karpenter(plan) : clusterAutoscaler(plan);
  const sgp = securityGroupPolicies(plan, inventory);
  if (sgp) artifacts.push(sgp);
  return artifacts;
}
