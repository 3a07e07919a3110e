// Fargate profiles: which workloads run on AWS Fargate, grouped into profiles of at most five selectors,
// each pod rounded up to a Fargate vCPU/memory combination and priced.
// `--fargate all`: every eligible workload; `auto`: eligible Jobs and CronJobs (bursty: nodes would keep
// capacity for them between runs) and workloads Fargate runs for less than their share of a node.
import type { Catalog } from '../catalog/index.js';
import { fargateSize, fargateStorageOf, fargateVerdict } from '../model/fargate.js';
import type { Inventory } from '../model/types.js';
import type { WorkloadDemand } from './demand.js';
import { HOURS_PER_MONTH } from './nodegroups.js';
import type {
  PlanFargateProfile,
  PlanFargateSelector,
  PlanOptions,
  PlanPlacement,
  PlanReason,
} from './types.js';
import { countOf } from './words.js';

/** EKS: at most five selectors per Fargate profile. */
export const MAX_SELECTORS_PER_PROFILE = 5;

export interface FargateChoice {
  profiles: PlanFargateProfile[];
  placements: PlanPlacement[];
  /** Workloads left for the node groups. */
  onNodes: WorkloadDemand[];
  monthlyUsd: number;
  reasons: PlanReason[];
  notes: Array<{ topic: string; why: string }>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The monthly price of one Fargate pod of the given size (us-east-1 Linux/x86). */
export function fargatePodMonthly(catalog: Catalog, size: { vcpu: number; memoryGb: number }): number {
  const cpu = catalog.servicePrices['fargate-linux-x86-vcpu-hour']?.usd ?? 0;
  const mem = catalog.servicePrices['fargate-linux-x86-gb-hour']?.usd ?? 0;
  return (size.vcpu * cpu + size.memoryGb * mem) * HOURS_PER_MONTH;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
}

/**
 * Chooses the Fargate workloads and their profiles.
 * @param nodeMonthlyPerPod what a pod costs on nodes (its share of the cheapest node), for `auto`
 */
export function planFargate(
  inventory: Inventory,
  workloads: readonly WorkloadDemand[],
  options: PlanOptions,
  catalog: Catalog,
  nodeMonthlyPerPod: (w: WorkloadDemand) => number,
): FargateChoice {
  const none: FargateChoice = {
    profiles: [],
    placements: [],
    onNodes: [...workloads],
    monthlyUsd: 0,
    reasons: [],
    notes: [],
  };
  if (options.fargate === 'none') return none;
  const reasons: PlanReason[] = [];
  const chosen: Array<{ w: WorkloadDemand; size: { vcpu: number; memoryGb: number }; monthly: number }> = [];
  const onNodes: WorkloadDemand[] = [];
  const storage = fargateStorageOf(inventory);
  for (const w of workloads) {
    const verdict = fargateVerdict(w.view, {
      kind: w.kind,
      object: w.item.object,
      namespace: w.namespace,
      storage,
    });
    const size = verdict.eligible ? fargateSize(verdict.cpuMillicores, verdict.memoryMiB) : undefined;
    if (!verdict.eligible || !size) {
      if (options.fargate === 'all') {
        reasons.push({
          subject: `workload:${w.key}`,
          why: `stays on nodes: Fargate cannot run it (${verdict.problems.map((p) => p.detail).join('; ')})`,
        });
      }
      onNodes.push(w);
      continue;
    }
    if (Object.keys(w.podLabels).length === 0 && !namespaceAllEligible(w, workloads)) {
      reasons.push({
        subject: `workload:${w.key}`,
        why: 'stays on nodes: its pods have no labels a Fargate selector could match',
      });
      onNodes.push(w);
      continue;
    }
    const monthly = fargatePodMonthly(catalog, size) * w.replicas;
    if (options.fargate === 'auto' && !w.batch) {
      const onNode = nodeMonthlyPerPod(w) * w.replicas;
      if (monthly >= onNode) {
        onNodes.push(w);
        continue;
      }
      reasons.push({
        subject: `workload:${w.key}`,
        why: `on Fargate: $${round2(monthly)} a month there against about $${round2(onNode)} of node capacity`,
      });
    } else if (options.fargate === 'auto') {
      reasons.push({
        subject: `workload:${w.key}`,
        why: `on Fargate: a ${w.kind} runs in bursts, and Fargate bills only while its pods run`,
      });
    }
    chosen.push({ w, size, monthly });
  }
  if (chosen.length === 0) return { ...none, onNodes, reasons };

  // Selectors: a whole namespace when every workload in it goes to Fargate, else the pods' labels.
  const byNamespace = new Map<string, typeof chosen>();
  for (const c of chosen) {
    const list = byNamespace.get(c.w.namespace) ?? [];
    list.push(c);
    byNamespace.set(c.w.namespace, list);
  }
  const profiles: PlanFargateProfile[] = [];
  const placements: PlanPlacement[] = [];
  let monthlyUsd = 0;
  for (const [namespace, list] of [...byNamespace].sort((a, b) => a[0].localeCompare(b[0]))) {
    const whole = workloads.filter((w) => w.namespace === namespace).length === list.length;
    const selectors: Array<{ selector: PlanFargateSelector; members: typeof chosen }> = whole
      ? [{ selector: { namespace }, members: list }]
      : list.map((c) => ({ selector: { namespace, labels: { ...c.w.podLabels } }, members: [c] }));
    for (let i = 0; i < selectors.length; i += MAX_SELECTORS_PER_PROFILE) {
      const chunk = selectors.slice(i, i + MAX_SELECTORS_PER_PROFILE);
      const name = `${slug(namespace)}${selectors.length > MAX_SELECTORS_PER_PROFILE ? `-${i / MAX_SELECTORS_PER_PROFILE + 1}` : ''}`;
      const members = chunk.flatMap((s) => s.members);
      const pods = members.reduce((s, m) => s + m.w.replicas, 0);
      const monthly = members.reduce((s, m) => s + m.monthly, 0);
      monthlyUsd += monthly;
      profiles.push({ name, selectors: chunk.map((s) => s.selector), pods, monthlyUsd: round2(monthly) });
      for (const m of members)
        placements.push({ workload: m.w.key, target: `fargate:${name}`, pods: m.w.replicas });
      reasons.push({
        subject: `fargate:${name}`,
        why: `${countOf(members.length, 'workload')} (${countOf(pods, 'pod')}) ${whole ? `: all of namespace ${namespace}` : `selected by pod labels in ${namespace}`}; each pod rounded up to a Fargate size (${members
          .map((m) => `${m.w.name}: ${m.size.vcpu} vCPU / ${m.size.memoryGb} GB`)
          .join(', ')})`,
      });
    }
  }
  const notes = [
    {
      topic: 'fargate',
      why: 'Fargate profiles are immutable (change one by creating a new one) and place pods in private subnets only; Fargate runs no DaemonSets (log and monitoring agents become sidecars), mounts EFS only through static provisioning, has no FSx, and Pod Identity does not reach Fargate pods: use IRSA there',
    },
  ];
  if (chosen.some((c) => c.w.batch)) {
    notes.push({
      topic: 'fargate-batch',
      why: 'Jobs and CronJobs on Fargate are priced here as if their pods ran all month; they bill only while they run, so the Fargate line is an upper bound',
    });
  }
  return { profiles, placements, onNodes, monthlyUsd: round2(monthlyUsd), reasons, notes };
}

function namespaceAllEligible(w: WorkloadDemand, workloads: readonly WorkloadDemand[]): boolean {
  return workloads.filter((x) => x.namespace === w.namespace).length === 1;
}
