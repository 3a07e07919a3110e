// eksctl/cluster.yaml: the planned cluster as an eksctl ClusterConfig (eksctl.io/v1alpha5), plus ENIConfig
// objects when pods get their own subnets (custom networking).
// @see https://eksctl.io/usage/schema/
import { Document, isMap, isScalar, type YAMLMap } from 'yaml';
import type { Plan, PlanIdentity, PlanNodeGroup } from '../plan/types.js';
import { versionComment } from './platform.js';
import type { Artifact } from './types.js';
import { yamlDocuments } from './yaml-out.js';

/** Add-ons installed with Helm whose IAM role eksctl can make from a well-known policy. */
const HELM_WELL_KNOWN: Readonly<
  Record<string, { namespace: string; serviceAccount: string; policy: string }>
> = {
  'aws-load-balancer-controller': {
    namespace: 'kube-system',
    serviceAccount: 'aws-load-balancer-controller',
    policy: 'awsLoadBalancerController',
  },
  'cluster-autoscaler': {
    namespace: 'kube-system',
    serviceAccount: 'cluster-autoscaler',
    policy: 'autoScaler',
  },
  'external-dns': { namespace: 'kube-system', serviceAccount: 'external-dns', policy: 'externalDNS' },
  'cert-manager': { namespace: 'cert-manager', serviceAccount: 'cert-manager', policy: 'certManager' },
};

/** EKS add-ons that call AWS and the eksctl well-known policy for them under IRSA. */
const ADDON_WELL_KNOWN: Readonly<Record<string, string>> = {
  'aws-ebs-csi-driver': 'ebsCSIController',
  'aws-efs-csi-driver': 'efsCSIController',
};

const AMI_FAMILY = { al2023: 'AmazonLinux2023', bottlerocket: 'Bottlerocket' } as const;
export const LOG_TYPES = ['api', 'audit', 'authenticator'] as const;

/** `{ 'env.A': 'x' }` → `{ env: { A: 'x' } }`. */
export function nestDotted(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [dotted, value] of Object.entries(flat)) {
    const parts = dotted.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return out;
}

/** VPC CNI settings the plan's network implies, merged under the add-on's own configuration. */
export function vpcCniEnv(plan: Plan): Record<string, string> {
  const env: Record<string, string> = {};
  if (plan.network.prefixDelegation) env.ENABLE_PREFIX_DELEGATION = 'true';
  for (const [key, value] of Object.entries(plan.network.warm)) env[key] = String(value);
  if (plan.network.customNetworking) {
    env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG = 'true';
    env.ENI_CONFIG_LABEL_DEF = 'topology.kubernetes.io/zone';
  }
  if (plan.network.podSecurityGroups) env.ENABLE_POD_ENI = 'true';
  return env;
}

function subnets(
  plan: Plan,
  purpose: 'private' | 'public',
): Record<string, { az: string; cidr: string }> | undefined {
  const list = plan.network.subnets.filter((s) => s.purpose === purpose);
  if (list.length === 0) return undefined;
  const out: Record<string, { az: string; cidr: string }> = {};
  for (const s of list) {
    let key = s.az;
    for (let n = 2; key in out; n++) key = `${s.az}-${n}`;
    out[key] = { az: s.az, cidr: s.cidr };
  }
  return out;
}

function policyDocument(identity: PlanIdentity) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: identity.policyHints,
        // Only the team knows which buckets, queues or keys: narrow it before creating the cluster.
        Resource: ['<resource ARN>'],
      },
    ],
  };
}

