// terraform/: the planned cluster with terraform-aws-modules (vpc + vpc-endpoints, eks v21, its karpenter
// submodule when chosen, eks-pod-identity), readable and laid out as `terraform fmt` would.
// @see https://registry.terraform.io/modules/terraform-aws-modules/eks/aws/latest
import { ADDON_INSTALLS } from '../model/addon-installs.table.js';
import type { Plan, PlanNodeGroup } from '../plan/types.js';
import { LOG_TYPES, nestDotted, vpcCniEnv } from './eksctl.js';
import { block, type Expr, expr, file, type HclValue } from './hcl.js';
import { versionComment } from './platform.js';
import { ADDON_POLICIES, AMI_TYPES, TERRAFORM_MODULES, TERRAFORM_VERSIONS } from './terraform.table.js';
import type { Artifact } from './types.js';

const EFFECT: Record<string, string> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};

/** Terraform names: lowercase, `_` for anything else. */
export function tfName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(name) ? name : `_${name}`;
}

function jsonencode(value: unknown): Expr {
  return expr(`jsonencode(${JSON.stringify(value)})`);
}

function nodeGroup(plan: Plan, g: PlanNodeGroup): { [key: string]: HclValue } {
  const family = g.amiFamily ?? plan.cluster.amiFamily;
  const group: { [key: string]: HclValue } = {
    name: g.name,
    ami_type: AMI_TYPES[`${family}/${g.arch}`] ?? 'AL2023_x86_64_STANDARD',
    min_size: g.minSize,
    max_size: g.maxSize,
    desired_size: g.desiredSize,
  };
  if (g.kind === 'managed') {
    group.instance_types = g.instanceTypes;
    group.capacity_type = g.capacityType;
    if (Object.keys(g.labels).length > 0) group.labels = g.labels;
    if (g.taints.length > 0)
      group.taints = Object.fromEntries(
        g.taints.map((t, i) => [
          `taint_${i + 1}`,
          {
            key: t.key,
            ...(t.value !== undefined ? { value: t.value } : {}),
            effect: EFFECT[t.effect] ?? t.effect,
          },
        ]),
      );
    return group;
  }
  // Self-managed: an Auto Scaling group; several types or spot through a mixed instances policy.
  const spot = g.capacityType === 'SPOT';
  if (spot || g.instanceTypes.length > 1) {
    group.use_mixed_instances_policy = true;
    group.mixed_instances_policy = {
      instances_distribution: {
        on_demand_base_capacity: 0,
        on_demand_percentage_above_base_capacity: spot ? 0 : 100,
        spot_allocation_strategy: 'price-capacity-optimized',
      },
      launch_template: { override: g.instanceTypes.map((t) => ({ instance_type: t })) },
    };
  } else group.instance_type = g.instanceTypes[0] ?? 'm6i.large';
  // Labels and taints are kubelet flags on a self-managed node (nodeadm NodeConfig; JSON is YAML).
  const flags = [
    ...(Object.keys(g.labels).length > 0
      ? [
          `--node-labels=${Object.entries(g.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')}`,
        ]
      : []),
    ...(g.taints.length > 0
      ? [
          `--register-with-taints=${g.taints.map((t) => `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`).join(',')}`,
        ]
      : []),
  ];
  if (flags.length > 0)
    group.cloudinit_pre_nodeadm = [
      {
        content_type: 'application/node.eks.aws',
        content: jsonencode({
          apiVersion: 'node.eks.aws/v1alpha1',
          kind: 'NodeConfig',
          spec: { kubelet: { flags } },
        }),
      },
    ];
  return group;
}

