import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { samplePlan } from '../../test/support/plan-fixture.js';
import { loadCatalog } from '../catalog/index.js';
import type { Inventory } from '../model/types.js';
import { planAutoscaling } from '../plan/autoscaling.js';
import type { PlanOptions } from '../plan/types.js';
import { autoscalerArtifacts } from './autoscaler.js';

// Field paths, required fields, enums and patterns of the Karpenter v1 CRDs (NodePool, EC2NodeClass),
// read from aws/karpenter-provider-aws pkg/apis/crds at the commits test/data/karpenter names.
interface FieldList {
  fields: string[];
  required: string[];
  oneOf?: string[][];
  enums: Record<string, string[]>;
  patterns: Record<string, string>;
}
const KARPENTER: { data: Record<string, FieldList> } = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../test/data/karpenter/karpenter-v1-fields.json'), 'utf8'),
);

/** Every field path of an object's spec with its values: `[]` marks array items, `.*` a free map's values. */
function specPaths(value: unknown, list: FieldList, path = 'spec', out = new Map<string, unknown[]>()) {
  const add = (p: string, v: unknown) => out.set(p, [...(out.get(p) ?? []), v]);
  if (list.fields.includes(`${path}.*`) && value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) add(`${path}.*`, child);
    return out;
  }
  if (path !== 'spec' && !path.endsWith('[]')) add(path, value);
  if (Array.isArray(value)) for (const item of value) specPaths(item, list, `${path}[]`, out);
  else if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) specPaths(child, list, `${path}.${key}`, out);
  return out;
}

function karpenterProblems(doc: { kind: string; spec: unknown; apiVersion?: string }): string[] {
  const list = KARPENTER.data[doc.kind]!;
  const paths = specPaths(doc.spec, list);
  const problems: string[] = [];
  for (const path of paths.keys()) if (!list.fields.includes(path)) problems.push(`unknown field ${path}`);
  for (const path of list.required) if (!paths.has(path)) problems.push(`missing ${path}`);
  for (const group of list.oneOf ?? [])
    if (group.filter((p) => paths.has(p)).length !== 1) problems.push(`exactly one of ${group.join(', ')}`);
  for (const [path, values] of Object.entries(list.enums))
    for (const v of paths.get(path) ?? []) if (!values.includes(String(v))) problems.push(`${path}: ${v}`);
  for (const [path, pattern] of Object.entries(list.patterns))
    for (const v of paths.get(path) ?? [])
      if (!new RegExp(pattern).test(String(v))) problems.push(`${path}: ${v} does not match`);
  return problems;
}

const inventory: Inventory = {
  objects: [
    {
      object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } },
      ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      location: { file: 'web.yaml', line: 1 },
      origin: 'manifest',
    },
  ],
  errors: [],
  notes: [],
  cluster: { nodes: [], forbidden: [] },
};

