import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { samplePlan } from '../../test/support/plan-fixture.js';
import type { Plan } from '../plan/types.js';
import { clusterConfig, eksctlArtifacts } from './eksctl.js';

// eksctl-io/eksctl pkg/apis/eksctl.io/v1alpha5/assets/schema.json (2026-08-21), copied verbatim.
const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../test/data/eksctl/eksctl-schema.json'), 'utf8'),
);
// The schema's generated `IdentityProvider` is `{type} + oneOf [OIDCIdentityProvider]`, and OIDCIdentityProvider
// forbids properties it does not list, `type` included, although eksctl requires `type: oidc`
// (examples/27-oidc-provider.yaml). Let the one schema accept what eksctl reads.
schema.definitions.OIDCIdentityProvider.properties.type = { type: 'string', enum: ['oidc'] };
const ajv = new AjvModule.default({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, read field by field in assertions
type Config = Record<string, any>;

function valid(plan: Plan): unknown {
  const text = eksctlArtifacts(plan).find((a) => a.path === 'eksctl/cluster.yaml')!.content;
  const config = parse(text);
  const ok = validate(config);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  return config;
}

describe('eksctl/cluster.yaml', () => {
  it('is valid against eksctl’s schema and carries the plan', () => {
    const config = valid(samplePlan()) as Config;
    expect(config.metadata).toEqual({
      name: 'shop-eks',
      region: 'eu-west-1',
      version: '1.33',
      tags: { 'kube2eks.io/generated': 'true' },
    });
    expect(config.vpc.nat).toEqual({ gateway: 'HighlyAvailable' });
    expect(config.vpc.clusterEndpoints).toEqual({ publicAccess: true, privateAccess: true });
    expect(config.vpc.subnets.private['eu-west-1a']).toEqual({ az: 'eu-west-1a', cidr: '10.0.0.0/19' });
    expect(config.managedNodeGroups).toEqual([
      expect.objectContaining({
        name: 'general',
        instanceTypes: ['m6i.xlarge'],
        amiFamily: 'AmazonLinux2023',
        minSize: 3,
        desiredCapacity: 3,
        maxSize: 6,
        maxPodsPerNode: 110,
        privateNetworking: true,
      }),
      expect.objectContaining({
        name: 'spot',
        spot: true,
        instanceTypes: ['m6i.large', 'm5.large', 'm6a.large'],
        taints: [{ key: 'kube2eks.io/spot', value: 'true', effect: 'NoSchedule' }],
        propagateASGTags: true,
      }),
    ]);
    // Pod Identity for catalog-api, IRSA (and so OIDC) for postgres-backup.
    expect(config.iam.withOIDC).toBe(true);
    expect(config.iam.podIdentityAssociations).toContainEqual(
      expect.objectContaining({
        namespace: 'shop',
        serviceAccountName: 'catalog-api',
        roleName: 'shop-eks-shop-catalog-api',
      }),
    );
    expect(config.iam.podIdentityAssociations).toContainEqual({
      namespace: 'kube-system',
      serviceAccountName: 'aws-load-balancer-controller',
      wellKnownPolicies: { awsLoadBalancerController: true },
    });
    expect(config.iam.serviceAccounts).toEqual([
      expect.objectContaining({ metadata: { name: 'postgres-backup', namespace: 'data' }, roleOnly: true }),
    ]);
    expect(config.accessConfig.accessEntries[1]).toEqual({
      principalARN: 'arn:aws:iam::<account>:role/<shop-developers>',
      accessPolicies: [
        {
          policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
          accessScope: { type: 'namespace', namespaces: ['shop'] },
        },
      ],
    });
    const cni = config.addons.find((a: { name: string }) => a.name === 'vpc-cni');
    expect(JSON.parse(cni.configurationValues)).toEqual({
      env: { ENABLE_PREFIX_DELEGATION: 'true', WARM_PREFIX_TARGET: '1' },
    });
    expect(
      config.addons.find((a: { name: string }) => a.name === 'aws-ebs-csi-driver')
        .useDefaultPodIdentityAssociations,
    ).toBe(true);
    expect(config.secretsEncryption.keyARN).toBe('arn:aws:kms:eu-west-1:<account>:key/<key id>');
    expect(config.cloudWatch.clusterLogging.enableTypes).toEqual(['api', 'audit', 'authenticator']);
  });

  it('a private cluster: no NAT, no public subnets, private endpoint, extra endpoint services', () => {
    const base = samplePlan();
    const config = valid(
      samplePlan({
        cluster: { ...base.cluster, endpointAccess: 'private' },
        identities: base.identities.map((i) => ({ ...i, mechanism: 'pod-identity' as const })),
      }),
    ) as Config;
    expect(config.vpc.nat).toEqual({ gateway: 'Disable' });
    expect(config.vpc.clusterEndpoints).toEqual({ publicAccess: false, privateAccess: true });
    expect(config.vpc.subnets.public).toBeUndefined();
    expect(config.privateCluster).toEqual({
      enabled: true,
      additionalEndpointServices: ['autoscaling', 'logs'],
    });
    // No IRSA left: no OIDC provider.
    expect(config.iam.withOIDC).toBe(false);
  });

  it('self-managed spot groups, Fargate, Karpenter, Bottlerocket, custom networking and an OIDC provider', () => {
    const base = samplePlan();
    const plan = samplePlan({
      cluster: { ...base.cluster, amiFamily: 'bottlerocket' },
      nodeGroups: base.nodeGroups.map((g) => ({ ...g, kind: 'self-managed' as const })),
      fargateProfiles: [
        {
          name: 'batch',
          selectors: [{ namespace: 'batch' }, { namespace: 'jobs', labels: { tier: 'batch' } }],
          pods: 4,
        },
      ],
      autoscaling: { engine: 'karpenter', flags: [], why: 'consolidation' },
      identityProvider: {
        type: 'oidc',
        issuerUrl: 'https://login.example.com',
        clientId: 'kubernetes',
        groupsClaim: 'groups',
        why: 'bindings name OIDC groups',
      },
      network: {
        ...base.network,
        customNetworking: true,
        secondaryCidr: '100.64.0.0/16',
        subnets: [
          ...base.network.subnets,
          { az: 'eu-west-1a', cidr: '100.64.0.0/18', purpose: 'pods' },
          { az: 'eu-west-1b', cidr: '100.64.64.0/18', purpose: 'pods' },
        ],
      },
    });
    const config = valid(plan) as Config;
    expect(config.nodeGroups[1].instancesDistribution).toEqual({
      instanceTypes: ['m6i.large', 'm5.large', 'm6a.large'],
      onDemandBaseCapacity: 0,
      onDemandPercentageAboveBaseCapacity: 0,
      spotAllocationStrategy: 'price-capacity-optimized',
    });
    expect(config.nodeGroups[0]).toMatchObject({ instanceType: 'm6i.xlarge', amiFamily: 'Bottlerocket' });
    expect(config.fargateProfiles).toEqual([
      {
        name: 'batch',
        selectors: [{ namespace: 'batch' }, { namespace: 'jobs', labels: { tier: 'batch' } }],
      },
    ]);
    expect(config.karpenter).toMatchObject({ withSpotInterruptionQueue: true });
    expect(config.vpc.extraCIDRs).toEqual(['100.64.0.0/16']);
    expect(config.identityProviders).toEqual([
      {
        type: 'oidc',
        name: 'source-oidc',
        issuerURL: 'https://login.example.com',
        clientID: 'kubernetes',
        groupsClaim: 'groups',
      },
    ]);
    const eni = eksctlArtifacts(plan).find((a) => a.path === 'eksctl/eniconfigs.yaml')!;
    expect(parseAllDocuments(eni.content).map((d) => d.toJS().metadata.name)).toEqual([
      'eu-west-1a',
      'eu-west-1b',
    ]);
    expect(
      JSON.parse(config.addons.find((a: { name: string }) => a.name === 'vpc-cni').configurationValues).env,
    ).toMatchObject({
      AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true',
      ENI_CONFIG_LABEL_DEF: 'topology.kubernetes.io/zone',
    });
  });

  it('explains itself in comments and keeps the data equal to clusterConfig()', () => {
    const text = eksctlArtifacts(samplePlan()).find((a) => a.path === 'eksctl/cluster.yaml')!.content;
    expect(text).toContain('# NAT gateway HighlyAvailable: one per AZ, as the plan prices it');
    expect(text).toContain('eksctl create cluster -f eksctl/cluster.yaml');
    expect(parse(text)).toEqual(clusterConfig(samplePlan()));
  });
});
