import { describe, expect, test } from 'vitest';
import { planOptions } from '../../test/support/plan.js';
import { loadCatalog, priceOf } from '../catalog/index.js';
import type { NodeFact } from '../model/types.js';
import { compareWithSource } from './comparison.js';

const catalog = loadCatalog();
const gkeNode = (name: string): NodeFact => ({
  name,
  labels: {
    'cloud.google.com/gke-nodepool': 'default-pool',
    'node.kubernetes.io/instance-type': 'n2-standard-8',
    'kubernetes.io/arch': 'amd64',
  },
  taints: [],
  instanceType: 'n2-standard-8',
  capacity: { cpu: '8', memory: '32880872Ki', pods: '110' },
  allocatable: { cpu: '7910m', memory: '29094632Ki', pods: '110' },
  architecture: 'amd64',
  os: 'linux',
});

describe('like for like', () => {
  test('a GKE pool maps to the cheapest 8 vCPU / 32 GiB x86 type, priced for the same node count', () => {
    const c = compareWithSource([gkeNode('a'), gkeNode('b'), gkeNode('c')], planOptions(), catalog, 500, 3)!;
    expect(c.nodes).toHaveLength(1);
    const to = c.nodes[0]!.to;
    const type = to.split(' × ')[0]!;
    expect(to).toMatch(/ × 3$/);
    expect(catalog.instanceTypes[type]).toMatchObject({ vcpu: 8, memoryMiB: 32768, architecture: 'x86_64' });
    expect(c.nodes[0]!.from).toBe('n2-standard-8 × 3 (pool default-pool: 8 vCPU, 31.36 GiB)');
    const hourly = priceOf(catalog, type, 'us-east-1')!.usdPerHour;
    expect(c.monthly).toBeCloseTo(hourly * 730 * 3, 2);
    expect(c.why).toContain('the 3 source nodes copied one for one');
  });

  test('an EKS source keeps its own instance type; no nodes, no comparison', () => {
    const node: NodeFact = {
      ...gkeNode('x'),
      labels: { 'eks.amazonaws.com/nodegroup': 'ng-1' },
      instanceType: 'm5.xlarge',
    };
    const c = compareWithSource([node], planOptions(), catalog, 100, 1)!;
    expect(c.nodes[0]!.to).toBe('m5.xlarge × 1');
    expect(compareWithSource([], planOptions(), catalog, 100, 1)).toBeUndefined();
  });

  test('a Windows pool is priced as Windows: m5.xlarge at $0.192 + 4 × $0.046 = $0.376 an hour', () => {
    const node: NodeFact = {
      ...gkeNode('w'),
      labels: { 'eks.amazonaws.com/nodegroup': 'win', 'kubernetes.io/os': 'windows' },
      instanceType: 'm5.xlarge',
      os: 'windows',
    };
    const c = compareWithSource([node, { ...node, name: 'w2' }], planOptions(), catalog, 100, 1)!;
    expect(c.nodes).toEqual([
      { from: 'm5.xlarge × 2 (pool win: 8 vCPU, 31.36 GiB)', to: 'm5.xlarge × 2', monthlyUsd: 548.96 },
    ]);
  });
});