function mainTf(plan: Plan): string {
  const isPrivate = plan.cluster.endpointAccess === 'private';
  const podIdentity = plan.addons.some((a) => a.name === 'eks-pod-identity-agent');
  const irsa = plan.identities.some((i) => i.mechanism === 'irsa');
  const blocks: string[] = [];
  const privateSubnets = plan.network.subnets.filter((s) => s.purpose === 'private');
  const publicSubnets = plan.network.subnets.filter((s) => s.purpose === 'public');
  blocks.push(
    block(
      'module',
      ['vpc'],
      {
        source: TERRAFORM_MODULES.vpc.source,
        version: TERRAFORM_MODULES.vpc.version,
        name: expr('var.name'),
        cidr: expr('var.vpc_cidr'),
        azs: expr('var.azs'),
        private_subnets: expr('var.private_subnets'),
        public_subnets: isPrivate ? undefined : expr('var.public_subnets'),
        secondary_cidr_blocks: plan.network.secondaryCidr ? [plan.network.secondaryCidr] : undefined,
        enable_nat_gateway: !isPrivate,
        single_nat_gateway: isPrivate ? undefined : false,
        one_nat_gateway_per_az: isPrivate ? undefined : true,
        enable_dns_hostnames: true,
        public_subnet_tags: isPrivate ? undefined : { 'kubernetes.io/role/elb': '1' },
        private_subnet_tags: {
          'kubernetes.io/role/internal-elb': '1',
          ...(plan.autoscaling.engine === 'karpenter' ? { 'karpenter.sh/discovery': plan.cluster.name } : {}),
        },
        tags: expr('var.tags'),
      },
      [
        `VPC ${plan.network.vpcCidr}: ${privateSubnets.length} private and ${publicSubnets.length} public subnets${isPrivate ? ', no NAT gateway (private cluster: VPC endpoints below)' : ', one NAT gateway per AZ as the plan prices it'}.`,
      ],
    ),
  );
  if (plan.vpcEndpoints.length > 0) {
    const endpoints: { [key: string]: HclValue } = {};
    for (const e of plan.vpcEndpoints) {
      const service = e.service.replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');
      endpoints[tfName(service)] =
        e.type === 'Gateway'
          ? { service, service_type: 'Gateway', route_table_ids: expr('module.vpc.private_route_table_ids') }
          : { service, private_dns_enabled: true, subnet_ids: expr('module.vpc.private_subnets') };
    }
    blocks.push(
      block(
        'module',
        ['vpc_endpoints'],
        {
          source: TERRAFORM_MODULES.vpcEndpoints.source,
          version: TERRAFORM_MODULES.vpcEndpoints.version,
          vpc_id: expr('module.vpc.vpc_id'),
          create_security_group: true,
          security_group_rules: {
            https_from_vpc: { description: 'HTTPS from the VPC', cidr_blocks: [plan.network.vpcCidr] },
          },
          endpoints,
          tags: expr('var.tags'),
        },
        ['VPC endpoints of the plan (plan.json vpcEndpoints).'],
      ),
    );
  }

  const addons: { [key: string]: HclValue } = {};
  for (const a of plan.addons.filter((x) => x.installedBy === 'eks-addon')) {
    const configuration = nestDotted(a.configuration ?? {});
    if (a.name === 'vpc-cni') {
      const env = { ...vpcCniEnv(plan), ...((configuration.env as Record<string, string>) ?? {}) };
      if (Object.keys(env).length > 0) configuration.env = env;
    }
    addons[a.name] = {
      addon_version: a.version && a.version !== 'default' ? a.version : undefined,
      before_compute: ['vpc-cni', 'eks-pod-identity-agent'].includes(a.name) ? true : undefined,
      configuration_values: Object.keys(configuration).length > 0 ? jsonencode(configuration) : undefined,
    };
  }
  const accessEntries: { [key: string]: HclValue } = {};
  plan.accessEntries.forEach((e, i) => {
    accessEntries[`entry_${i + 1}`] = {
      principal_arn: e.principalArn,
      type: e.type && e.type !== 'STANDARD' ? e.type : undefined,
      kubernetes_groups: e.kubernetesGroups.length > 0 ? e.kubernetesGroups : undefined,
      policy_associations:
        e.policies.length > 0
          ? Object.fromEntries(
              e.policies.map((p) => [
                tfName(p.policy),
                {
                  policy_arn: `arn:aws:eks::aws:cluster-access-policy/${p.policy}`,
                  access_scope: {
                    type: p.scope,
                    namespaces: p.scope === 'namespace' ? (p.namespaces ?? []) : undefined,
                  },
                },
              ]),
            )
          : undefined,
    };
  });
  const managed = plan.nodeGroups.filter((g) => g.kind === 'managed');
  const selfManaged = plan.nodeGroups.filter((g) => g.kind === 'self-managed');
  blocks.push(
    block(
      'module',
      ['eks'],
      {
        source: TERRAFORM_MODULES.eks.source,
        version: TERRAFORM_MODULES.eks.version,
        name: expr('var.name'),
        kubernetes_version: expr('var.kubernetes_version'),
        endpoint_public_access: plan.cluster.endpointAccess !== 'private',
        endpoint_private_access: plan.cluster.endpointAccess !== 'public',
        vpc_id: expr('module.vpc.vpc_id'),
        subnet_ids: expr('module.vpc.private_subnets'),
        authentication_mode: 'API',
        enable_irsa: irsa,
        enabled_log_types: [...LOG_TYPES],
        encryption_config: { resources: ['secrets'] },
        addons: Object.keys(addons).length > 0 ? addons : undefined,
        access_entries: Object.keys(accessEntries).length > 0 ? accessEntries : undefined,
        identity_providers: plan.identityProvider
          ? {
              source_oidc: {
                identity_provider_config_name: 'source-oidc',
                issuer_url: plan.identityProvider.issuerUrl,
                client_id: plan.identityProvider.clientId,
                groups_claim: plan.identityProvider.groupsClaim,
              },
            }
          : undefined,
        eks_managed_node_groups:
          managed.length > 0
            ? Object.fromEntries(managed.map((g) => [tfName(g.name), nodeGroup(plan, g)]))
            : undefined,
        self_managed_node_groups:
          selfManaged.length > 0
            ? Object.fromEntries(selfManaged.map((g) => [tfName(g.name), nodeGroup(plan, g)]))
            : undefined,
        fargate_profiles:
          plan.fargateProfiles.length > 0
            ? Object.fromEntries(
                plan.fargateProfiles.map((p) => [
                  tfName(p.name),
                  {
                    name: p.name,
                    selectors: p.selectors.map((s) => ({ namespace: s.namespace, labels: s.labels })),
                  },
                ]),
              )
            : undefined,
        tags: expr('var.tags'),
      },
      [
        `EKS ${plan.cluster.version} cluster of the plan: endpoint ${plan.cluster.endpointAccess}, Secrets encrypted with a KMS key`,
        'the module creates, control-plane logs to CloudWatch Logs, access entries instead of aws-auth.',
        ...plan.addons.filter((a) => a.installedBy === 'eks-addon').map((a) => `Add-on ${versionComment(a)}`),
      ],
    ),
  );
  if (plan.autoscaling.engine === 'karpenter')
    blocks.push(
      block(
        'module',
        ['karpenter'],
        {
          source: TERRAFORM_MODULES.karpenter.source,
          version: TERRAFORM_MODULES.karpenter.version,
          cluster_name: expr('module.eks.cluster_name'),
          create_pod_identity_association: true,
          node_iam_role_additional_policies: {
            AmazonSSMManagedInstanceCore: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
          },
          tags: expr('var.tags'),
        },
        ['Karpenter controller role, node role, interruption queue (autoscaler/ holds its NodePool).'],
      ),
    );

  // Roles of the add-ons and of the workloads, through EKS Pod Identity.
  for (const a of plan.addons) {
    const known = ADDON_POLICIES[a.name];
    if (!known) continue;
    blocks.push(
      block(
        'module',
        [`pod_identity_${tfName(a.name)}`],
        {
          source: TERRAFORM_MODULES.podIdentity.source,
          version: TERRAFORM_MODULES.podIdentity.version,
          name: `${plan.cluster.name}-${a.name}`,
          [known.attach]: true,
          cluster_autoscaler_cluster_names:
            a.name === 'cluster-autoscaler' ? [expr('module.eks.cluster_name')] : undefined,
          associations: {
            this: {
              cluster_name: expr('module.eks.cluster_name'),
              namespace: ADDON_INSTALLS[a.name]?.namespace,
              service_account: known.serviceAccount,
            },
          },
          tags: expr('var.tags'),
        },
        [`Role of the ${a.name} add-on (${a.why}).`],
      ),
    );
  }
  for (const i of plan.identities) {
    const roleName = i.roleName ?? `${plan.cluster.name}-${i.namespace}-${i.serviceAccount}`;
    const statements =
      i.policyHints.length > 0
        ? [{ sid: 'Workload', actions: i.policyHints, resources: ['<resource ARN>'] }]
        : undefined;
    if (i.mechanism === 'pod-identity' || !podIdentity) {
      blocks.push(
        block(
          'module',
          [`pod_identity_${tfName(`${i.namespace}_${i.serviceAccount}`)}`],
          {
            source: TERRAFORM_MODULES.podIdentity.source,
            version: TERRAFORM_MODULES.podIdentity.version,
            name: roleName,
            attach_custom_policy: statements !== undefined,
            policy_statements: statements,
            associations: {
              this: {
                cluster_name: expr('module.eks.cluster_name'),
                namespace: i.namespace,
                service_account: i.serviceAccount,
              },
            },
            tags: expr('var.tags'),
          },
          [`${i.namespace}/${i.serviceAccount}: replaces ${i.from}. Narrow <resource ARN> to what it uses.`],
        ),
      );
    } else {
      blocks.push(
        block(
          'resource',
          ['aws_iam_role', tfName(`${i.namespace}_${i.serviceAccount}`)],
          {
            name: roleName,
            assume_role_policy: expr(
              `jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = module.eks.oidc_provider_arn }
      Condition = { StringEquals = { "\${module.eks.oidc_provider}:sub" = "system:serviceaccount:${i.namespace}:${i.serviceAccount}" } }
    }]
  })`,
            ),
            tags: expr('var.tags'),
          },
          [
            `${i.namespace}/${i.serviceAccount} (IRSA): replaces ${i.from}; manifests/ annotates the ServiceAccount with this role.`,
          ],
        ),
      );
      if (statements)
        blocks.push(
          block('resource', ['aws_iam_role_policy', tfName(`${i.namespace}_${i.serviceAccount}`)], {
            name: 'workload',
            role: expr(`aws_iam_role.${tfName(`${i.namespace}_${i.serviceAccount}`)}.id`),
            policy: jsonencode({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: i.policyHints, Resource: ['<resource ARN>'] }],
            }),
          }),
        );
    }
  }
  return file(blocks, [
    `EKS cluster ${plan.cluster.name} as planned by kube2eks (plan.json). terraform init && terraform plan.`,
  ]);
}

