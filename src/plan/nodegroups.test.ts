// Node groups by optimisation on small inputs solvable by hand, with a made-up catalog so every number is
// written out. Allocatable (AL2023, managed, prefix delegation, see capacity.ts) less EKS's 4 DaemonSet pods
// per node (155m CPU, 120 MiB):
//   x1.large   2 vCPU,  8 GiB, 3 ENIs × 10 IPs, $0.10/h ($73.00/month):  net 1775m, 8192×0.925−(11×29+255)−100−120 = 6783.6 MiB, 106 pods
//   x1.xlarge  4 vCPU, 16 GiB, 4 ENIs × 15 IPs, $0.19/h ($138.70/month): net 3920−155 = 3765m, 15155.2−893−100−120 = 14042.2 MiB, 106 pods
//   x1r.large  2 vCPU, 16 GiB, 3 ENIs × 10 IPs, $0.126/h ($91.98/month): net 1775m, 15155.2−574−100−120 = 14361.2 MiB, 106 pods
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
import { planWithSolver } from './index.js';
import { type Candidate, keepsRoomFirst } from './nodegroups.js';
import { loadSolver, type Solver } from './solver.js';

let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

const large = madeUpType('x1.large', 2, 8192);
const xlarge = madeUpType('x1.xlarge', 4, 16384, { defaultCardMaxEnis: 4, ipv4PerEni: 15, maxEnis: 4 });
const rlarge = madeUpType('x1r.large', 2, 16384);
const catalog = catalogWith([
  [large, 0.1],
  [xlarge, 0.19],
  [rlarge, 0.126],
]);

const run = (objects: Parameters<typeof inventoryOf>[0], overrides = {}) =>
  planWithSolver(inventoryOf(objects), [], planOptions(overrides), catalog, NOW, solver);

describe('exact optima', () => {
  test('one type: the aggregate needs 3 nodes, but 3 × 500m pods per node means placement adds a 4th', () => {
    // x1.large only. Demand: 10 × 500m = 5000m, 10 × 1 GiB = 10240 MiB, 10 pods.
    // Lower bound: max(5000/1775, 10240/6783.6, 10/106) = 2.8169 nodes × $73 = $205.63.
    // A node holds ⌊1775/500⌋ = 3 pods, so 10 pods need ⌈10/3⌉ = 4 nodes: $292.
    const p = run([deployment('web', 10, requests('500m', '1Gi'))], { instanceTypes: ['x1.large'] });
    expect(p.nodeGroups).toHaveLength(1);
    expect(p.nodeGroups[0]).toMatchObject({
      name: 'general',
      instanceTypes: ['x1.large'],
      desiredSize: 4,
      maxPodsPerNode: 110,
    });
    expect(p.cost.monthly.compute).toBe(292);
    expect(p.cost.computeLowerBound).toBeCloseTo((5000 / 1775) * 73, 2);
    expect(p.placements).toEqual([
      { workload: 'shop/Deployment/web', target: 'nodeGroup:general', pods: 10 },
    ]);
    expect(p.reasons.find((r) => r.subject === 'nodeGroup:general')?.why).toContain('placement added 1 node');
  });

  test('two shapes: 2 × x1.xlarge + 1 × x1.large is the cheapest way to hold 7 one-vCPU pods', () => {
    // x1.xlarge holds ⌊3765/1000⌋ = 3 pods, x1.large ⌊1775/1000⌋ = 1. With a xlarge and b large, 3a + b ≥ 7:
    // (0,7) $511, (1,4) $430.70, (2,1) $350.40, (3,0) $416.10 → optimum (2,1) = $350.40.
    // Lower bound: x1.xlarge is cheapest per millicore (138.7/3765): 7000 × 138.7/3765 = $257.88.
    const p = run([deployment('api', 7, requests('1', '1Gi'))], { instanceTypes: ['x1.large', 'x1.xlarge'] });
    const sizes = Object.fromEntries(p.nodeGroups.map((g) => [g.instanceTypes[0], g.desiredSize]));
    expect(sizes).toEqual({ 'x1.large': 1, 'x1.xlarge': 2 });
    expect(p.cost.monthly.compute).toBe(350.4);
    expect(p.cost.computeLowerBound).toBeCloseTo((7000 * 138.7) / 3765, 2);
    expect(p.placements.reduce((s, x) => s + x.pods, 0)).toBe(7);
  });

  test('memory-bound pods go to the memory-optimised type', () => {
    // 4 × (250m, 6 GiB = 6144 MiB). Per MiB, x1r.large is cheapest (91.98/14361.2); it holds 2 pods, x1.large 1,
    // x1.xlarge 2. Two x1r.large ($183.96) beat 1 x1r.large + 2 x1.large ($237.98) and 2 x1.xlarge ($277.40).
    // Lower bound: 24576 × 91.98/14361.2 = $157.41.
    const p = run([deployment('cache', 4, requests('250m', '6Gi'))]);
    expect(p.nodeGroups.map((g) => [g.instanceTypes[0], g.desiredSize])).toEqual([['x1r.large', 2]]);
    expect(p.cost.monthly.compute).toBe(183.96);
    expect(p.cost.computeLowerBound).toBeCloseTo((24576 * 91.98) / 14361.2, 2);
    expect(p.cost.computeToLowerBound).toBeCloseTo(183.96 / p.cost.computeLowerBound, 3);
  });
});

