// The compute side of the plan: pools sized by the solver, node groups, placements, the lower bound.
import type { Catalog, InstanceType } from '../catalog/index.js';
import type { Demand, WorkloadDemand } from './demand.js';
import {
  buildPools,
  type ComputeResult,
  type PoolResult,
  sameShape,
  searchableTypes,
  sizePool,
  windowsSearchableTypes,
} from './nodegroups.js';
import type { Solver } from './solver.js';
import type { PlanOptions, PlanPlacement, PlanReason } from './types.js';
import { countOf } from './words.js';

const round2 = (n: number) => Math.round(n * 100) / 100;
const gib = (mib: number) => `${round2(mib / 1024)} GiB`;
const vcpu = (m: number) => `${round2(m / 1000)} vCPU`;

function familyOf(instanceType: string): string {
  return instanceType.split('.')[0] ?? instanceType;
}

/** Sizes node groups for the workloads that run on nodes (Fargate's are taken out before). */
export function planCompute(
  solver: Solver,
  demand: Demand,
  nodeWorkloads: readonly WorkloadDemand[],
  options: PlanOptions,
  catalog: Catalog,
): ComputeResult {
  const reasons: PlanReason[] = [];
  const notes: ComputeResult['notes'] = [];
  const { types, unpriced } = searchableTypes(catalog, options);
  if (unpriced > 0 && options.region !== 'us-east-1') {
    notes.push({
      topic: 'prices',
      why: `${unpriced} instance types have no on-demand price for ${options.region} in the catalog (its prices there date from 2022) and were left out of the search; 'kube2eks catalog refresh --region ${options.region}' brings current ones`,
    });
  }
  const pools = buildPools(nodeWorkloads, options);
  // Windows nodes pay the Windows Server license: their own prices, and only types that have one.
  const windows = pools.some((p) => p.os === 'windows')
    ? windowsSearchableTypes(catalog, options, types)
    : undefined;
  if (windows && windows.unpriced > 0) {
    notes.push({
      topic: 'windows',
      why: `${countOf(windows.unpriced, 'x86_64 instance type')} of the search ${windows.unpriced === 1 ? 'has' : 'have'} no Windows price (burstable types bill the license otherwise) and ${windows.unpriced === 1 ? 'was' : 'were'} left out of the Windows node group search`,
    });
  }
  const totalPods = new Map<string, number>();
  for (const w of nodeWorkloads) totalPods.set(w.key, w.replicas);

  const results: PoolResult[] = [];
  const placements: PlanPlacement[] = [];
  let status: ComputeResult['solverStatus'] = 'optimal';
  let mipGap = 0;
  for (const pool of pools) {
    if (pool.members.every((m) => m.pods === 0)) {
      reasons.push({
        subject: `pool:${pool.name}`,
        why: `no node group: its workloads (${pool.members.map((m) => m.workload.key).join(', ')}) run no pods at their baseline (they scale from zero)`,
      });
      continue;
    }
    const poolTypes = pool.os === 'windows' ? (windows?.types ?? []) : types;
    const sized = sizePool(solver, pool, poolTypes, demand.daemonSets, options, totalPods);
    if ('error' in sized) {
      reasons.push({ subject: `pool:${pool.name}`, why: sized.error });
      continue;
    }
    results.push(sized);
    if (sized.mip.status === 'time-limit') status = 'time-limit';
    mipGap = Math.max(mipGap, sized.mip.mipGap);

    // Spot groups list 3+ types of the primary's shape, so one reclaimed pool does not empty the group.
    if (pool.capacityType === 'SPOT') {
      for (const group of sized.groups) {
        const primary = sized.candidates.find((c) => c.instanceType === group.instanceTypes[0]);
        if (!primary) continue;
        group.instanceTypes = sameShape(primary, poolTypes);
        if (group.instanceTypes.length < 3) {
          notes.push({
            topic: 'spot',
            why: `node group ${group.name}: only ${countOf(group.instanceTypes.length, 'instance type')} of the shape of ${primary.instanceType} in the search; spot groups are safer with 3 or more`,
          });
        }
      }
    }

    const typeGroup = new Map(sized.groups.map((g) => [g.instanceTypes[0], g.name]));
    const perWorkload = new Map<string, Map<string, number>>();
    for (const node of sized.packed.nodes) {
      const groupName = typeGroup.get(node.type.instanceType) ?? pool.name;
      for (const [key, pods] of node.pods) {
        const m = perWorkload.get(key) ?? new Map<string, number>();
        m.set(groupName, (m.get(groupName) ?? 0) + pods);
        perWorkload.set(key, m);
      }
    }
    for (const [workload, byGroup] of perWorkload) {
      for (const [group, pods] of byGroup) placements.push({ workload, target: `nodeGroup:${group}`, pods });
    }
    for (const u of sized.packed.unplaced) {
      reasons.push({
        subject: `workload:${u.key}`,
        why: `${countOf(u.count, 'pod')} fit${u.count === 1 ? 's' : ''} no node of pool ${pool.name}`,
      });
    }

    const d = sized.demand;
    const mixText = sized.groups.map((g) => `${g.instanceTypes[0]} × ${g.desiredSize}`).join(' + ');
    for (const g of sized.groups) {
      reasons.push({
        subject: `nodeGroup:${g.name}`,
        why:
          `${pool.why}. Cheapest mix covering ${vcpu(d.cpuMillicores)}, ${gib(d.memoryMiB)}, ${countOf(d.pods, 'pod')}` +
          `${d.gpus ? `, ${countOf(d.gpus, 'GPU')}` : ''} × ${round2(1 + options.headroom)} headroom over ${countOf(options.azs, 'AZ')}: ${mixText}` +
          ` (${countOf(sized.overhead.pods, 'DaemonSet pod')}, ${vcpu(sized.overhead.cpuMillicores)} and ${gib(sized.overhead.memoryMiB)} per node; ${countOf(g.maxPodsPerNode, 'pod')} per node)` +
          `${sized.packed.added > 0 ? `; placement added ${countOf(sized.packed.added, 'node')} the aggregate mix could not pack` : ''}` +
          `${g.capacityType === 'SPOT' ? `; spot at ${Math.round(options.spotDiscount * 100)}% off on-demand, diversified over ${g.instanceTypes.join(', ')}` : ''}`,
      });
    }
  }

  const nodeGroups = results.flatMap((r) => r.groups);
  const monthlyOf = (capacityType: 'ON_DEMAND' | 'SPOT') =>
    round2(
      nodeGroups.filter((g) => g.capacityType === capacityType).reduce((s, g) => s + (g.monthlyUsd ?? 0), 0),
    );

  // vCPU quotas: EC2 counts running On-Demand vCPUs by family class and Spot vCPUs separately.
  const quota = new Map<string, number>();
  for (const r of results) {
    for (const g of r.groups) {
      const t: InstanceType | undefined = catalog.instanceTypes[g.instanceTypes[0] ?? ''];
      const key = `${familyOf(g.instanceTypes[0] ?? '')}|${g.capacityType}`;
      quota.set(key, (quota.get(key) ?? 0) + (t?.vcpu ?? 0) * g.maxSize);
    }
  }
  const vcpuQuota = [...quota]
    .map(([key, vcpus]) => {
      const [family, capacityType] = key.split('|') as [string, 'ON_DEMAND' | 'SPOT'];
      return { family, capacityType, vcpus };
    })
    .sort((a, b) => a.family.localeCompare(b.family) || a.capacityType.localeCompare(b.capacityType));

  return {
    pools: results,
    nodeGroups,
    placements: placements.sort(
      (a, b) => a.workload.localeCompare(b.workload) || a.target.localeCompare(b.target),
    ),
    reasons,
    notes,
    lowerBoundMonthly: round2(results.reduce((s, r) => s + r.lowerBound.objective, 0)),
    computeOnDemandMonthly: monthlyOf('ON_DEMAND'),
    computeSpotMonthly: monthlyOf('SPOT'),
    mipGap,
    solverStatus: status,
    vcpuQuota,
  };
}
