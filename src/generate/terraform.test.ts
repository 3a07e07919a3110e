import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/support/plan-fixture.js';
import type { Plan } from '../plan/types.js';
import { body, expr } from './hcl.js';
import { terraformArtifacts } from './terraform.js';
import { TERRAFORM_MODULES } from './terraform.table.js';

// Input names of each pinned module, read from its variables.tf at the tag (test/data/terraform/*.json).
interface InputList {
  provenance: { tag: string; date: string };
  data: { module: string; version: string; inputs: Record<string, Record<string, unknown>> };
}
const load = (name: string): InputList =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../test/data/terraform', name), 'utf8'));
const EKS = load('eks-v21.19.0.json');
const VPC = load('vpc-v6.6.0.json');
const POD_IDENTITY = load('eks-pod-identity-v2.8.1.json');

/** The module's input list for a `source` (a `//modules/x` submodule has its own). */
function inputsOf(source: string): Set<string> {
  const [root, sub] = source.split('//');
  const list =
    root === TERRAFORM_MODULES.eks.source ? EKS : root === TERRAFORM_MODULES.vpc.source ? VPC : POD_IDENTITY;
  const inputs = list.data.inputs[sub ?? '.'];
  if (!inputs) throw new Error(`no input list for ${source}`);
  return new Set(Object.keys(inputs));
}

type Json = Record<string, unknown>;
async function hcl(plan: Plan): Promise<Record<string, Json>> {
  const out: Record<string, Json> = {};
  for (const a of terraformArtifacts(plan)) out[a.path] = (await parse(a.path, a.content)) as Json;
  return out;
}

/** Every module block of main.tf, with its arguments. */
function modules(main: Json): Array<[string, Json]> {
  return Object.entries(main.module as Record<string, Json[]>).map(([name, blocks]) => [name, blocks[0]!]);
}

function checkArguments(main: Json): string[] {
  const unknown: string[] = [];
  for (const [name, args] of modules(main)) {
    const source = String(args.source);
    const inputs = inputsOf(source);
    for (const arg of Object.keys(args)) {
      if (arg === 'source' || arg === 'version') continue;
      if (!inputs.has(arg)) unknown.push(`module.${name}.${arg}`);
    }
    // Node group and Fargate maps are untyped at the top: check each entry against its submodule.
    const sub = (field: string, submodule: string) => {
      const allowed = new Set(Object.keys(EKS.data.inputs[submodule]!));
      for (const [group, attrs] of Object.entries((args[field] as Json) ?? {}))
        for (const attr of Object.keys(attrs as Json))
          if (!allowed.has(attr)) unknown.push(`module.${name}.${field}.${group}.${attr}`);
    };
    if (source === TERRAFORM_MODULES.eks.source) {
      sub('eks_managed_node_groups', 'modules/eks-managed-node-group');
      sub('self_managed_node_groups', 'modules/self-managed-node-group');
      sub('fargate_profiles', 'modules/fargate-profile');
    }
  }
  return unknown;
}

describe('terraform/', () => {
  it('parses as HCL, and every module argument is an input of the pinned module version', async () => {
    const files = await hcl(samplePlan());
    expect(Object.keys(files).sort()).toEqual([
      'terraform/main.tf',
      'terraform/outputs.tf',
      'terraform/variables.tf',
      'terraform/versions.tf',
    ]);
    const main = files['terraform/main.tf']!;
    expect(checkArguments(main)).toEqual([]);
    const eks = Object.fromEntries(modules(main)).eks!;
    expect(eks).toMatchObject({
      source: 'terraform-aws-modules/eks/aws',
      version: '~> 21.19',
      name: '${var.name}',
      kubernetes_version: '${var.kubernetes_version}',
      endpoint_public_access: true,
      endpoint_private_access: true,
      authentication_mode: 'API',
      enable_irsa: true,
    });
    expect((eks.eks_managed_node_groups as Json).spot).toEqual({
      name: 'spot',
      instance_types: ['m6i.large', 'm5.large', 'm6a.large'],
      ami_type: 'AL2023_x86_64_STANDARD',
      min_size: 0,
      max_size: 4,
      desired_size: 2,
      capacity_type: 'SPOT',
      labels: { 'kube2eks.io/node-group': 'spot' },
      taints: { taint_1: { key: 'kube2eks.io/spot', value: 'true', effect: 'NO_SCHEDULE' } },
    });
    const vpc = Object.fromEntries(modules(main)).vpc!;
    expect(vpc).toMatchObject({
      one_nat_gateway_per_az: true,
      single_nat_gateway: false,
      enable_nat_gateway: true,
    });
    expect(files['terraform/variables.tf']!.variable).toMatchObject({
      private_subnets: [{ default: ['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19'] }],
    });
  });

  it('a private Karpenter cluster with self-managed groups and Fargate stays within the modules’ inputs', async () => {
    const base = samplePlan();
    const plan = samplePlan({
      cluster: { ...base.cluster, endpointAccess: 'private', amiFamily: 'bottlerocket' },
      nodeGroups: base.nodeGroups.map((g) => ({ ...g, kind: 'self-managed' as const })),
      fargateProfiles: [
        { name: 'batch', selectors: [{ namespace: 'batch', labels: { tier: 'batch' } }], pods: 3 },
      ],
      autoscaling: { engine: 'karpenter', flags: [], why: 'consolidation' },
      identityProvider: {
        type: 'oidc',
        issuerUrl: 'https://login.example.com',
        clientId: 'k8s',
        groupsClaim: 'groups',
        why: 'OIDC groups',
      },
      vpcEndpoints: [
        ...base.vpcEndpoints,
        { service: 'com.amazonaws.eu-west-1.ecr.api', type: 'Interface', why: 'image pulls' },
      ],
    });
    const main = (await hcl(plan))['terraform/main.tf']!;
    expect(checkArguments(main)).toEqual([]);
    const byName = Object.fromEntries(modules(main));
    expect(byName.karpenter).toMatchObject({ source: 'terraform-aws-modules/eks/aws//modules/karpenter' });
    expect(byName.vpc).toMatchObject({ enable_nat_gateway: false });
    expect(Object.keys(byName.vpc_endpoints!.endpoints as Json).sort()).toEqual(['ecr_api', 's3']);
  });

  it('pins each module to the version whose inputs are checked in', () => {
    const minor = (v: string) => v.split('.').slice(0, 2).join('.');
    expect(TERRAFORM_MODULES.eks.version).toBe(`~> ${minor(EKS.data.version)}`);
    expect(TERRAFORM_MODULES.vpc.version).toBe(`~> ${minor(VPC.data.version)}`);
    expect(TERRAFORM_MODULES.podIdentity.version).toBe(`~> ${minor(POD_IDENTITY.data.version)}`);
  });

  it('lays arguments out as terraform fmt does: two spaces, `=` aligned in runs of one-line arguments', () => {
    expect(body({ name: 'x', kubernetes_version: expr('var.v'), tags: { a: '1' } }, '  ')).toBe(
      '  name               = "x"\n  kubernetes_version = var.v\n  tags = {\n    a = "1"\n  }',
    );
    expect(body({ a: '${literal}' }, '')).toBe('a = "$${literal}"');
  });
});

describe('add-on pod identities', () => {
  it('take the namespace the add-on installs into, for every add-on with a policy', async () => {
    const { ADDON_POLICIES } = await import('./terraform.table.js');
    const { ADDON_INSTALLS } = await import('../model/addon-installs.table.js');
    for (const name of Object.keys(ADDON_POLICIES))
      expect(ADDON_INSTALLS[name]?.namespace, name).toBe('kube-system');
  });
});
