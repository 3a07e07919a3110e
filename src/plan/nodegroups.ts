// Node groups by optimisation. Pods are split into pools by what they need of a node (OS, architecture,
// GPUs, carried labels and taints, spot or on-demand); for each pool the instance types and counts that
// minimise the monthly cost while covering CPU, memory, GPUs and pod slots × (1 + headroom) come from
// HiGHS: the LP relaxation is the lower bound, the MIP the counts. First-fit-decreasing placement then
// proves the mix packs, adding nodes where it does not. One node group per chosen instance type.
import { type Catalog, type InstanceType, priceOf, windowsPriceOf } from '../catalog/index.js';
import { type NodeCapacity, nodeCapacity } from './capacity.js';
import { EKS_NODE_DAEMONSETS } from './daemonsets.table.js';
import type { DaemonSetDemand, WorkloadDemand } from './demand.js';
import { supportsPrefixDelegation } from './maxpods.js';
import { type PackNodeType, type PackResult, type PackWorkload, pack } from './pack.js';
import { type CoverSolution, type LinearModel, type Solver, solveCover, solveModel } from './solver.js';
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

/**
 * The search's types priced for Windows nodes (Linux price + the Windows Server license per vCPU); x86_64
 * types without a Windows price (burstable, or no license price in the catalog) are left out and counted.
 */
export function windowsSearchableTypes(
  catalog: Catalog,
  options: PlanOptions,
  linux: ReadonlyArray<{ type: InstanceType; hourlyUsd: number }>,
): { types: Array<{ type: InstanceType; hourlyUsd: number }>; unpriced: number } {
  const out: Array<{ type: InstanceType; hourlyUsd: number }> = [];
  let unpriced = 0;
  for (const { type } of linux) {
    if (type.architecture !== 'x86_64') continue;
    const price = windowsPriceOf(catalog, type.instanceType, options.region);
    if (price) out.push({ type, hourlyUsd: price.usdPerHour });
    else unpriced++;
  }
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
  const largest = { cpuMillicores: 0, memoryMiB: 0, gpus: 0 };
  for (const m of pool.members) {
    if (m.pods === 0) continue;
    largest.cpuMillicores = Math.max(largest.cpuMillicores, m.workload.pod.cpuMillicores);
    largest.memoryMiB = Math.max(largest.memoryMiB, m.workload.pod.memoryMiB);
    largest.gpus = Math.max(largest.gpus, m.workload.pod.gpus);
  }
  const holds = (c: Candidate) =>
    largest.cpuMillicores <= c.net.cpuMillicores &&
    largest.memoryMiB <= c.net.memoryMiB &&
    largest.gpus <= c.net.gpus;
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
  // The MIP decides node counts and which pod shapes go to which type together, so that every type's
  // nodes hold the pods assigned to them in every dimension (a mix that only covers the totals may not pack).
  const minNodes = demand.pods > 0 ? pool.minNodes : 0;
  const searched = narrowSearch(pool, candidates, lowerBound, demand, minNodes, options);
  const attempt = (slack: boolean) => {
    const { mip, assignment } = assignShapes(solver, pool, searched, minNodes, options, slack);
    const mix = searched
      .map((c, i) => ({ type: c as PackNodeType, count: mip.counts[i] ?? 0 }))
      .filter((m) => m.count > 0);
    const packWorkloads: PackWorkload[] = [];
    for (const m of pool.members) {
      const parts = assignment.get(m.workload.key) ?? [];
      for (const [preferType, count] of parts.length > 0 ? parts : [[undefined, m.pods] as const]) {
        const part: PackWorkload = {
          key: m.workload.key,
          count,
          pod: m.workload.pod,
          onePerNode: m.workload.onePerNode,
          zoneSpread: m.workload.zoneSpread,
          totalPods: totalPods.get(m.workload.key) ?? m.pods,
        };
        if (preferType !== undefined) part.preferType = preferType;
        packWorkloads.push(part);
      }
    }
    const packed = pack(packWorkloads, mix, candidates, options.azs);
    return { mip, packed, slack, cost: packed.nodes.reduce((sum, n) => sum + n.type.monthlyUsd, 0) };
  };
  // Whole pods leave gaps on whole nodes. When the headroom keeps less than one average pod free per node and
  // the pool is large (50+ pods a node, so the room costs at most 2%), the MIP keeps that room itself from the
  // start: one solve instead of two. Otherwise, where placement had to add nodes, solve again with that room
  // and keep the cheaper of the two placements.
  let best = attempt(keepsRoomFirst(lowerBound, candidates, demand, options));
  if (!best.slack && best.packed.added > 0) {
    const again = attempt(true);
    if (again.cost < best.cost - 1e-6) best = again;
  }
  const { mip, packed } = best;
  const groups = nodeGroupsOf(pool, packed, candidates, overhead, demand, peakDemand, options);
  return { pool, candidates, overhead, demand, peakDemand, lowerBound, mip, packed, groups };
}