function nodeGroup(plan: Plan, g: PlanNodeGroup, clusterAutoscaler: boolean): Record<string, unknown> {
  const managed = g.kind === 'managed';
  const spot = g.capacityType === 'SPOT';
  const base: Record<string, unknown> = { name: g.name };
  if (managed) {
    base.instanceTypes = g.instanceTypes;
    if (spot) base.spot = true;
  } else if (spot || g.instanceTypes.length > 1) {
    base.instancesDistribution = {
      instanceTypes: g.instanceTypes,
      onDemandBaseCapacity: 0,
      onDemandPercentageAboveBaseCapacity: spot ? 0 : 100,
      spotAllocationStrategy: 'price-capacity-optimized',
    };
  } else base.instanceType = g.instanceTypes[0];
  Object.assign(base, {
    amiFamily: AMI_FAMILY[g.amiFamily ?? plan.cluster.amiFamily],
    minSize: g.minSize,
    desiredCapacity: g.desiredSize,
    maxSize: g.maxSize,
    maxPodsPerNode: g.maxPodsPerNode,
    privateNetworking: true,
    volumeEncrypted: true,
  });
  if (Object.keys(g.labels).length > 0) base.labels = g.labels;
  if (g.taints.length > 0)
    base.taints = g.taints.map((t) => ({
      key: t.key,
      ...(t.value !== undefined ? { value: t.value } : {}),
      effect: t.effect,
    }));
  // Cluster Autoscaler scales a group up from zero only if the ASG tags tell it the labels and taints.
  if (clusterAutoscaler && g.minSize === 0) base.propagateASGTags = true;
  return base;
}

function endpointAccess(plan: Plan): { publicAccess: boolean; privateAccess: boolean } {
  switch (plan.cluster.endpointAccess) {
    case 'public':
      return { publicAccess: true, privateAccess: false };
    case 'private':
      return { publicAccess: false, privateAccess: true };
    default:
      return { publicAccess: true, privateAccess: true };
  }
}

