// Properties of the compute plan over random workload sets (fast-check): every pod placed, no node over
// its allocatable CPU, memory or pod slots, anti-affinity and zone spread honoured, cost ≥ the lower bound.
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { deployment, inventoryOf, planOptions, requests } from '../../test/support/plan.js';
import { loadCatalog } from '../catalog/index.js';
import type { KubeObject } from '../model/types.js';
import { planCompute } from './compute.js';
import { readDemand } from './demand.js';
import { loadSolver, type Solver } from './solver.js';

let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});
const catalog = loadCatalog();

const workload = fc.record({
  replicas: fc.integer({ min: 1, max: 12 }),
  cpu: fc.constantFrom(50, 100, 250, 500, 1000, 2000, 3500),
  memory: fc.constantFrom(64, 128, 512, 1024, 2048, 4096, 12288),
  onePerNode: fc.boolean(),
  zoneSpread: fc.boolean(),
});

type Workload = typeof workload extends fc.Arbitrary<infer T> ? T : never;

function objectsOf(list: Workload[]): KubeObject[] {
  return list.map((w, i) => {
    const name = `w${i}`;
    const spec: Record<string, unknown> = {};
    if (w.onePerNode)
      spec.affinity = {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: name } } },
          ],
        },
      };
    if (w.zoneSpread)
      spec.topologySpreadConstraints = [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: name } },
        },
      ];
    return deployment(name, w.replicas, requests(`${w.cpu}m`, `${w.memory}Mi`), spec);
  });
}

test('random workload sets: placed, within allocatable, constraints held, cost ≥ lower bound', () => {
  fc.assert(
    fc.property(
      fc.array(workload, { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom(0, 0.2),
      (list, azs, headroom) => {
        const options = planOptions({ azs, headroom, instanceTypes: ['m6i.*', 'c6i.*', 'r6i.*'] });
        const demand = readDemand(inventoryOf(objectsOf(list)));
        const result = planCompute(solver, demand, demand.workloads, options, catalog);
        // Every pod placed.
        for (const w of demand.workloads) {
          const placed = result.placements
            .filter((p) => p.workload === w.key)
            .reduce((s, p) => s + p.pods, 0);
          expect(placed, w.key).toBe(w.replicas);
        }
        for (const pool of result.pools) {
          const zoneCounts = new Map<string, number[]>();
          for (const node of pool.packed.nodes) {
            const net = node.type.net;
            expect(node.used.cpuMillicores).toBeLessThanOrEqual(net.cpuMillicores + 1e-6);
            expect(node.used.memoryMiB).toBeLessThanOrEqual(net.memoryMiB + 1e-6);
            expect(node.used.pods).toBeLessThanOrEqual(net.pods);
            for (const [key, pods] of node.pods) {
              const w = demand.workloads.find((x) => x.key === key)!;
              if (w.onePerNode) expect(pods).toBe(1);
              const zones = zoneCounts.get(key) ?? new Array<number>(azs).fill(0);
              zones[node.zone] = (zones[node.zone] ?? 0) + pods;
              zoneCounts.set(key, zones);
            }
          }
          for (const [key, zones] of zoneCounts) {
            const w = demand.workloads.find((x) => x.key === key)!;
            if (w.zoneSpread)
              for (const n of zones) expect(n).toBeLessThanOrEqual(Math.ceil(w.replicas / azs));
          }
        }
        const compute = result.computeOnDemandMonthly + result.computeSpotMonthly;
        expect(compute).toBeGreaterThanOrEqual(result.lowerBoundMonthly - 0.01);
      },
    ),
    { numRuns: 25, seed: 42 },
  );
}, 120_000);