/** Pods a node holds on average (by the LP bound's mix) from which keeping one pod's room costs at most 2%. */
const ROOMY_PODS_PER_NODE = 50;

/**
 * True when the first MIP should keep one average pod of room per node: the headroom leaves less than that
 * free on the LP bound's average node (in CPU or memory), and nodes hold ROOMY_PODS_PER_NODE pods or more.
 */
export function keepsRoomFirst(
  lowerBound: CoverSolution,
  candidates: readonly Candidate[],
  demand: { cpuMillicores: number; memoryMiB: number; pods: number },
  options: PlanOptions,
): boolean {
  const nodes = lowerBound.counts.reduce((a, b) => a + b, 0);
  if (demand.pods <= 0 || nodes <= 0 || demand.pods / nodes < ROOMY_PODS_PER_NODE) return false;
  const meanNode = (r: 'cpuMillicores' | 'memoryMiB') =>
    lowerBound.counts.reduce((sum, n, i) => sum + n * (candidates[i]?.net[r] ?? 0), 0) / nodes;
  const free = options.headroom / (1 + options.headroom);
  return (
    free * meanNode('cpuMillicores') < demand.cpuMillicores / demand.pods ||
    free * meanNode('memoryMiB') < demand.memoryMiB / demand.pods
  );
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

/** Above this many distinct pod shapes, shapes are grouped (each group sized by its largest member). */
const MAX_SHAPES = 40;
/** Shape groups step by this ratio in CPU and in memory (2^(1/4) ≈ 19%). */
const SHAPE_STEP = 2 ** 0.25;

interface Shape {
  cpuMillicores: number;
  memoryMiB: number;
  gpus: number;
  pods: number;
  members: Array<{ key: string; pods: number }>;
}

/** Pod shapes of a pool: exact (CPU, memory, GPUs) when few, else grouped on a geometric grid. */
export function shapesOf(members: readonly PoolMember[]): Shape[] {
  const group = (grid: boolean) => {
    const map = new Map<string, Shape>();
    for (const m of members) {
      if (m.pods === 0) continue;
      const p = m.workload.pod;
      const bucket = (v: number) => (v <= 0 ? 0 : Math.ceil(Math.log(v) / Math.log(SHAPE_STEP) - 1e-9));
      const key = grid
        ? `${bucket(p.cpuMillicores)}|${bucket(p.memoryMiB)}|${p.gpus}`
        : `${p.cpuMillicores}|${p.memoryMiB}|${p.gpus}`;
      const shape = map.get(key) ?? { cpuMillicores: 0, memoryMiB: 0, gpus: p.gpus, pods: 0, members: [] };
      shape.cpuMillicores = Math.max(shape.cpuMillicores, p.cpuMillicores);
      shape.memoryMiB = Math.max(shape.memoryMiB, p.memoryMiB);
      shape.pods += m.pods;
      shape.members.push({ key: m.workload.key, pods: m.pods });
      map.set(key, shape);
    }
    return [...map.values()];
  };
  const exact = group(false);
  return exact.length <= MAX_SHAPES ? exact : group(true);
}

/**
 * Node counts by type (whole numbers) and pods of each shape by type, of least monthly cost:
 *   min Σₜ costₜ·xₜ  s.t.  Σₜ y_{s,t} ≥ pods_s;  Σₛ y_{s,t}·need_{s,r} ≤ capₜ,ᵣ·xₜ / (1 + headroom) for r ∈
 *   {CPU, memory, pod slots} (GPUs without headroom);  Σₜ xₜ ≥ minNodes;  xₜ ∈ ℕ, y ≥ 0.
 * Returns the solution over the x columns and, per workload, its pods by type (largest remainder).
 */
function assignShapes(
  solver: Solver,
  pool: Pool,
  candidates: readonly Candidate[],
  minNodes: number,
  options: PlanOptions,
  slack: boolean,
): { mip: CoverSolution; assignment: Map<string, Array<[string, number]>> } {
  const shapes = shapesOf(pool.members);
  const T = candidates.length;
  const factor = 1 + options.headroom;
  // With `slack`, each node keeps room for one average pod: placement into whole nodes leaves such gaps, and
  // a mix that fills every node to the last millicore may not pack.
  const totalPods = shapes.reduce((n, s) => n + s.pods, 0) || 1;
  const meanCpu = slack ? shapes.reduce((n, s) => n + s.cpuMillicores * s.pods, 0) / totalPods : 0;
  const meanMem = slack ? shapes.reduce((n, s) => n + s.memoryMiB * s.pods, 0) / totalPods : 0;
  // CPU in vCPU and memory in GiB: coefficients of like size keep HiGHS fast and its tolerances meaningful.
  const rows: LinearModel['rows'] = [];
  const shapeRow = shapes.map((s) => rows.push({ lower: s.pods, upper: Number.POSITIVE_INFINITY }) - 1);
  const typeRows = candidates.map(() => {
    const base = rows.length;
    for (let r = 0; r < 4; r++) rows.push({ lower: Number.NEGATIVE_INFINITY, upper: 0 });
    return base;
  });
  const nodesRow = rows.push({ lower: minNodes, upper: Number.POSITIVE_INFINITY }) - 1;
  const columns: LinearModel['columns'] = candidates.map((c, t) => {
    const base = typeRows[t] ?? 0;
    return {
      cost: c.monthlyUsd,
      integer: true,
      entries: [
        [base, -Math.max(0, c.net.cpuMillicores - meanCpu) / 1000 / factor],
        [base + 1, -Math.max(0, c.net.memoryMiB - meanMem) / 1024 / factor],
        [base + 2, -c.net.pods / factor],
        [base + 3, -c.net.gpus],
        [nodesRow, 1],
      ],
    };
  });
  const yIndex: Array<[shape: number, type: number]> = [];
  shapes.forEach((s, si) => {
    candidates.forEach((c, t) => {
      if (s.cpuMillicores > c.net.cpuMillicores || s.memoryMiB > c.net.memoryMiB || s.gpus > c.net.gpus)
        return;
      const base = typeRows[t] ?? 0;
      yIndex.push([si, t]);
      columns.push({
        cost: 0,
        integer: false,
        entries: [
          [shapeRow[si] ?? 0, 1],
          [base, s.cpuMillicores / 1000],
          [base + 1, s.memoryMiB / 1024],
          [base + 2, 1],
          [base + 3, s.gpus],
        ],
      });
    });
  });
  // Stop once the best plan found is within a quarter of the cheapest node of what is provably possible:
  // plans are sums of node prices, and proving the last dollars costs seconds for nothing.
  const cheapest = Math.min(...candidates.map((c) => c.monthlyUsd));
  const solved = solveModel(
    solver,
    { columns, rows },
    { timeLimitSeconds: options.solverTimeLimitSeconds ?? 10, mipAbsGap: cheapest / 4 },
  );
  const mip: CoverSolution = { ...solved, counts: solved.counts.slice(0, T) };

  // Whole pods per type for each shape (largest remainder), then per workload in order.
  const assignment = new Map<string, Array<[string, number]>>();
  shapes.forEach((s, si) => {
    const shares = yIndex
      .map(([shape, t], k) => ({ shape, t, y: solved.counts[T + k] ?? 0 }))
      .filter((x) => x.shape === si && x.y > 1e-9);
    const total = shares.reduce((sum, x) => sum + x.y, 0);
    if (total <= 0) return;
    const exact = shares.map((x) => ({ ...x, want: (x.y / total) * s.pods }));
    const whole = exact.map((x) => ({ ...x, n: Math.floor(x.want + 1e-9) }));
    let left = s.pods - whole.reduce((sum, x) => sum + x.n, 0);
    for (const x of [...whole].sort((a, b) => b.want - b.n - (a.want - a.n) || a.t - b.t)) {
      if (left <= 0) break;
      x.n++;
      left--;
    }
    const quotas = whole.filter((x) => x.n > 0).sort((a, b) => b.n - a.n || a.t - b.t);
    let q = 0;
    for (const member of s.members) {
      let need = member.pods;
      const parts: Array<[string, number]> = [];
      while (need > 0 && q < quotas.length) {
        const quota = quotas[q]!;
        const take = Math.min(need, quota.n);
        parts.push([candidates[quota.t]!.instanceType, take]);
        quota.n -= take;
        need -= take;
        if (quota.n === 0) q++;
      }
      if (need > 0) parts.push([candidates[quotas[quotas.length - 1]?.t ?? 0]!.instanceType, need]);
      assignment.set(member.key, parts);
    }
  });
  return { mip, assignment };
}

/** Above this many candidates the MIP searches a chosen subset (the lower bound still uses them all). */
const MAX_MIP_CANDIDATES = 12;

/**
 * The candidates the MIP searches. Exact first: a type costing more than a known feasible plan (the cheapest
 * single type that holds everything) cannot be in an optimal one. If more than MAX_MIP_CANDIDATES remain, the
 * types the LP relaxation uses, up to three smaller sizes of their families (to top up in small steps), and for each pod
 * shape the two types that hold it for least per pod.
 */
export function narrowSearch(
  pool: Pool,
  candidates: readonly Candidate[],
  lowerBound: CoverSolution,
  demand: { cpuMillicores: number; memoryMiB: number; gpus: number; pods: number },
  minNodes: number,
  options: PlanOptions,
): Candidate[] {
  const factor = 1 + options.headroom;
  const nodesFor = (c: Candidate) =>
    Math.max(
      minNodes,
      Math.ceil(
        Math.max(
          (demand.cpuMillicores * factor) / c.net.cpuMillicores,
          (demand.memoryMiB * factor) / c.net.memoryMiB,
          (demand.pods * factor) / c.net.pods,
          c.net.gpus > 0 ? demand.gpus / c.net.gpus : 0,
        ) - 1e-9,
      ),
    );
  const upper = Math.min(...candidates.map((c) => nodesFor(c) * c.monthlyUsd));
  const affordable = candidates.filter((c) => c.monthlyUsd <= upper + 1e-6);
  if (affordable.length <= MAX_MIP_CANDIDATES) return affordable;

  const keep = new Set<Candidate>();
  const family = (c: Candidate) => c.instanceType.split('.')[0];
  const used = affordable.filter((c) => (lowerBound.counts[candidates.indexOf(c)] ?? 0) > 1e-9);
  for (const c of used) keep.add(c);
  // Smaller sizes of the LP's families top a mix up in small steps.
  for (const u of used) {
    const sizes = affordable
      .filter((c) => family(c) === family(u) && c.vcpu < u.vcpu)
      .sort((a, b) => b.vcpu - a.vcpu);
    for (const c of sizes.slice(0, 3)) keep.add(c);
  }
  for (const shape of shapesOf(pool.members)) {
    const perPod = (c: Candidate) => {
      const fit = Math.min(
        c.net.cpuMillicores / Math.max(1, shape.cpuMillicores),
        c.net.memoryMiB / Math.max(1, shape.memoryMiB),
        c.net.pods,
        shape.gpus > 0 ? c.net.gpus / shape.gpus : Number.POSITIVE_INFINITY,
      );
      return fit >= 1 ? c.monthlyUsd / fit : Number.POSITIVE_INFINITY;
    };
    const best = [...affordable].sort(
      (a, b) => perPod(a) - perPod(b) || a.instanceType.localeCompare(b.instanceType),
    );
    for (const c of best.slice(0, 2)) if (Number.isFinite(perPod(c))) keep.add(c);
  }
  return affordable.filter((c) => keep.has(c));
}