/** The ClusterConfig as data (the schema test validates exactly this). */
export function clusterConfig(plan: Plan): Record<string, unknown> {
  const isPrivate = plan.cluster.endpointAccess === 'private';
  const podIdentity = plan.addons.some((a) => a.name === 'eks-pod-identity-agent');
  const irsa =
    plan.identities.some((i) => i.mechanism === 'irsa') ||
    (!podIdentity && plan.addons.some((a) => ADDON_WELL_KNOWN[a.name]));
  const clusterAutoscaler = plan.autoscaling.engine === 'cluster-autoscaler';
  const config: Record<string, unknown> = {
    apiVersion: 'eksctl.io/v1alpha5',
    kind: 'ClusterConfig',
    metadata: {
      name: plan.cluster.name,
      region: plan.cluster.region,
      version: plan.cluster.version,
      tags: { 'kube2eks.io/generated': 'true' },
    },
  };
  const vpc: Record<string, unknown> = {
    cidr: plan.network.vpcCidr,
    nat: { gateway: isPrivate ? 'Disable' : 'HighlyAvailable' },
    clusterEndpoints: endpointAccess(plan),
  };
  if (plan.network.secondaryCidr) vpc.extraCIDRs = [plan.network.secondaryCidr];
  const priv = subnets(plan, 'private');
  const pub = isPrivate ? undefined : subnets(plan, 'public');
  if (priv || pub) vpc.subnets = { ...(priv ? { private: priv } : {}), ...(pub ? { public: pub } : {}) };
  config.vpc = vpc;
  if (isPrivate) {
    const extra = [...(clusterAutoscaler ? ['autoscaling'] : []), 'logs'];
    config.privateCluster = { enabled: true, additionalEndpointServices: extra };
  }

  const iam: Record<string, unknown> = { withOIDC: irsa };
  const associations: Array<Record<string, unknown>> = [];
  const serviceAccounts: Array<Record<string, unknown>> = [];
  for (const identity of plan.identities) {
    const roleName =
      identity.roleName ?? `${plan.cluster.name}-${identity.namespace}-${identity.serviceAccount}`;
    const policy = identity.policyHints.length > 0 ? { permissionPolicy: policyDocument(identity) } : {};
    if (identity.mechanism === 'pod-identity') {
      associations.push({
        namespace: identity.namespace,
        serviceAccountName: identity.serviceAccount,
        roleName,
        ...policy,
      });
    } else {
      serviceAccounts.push({
        metadata: { name: identity.serviceAccount, namespace: identity.namespace },
        roleName,
        // manifests/ holds the ServiceAccount with its role annotation.
        roleOnly: true,
        ...(identity.policyHints.length > 0 ? { attachPolicy: policyDocument(identity) } : {}),
      });
    }
  }
  for (const addon of plan.addons) {
    const known = addon.installedBy === 'helm' ? HELM_WELL_KNOWN[addon.name] : undefined;
    if (!known) continue;
    const wellKnownPolicies = { [known.policy]: true };
    if (podIdentity)
      associations.push({
        namespace: known.namespace,
        serviceAccountName: known.serviceAccount,
        wellKnownPolicies,
      });
    else
      serviceAccounts.push({
        metadata: { name: known.serviceAccount, namespace: known.namespace },
        roleName: `${plan.cluster.name}-${known.serviceAccount}`,
        // The chart creates the ServiceAccount; its values name this role (platform/helm/).
        roleOnly: true,
        wellKnownPolicies,
      });
  }
  if (associations.length > 0) iam.podIdentityAssociations = associations;
  if (serviceAccounts.length > 0) {
    iam.withOIDC = true;
    iam.serviceAccounts = serviceAccounts;
  }
  config.iam = iam;

  const accessEntries = plan.accessEntries.map((e) => ({
    principalARN: e.principalArn,
    ...(e.type && e.type !== 'STANDARD' ? { type: e.type } : {}),
    ...(e.kubernetesGroups.length > 0 ? { kubernetesGroups: e.kubernetesGroups } : {}),
    ...(e.policies.length > 0
      ? {
          accessPolicies: e.policies.map((p) => ({
            policyARN: `arn:aws:eks::aws:cluster-access-policy/${p.policy}`,
            accessScope: {
              type: p.scope,
              ...(p.scope === 'namespace' ? { namespaces: p.namespaces ?? [] } : {}),
            },
          })),
        }
      : {}),
  }));
  config.accessConfig = { authenticationMode: 'API', ...(accessEntries.length > 0 ? { accessEntries } : {}) };
  if (plan.identityProvider) {
    const p = plan.identityProvider;
    config.identityProviders = [
      {
        type: 'oidc',
        name: 'source-oidc',
        issuerURL: p.issuerUrl,
        clientID: p.clientId,
        ...(p.groupsClaim ? { groupsClaim: p.groupsClaim } : {}),
      },
    ];
  }

  const addons = plan.addons
    .filter((a) => a.installedBy === 'eks-addon')
    .map((a) => {
      const configuration = nestDotted(a.configuration ?? {});
      if (a.name === 'vpc-cni') {
        const env = { ...vpcCniEnv(plan), ...((configuration.env as Record<string, string>) ?? {}) };
        if (Object.keys(env).length > 0) configuration.env = env;
      }
      const wellKnown = ADDON_WELL_KNOWN[a.name];
      return {
        name: a.name,
        // `default`: the add-on's default version for the cluster version (eksctl picks it when omitted).
        ...(a.version && a.version !== 'default' ? { version: a.version } : {}),
        ...(Object.keys(configuration).length > 0
          ? { configurationValues: JSON.stringify(configuration) }
          : {}),
        ...(wellKnown && !podIdentity ? { wellKnownPolicies: { [wellKnown]: true } } : {}),
        ...(wellKnown && podIdentity ? { useDefaultPodIdentityAssociations: true } : {}),
      };
    });
  if (addons.length > 0) config.addons = addons;

  const managed = plan.nodeGroups.filter((g) => g.kind === 'managed');
  const selfManaged = plan.nodeGroups.filter((g) => g.kind === 'self-managed');
  if (managed.length > 0)
    config.managedNodeGroups = managed.map((g) => nodeGroup(plan, g, clusterAutoscaler));
  if (selfManaged.length > 0)
    config.nodeGroups = selfManaged.map((g) => nodeGroup(plan, g, clusterAutoscaler));
  if (plan.fargateProfiles.length > 0)
    config.fargateProfiles = plan.fargateProfiles.map((p) => ({
      name: p.name,
      selectors: p.selectors.map((s) => ({
        namespace: s.namespace,
        ...(s.labels ? { labels: s.labels } : {}),
      })),
    }));
  if (plan.autoscaling.engine === 'karpenter') {
    const karpenter = plan.addons.find((a) => a.name === 'karpenter');
    config.karpenter = {
      version: karpenter?.version ?? '1.6.0',
      createServiceAccount: true,
      withSpotInterruptionQueue: true,
    };
  }
  config.secretsEncryption = { keyARN: `arn:aws:kms:${plan.cluster.region}:<account>:key/<key id>` };
  config.cloudWatch = { clusterLogging: { enableTypes: [...LOG_TYPES], logRetentionInDays: 90 } };
  return config;
}

