import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { samplePlan } from '../../test/support/plan-fixture.js';
import type { Inventory } from '../model/types.js';
import { autoscalerArtifacts } from './autoscaler.js';

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

  it('Karpenter: an EC2NodeClass and one NodePool per planned group, with its types, capacity type and taints', () => {
    const plan = samplePlan({ autoscaling: { engine: 'karpenter', flags: [], why: 'consolidation' } });
    const [karpenter] = autoscalerArtifacts(plan, inventory);
    const docs = parseAllDocuments(karpenter!.content).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'EC2NodeClass/default',
      'NodePool/general',
      'NodePool/spot',
    ]);
    expect(docs[0].spec.subnetSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'shop-eks' } }]);
    expect(docs[2].spec.template.spec.requirements).toContainEqual({
      key: 'karpenter.sh/capacity-type',
      operator: 'In',
      values: ['spot'],
    });
    expect(docs[2].spec.template.spec.taints).toEqual([
      { key: 'kube2eks.io/spot', value: 'true', effect: 'NoSchedule' },
    ]);
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
