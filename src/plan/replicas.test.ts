// How the plan sizes workloads whose spec.replicas Kubernetes would reject (model/kinds.ts readReplicas,
// docs/design-decisions.md "Invalid replicas"). Made-up catalog: x1.large only, 2 vCPU, net 1775m after
// kube-reserved and EKS's DaemonSets (see nodegroups.test.ts), so it holds ⌊1775/500⌋ = 3 pods of 500m.
import { beforeAll, describe, expect, test } from 'vitest';
import {
  catalogWith,
  deployment,
  inventoryOf,
  madeUpType,
  NOW,
  planOptions,
  requests,
} from '../../test/support/plan.js';
import type { KubeObject } from '../model/types.js';
import { claimsOf } from '../model/volumes.js';
import { readClaims, readDemand } from './demand.js';
import { planWithSolver } from './index.js';
import { invalidReplicasNote } from './notes.js';
import { loadSolver, type Solver } from './solver.js';

let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

const catalog = catalogWith([[madeUpType('x1.large', 2, 8192), 0.1]]);

/** A Deployment of 500m / 1 GiB pods with spec.replicas as given (`undefined`: no replicas field). */
function web(name: string, replicas: unknown): KubeObject {
  const object = deployment(name, 0, requests('500m', '1Gi'));
  const spec = object.spec as Record<string, unknown>;
  if (replicas === undefined) delete spec.replicas;
  else spec.replicas = replicas;
  return object;
}

const run = (objects: KubeObject[]) =>
  planWithSolver(inventoryOf(objects), [], planOptions(), catalog, NOW, solver);

describe('invalid spec.replicas in the plan', () => {
  test('each is sized by its reading, named in the replicas note; valid and absent ones as before', () => {
    const p = run([
      web('quoted', '4'),
      web('negative', -5),
      web('word', 'three'),
      web('fraction', 1.5),
      web('unset', undefined),
      web('three', 3),
      web('scaled', '$(REPLICAS)'),
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'scaled', namespace: 'shop' },
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'scaled' }, minReplicas: 2, maxReplicas: 2 },
      },
    ]);
    expect(p.placements).toEqual([
      { workload: 'shop/Deployment/fraction', target: 'nodeGroup:general', pods: 2 },
      { workload: 'shop/Deployment/negative', target: 'nodeGroup:general', pods: 1 },
      { workload: 'shop/Deployment/quoted', target: 'nodeGroup:general', pods: 4 },
      { workload: 'shop/Deployment/scaled', target: 'nodeGroup:general', pods: 2 },
      { workload: 'shop/Deployment/three', target: 'nodeGroup:general', pods: 3 },
      { workload: 'shop/Deployment/unset', target: 'nodeGroup:general', pods: 1 },
      { workload: 'shop/Deployment/word', target: 'nodeGroup:general', pods: 1 },
    ]);
    // 14 pods of 500m, 3 a node: ⌈14/3⌉ = 5 nodes.
    expect(p.nodeGroups.map((g) => [g.instanceTypes[0], g.desiredSize])).toEqual([['x1.large', 5]]);
    // The autoscaled one is sized at the HPA minimum, so its replicas sizes nothing and the note leaves it out.
    expect(p.notes.filter((n) => n.topic === 'replicas')).toEqual([
      {
        topic: 'replicas',
        why: 'the API server rejects the spec.replicas of 4 workloads (resources/replicas-invalid); fix them before applying and check the count: shop/Deployment/fraction sized with 2 replicas: 1.5 is no whole number, rounded up to 2; shop/Deployment/negative sized with 1 replica: -5 is negative, counted as 1, the Kubernetes default; shop/Deployment/quoted sized with 4 replicas: "4" is text, read as the number 4; shop/Deployment/word sized with 1 replica: "three" is no number (an unrendered template placeholder?), counted as 1, the Kubernetes default',
      },
    ]);
  });

  test('whole numbers and an absent field: the same pods as before and no note', () => {
    const p = run([web('zero', 0), web('unset', undefined), web('five', 5)]);
    expect(p.placements).toEqual([
      { workload: 'shop/Deployment/five', target: 'nodeGroup:general', pods: 5 },
      { workload: 'shop/Deployment/unset', target: 'nodeGroup:general', pods: 1 },
    ]);
    expect(p.nodeGroups.map((g) => [g.instanceTypes[0], g.desiredSize])).toEqual([['x1.large', 2]]);
    expect(p.notes.map((n) => n.topic)).not.toContain('replicas');
  });

  test('one workload is "it"; past ten, the note counts the rest and points at the findings', () => {
    const one = readDemand(inventoryOf([web('solo', '2')])).workloads;
    expect(invalidReplicasNote(one)?.why).toBe(
      'the API server rejects the spec.replicas of 1 workload (resources/replicas-invalid); fix it before applying and check the count: shop/Deployment/solo sized with 2 replicas: "2" is text, read as the number 2',
    );
    const many = readDemand(
      inventoryOf(Array.from({ length: 12 }, (_, i) => web(`w${String(i).padStart(2, '0')}`, -1))),
    ).workloads;
    const why = invalidReplicasNote(many)?.why ?? '';
    expect(why.split('; ')).toHaveLength(12); // the lead-in, ten workloads, the rest
    expect(why).toContain('shop/Deployment/w09 sized with 1 replica: -1 is negative');
    expect(why).not.toContain('w10');
    expect(why.endsWith('; and 2 more (the resources/replicas-invalid findings name each)')).toBe(true);
  });

  test('a StatefulSet with negative replicas claims one volume per template, not a negative size', () => {
    const db: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        replicas: -3,
        template: { spec: { containers: [{ name: 'db', image: 'db:1' }] } },
        volumeClaimTemplates: [
          { metadata: { name: 'data' }, spec: { resources: { requests: { storage: '30Gi' } } } },
        ],
      },
    };
    const inv = inventoryOf([db]);
    expect(readClaims(inv, readDemand(inv).workloads)).toEqual([
      { key: 'shop/StatefulSet/db:data', storageClass: undefined, sizeGiB: 30, shared: false },
    ]);
    // The rules' view of the same claims (storage rules, the kit) reads replicas the same way.
    expect(claimsOf(inv).map((c) => [c.name, c.count])).toEqual([['data', 1]]);
  });
});