/** A comment above `key` of the map at `path` (the key line, so it reads as the why of that block). */
function commentKey(doc: Document, path: readonly (string | number)[], key: string, text: string): void {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(parent)) return;
  const pair = (parent as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === key);
  if (pair && isScalar(pair.key))
    pair.key.commentBefore = text
      .split('\n')
      .map((l) => ` ${l}`)
      .join('\n');
}

export function eksctlArtifacts(plan: Plan): Artifact[] {
  const config = clusterConfig(plan);
  const doc = new Document(config);
  doc.commentBefore = [
    ` EKS cluster ${plan.cluster.name} as planned by kube2eks (plan.json). Review, fill in the values in angle`,
    ' brackets, then: eksctl create cluster -f eksctl/cluster.yaml',
    ' Schema: https://eksctl.io/usage/schema/',
  ].join('\n');
  const ng = plan.nodeGroups.map((g) => `${g.name}: ${g.instanceTypes.join('/')} ${g.capacityType}`);
  commentKey(
    doc,
    [],
    'vpc',
    [
      `${plan.network.why ?? 'VPC of the plan'}.`,
      plan.cluster.endpointAccess === 'private'
        ? 'Private cluster: no NAT gateway; nodes reach AWS through the VPC endpoints eksctl creates.'
        : 'NAT gateway HighlyAvailable: one per AZ, as the plan prices it (eksctl defaults to Single).',
      'eksctl tags the subnets for load balancers (kubernetes.io/role/elb, kubernetes.io/role/internal-elb).',
    ].join('\n'),
  );
  commentKey(
    doc,
    [],
    'iam',
    [
      'withOIDC only when a role is assumed through IRSA; Pod Identity needs no OIDC provider.',
      'Replace <resource ARN> in each policy with the buckets, queues or keys the workload uses.',
    ].join('\n'),
  );
  commentKey(
    doc,
    [],
    'accessConfig',
    "Access entries replace the source cluster's admin bindings (plan accessEntries); replace <placeholders> with IAM role ARNs.",
  );
  if (config.managedNodeGroups || config.nodeGroups)
    commentKey(
      doc,
      [],
      config.managedNodeGroups ? 'managedNodeGroups' : 'nodeGroups',
      `Node groups of the plan: ${ng.join('; ')}.`,
    );
  // Each add-on says where its version comes from, or that EKS's default is what it gets.
  plan.addons
    .filter((a) => a.installedBy === 'eks-addon')
    .forEach((addon, i) => {
      const item = doc.getIn(['addons', i], true);
      if (isMap(item)) item.commentBefore = ` ${versionComment(addon)}`;
    });
  commentKey(
    doc,
    [],
    'secretsEncryption',
    'Envelope encryption of Secrets: create a KMS key first and put its ARN here.',
  );
  commentKey(
    doc,
    [],
    'cloudWatch',
    "Control-plane logs to CloudWatch Logs (what the source cluster's audit log did).",
  );
  const artifacts: Artifact[] = [{ path: 'eksctl/cluster.yaml', content: doc.toString({ lineWidth: 0 }) }];

  if (plan.network.customNetworking) {
    const pods = plan.network.subnets.filter((s) => s.purpose === 'pods');
    artifacts.push({
      path: 'eksctl/eniconfigs.yaml',
      content: yamlDocuments(
        pods.map((s, i) => ({
          value: {
            apiVersion: 'crd.k8s.amazonaws.com/v1alpha1',
            kind: 'ENIConfig',
            metadata: { name: s.az },
            spec: {
              subnet: `<subnet id of ${s.cidr} in ${s.az}>`,
              securityGroups: ['<cluster security group id>'],
            },
          },
          comment:
            i === 0
              ? [
                  'Custom networking: pods take their IPs from these subnets (secondary CIDR), named by AZ so the',
                  'VPC CNI picks one per node by its zone label (ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone).',
                  'Create the subnets in the secondary CIDR, fill in their ids, apply, then roll the nodes.',
                ]
              : [],
        })),
      ),
    });
  }
  return artifacts;
}
