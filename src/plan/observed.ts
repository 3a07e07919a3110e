// Observed sizing (`--sizing observed`): each long-running container sized from the metrics-server usage a
// collect bundle holds, where that is below its request. Pure.
// One snapshot is what the bundle has: usage at one moment (metrics-server's last window), not a peak; the
// 1.3 margin and the floors keep a quiet moment from starving a container, and the reasons say so.
import { getPath, isRecord } from '../model/kinds.js';
import { cpuMillicores, memoryMiB } from '../model/quantity.js';
import type { Inventory, InventoryObject } from '../model/types.js';
import { type ContainerSizer, type Demand, podRequest, type WorkloadDemand } from './demand.js';

/** Observed usage × this margin is what a container is sized at. */
export const OBSERVED_MARGIN = 1.3;
/** Floors: no container is sized below these, whatever it used at the snapshot. */
export const OBSERVED_FLOOR_CPU_MILLICORES = 10;
export const OBSERVED_FLOOR_MEMORY_MIB = 32;

/** Usage of one container: the largest of its pods' at the snapshot. */
export interface ContainerUsage {
  cpuMillicores: number;
  memoryMiB: number;
}

/**
 * A container's size from its usage: max(usage × 1.3, the floor) where that is below what it states;
 * memory never below its limit (a container may grow to it, and nodes packed below it evict under pressure).
 * A resource the container states no request or limit for is sized from usage alone (the default is a guess).
 */
export function sizeContainer(
  stated: { cpuMillicores: number | undefined; memoryMiB: number | undefined },
  memoryLimitMiB: number | undefined,
  usage: ContainerUsage,
): { cpuMillicores: number; memoryMiB: number } {
  const cpu = Math.max(
    Math.ceil(usage.cpuMillicores * OBSERVED_MARGIN - 1e-9),
    OBSERVED_FLOOR_CPU_MILLICORES,
  );
  const mem = Math.max(
    Math.ceil(usage.memoryMiB * OBSERVED_MARGIN - 1e-9),
    OBSERVED_FLOOR_MEMORY_MIB,
    memoryLimitMiB ?? 0,
  );
  return {
    cpuMillicores: stated.cpuMillicores === undefined ? cpu : Math.min(cpu, stated.cpuMillicores),
    memoryMiB: stated.memoryMiB === undefined ? mem : Math.min(mem, stated.memoryMiB),
  };
}

export interface ObservedFallback {
  /** `ns/Kind/name`. */
  workload: string;
  why: 'no usage found' | 'usage × 1.3 not below requests';
}

/** One container sized from usage: what it used, what it stated, what it is sized at (the requests to set). */
export interface ObservedContainer {
  workload: string;
  container: string;
  usage: ContainerUsage;
  /** Its request (or the limit standing for it); absent when it states neither. */
  requested: { cpuMillicores?: number; memoryMiB?: number };
  sized: { cpuMillicores: number; memoryMiB: number };
}

export interface ObservedSizing {
  /** The demand with each sized workload's pod resized (DaemonSets keep their requests). */
  demand: Demand;
  /** Workloads sized from usage. */
  sized: string[];
  /** Workloads sized by their requests, and why. */
  fellBack: ObservedFallback[];
  /** The containers of the sized workloads that had usage. */
  containers: ObservedContainer[];
  /** False when the inventory holds no usage at all. */
  usageFound: boolean;
}

const keyOf = (ns: string | undefined, kind: string, name: string) => `${ns ?? 'default'}/${kind}/${name}`;