describe('autoscaler/', () => {
  it('Cluster Autoscaler: Helm values finding the groups by tag, and its IAM policy scoped to the cluster', () => {
    const files = new Map(autoscalerArtifacts(samplePlan(), inventory).map((a) => [a.path, a.content]));
    expect([...files.keys()]).toEqual([
      'autoscaler/cluster-autoscaler.values.yaml',
      'autoscaler/cluster-autoscaler-iam-policy.json',
    ]);
    const values = parse(files.get('autoscaler/cluster-autoscaler.values.yaml')!);
    expect(values.autoDiscovery).toEqual({ clusterName: 'shop-eks' });
    expect(values.extraArgs['aws-use-static-instance-list']).toBeUndefined();
    const policy = JSON.parse(files.get('autoscaler/cluster-autoscaler-iam-policy.json')!);
    expect(policy.Statement[1].Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/shop-eks': 'owned' },
    });
  });

  it('a private cluster reads the static instance list', () => {
    const base = samplePlan();
    const plan = samplePlan({ cluster: { ...base.cluster, endpointAccess: 'private' } });
    const values = parse(autoscalerArtifacts(plan, inventory)[0]!.content);
    expect(values.extraArgs['aws-use-static-instance-list']).toBe('true');
  });

  it('Karpenter: the plan’s EC2NodeClass and NodePools, limits from the planned maximum with the formula beside them', () => {
    const base = samplePlan();
    const options = {
      name: 'shop-eks',
      autoscaler: 'karpenter',
      endpoint: 'public-private',
      amiFamily: 'al2023',
    };
    const autoscaling = planAutoscaling(options as PlanOptions, loadCatalog(), base.nodeGroups);
    const plan = samplePlan({ autoscaling });
    const [karpenter] = autoscalerArtifacts(plan, inventory);
    const docs = parseAllDocuments(karpenter!.content).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'EC2NodeClass/default',
      'NodePool/general',
      'NodePool/spot',
    ]);
    expect(docs[0].spec.subnetSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'shop-eks' } }]);
    expect(docs[0].spec.kubelet).toEqual({
      maxPods: Math.max(...base.nodeGroups.map((g) => g.maxPodsPerNode)),
    });
    // general: m6i.xlarge (4 vCPU, 16 GiB) up to 6 nodes; spot: m6i.large (2 vCPU, 8 GiB) up to 4.
    expect(docs[1].spec.limits).toEqual({ cpu: '24', memory: '96Gi' });
    expect(docs[2].spec.limits).toEqual({ cpu: '8', memory: '32Gi' });
    expect(karpenter!.content).toContain(
      '# spec.limits = maxSize × one m6i.xlarge: cpu 24 = 6 × 4 vCPU, memory 96Gi = 6 × 16 GiB.',
    );
    expect(karpenter!.content).toContain('max(desired + 1, ⌈desired × peak/baseline⌉)');
    expect(docs[2].spec.template.spec.requirements).toContainEqual({
      key: 'karpenter.sh/capacity-type',
      operator: 'In',
      values: ['spot'],
    });
    expect(docs[2].spec.template.spec.taints).toEqual([
      { key: 'kube2eks.io/spot', value: 'true', effect: 'NoSchedule' },
    ]);
    for (const doc of docs) expect(karpenterProblems(doc), `${doc.kind}/${doc.metadata.name}`).toEqual([]);
  });

  it('Karpenter limits: the per-node size is the plan’s instance, not the limits divided back', () => {
    const base = samplePlan();
    // c4.large: 2 vCPU, 3840 MiB (3.75 GiB); 3 nodes make 11.25 GiB, written 11Gi.
    const nodeGroups = [{ ...base.nodeGroups[0]!, instanceTypes: ['c4.large'], desiredSize: 2, maxSize: 3 }];
    const options = {
      name: 'shop-eks',
      autoscaler: 'karpenter',
      endpoint: 'public-private',
      amiFamily: 'al2023',
    };
    const autoscaling = planAutoscaling(options as PlanOptions, loadCatalog(), nodeGroups);
    expect(autoscaling.nodeSizes).toEqual({
      general: { instanceType: 'c4.large', vcpu: 2, memoryMiB: 3840 },
    });
    const [karpenter] = autoscalerArtifacts(samplePlan({ nodeGroups, autoscaling }), inventory);
    expect(parseAllDocuments(karpenter!.content)[1]!.toJS().spec.limits).toEqual({
      cpu: '6',
      memory: '11Gi',
    });
    expect(karpenter!.content).toContain(
      '# spec.limits = maxSize × one c4.large: cpu 6 = 3 × 2 vCPU, memory 11Gi ≈ 3 × 3.75 GiB.',
    );
    // A plan that records no node size: the limits, and no per-node numbers made up from them.
    const { nodeSizes: _, ...older } = autoscaling;
    const [again] = autoscalerArtifacts(samplePlan({ nodeGroups, autoscaling: older }), inventory);
    expect(again!.content).toContain(
      '# spec.limits = maxSize (3) × one c4.large: cpu 6, memory 11Gi (the plan records no per-node size).',
    );
  });

  it('Karpenter from a plan without NodePools: no limits, and the comment says so; still valid v1 objects', () => {
    const base = samplePlan();
    const plan = samplePlan({
      autoscaling: { engine: 'karpenter', flags: [], why: 'consolidation' },
      // Groups whose max pods differ: one EC2NodeClass cannot carry both, so Karpenter computes it.
      nodeGroups: base.nodeGroups.map((g, i) => (i === 1 ? { ...g, maxPodsPerNode: 29 } : g)),
    });
    const [karpenter] = autoscalerArtifacts(plan, inventory);
    const docs = parseAllDocuments(karpenter!.content).map((d) => d.toJS());
    expect(docs[0].spec.kubelet).toBeUndefined();
    expect(docs[1].spec.limits).toBeUndefined();
    expect(karpenter!.content).toContain('No limits: the plan names no instance sizes for it');
    for (const doc of docs) expect(karpenterProblems(doc), `${doc.kind}/${doc.metadata.name}`).toEqual([]);
  });

  it('the Karpenter field check catches a field v1 does not have', () => {
    expect(
      karpenterProblems({
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        spec: {
          template: {
            spec: { nodeClassRef: { group: 'g', kind: 'k', name: 'n' }, requirements: [], kubelet: {} },
          },
          limits: { cpu: '4 cores' },
        },
      }),
    ).toEqual(['unknown field spec.template.spec.kubelet', 'spec.limits.*: 4 cores does not match']);
  });

  it('SecurityGroupPolicy per namespace with --pod-security-groups', () => {
    const base = samplePlan();
    const plan = samplePlan({ network: { ...base.network, podSecurityGroups: true } });
    const sgp = autoscalerArtifacts(plan, inventory).find(
      (a) => a.path === 'autoscaler/security-group-policies.yaml',
    )!;
    expect(parse(sgp.content)).toMatchObject({
      kind: 'SecurityGroupPolicy',
      metadata: { namespace: 'shop' },
    });
  });
});
