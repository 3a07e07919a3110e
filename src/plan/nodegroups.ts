// Node groups by optimisation. Pods are split into pools by what they need of a node (OS, architecture,
// GPUs, carried labels and taints, spot or on-demand); for each pool the instance types and counts that
// minimise the monthly cost while covering CPU, memory, GPUs and pod slots × (1 + headroom) come from
// HiGHS: the LP relaxation is the lower bound, the MIP the counts. First-fit-decreasing placement then
// proves the mix packs, adding nodes where it does not. One node group per chosen instance type.
import { type Catalog, type InstanceType, priceOf } from '../catalog/index.js';
import { type NodeCapacity, nodeCapacity } from './capacity.js';
import { EKS_NODE_DAEMONSETS } from './daemonsets.table.js';
import type { DaemonSetDemand, WorkloadDemand } from './demand.js';
import { supportsPrefixDelegation } from './maxpods.js';
import { type PackNodeType, type PackResult, type PackWorkload, pack } from './pack.js';
import { type CoverSolution, type Solver, solveCover } from './solver.js';
import type { Arch, PlanNodeGroup, PlanOptions, PlanPlacement, PlanReason, PlanTaint } from './types.js';

export const HOURS_PER_MONTH = 730;
/** Families of accelerators other than GPUs (Inferentia, Trainium, FPGA, video, Gaudi): never general nodes. */
const ACCELERATOR_FAMILY = /^(inf|trn|dl|f|vt)\d/;
/** Burstable families (CPU credits): left out unless --instance-types names them, since a node runs flat out. */
const BURSTABLE = /^t\d/;

export interface PoolMember {
  workload: WorkloadDemand;
  pods: number;
  peakPods: number;
}

export interface Pool {
  name: string;
  os: 'linux' | 'windows';
  arch: Arch | 'any';
  gpu: boolean;
  capacityType: 'ON_DEMAND' | 'SPOT';
  labels: Record<string, string>;
  taints: PlanTaint[];
  members: PoolMember[];
  /** Fewest nodes: one per AZ for general pools; one per replica of a one-per-node workload. */
  minNodes: number;
  /** Why the pool exists. */
  why: string;
}

export interface Candidate extends PackNodeType {
  type: InstanceType;
  capacity: NodeCapacity;
  hourlyUsd: number;
  arch: Arch;
}

export interface PoolResult {
  pool: Pool;
  candidates: Candidate[];
  overhead: { cpuMillicores: number; memoryMiB: number; pods: number };
  demand: { cpuMillicores: number; memoryMiB: number; gpus: number; pods: number };
  peakDemand: { cpuMillicores: number; memoryMiB: number; gpus: number; pods: number };
  lowerBound: CoverSolution;
  mip: CoverSolution;
  packed: PackResult;
  groups: PlanNodeGroup[];
}

