// Placement: every pod on a node, largest first, to prove that the mix the solver chose packs.
// Honours each node's allocatable CPU, memory, GPUs and pod slots (net of the per-node DaemonSets),
// required hostname anti-affinity (one pod of a workload per node) and required zone spread (at most
// ⌈replicas / AZs⌉ pods of a workload per zone). Where a pod fits no node, a node is added: the cheapest
// candidate type that holds it, in the zone the pod needs.

export interface PackResources {
  cpuMillicores: number;
  memoryMiB: number;
  gpus: number;
  pods: number;
}

export interface PackNodeType {
  instanceType: string;
  /** Monthly cost of one node. */
  monthlyUsd: number;
  /** What pods get on one node: allocatable minus the per-node DaemonSet overhead. */
  net: PackResources;
  vcpu: number;
}

export interface PackWorkload {
  key: string;
  count: number;
  pod: { cpuMillicores: number; memoryMiB: number; gpus: number };
  onePerNode: boolean;
  zoneSpread: boolean;
  /** Total pods of the workload across pools, for the zone limit. */
  totalPods: number;
  /** The instance type the solver assigned these pods to: its nodes are tried first. */
  preferType?: string;
}

export interface PackedNode {
  type: PackNodeType;
  zone: number;
  used: PackResources;
  /** Pods per workload key. */
  pods: Map<string, number>;
  /** Added by placement, beyond the solver's mix. */
  added: boolean;
}

export interface PackResult {
  nodes: PackedNode[];
  /** Pods that fit no candidate type at all. */
  unplaced: Array<{ key: string; count: number }>;
  added: number;
}

const fits = (node: PackedNode, pod: PackWorkload['pod']): boolean =>
  node.used.cpuMillicores + pod.cpuMillicores <= node.type.net.cpuMillicores + 1e-6 &&
  node.used.memoryMiB + pod.memoryMiB <= node.type.net.memoryMiB + 1e-6 &&
  node.used.gpus + pod.gpus <= node.type.net.gpus &&
  node.used.pods + 1 <= node.type.net.pods;

const typeHolds = (t: PackNodeType, pod: PackWorkload['pod']): boolean =>
  pod.cpuMillicores <= t.net.cpuMillicores + 1e-6 &&
  pod.memoryMiB <= t.net.memoryMiB + 1e-6 &&
  pod.gpus <= t.net.gpus &&
  t.net.pods >= 1;

/**
 * Places the workloads' pods on `counts` nodes of each type (zones assigned round-robin), adding nodes of the
 * cheapest fitting candidate where needed.
 */
export function pack(
  workloads: readonly PackWorkload[],
  mix: ReadonlyArray<{ type: PackNodeType; count: number }>,
  candidates: readonly PackNodeType[],
  azs: number,
): PackResult {
  const zones = Math.max(1, azs);
  const nodes: PackedNode[] = [];
  // Larger nodes first: big pods find room before small ones fill it.
  const ordered = [...mix].sort(
    (a, b) => b.type.vcpu - a.type.vcpu || a.type.instanceType.localeCompare(b.type.instanceType),
  );
  for (const { type, count } of ordered) {
    for (let i = 0; i < count; i++) nodes.push(newNode(type, nodes.length % zones, false));
  }
  // Nodes by type, so the pass over a pod's assigned type looks at that type's nodes only.
  const byType = new Map<string, PackedNode[]>();
  const remember = (node: PackedNode) => {
    const list = byType.get(node.type.instanceType) ?? [];
    list.push(node);
    byType.set(node.type.instanceType, list);
  };
  for (const node of nodes) remember(node);
  const scaleCpu = Math.max(1, ...candidates.map((c) => c.net.cpuMillicores));
  const scaleMem = Math.max(1, ...candidates.map((c) => c.net.memoryMiB));
  const size = (w: PackWorkload) =>
    Math.max(w.pod.cpuMillicores / scaleCpu, w.pod.memoryMiB / scaleMem) + w.pod.gpus;
  const sorted = [...workloads]
    .filter((w) => w.count > 0)
    .sort((a, b) => size(b) - size(a) || a.key.localeCompare(b.key));
  const cheapest = [...candidates].sort(
    (a, b) => a.monthlyUsd - b.monthlyUsd || a.instanceType.localeCompare(b.instanceType),
  );
  const unplaced: PackResult['unplaced'] = [];
  let added = 0;
  // Pods per zone of each workload (a workload may come in several parts, one per assigned type).
  const zonesOf = new Map<string, number[]>();
  for (const w of sorted) {
    let perZone = zonesOf.get(w.key);
    if (!perZone) {
      perZone = new Array<number>(zones).fill(0);
      zonesOf.set(w.key, perZone);
    }
    const zoneLimit = w.zoneSpread ? Math.ceil(w.totalPods / zones) : Number.POSITIVE_INFINITY;
    const fitType = cheapest.find((t) => typeHolds(t, w.pod));
    for (let i = 0; i < w.count; i++) {
      // Of the nodes the pod fits (those of its assigned type first), the one left least loaded in its most
      // loaded dimension (CPU, memory or pod slots, each as a share of the node's): load stays even.
      let placed: PackedNode | undefined;
      for (const pass of w.preferType !== undefined ? [true, false] : [false]) {
        let best = Number.POSITIVE_INFINITY;
        for (const node of pass ? (byType.get(w.preferType ?? '') ?? []) : nodes) {
          if (!fits(node, w.pod)) continue;
          if (w.onePerNode && (node.pods.get(w.key) ?? 0) > 0) continue;
          if ((perZone[node.zone] ?? 0) >= zoneLimit) continue;
          const net = node.type.net;
          const peak = Math.max(
            (node.used.cpuMillicores + w.pod.cpuMillicores) / net.cpuMillicores,
            (node.used.memoryMiB + w.pod.memoryMiB) / net.memoryMiB,
            (node.used.pods + 1) / net.pods,
          );
          if (peak < best - 1e-12) {
            best = peak;
            placed = node;
          }
        }
        if (placed) break;
      }
      if (!placed) {
        if (!fitType) {
          unplaced.push({ key: w.key, count: w.count - i });
          break;
        }
        // The zone with the fewest of this workload's pods, then the fewest nodes.
        const nodesPerZone = new Array<number>(zones).fill(0);
        for (const n of nodes) nodesPerZone[n.zone] = (nodesPerZone[n.zone] ?? 0) + 1;
        let zone = 0;
        for (let z = 1; z < zones; z++) {
          const better =
            (perZone[z] ?? 0) < (perZone[zone] ?? 0) ||
            ((perZone[z] ?? 0) === (perZone[zone] ?? 0) &&
              (nodesPerZone[z] ?? 0) < (nodesPerZone[zone] ?? 0));
          if (better) zone = z;
        }
        placed = newNode(fitType, zone, true);
        nodes.push(placed);
        remember(placed);
        added++;
      }
      placed.used.cpuMillicores += w.pod.cpuMillicores;
      placed.used.memoryMiB += w.pod.memoryMiB;
      placed.used.gpus += w.pod.gpus;
      placed.used.pods += 1;
      placed.pods.set(w.key, (placed.pods.get(w.key) ?? 0) + 1);
      perZone[placed.zone] = (perZone[placed.zone] ?? 0) + 1;
    }
  }
  return { nodes, unplaced, added };
}

function newNode(type: PackNodeType, zone: number, added: boolean): PackedNode {
  return { type, zone, used: { cpuMillicores: 0, memoryMiB: 0, gpus: 0, pods: 0 }, pods: new Map(), added };
}
