import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PLAN_NOW, part2Options, planFixture } from '../../test/support/part2-fixture.js';
import { expectValidPlan } from '../../test/support/plan.js';
import { loadCatalog } from '../catalog/index.js';
import { eksctlArtifacts } from '../generate/eksctl.js';
import { terraformArtifacts } from '../generate/terraform.js';
import { formatPlanMarkdown } from '../report/plan.js';
import { planAutoscaling } from './autoscaling.js';
import { overlaps, parseCidr, sizeOf } from './cidr.js';
import { plan } from './index.js';
import { type Part2Input, planPart2 } from './part2.js';
import type { PlanNodeGroup, PlanOptions, PlanPlacement } from './types.js';

const catalog = loadCatalog();

function group(over: Partial<PlanNodeGroup> = {}): PlanNodeGroup {
  return {
    name: 'general',
    kind: 'managed',
    capacityType: 'ON_DEMAND',
    instanceTypes: ['m6i.xlarge'],
    arch: 'x86_64',
    minSize: 2,
    desiredSize: 2,
    maxSize: 4,
    maxPodsPerNode: 110,
    labels: {},
    taints: [],
    utilization: { cpu: 0.5, memory: 0.5, pods: 0.1 },
    ...over,
  };
}

// The compute side part 1 would produce for gke-shop.yaml: cart on EC2, the nightly Job on Fargate.
const placements: PlanPlacement[] = [
  { workload: 'shop/Deployment/cart', target: 'nodeGroup:general', pods: 3 },
  { workload: 'batch/Job/nightly', target: 'fargate:batch', pods: 1 },
];
const fargateProfiles = [{ name: 'batch', selectors: [{ namespace: 'batch' }], pods: 1 }];

function run(options: Partial<PlanOptions> = {}, compute: Partial<Part2Input['compute']> = {}) {
  const { inventory, findings } = planFixture('gke-shop.yaml');
  return planPart2({
    inventory,
    findings,
    options: part2Options(options),
    catalog,
    now: PLAN_NOW,
    compute: { nodeGroups: [group()], fargateProfiles, placements, ...compute },
  });
}

describe('identities', () => {
  it('gives a GKE Workload Identity service account Pod Identity, and IRSA where its pods run on Fargate', () => {
    const plan = run();
    expect(
      plan.identities.map((i) => [i.namespace, i.serviceAccount, i.mechanism, i.from, i.roleName]),
    ).toEqual([
      [
        'batch',
        'reports',
        'irsa',
        'iam.gke.io/gcp-service-account=reports-bigquery@shop-prod.iam.gserviceaccount.com',
        'shop-eks-batch-reports',
      ],
      [
        'shop',
        'cart',
        'pod-identity',
        'iam.gke.io/gcp-service-account=cart-storage@shop-prod.iam.gserviceaccount.com',
        'shop-eks-shop-cart',
      ],
    ]);
    expect(plan.identities[1]?.policyHints).toEqual(['s3:GetObject', 's3:PutObject', 's3:ListBucket']);
    expect(plan.identities[0]?.why).toMatch(/Fargate, which EKS Pod Identity does not reach/);
    expect(plan.notes.find((n) => n.topic === 'pod-identity-sdk')?.why).toContain('Python (Boto3) 1.34.41');
    expect(plan.addons.map((a) => a.name)).toContain('eks-pod-identity-agent');
  });

  it('uses IRSA everywhere with --identity irsa, and drops the Pod Identity agent', () => {
    const plan = run({ identity: 'irsa' });
    expect(plan.identities.map((i) => i.mechanism)).toEqual(['irsa', 'irsa']);
    expect(plan.addons.map((a) => a.name)).not.toContain('eks-pod-identity-agent');
  });
});