export interface ComputeResult {
  pools: PoolResult[];
  nodeGroups: PlanNodeGroup[];
  placements: PlanPlacement[];
  reasons: PlanReason[];
  notes: Array<{ topic: string; why: string }>;
  lowerBoundMonthly: number;
  computeOnDemandMonthly: number;
  computeSpotMonthly: number;
  mipGap: number;
  solverStatus: 'optimal' | 'time-limit';
  /** EC2 vCPU quota each family needs (on-demand and spot are separate quotas). */
  vcpuQuota: Array<{ family: string; capacityType: 'ON_DEMAND' | 'SPOT'; vcpus: number }>;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .trim()
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** Instance types the search may use in a region, with the reason others were left out. */
export function searchableTypes(
  catalog: Catalog,
  options: PlanOptions,
): { types: Array<{ type: InstanceType; hourlyUsd: number }>; unpriced: number } {
  const patterns = options.instanceTypes.map(globToRegExp);
  const out: Array<{ type: InstanceType; hourlyUsd: number }> = [];
  let unpriced = 0;
  for (const type of Object.values(catalog.instanceTypes)) {
    if (patterns.length > 0) {
      if (!patterns.some((p) => p.test(type.instanceType))) continue;
    } else if (
      type.currentGeneration === false ||
      type.hypervisor === 'xen' ||
      BURSTABLE.test(type.instanceType)
    )
      continue;
    if (type.vcpu === null || type.memoryMiB === null || type.architecture === null) continue;
    const price = priceOf(catalog, type.instanceType, options.region);
    if (!price) {
      unpriced++;
      continue;
    }
    out.push({ type, hourlyUsd: price.usdPerHour });
  }
  out.sort((a, b) => a.type.instanceType.localeCompare(b.type.instanceType));
  return { types: out, unpriced };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** The share of each eligible workload's pods that goes to spot. */
function spotPods(w: WorkloadDemand, spot: PlanOptions['spot']): number {
  if (spot === 'none' || !w.spot.eligible) return 0;
  const ratio = spot === 'auto' ? 1 : Math.min(1, Math.max(0, spot));
  return Math.floor(w.replicas * ratio);
}

/** Splits the workloads into pools by what they need of a node. */
export function buildPools(workloads: readonly WorkloadDemand[], options: PlanOptions): Pool[] {
  const pools = new Map<string, Pool>();
  const defaultArch: Arch | 'any' = options.arch;
  for (const w of workloads) {
    const arch: Arch | 'any' =
      w.os === 'windows' ? 'x86_64' : w.arch !== 'any' ? w.arch : defaultArch === 'any' ? 'any' : defaultArch;
    const gpu = w.pod.gpus > 0;
    const labelText = Object.entries(w.nodeLabels)
      .map(([k, v]) => `${k.split('/').pop()}-${v}`)
      .join('-');
    let base = w.os === 'windows' ? 'windows' : gpu ? 'gpu' : labelText ? slug(labelText) : 'general';
    if (arch !== defaultArch && w.os !== 'windows') base = `${base}-${arch === 'arm64' ? 'arm64' : 'x86'}`;
    const spotCount = spotPods(w, options.spot);
    const shares: Array<['ON_DEMAND' | 'SPOT', number, number]> = [];
    if (spotCount > 0)
      shares.push(['SPOT', spotCount, Math.floor(w.peakReplicas * (spotCount / Math.max(1, w.replicas)))]);
    if (w.replicas - spotCount > 0 || spotCount === 0)
      shares.push(['ON_DEMAND', w.replicas - spotCount, w.peakReplicas - (shares[0]?.[2] ?? 0)]);
    for (const [capacityType, pods, peakPods] of shares) {
      const name = capacityType === 'SPOT' ? `${base}-spot` : base;
      const key = JSON.stringify([w.os, arch, gpu, w.nodeLabels, w.taints, capacityType]);
      let pool = pools.get(key);
      if (!pool) {
        // The general on-demand pool keeps a node in every AZ; the others as many as their largest workload spreads over.
        const general = base === 'general' && capacityType === 'ON_DEMAND';
        pool = {
          name,
          os: w.os,
          arch,
          gpu,
          capacityType,
          labels: { ...w.nodeLabels },
          taints: [...w.taints],
          members: [],
          minNodes: general ? Math.max(1, options.azs) : 1,
          why:
            w.os === 'windows'
              ? 'Windows pods need Windows nodes'
              : gpu
                ? 'pods request nvidia.com/gpu'
                : labelText
                  ? `pods select node labels ${Object.entries(w.nodeLabels)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(', ')}`
                  : capacityType === 'SPOT'
                    ? 'interruption-tolerant workloads on spot'
                    : 'workloads without special node needs',
        };
        pools.set(key, pool);
      }
      pool.members.push({ workload: w, pods, peakPods: Math.max(pods, peakPods) });
      if (pool.minNodes < options.azs) pool.minNodes = Math.max(pool.minNodes, Math.min(options.azs, pods));
      if (w.onePerNode) pool.minNodes = Math.max(pool.minNodes, pods);
    }
  }
  // Names stay unique when two pools share one (the same labels on both architectures).
  const used = new Set<string>();
  const out = [...pools.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const pool of out) {
    let name = pool.name;
    for (let i = 2; used.has(name); i++) name = `${pool.name}-${i}`;
    pool.name = name;
    used.add(name);
  }
  return out;
}

/** Per-node overhead in a pool: EKS's own DaemonSets (Linux) and the workloads' DaemonSets. */
export function poolOverhead(
  pool: Pool,
  daemonSets: readonly DaemonSetDemand[],
): { cpuMillicores: number; memoryMiB: number; pods: number } {
  let cpu = 0;
  let mem = 0;
  let pods = 0;
  if (pool.os === 'linux') {
    for (const ds of EKS_NODE_DAEMONSETS) {
      cpu += ds.cpuMillicores;
      mem += ds.memoryMiB;
      pods += 1;
    }
  }
  for (const ds of daemonSets) {
    if (ds.os !== pool.os) continue;
    cpu += ds.pod.cpuMillicores;
    mem += ds.pod.memoryMiB;
    pods += 1;
  }
  return { cpuMillicores: cpu, memoryMiB: mem, pods };
}

function candidatesFor(
  pool: Pool,
  types: ReadonlyArray<{ type: InstanceType; hourlyUsd: number }>,
  overhead: { cpuMillicores: number; memoryMiB: number; pods: number },
  options: PlanOptions,
  priceFactor: number,
): Candidate[] {
  const out: Candidate[] = [];
  const maxGpus = Math.max(0, ...pool.members.map((m) => m.workload.pod.gpus));
  for (const { type, hourlyUsd } of types) {
    const arch = type.architecture as Arch;
    if (pool.arch !== 'any' && arch !== pool.arch) continue;
    if (pool.os === 'windows' && arch !== 'x86_64') continue;
    const gpus = type.gpuCount ?? 0;
    if (pool.gpu) {
      if (gpus < maxGpus || !/nvidia/i.test(type.gpuManufacturer ?? '')) continue;
    } else if (gpus > 0 || ACCELERATOR_FAMILY.test(type.instanceType)) continue;
    const capacity = nodeCapacity(type, {
      os: pool.os,
      prefixDelegation: pool.os === 'linux' && supportsPrefixDelegation(type),
      nodeGroupKind: options.nodeGroupKind,
    });
    if (!capacity) continue;
    const net = {
      cpuMillicores: capacity.allocatable.cpuMillicores - overhead.cpuMillicores,
      memoryMiB: capacity.allocatable.memoryMiB - overhead.memoryMiB,
      gpus,
      pods: capacity.allocatable.pods - overhead.pods,
    };
    if (net.cpuMillicores <= 0 || net.memoryMiB <= 0 || net.pods <= 0) continue;
    const hourly = hourlyUsd * priceFactor;
    out.push({
      instanceType: type.instanceType,
      monthlyUsd: hourly * HOURS_PER_MONTH,
      net,
      vcpu: capacity.vcpu,
      type,
      capacity,
      hourlyUsd: hourly,
      arch,
    });
  }
  return out;
}

/** Drops candidates another candidate beats on every count at no higher cost (they can never be needed). */
export function undominated(candidates: readonly Candidate[], gpu: boolean): Candidate[] {
  const sorted = [...candidates].sort(
    (a, b) => a.monthlyUsd - b.monthlyUsd || a.instanceType.localeCompare(b.instanceType),
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const beaten = kept.some(
      (k) =>
        k.monthlyUsd <= c.monthlyUsd &&
        k.net.cpuMillicores >= c.net.cpuMillicores &&
        k.net.memoryMiB >= c.net.memoryMiB &&
        k.net.pods >= c.net.pods &&
        (!gpu || k.net.gpus >= c.net.gpus),
    );
    if (!beaten) kept.push(c);
  }
  return kept;
}

function demandOf(members: readonly PoolMember[], peak: boolean) {
  const d = { cpuMillicores: 0, memoryMiB: 0, gpus: 0, pods: 0 };
  for (const m of members) {
    const n = peak ? m.peakPods : m.pods;
    d.cpuMillicores += n * m.workload.pod.cpuMillicores;
    d.memoryMiB += n * m.workload.pod.memoryMiB;
    d.gpus += n * m.workload.pod.gpus;
    d.pods += n;
  }
  return d;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function coverRows(c: Candidate, gpu: boolean): number[] {
  const rows = [c.net.cpuMillicores, c.net.memoryMiB, c.net.pods];
  if (gpu) rows.push(c.net.gpus);
  return rows;
}

/** Sizes one pool: candidates, lower bound, MIP counts, placement, node groups. */
export function sizePool(
  solver: Solver,
  pool: Pool,
  types: ReadonlyArray<{ type: InstanceType; hourlyUsd: number }>,
  daemonSets: readonly DaemonSetDemand[],
  options: PlanOptions,
  totalPods: ReadonlyMap<string, number>,
): PoolResult | { pool: Pool; error: string } {
  const overhead = poolOverhead(pool, daemonSets);
  const priceFactor = pool.capacityType === 'SPOT' ? 1 - options.spotDiscount : 1;
  const all = candidatesFor(pool, types, overhead, options, priceFactor);
  // Every candidate must hold the pool's largest pod: a node group is one shape, and its pods land anywhere.
  const holds = (c: Candidate) =>
    pool.members.every(
      (m) =>
        m.pods === 0 ||
        (m.workload.pod.cpuMillicores <= c.net.cpuMillicores &&
          m.workload.pod.memoryMiB <= c.net.memoryMiB &&
          m.workload.pod.gpus <= c.net.gpus),
    );
  const fitting = all.filter(holds);
  if (fitting.length === 0) {
    const biggest = [...pool.members].sort((a, b) => b.workload.pod.memoryMiB - a.workload.pod.memoryMiB)[0]
      ?.workload;
    return {
      pool,
      error: biggest
        ? `no instance type in the search holds ${biggest.key} (${round2(biggest.pod.cpuMillicores / 1000)} vCPU, ${round2(biggest.pod.memoryMiB / 1024)} GiB${biggest.pod.gpus ? `, ${biggest.pod.gpus} GPU` : ''} per pod, after ${overhead.pods} DaemonSet pods per node); widen --instance-types or --arch`
        : 'no instance type in the search',
    };
  }
  // Spot groups need 3+ types of one shape (one reclaimed capacity pool must not empty the group): prefer
  // candidates that have them.
  const diversifiable =
    pool.capacityType === 'SPOT' ? fitting.filter((c) => sameShape(c, types).length >= 3) : [];
  const candidates = undominated(diversifiable.length > 0 ? diversifiable : fitting, pool.gpu);
  const demand = demandOf(pool.members, false);
  const peakDemand = demandOf(pool.members, true);
  const factor = 1 + options.headroom;
  const rhs = [demand.cpuMillicores * factor, demand.memoryMiB * factor, demand.pods * factor];
  if (pool.gpu) rhs.push(demand.gpus);
  const columns = candidates.map((c) => ({ cost: c.monthlyUsd, coverage: coverRows(c, pool.gpu) }));
  const lowerBound = solveCover(solver, { columns, demand: rhs }, { integer: false });
  // The MIP also keeps the fewest nodes the pool needs (one per AZ, one per anti-affine replica).
  const minNodes = demand.pods > 0 ? pool.minNodes : 0;
  const mip = solveCover(
    solver,
    {
      columns: candidates.map((c) => ({ cost: c.monthlyUsd, coverage: [...coverRows(c, pool.gpu), 1] })),
      demand: [...rhs, minNodes],
    },
    { integer: true, timeLimitSeconds: options.solverTimeLimitSeconds ?? 10 },
  );
  const mix = candidates
    .map((c, i) => ({ type: c as PackNodeType, count: mip.counts[i] ?? 0 }))
    .filter((m) => m.count > 0);
  const packWorkloads: PackWorkload[] = pool.members.map((m) => ({
    key: m.workload.key,
    count: m.pods,
    pod: m.workload.pod,
    onePerNode: m.workload.onePerNode,
    zoneSpread: m.workload.zoneSpread,
    totalPods: totalPods.get(m.workload.key) ?? m.pods,
  }));
  const packed = pack(packWorkloads, mix, candidates, options.azs);
  const groups = nodeGroupsOf(pool, packed, candidates, overhead, demand, peakDemand, options);
  return { pool, candidates, overhead, demand, peakDemand, lowerBound, mip, packed, groups };
}

/** Types of the same shape (vCPU, memory, architecture) for a diversified spot group, cheapest first. */
export function sameShape(
  primary: Candidate,
  types: ReadonlyArray<{ type: InstanceType; hourlyUsd: number }>,
): string[] {
  const others = types
    .filter(
      ({ type }) =>
        type.instanceType !== primary.instanceType &&
        type.vcpu === primary.type.vcpu &&
        type.memoryMiB === primary.type.memoryMiB &&
        type.architecture === primary.type.architecture &&
        (type.gpuCount ?? 0) === (primary.type.gpuCount ?? 0) &&
        !ACCELERATOR_FAMILY.test(type.instanceType),
    )
    .sort((a, b) => a.hourlyUsd - b.hourlyUsd || a.type.instanceType.localeCompare(b.type.instanceType))
    .map((t) => t.type.instanceType);
  return [primary.instanceType, ...others.slice(0, 3)];
}

function nodeGroupsOf(
  pool: Pool,
  packed: PackResult,
  candidates: readonly Candidate[],
  overhead: { cpuMillicores: number; memoryMiB: number; pods: number },
  demand: { cpuMillicores: number; memoryMiB: number; pods: number },
  peakDemand: { cpuMillicores: number; memoryMiB: number; pods: number },
  options: PlanOptions,
): PlanNodeGroup[] {
  const byType = new Map<string, typeof packed.nodes>();
  for (const node of packed.nodes) {
    const list = byType.get(node.type.instanceType) ?? [];
    list.push(node);
    byType.set(node.type.instanceType, list);
  }
  const ratio = (peak: number, base: number) => (base > 0 ? peak / base : 1);
  const peakFactor = Math.max(
    ratio(peakDemand.cpuMillicores, demand.cpuMillicores),
    ratio(peakDemand.memoryMiB, demand.memoryMiB),
    ratio(peakDemand.pods, demand.pods),
  );
  const names = [...byType.keys()].sort();
  return names.map((instanceType) => {
    const nodes = byType.get(instanceType)!;
    const c = candidates.find((x) => x.instanceType === instanceType)!;
    const desired = nodes.length;
    const alloc = c.capacity.allocatable;
    const used = nodes.reduce(
      (s, n) => ({
        cpu: s.cpu + n.used.cpuMillicores + overhead.cpuMillicores,
        mem: s.mem + n.used.memoryMiB + overhead.memoryMiB,
        pods: s.pods + n.used.pods + overhead.pods,
      }),
      { cpu: 0, mem: 0, pods: 0 },
    );
    const util = (u: number, a: number) => (a > 0 ? Math.round((u / (a * desired)) * 100) / 100 : 0);
    const name = names.length === 1 ? pool.name : `${pool.name}-${slug(instanceType)}`;
    const group: PlanNodeGroup = {
      name,
      kind: options.nodeGroupKind,
      capacityType: pool.capacityType,
      instanceTypes: [instanceType],
      arch: c.arch,
      os: pool.os,
      amiFamily: options.amiFamily,
      minSize: Math.min(desired, pool.minNodes),
      desiredSize: desired,
      maxSize: Math.max(desired + 1, Math.ceil(desired * peakFactor)),
      maxPodsPerNode: c.capacity.maxPods,
      labels: { ...pool.labels },
      taints: [...pool.taints],
      utilization: {
        cpu: util(used.cpu, alloc.cpuMillicores),
        memory: util(used.mem, alloc.memoryMiB),
        pods: util(used.pods, alloc.pods),
      },
      monthlyUsd: round2(c.monthlyUsd * desired),
    };
    if (c.net.gpus > 0) group.gpus = c.net.gpus;
    return group;
  });
}