function variablesTf(plan: Plan): string {
  const v = (name: string, type: string, description: string, value: HclValue) =>
    block('variable', [name], { description, type: expr(type), default: value });
  return file([
    v('region', 'string', 'AWS region of the cluster', plan.cluster.region),
    v('name', 'string', 'Name of the EKS cluster and its VPC', plan.cluster.name),
    v('kubernetes_version', 'string', 'EKS Kubernetes version', plan.cluster.version),
    v('vpc_cidr', 'string', 'CIDR of the VPC', plan.network.vpcCidr),
    v('azs', 'list(string)', 'Availability Zones', plan.cluster.azs),
    v(
      'private_subnets',
      'list(string)',
      'Private subnet CIDRs, one per AZ (nodes, pods, internal load balancers)',
      plan.network.subnets.filter((s) => s.purpose === 'private').map((s) => s.cidr),
    ),
    v(
      'public_subnets',
      'list(string)',
      'Public subnet CIDRs, one per AZ (NAT gateways, internet-facing load balancers)',
      plan.network.subnets.filter((s) => s.purpose === 'public').map((s) => s.cidr),
    ),
    v('tags', 'map(string)', 'Tags on every resource', { 'kube2eks.io/generated': 'true' }),
  ]);
}

function versionsTf(): string {
  return `# Versions: Terraform and the AWS provider the pinned modules need. The modules' own versions are pinned
# in main.tf (${TERRAFORM_MODULES.eks.source} ${TERRAFORM_MODULES.eks.version}, ${TERRAFORM_MODULES.vpc.source} ${TERRAFORM_MODULES.vpc.version}, ${TERRAFORM_MODULES.podIdentity.source} ${TERRAFORM_MODULES.podIdentity.version}).
terraform {
  required_version = "${TERRAFORM_VERSIONS.terraform}"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "${TERRAFORM_VERSIONS.aws}"
    }
  }
}

provider "aws" {
  region = var.region
}
`;
}

function outputsTf(): string {
  const o = (name: string, value: string, description: string) =>
    block('output', [name], { description, value: expr(value) });
  return file([
    o('cluster_name', 'module.eks.cluster_name', 'Name of the EKS cluster'),
    o('cluster_endpoint', 'module.eks.cluster_endpoint', 'Endpoint of the Kubernetes API'),
    o('vpc_id', 'module.vpc.vpc_id', 'VPC of the cluster (the AWS Load Balancer Controller values need it)'),
    o('private_subnets', 'module.vpc.private_subnets', 'Private subnet ids'),
    o(
      'configure_kubectl',
      '"aws eks update-kubeconfig --region ${var.region} --name ${module.eks.cluster_name}"',
      'Command that adds the cluster to kubeconfig',
    ),
  ]);
}

export function terraformArtifacts(plan: Plan): Artifact[] {
  return [
    { path: 'terraform/versions.tf', content: versionsTf() },
    { path: 'terraform/variables.tf', content: variablesTf(plan) },
    { path: 'terraform/main.tf', content: mainTf(plan) },
    { path: 'terraform/outputs.tf', content: outputsTf() },
  ];
}