/** The workload (`ns/Kind/name`) each Pod of the inventory belongs to: its controllers followed while they are in the input. */
function workloadOfPods(inventory: Inventory): Map<string, string> {
  const byKey = new Map<string, InventoryObject>();
  for (const o of inventory.objects) byKey.set(keyOf(o.ref.namespace, o.ref.kind, o.ref.name), o);
  const out = new Map<string, string>();
  for (const pod of inventory.objects) {
    if (pod.ref.kind !== 'Pod') continue;
    const ns = pod.ref.namespace;
    let top = pod;
    // A chain is at most Pod → ReplicaSet → Deployment (or Job → CronJob); the bound stops owner cycles.
    for (let depth = 0; depth < 5; depth++) {
      const owners = top.object.metadata?.ownerReferences;
      const controller = Array.isArray(owners)
        ? owners.find((o) => isRecord(o) && o.controller === true && typeof o.kind === 'string')
        : undefined;
      const owner = controller
        ? byKey.get(keyOf(ns, String(controller.kind), String(controller.name)))
        : undefined;
      if (!owner) break;
      top = owner;
    }
    out.set(`${ns ?? 'default'}/${pod.ref.name}`, keyOf(ns, top.ref.kind, top.ref.name));
  }
  return out;
}

/** Per workload and container name, the largest usage among its pods. */
function usageByWorkload(inventory: Inventory): Map<string, Map<string, ContainerUsage>> {
  const out = new Map<string, Map<string, ContainerUsage>>();
  const usage = inventory.cluster.usage ?? {};
  const owners = workloadOfPods(inventory);
  for (const [podKey, containers] of Object.entries(usage)) {
    const workload = owners.get(podKey);
    if (!workload) continue;
    const byContainer = out.get(workload) ?? new Map<string, ContainerUsage>();
    out.set(workload, byContainer);
    for (const [name, u] of Object.entries(containers)) {
      const cpu = cpuMillicores(u.cpu);
      const mem = memoryMiB(u.memory);
      if (cpu === undefined || mem === undefined) continue;
      const seen = byContainer.get(name);
      byContainer.set(name, {
        cpuMillicores: Math.max(seen?.cpuMillicores ?? 0, cpu),
        memoryMiB: Math.max(seen?.memoryMiB ?? 0, mem),
      });
    }
  }
  return out;
}

/** Resizes every workload's pod from the usage in the inventory; see docs/plan.md §1. */
export function observedDemand(inventory: Inventory, demand: Demand): ObservedSizing {
  const usage = inventory.cluster.usage;
  const usageFound = usage !== undefined && Object.keys(usage).length > 0;
  const byWorkload = usageFound ? usageByWorkload(inventory) : new Map<string, Map<string, ContainerUsage>>();
  const sized: string[] = [];
  const fellBack: ObservedFallback[] = [];
  const sizedContainers: ObservedContainer[] = [];
  const workloads = demand.workloads.map((w): WorkloadDemand => {
    const usageOf = byWorkload.get(w.key);
    const mine: ObservedContainer[] = [];
    const sizer: ContainerSizer = (container, stated) => {
      const name = typeof container.name === 'string' ? container.name : undefined;
      const u = name === undefined ? undefined : usageOf?.get(name);
      if (!u || name === undefined) return undefined;
      const sized = sizeContainer(
        stated,
        memoryMiB(getPath(container, ['resources', 'limits', 'memory'])),
        u,
      );
      const requested: ObservedContainer['requested'] = {};
      if (stated.cpuMillicores !== undefined) requested.cpuMillicores = stated.cpuMillicores;
      if (stated.memoryMiB !== undefined) requested.memoryMiB = stated.memoryMiB;
      mine.push({ workload: w.key, container: name, usage: u, requested, sized });
      return sized;
    };
    const { pod } = podRequest(w.view, sizer);
    if (mine.length === 0) {
      fellBack.push({ workload: w.key, why: 'no usage found' });
      return w;
    }
    // A container without requests may be sized above the default: it still counts as sized from usage.
    if (pod.cpuMillicores === w.pod.cpuMillicores && pod.memoryMiB === w.pod.memoryMiB) {
      fellBack.push({ workload: w.key, why: 'usage × 1.3 not below requests' });
      return w;
    }
    sized.push(w.key);
    sizedContainers.push(...mine);
    return { ...w, pod };
  });
  return { demand: { ...demand, workloads }, sized, fellBack, containers: sizedContainers, usageFound };
}