describe('pools and constraints', () => {
  test('one node per AZ at least, and required hostname anti-affinity gets a node per replica', () => {
    const anti = {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'zk' } } },
          ],
        },
      },
    };
    const p = run([deployment('zk', 5, requests('100m', '128Mi'), anti)], {
      azs: 3,
      instanceTypes: ['x1.large'],
    });
    expect(p.nodeGroups[0]?.desiredSize).toBe(5);
    expect(p.cluster.azs).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    const tiny = run([deployment('one', 1, requests('100m', '128Mi'))], {
      azs: 3,
      instanceTypes: ['x1.large'],
    });
    expect(tiny.nodeGroups[0]).toMatchObject({ minSize: 3, desiredSize: 3 });
    // The bound buys 100m/1775m of a node; the 3-node minimum is why the plan is 3 whole nodes above it.
    const why = (q: typeof p) => q.reasons.find((r) => r.subject === 'solver')?.why ?? '';
    expect(why(tiny)).toContain('while general keeps 3 nodes (one per AZ,');
    expect(why(p)).toContain('while general keeps 5 nodes (one per AZ, or one per pod');
  });

  test('the solver reason adds no minimum where the bound already needs the nodes', () => {
    const p = run([deployment('web', 10, requests('500m', '1Gi'))], { instanceTypes: ['x1.large'] });
    expect(p.reasons.find((r) => r.subject === 'solver')?.why).toMatch(
      /the lower bound is the LP relaxation's \(docs\/plan\.md\)$/,
    );
  });

  test('node labels and tolerations of a dedicated pool are carried to its own group', () => {
    const dedicated = {
      nodeSelector: { pool: 'batch', 'cloud.google.com/gke-nodepool': 'batch-pool' },
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      ],
    };
    const p = run([
      deployment('web', 2, requests('500m', '1Gi')),
      deployment('crunch', 2, requests('500m', '1Gi'), dedicated),
    ]);
    const group = p.nodeGroups.find((g) => g.labels.pool === 'batch');
    expect(group).toMatchObject({
      name: 'pool-batch',
      labels: { pool: 'batch' },
      taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }],
    });
    expect(p.placements).toContainEqual({
      workload: 'shop/Deployment/crunch',
      target: 'nodeGroup:pool-batch',
      pods: 2,
    });
    expect(p.reasons.some((r) => r.why.includes('cloud.google.com/gke-nodepool'))).toBe(true);
  });

  test('a pod no type holds is reported, not placed', () => {
    const p = run([deployment('huge', 1, requests('64', '512Gi'))]);
    expect(p.nodeGroups).toEqual([]);
    expect(p.reasons.find((r) => r.subject === 'pool:general')?.why).toMatch(
      /no instance type in the search holds shop\/Deployment\/huge \(64 vCPU, 512 GiB per pod/,
    );
  });

  test('spot: a workload with a PDB that allows one down goes to a spot group at the discount', () => {
    const pdb = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
    };
    const p = run(
      [deployment('web', 3, requests('500m', '1Gi')), deployment('db', 1, requests('500m', '1Gi')), pdb],
      {
        spot: 'auto',
        instanceTypes: ['x1.large'],
      },
    );
    const spot = p.nodeGroups.find((g) => g.capacityType === 'SPOT');
    expect(spot?.name).toBe('general-spot');
    expect(p.placements).toContainEqual({
      workload: 'shop/Deployment/web',
      target: 'nodeGroup:general-spot',
      pods: 3,
    });
    expect(p.placements).toContainEqual({
      workload: 'shop/Deployment/db',
      target: 'nodeGroup:general',
      pods: 1,
    });
    // x1.large at 65% off: $73 × 0.35 = $25.55 a node.
    expect(p.cost.monthly.computeSpot).toBeCloseTo(25.55 * (spot?.desiredSize ?? 0), 2);
  });
});

describe('keepsRoomFirst: which pools the first MIP keeps one average pod of room per node for', () => {
  // One type netting 3765m and 14042 MiB; the LP bound chose 10 nodes of it.
  const node = { net: { cpuMillicores: 3765, memoryMiB: 14042, pods: 250, gpus: 0 } } as Candidate;
  const lp = { counts: [10], objective: 0, status: 'optimal' as const, mipGap: 0 };
  const demandOf = (pods: number, cpuEach: number) => ({
    cpuMillicores: pods * cpuEach,
    memoryMiB: pods * 50,
    pods,
  });

  test('headroom 0 and 60 pods a node: yes (whole pods would not fill the nodes the LP counts)', () => {
    expect(keepsRoomFirst(lp, [node], demandOf(600, 60), planOptions({ headroom: 0 }))).toBe(true);
  });
  test('headroom 0.2 keeps 627m free a node, more than a 60m pod: no', () => {
    expect(keepsRoomFirst(lp, [node], demandOf(600, 60), planOptions({ headroom: 0.2 }))).toBe(false);
  });
  test('headroom 0.01 keeps 37m free a node, less than a 60m pod: yes', () => {
    expect(keepsRoomFirst(lp, [node], demandOf(600, 60), planOptions({ headroom: 0.01 }))).toBe(true);
  });
  test('49 pods a node: no (the room would cost more than 2%)', () => {
    expect(keepsRoomFirst(lp, [node], demandOf(490, 60), planOptions({ headroom: 0 }))).toBe(false);
  });
});