describe('access entries', () => {
  it('turns group bindings into access entries with policies and scopes, or Kubernetes groups', () => {
    const plan = run();
    expect(
      plan.accessEntries.map((e) => ({
        arn: e.principalArn,
        groups: e.kubernetesGroups,
        policies: e.policies,
      })),
    ).toEqual([
      {
        arn: 'arn:aws:iam::<account>:role/<platform-admins>',
        groups: [],
        policies: [{ policy: 'AmazonEKSClusterAdminPolicy', scope: 'cluster' }],
      },
      {
        arn: 'arn:aws:iam::<account>:role/<release-managers>',
        groups: ['release-managers@example.com'],
        policies: [],
      },
      {
        arn: 'arn:aws:iam::<account>:role/<shop-devs>',
        groups: [],
        policies: [
          { policy: 'AmazonEKSEditPolicy', scope: 'namespace', namespaces: ['shop'] },
          { policy: 'AmazonEKSViewPolicy', scope: 'namespace', namespaces: ['batch'] },
        ],
      },
    ]);
    expect(plan.accessEntries[2]?.from).toBe(
      'RoleBinding/shop/shop-devs, RoleBinding/batch/shop-devs-batch (group shop-devs@example.com)',
    );
    expect(plan.identityProvider).toBeNull();
  });

  it('adds EC2_LINUX entries for self-managed and Karpenter node roles', () => {
    const plan = run(
      { autoscaler: 'karpenter', nodeGroupKind: 'self-managed' },
      { nodeGroups: [group({ kind: 'self-managed' })] },
    );
    expect(plan.accessEntries.filter((e) => e.type === 'EC2_LINUX').map((e) => e.principalArn)).toEqual([
      'arn:aws:iam::<account>:role/<shop-eks-node-role>',
      'arn:aws:iam::<account>:role/<KarpenterNodeRole-shop-eks>',
    ]);
  });
});

describe('endpoint access and egress', () => {
  it('a private cluster lists the VPC endpoints it needs, with their cost, and no NAT', () => {
    const plan = run({ endpoint: 'private' });
    expect(plan.vpcEndpoints.map((e) => `${e.service} ${e.type} ${e.monthlyUsd}`)).toEqual([
      'com.amazonaws.us-east-1.ecr.api Interface 21.9',
      'com.amazonaws.us-east-1.ecr.dkr Interface 21.9',
      'com.amazonaws.us-east-1.s3 Gateway 0',
      'com.amazonaws.us-east-1.ec2 Interface 21.9',
      'com.amazonaws.us-east-1.sts Interface 21.9',
      'com.amazonaws.us-east-1.eks-auth Interface 21.9',
      'com.amazonaws.us-east-1.elasticloadbalancing Interface 21.9',
      'com.amazonaws.us-east-1.autoscaling Interface 21.9',
    ]);
    // 7 interface endpoints × 3 AZs × 730 h × $0.01.
    expect(plan.monthly).toEqual({ natGateways: 0, vpcEndpoints: 153.3 });
    expect(plan.autoscaling.flags).toContain('--aws-use-static-instance-list=true');
    expect(plan.addons.find((a) => a.name === 'aws-load-balancer-controller')?.configuration).toEqual({
      clusterName: 'shop-eks',
      'enable-shield': false,
      'enable-waf': false,
      'enable-wafv2': false,
    });
    for (const e of plan.vpcEndpoints) expect(e.why).not.toBe('');
  });

  it('a private cluster with Karpenter needs SQS, SSM and EKS endpoints and an instance profile', () => {
    const plan = run({ endpoint: 'private', autoscaler: 'karpenter' });
    const services = plan.vpcEndpoints.map((e) => e.service.replace('com.amazonaws.us-east-1.', ''));
    expect(services).toEqual([
      'ecr.api',
      'ecr.dkr',
      's3',
      'ec2',
      'sts',
      'eks-auth',
      'elasticloadbalancing',
      'sqs',
      'ssm',
      'eks',
    ]);
    const nodeClass = plan.autoscaling.nodeClasses?.[0] as { spec: Record<string, unknown> };
    expect(nodeClass.spec.instanceProfile).toBe('KarpenterNodeInstanceProfile-shop-eks');
    expect(nodeClass.spec.role).toBeUndefined();
  });

  it('other clusters pay one NAT gateway per AZ and get the free S3 gateway endpoint', () => {
    const plan = run();
    expect(plan.vpcEndpoints.map((e) => `${e.service} ${e.type}`)).toEqual([
      'com.amazonaws.us-east-1.s3 Gateway',
    ]);
    // 3 × 730 h × $0.045.
    expect(plan.monthly).toEqual({ natGateways: 98.55, vpcEndpoints: 0 });
  });
});

