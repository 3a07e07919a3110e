// Like for like: the source's node pools copied one for one onto the nearest EC2 types, priced, beside the
// plan's own compute cost. Present only when the inventory holds the source's nodes.
import { type Catalog, findInstanceType, type InstanceType } from '../catalog/index.js';
import { cpuMillicores, memoryMiB } from '../model/quantity.js';
import type { NodeFact } from '../model/types.js';
import { HOURS_PER_MONTH, searchableTypes, windowsSearchableTypes } from './nodegroups.js';
import type { PlanOptions, PlanSourceComparison } from './types.js';
import { countOf } from './words.js';

/** Labels that name a node's pool, most specific first (GKE, AKS, EKS, Karpenter, then the type). */
export const POOL_LABELS: readonly string[] = [
  'cloud.google.com/gke-nodepool',
  'kubernetes.azure.com/agentpool',
  'agentpool',
  'eks.amazonaws.com/nodegroup',
  'karpenter.sh/nodepool',
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
];
const TYPE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'];
/** The kubelet reports a little less memory than the VM has: a type within this share still matches. */
const MEMORY_TOLERANCE = 0.9;

const round2 = (n: number) => Math.round(n * 100) / 100;

interface SourcePool {
  name: string;
  nodes: number;
  machine: string;
  vcpu: number;
  memoryMiB: number;
  gpus: number;
  arch: 'x86_64' | 'arm64';
  windows: boolean;
}

function poolsOf(nodes: readonly NodeFact[]): SourcePool[] {
  const pools = new Map<string, SourcePool>();
  for (const node of nodes) {
    const label = POOL_LABELS.find((l) => node.labels[l] !== undefined);
    const name = label ? (node.labels[label] ?? node.name) : node.name;
    const machine =
      node.instanceType ?? TYPE_LABELS.map((l) => node.labels[l]).find((v) => v !== undefined) ?? 'unknown';
    const arch = (node.architecture ?? node.labels['kubernetes.io/arch']) === 'arm64' ? 'arm64' : 'x86_64';
    const key = `${name}|${machine}`;
    const known = pools.get(key);
    if (known) {
      known.nodes++;
      continue;
    }
    pools.set(key, {
      name,
      nodes: 1,
      machine,
      vcpu: Math.round((cpuMillicores(node.capacity.cpu) ?? 0) / 1000),
      memoryMiB: memoryMiB(node.capacity.memory) ?? 0,
      gpus: Number(node.capacity['nvidia.com/gpu'] ?? 0) || 0,
      arch,
      windows: (node.os ?? node.labels['kubernetes.io/os']) === 'windows',
    });
  }
  return [...pools.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.machine.localeCompare(b.machine),
  );
}

/** The EC2 type nearest a source machine: at least its vCPUs, ~its memory and GPUs, same architecture. */
export function nearestType(
  pool: Pick<SourcePool, 'vcpu' | 'memoryMiB' | 'gpus' | 'arch'>,
  types: ReadonlyArray<{ type: InstanceType; hourlyUsd: number }>,
): { type: InstanceType; hourlyUsd: number } | undefined {
  const distance = (t: InstanceType) =>
    (t.vcpu ?? 0) / Math.max(1, pool.vcpu) - 1 + ((t.memoryMiB ?? 0) / Math.max(1, pool.memoryMiB) - 1);
  return types
    .filter(
      ({ type }) =>
        type.architecture === pool.arch &&
        (type.vcpu ?? 0) >= pool.vcpu &&
        (type.memoryMiB ?? 0) >= pool.memoryMiB * MEMORY_TOLERANCE &&
        (pool.gpus > 0 ? (type.gpuCount ?? 0) >= pool.gpus : (type.gpuCount ?? 0) === 0),
    )
    .sort(
      (a, b) =>
        distance(a.type) - distance(b.type) ||
        a.hourlyUsd - b.hourlyUsd ||
        a.type.instanceType.localeCompare(b.type.instanceType),
    )[0];
}

export function compareWithSource(
  nodes: readonly NodeFact[],
  options: PlanOptions,
  catalog: Catalog,
  planCompute: number,
  planNodes: number,
): PlanSourceComparison | undefined {
  if (nodes.length === 0) return undefined;
  // Any current type may stand in for an old machine, even one the search for the plan left out.
  const { types } = searchableTypes(catalog, { ...options, instanceTypes: [] });
  // Windows machines are priced as Windows nodes (the license included).
  const windowsTypes = poolsOf(nodes).some((p) => p.windows)
    ? windowsSearchableTypes(catalog, options, types).types
    : [];
  const out: PlanSourceComparison['nodes'] = [];
  const unmatched: string[] = [];
  let monthly = 0;
  for (const pool of poolsOf(nodes)) {
    const priced = pool.windows ? windowsTypes : types;
    const own = findInstanceType(catalog, pool.machine);
    const ownPrice = own ? priced.find((t) => t.type.instanceType === own.instanceType) : undefined;
    const match = ownPrice ?? nearestType(pool, priced);
    const from = `${pool.machine} × ${pool.nodes} (pool ${pool.name}: ${pool.vcpu} vCPU, ${round2(pool.memoryMiB / 1024)} GiB${pool.gpus ? `, ${pool.gpus} GPU` : ''})`;
    if (!match) {
      unmatched.push(pool.name);
      out.push({ from, to: 'no EC2 type of that size in the catalog' });
      continue;
    }
    const cost = match.hourlyUsd * HOURS_PER_MONTH * pool.nodes;
    monthly += cost;
    out.push({ from, to: `${match.type.instanceType} × ${pool.nodes}`, monthlyUsd: round2(cost) });
  }
  const sourceNodes = nodes.length;
  const diff = monthly - planCompute;
  const why =
    `the ${countOf(sourceNodes, 'source node')} copied one for one` +
    (monthly > 0
      ? `: ${diff >= 0 ? `$${round2(diff)} a month more` : `$${round2(-diff)} a month less`} than this plan's ${countOf(planNodes, 'node')} ($${round2(planCompute)}), which size to the pods' requests × (1 + ${options.headroom}) headroom instead of the old pools' capacity`
      : '') +
    (unmatched.length > 0 ? `; no match for pool ${unmatched.join(', ')}` : '');
  return { nodes: out, monthly: round2(monthly), why };
}