describe('storage classes', () => {
  it("maps another cloud's classes to EBS or EFS, keeps the default, and maps claims without a class", () => {
    const plan = run();
    expect(
      plan.storageClasses.map((c) => [c.from, c.to, c.provisioner, c.claims, c.isDefault ?? false]),
    ).toEqual([
      ['', 'gp3', 'ebs.csi.aws.com', 1, false],
      ['shared-files', 'efs', 'efs.csi.aws.com', 1, false],
      ['standard-rwo', 'gp3', 'ebs.csi.aws.com', 1, true],
    ]);
    expect(plan.storageClasses[2]?.why).toBe('pd.csi.storage.gke.io → EBS gp3');
    expect(plan.addons.map((a) => a.name)).toEqual(
      expect.arrayContaining(['aws-ebs-csi-driver', 'aws-efs-csi-driver']),
    );
  });
});

describe('network', () => {
  it('moves the default VPC off the source ranges and sizes subnets per AZ with headroom', () => {
    const plan = run();
    const net = plan.network;
    expect(net.vpcCidr).toBe('10.1.0.0/16');
    expect(net.sourceRanges?.map((r) => r.cidr)).toEqual([
      '10.0.1.0/24',
      '10.0.2.0/24',
      '10.4.0.8/29',
      '10.128.0.12/31',
    ]);
    expect(net.prefixDelegation).toBe(true);
    expect(net.warm).toEqual({ WARM_PREFIX_TARGET: 1 });
    // 2 nodes × 2 pods each: one /28 in use + one warm per node.
    expect(net.ipBreakdown).toEqual({ nodes: 2, pods: 3, warmPool: 60, fargatePods: 1, loadBalancers: 27 });
    expect(net.podIps).toBe(64);
    expect(net.subnets.map((s) => `${s.az} ${s.purpose} ${s.cidr}`)).toEqual([
      'us-east-1a private 10.1.0.0/24',
      'us-east-1b private 10.1.1.0/24',
      'us-east-1c private 10.1.2.0/24',
      'us-east-1a public 10.1.3.0/26',
      'us-east-1b public 10.1.3.64/26',
      'us-east-1c public 10.1.3.128/26',
    ]);
    expect(net.subnets[0]?.tags).toEqual({ 'kubernetes.io/role/internal-elb': '1' });
    expect(net.subnets[3]?.tags).toEqual({ 'kubernetes.io/role/elb': '1' });
    const vpc = parseCidr(net.vpcCidr)!;
    for (const s of net.subnets) {
      const c = parseCidr(s.cidr)!;
      expect(overlaps(c, vpc) && c.base >= vpc.base && c.base + sizeOf(c) <= vpc.base + sizeOf(vpc)).toBe(
        true,
      );
      for (const r of net.sourceRanges ?? []) expect(overlaps(c, parseCidr(r.cidr)!)).toBe(false);
      if (s.purpose === 'private')
        expect(sizeOf(c) - 5).toBeGreaterThanOrEqual(Math.ceil((net.peakIps! * 2) / 3));
    }
  });

  it('keeps a --vpc-cidr the user gave even when it overlaps, and says why that hurts', () => {
    const plan = run({ vpcCidrGiven: true });
    expect(plan.network.vpcCidr).toBe('10.0.0.0/16');
    expect(plan.reasons.some((r) => /overlaps the source cluster's 10\.0\.1\.0\/24/.test(r.why))).toBe(true);
  });

  it('turns on custom networking with a secondary CIDR and ENIConfigs when pods outgrow the VPC', () => {
    const big = group({ desiredSize: 40, maxSize: 60 });
    const many: PlanPlacement[] = [
      { workload: 'shop/Deployment/cart', target: 'nodeGroup:general', pods: 40 * 50 },
    ];
    const plan = run(
      { vpcCidr: '10.20.0.0/22', vpcCidrGiven: true },
      { nodeGroups: [big], placements: many, fargateProfiles: [] },
    );
    const net = plan.network;
    // 60 nodes × (4 /28s in use + 1 warm + 1 primary address) = 4,860 addresses, × 2 over 3 AZs: /20 each.
    expect(net.peakIps).toBe(4860);
    expect(net.customNetworking).toBe(true);
    expect(net.secondaryCidr).toBe('100.64.0.0/16');
    expect(net.eniConfigs?.map((e) => `${e.name} ${e.subnetCidr}`)).toEqual([
      'us-east-1a 100.64.0.0/20',
      'us-east-1b 100.64.16.0/20',
      'us-east-1c 100.64.32.0/20',
    ]);
    expect(net.subnets.filter((s) => s.purpose === 'pods').map((s) => s.cidr)).toEqual([
      '100.64.0.0/20',
      '100.64.16.0/20',
      '100.64.32.0/20',
    ]);
    expect(plan.addons[0]?.configuration).toMatchObject({
      'env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG': 'true',
      'env.ENI_CONFIG_LABEL_DEF': 'topology.kubernetes.io/zone',
    });
  });

  it('leaves prefix delegation off for non-Nitro types and lists branch ENIs for security groups for pods', () => {
    const plan = run({ podSecurityGroups: true }, { nodeGroups: [group({ instanceTypes: ['m4.xlarge'] })] });
    expect(plan.network.prefixDelegation).toBe(false);
    expect(plan.network.warm).toEqual({ WARM_ENI_TARGET: 1 });
    expect(plan.network.podEniLimits).toEqual([
      { instanceType: 'm4.xlarge', branchEnis: 0, trunkingCompatible: false },
    ]);
  });
});

describe('add-ons and autoscaling', () => {
  it('installs each add-on only when needed, with a version for the target minor', () => {
    const plan = run();
    expect(plan.addons.map((a) => `${a.name} ${a.installedBy} ${a.version}`)).toEqual([
      'vpc-cni eks-addon v1.20.1-eksbuild.3',
      'coredns eks-addon v1.13.2-eksbuild.4',
      'kube-proxy eks-addon v1.33.10-eksbuild.13',
      'eks-pod-identity-agent eks-addon v1.3.8-eksbuild.2',
      'aws-ebs-csi-driver eks-addon v1.35.0-eksbuild.1',
      'aws-efs-csi-driver eks-addon default',
      'metrics-server eks-addon default',
      'aws-load-balancer-controller helm 1.14.0',
      'cluster-autoscaler helm v1.33.x',
    ]);
    expect(plan.addons[0]?.configuration).toEqual({
      'env.ENABLE_PREFIX_DELEGATION': 'true',
      'env.WARM_PREFIX_TARGET': '1',
      enableNetworkPolicy: 'true',
    });
  });

  it('falls back to the newest row below a minor the table lacks, and says so', () => {
    const plan = run({ targetVersion: '1.35' });
    const cni = plan.addons.find((a) => a.name === 'vpc-cni');
    expect(cni?.version).toBe('v1.20.1-eksbuild.3');
    expect(cni?.why).toContain("the table has no row for 1.35: 1.33's version");
  });

  it('builds Karpenter NodePools from the node groups, consolidation on', () => {
    const plan = run(
      { autoscaler: 'karpenter' },
      {
        nodeGroups: [
          group({ capacityType: 'SPOT', instanceTypes: ['m6i.xlarge', 'm5.xlarge', 'm6a.xlarge'] }),
        ],
      },
    );
    expect(plan.autoscaling.engine).toBe('karpenter');
    const pool = plan.autoscaling.nodePools?.[0] as {
      spec: { template: { spec: { requirements: unknown[] } }; disruption: unknown; limits: unknown };
    };
    expect(pool.spec.template.spec.requirements).toEqual([
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
      { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['m5', 'm6a', 'm6i'] },
      { key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'DoesNotExist' },
    ]);
    expect(pool.spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: '1m',
    });
    expect(pool.spec.limits).toEqual({ cpu: '16', memory: '64Gi' });
    expect(plan.addons.map((a) => a.name)).toContain('karpenter');
    expect(plan.addons.map((a) => a.name)).not.toContain('cluster-autoscaler');
  });

  it('writes no Karpenter limits for an instance type it has no size for (a zero would launch nothing)', () => {
    const { nodePools, nodeSizes } = planAutoscaling(
      part2Options({ autoscaler: 'karpenter' }),
      loadCatalog(),
      [
        group({ name: 'known', instanceTypes: ['m6i.xlarge'] }),
        group({ name: 'odd', instanceTypes: ['zz9.mega'] }),
      ],
    );
    const limits = (nodePools ?? []).map((p) => (p as { spec: { limits?: unknown } }).spec.limits);
    expect(limits).toEqual([{ cpu: '16', memory: '64Gi' }, undefined]);
    expect(Object.keys(nodeSizes ?? {})).toEqual(['known']);
  });

  it('with no EC2 node group, Cluster Autoscaler says where CoreDNS and the controllers still run', () => {
    const none = planAutoscaling(part2Options(), loadCatalog(), []);
    expect(none.engine).toBe('cluster-autoscaler');
    expect(none.why).toMatch(/^no EC2 node groups: no workload of the input needs one/);
    expect(none.why).toContain('a Fargate profile for kube-system');
  });

  it('answers the reviewer notes even when the answer is no', () => {
    expect(run().notes.map((n) => n.topic)).toEqual([
      'eks-auto-mode',
      'endpoint-access',
      'windows',
      'ipv6',
      'secrets-encryption',
      'bottlerocket',
      'addon-versions',
      'pod-identity-sdk',
    ]);
  });
});

describe('inside plan()', () => {
  it('the kit writes the VPC CNI configuration with each key once, the environment under env', async () => {
    const { inventory, findings } = planFixture('gke-shop.yaml');
    const designed = await plan(inventory, findings, part2Options(), catalog, PLAN_NOW);
    const expected =
      '{"env":{"ENABLE_PREFIX_DELEGATION":"true","WARM_PREFIX_TARGET":"1"},"enableNetworkPolicy":"true"}';
    const eksctl = parse(eksctlArtifacts(designed).find((a) => a.path === 'eksctl/cluster.yaml')!.content);
    expect(eksctl.addons.find((a: { name: string }) => a.name === 'vpc-cni').configurationValues).toBe(
      expected,
    );
    const main = terraformArtifacts(designed).find((a) => a.path === 'terraform/main.tf')!.content;
    const line = main.split('\n').find((l) => l.includes('configuration_values'));
    expect(line?.trim()).toBe(`configuration_values = jsonencode(${expected})`);
  });

  it('a private plan with Karpenter: endpoints in the total, NAT at 0, JSON valid against the schema', async () => {
    const { inventory, findings } = planFixture('gke-shop.yaml');
    const designed = await plan(
      inventory,
      findings,
      part2Options({ endpoint: 'private', autoscaler: 'karpenter', podSecurityGroups: true }),
      catalog,
      PLAN_NOW,
    );
    expectValidPlan(designed);
    const m = designed.cost.monthly;
    expect(m.natGateways).toBe(0);
    const interfaces = designed.vpcEndpoints.filter((e) => e.type === 'Interface').length;
    expect(m.vpcEndpoints).toBe(Math.round(interfaces * 3 * 730 * 0.01 * 100) / 100);
    expect(m.total).toBeCloseTo(
      m.controlPlane + m.compute + m.fargate + m.storage + m.loadBalancers + m.natGateways + m.vpcEndpoints,
      2,
    );
    expect(designed.cost.assumptions).toContain('no NAT gateways: a private cluster has no internet egress');
    const access = designed.notes.find((n) => n.topic === 'endpoint-access')?.why ?? '';
    expect(access).toMatch(/^private endpoint: the API answers only inside the VPC/);
    expect(access).toContain('AWS Systems Manager Session Manager');
    expect(designed.network.vpcCidr).toBe('10.1.0.0/16');
    expect(designed.identities.map((i) => `${i.namespace}/${i.serviceAccount}`)).toEqual([
      'batch/reports',
      'shop/cart',
    ]);
    const markdown = formatPlanMarkdown(designed);
    for (const heading of [
      '## Network',
      '## VPC endpoints (',
      '## Autoscaling: karpenter',
      '## Add-ons (',
      '## Identities (2)',
      '## Access entries (4)',
      '## Storage classes (3)',
    ])
      expect(markdown).toContain(heading);
    expect(markdown).toContain('| com.amazonaws.us-east-1.eks-auth | Interface | $21.90 |');
    expect(designed.storageClasses.map((c) => `${c.from}>${c.to}`)).toEqual([
      '>gp3',
      'shared-files>efs',
      'standard-rwo>gp3',
    ]);
  });
});
