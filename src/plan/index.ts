// plan: the inventory, the findings, the options and the catalog in; the designed EKS cluster out.
// Pure apart from loading the HiGHS WebAssembly module once (the clock is passed in).
// Compute first (demand, Fargate, node groups by optimisation, placement), then the rest of the plan
// (network, access, add-ons: plan part 2), then the cost.
import type { Catalog } from '../catalog/index.js';
import type { Finding, Inventory } from '../model/types.js';
import { compareWithSource } from './comparison.js';
import { planCompute } from './compute.js';
import { planCost } from './cost.js';
import { readClaims, readDemand, type WorkloadDemand } from './demand.js';
import { planFargate } from './fargate.js';
import { HOURS_PER_MONTH, searchableTypes } from './nodegroups.js';
import { invalidReplicasNote } from './notes.js';
import {
  OBSERVED_FLOOR_CPU_MILLICORES,
  OBSERVED_FLOOR_MEMORY_MIB,
  OBSERVED_MARGIN,
  type ObservedSizing,
  observedDemand,
} from './observed.js';
import { planPart2 } from './part2.js';
import { loadSolver, type Solver } from './solver.js';
import type { Plan, PlanOptions, PlanReason } from './types.js';
import { countOf as count } from './words.js';

export { loadSolver, type Solver } from './solver.js';

const round2 = (n: number) => Math.round(n * 100) / 100;
const AZ_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The AZ names of a region: `us-east-1a`, `us-east-1b`, … (placeholders: the real ones are the account's). */
export function azNames(region: string, count: number): string[] {
  return Array.from(
    { length: Math.max(1, Math.min(count, AZ_LETTERS.length)) },
    (_, i) => `${region}${AZ_LETTERS[i]}`,
  );
}

/**
 * Designs the EKS cluster for the workloads of `inventory`.
 * Asynchronous only because the HiGHS solver loads as WebAssembly; see {@link planWithSolver}.
 */
export async function plan(
  inventory: Inventory,
  findings: readonly Finding[],
  options: PlanOptions,
  catalog: Catalog,
  now: Date,
): Promise<Plan> {
  return planWithSolver(inventory, findings, options, catalog, now, await loadSolver());
}

/** {@link plan} with an already loaded solver: synchronous and pure. */
export function planWithSolver(
  inventory: Inventory,
  findings: readonly Finding[],
  options: PlanOptions,
  catalog: Catalog,
  now: Date,
  solver: Solver,
): Plan {
  const requested = readDemand(inventory);
  const observed = options.sizing === 'observed' ? observedDemand(inventory, requested) : undefined;
  const demand = observed?.demand ?? requested;
  const reasons: PlanReason[] = [];
  const notes: Plan['notes'] = [];

  // Fargate first: what it takes does not need nodes. `auto` compares against a pod's share of the cheapest node.
  const perPod = nodeCostPerPod(catalog, options);
  const fargate = planFargate(inventory, demand.workloads, options, catalog, perPod);
  const compute = planCompute(solver, demand, fargate.onNodes, options, catalog);
  // The saving of observed sizing: the same plan by requests, priced. Only when usage sized something.
  let observedSaving: number | null = null;
  if (observed && observed.sized.length > 0) {
    const byRequests = planFargate(inventory, requested.workloads, options, catalog, perPod);
    const computeByRequests = planCompute(solver, requested, byRequests.onNodes, options, catalog);
    observedSaving = round2(
      computeByRequests.computeOnDemandMonthly +
        computeByRequests.computeSpotMonthly +
        byRequests.monthlyUsd -
        (compute.computeOnDemandMonthly + compute.computeSpotMonthly + fargate.monthlyUsd),
    );
  }
  if (observed) reasons.push(observedReason(observed, inventory.cluster.collectedAt, observedSaving));

  reasons.push(...demandReasons(demand.workloads, demand.platformDaemonSets, options));
  reasons.push(...compute.reasons, ...fargate.reasons);
  notes.push(...compute.notes, ...fargate.notes);
  const replicasNote = invalidReplicasNote(demand.workloads);
  if (replicasNote) notes.push(replicasNote);
  if (compute.vcpuQuota.length > 0) {
    notes.push({
      topic: 'ec2-quota',
      why: `EC2 vCPU quota needed at the node groups' maximum size: ${compute.vcpuQuota
        .map((q) => `${q.family} ${q.capacityType === 'SPOT' ? 'spot' : 'on-demand'} ${q.vcpus}`)
        .join(', ')} (On-Demand Standard instances share one quota; Spot has its own)`,
    });
  }
  // Pools whose LP bound needs fewer nodes than the pool must keep (one per AZ, one per pod of a one-per-node
  // workload): there the plan sits above its bound by whole nodes the bound does not buy.
  const heldUp = compute.pools
    .filter(
      (p) => p.demand.pods > 0 && p.lowerBound.counts.reduce((a, b) => a + b, 0) < p.pool.minNodes - 1e-6,
    )
    .map((p) => `${p.pool.name} keeps ${count(p.pool.minNodes, 'node')}`);
  reasons.push({
    subject: 'solver',
    why: `HiGHS chose the node counts ${compute.solverStatus === 'optimal' ? 'within its 0.5% optimality tolerance' : 'but stopped at its time limit'} (MIP gap ${round2(compute.mipGap * 100)}%); the lower bound is the LP relaxation's (docs/plan.md)${heldUp.length > 0 ? `. That bound may buy fractions of nodes and keeps no minimum, while ${heldUp.join(' and ')} (one per AZ, or one per pod of a workload that wants a node each) where it would buy fewer: the compute cost is above the bound by those whole nodes` : ''}`,
  });

  // Part 2: network, endpoints, autoscaling, identities, access, add-ons, storage classes, notes.
  const azs = azNames(options.region, options.azs);
  const placements = [...compute.placements, ...fargate.placements].sort(
    (a, b) => a.workload.localeCompare(b.workload) || a.target.localeCompare(b.target),
  );
  const design = planPart2({
    inventory,
    findings: [...findings],
    options,
    catalog,
    now,
    compute: { nodeGroups: compute.nodeGroups, fargateProfiles: fargate.profiles, placements },
    azs,
  });
  reasons.push(...design.reasons);
  notes.push(...design.notes);

  const claims = readClaims(inventory, demand.workloads);
  const cost = planCost({
    inventory,
    options,
    catalog,
    now,
    nodeGroups: compute.nodeGroups,
    computeOnDemand: compute.computeOnDemandMonthly,
    computeSpot: compute.computeSpotMonthly,
    fargate: fargate.monthlyUsd,
    lowerBound: compute.lowerBoundMonthly,
    claims,
    natGateways: design.monthly.natGateways,
    vpcEndpoints: design.monthly.vpcEndpoints,
  });
  cost.assumptions.push(...design.costAssumptions);
  cost.solver = {
    engine: 'highs',
    status: compute.solverStatus,
    mipGap: compute.mipGap,
    timeLimitSeconds: options.solverTimeLimitSeconds ?? 10,
  };

  const workloadsWithoutRequests = demand.workloads.filter((w) => w.containersWithoutRequests > 0).length;

  const sourceComparison = compareWithSource(
    inventory.cluster.nodes,
    options,
    catalog,
    cost.monthly.compute,
    compute.nodeGroups.reduce((s, g) => s + g.desiredSize, 0),
  );

  const result: Plan = {
    schemaVersion: 1,
    cluster: {
      name: options.name,
      version: options.targetVersion,
      region: options.region,
      endpointAccess: options.endpoint,
      azs,
      amiFamily: options.amiFamily,
    },
    nodeGroups: compute.nodeGroups,
    fargateProfiles: fargate.profiles,
    network: design.network,
    addons: design.addons,
    autoscaling: design.autoscaling,
    identities: design.identities,
    accessEntries: design.accessEntries,
    identityProvider: design.identityProvider,
    vpcEndpoints: design.vpcEndpoints,
    cost,
    storageClasses: design.storageClasses,
    sizing: { basis: options.sizing, workloadsWithoutRequests, observedSaving },
    placements,
    reasons,
    notes,
  };
  if (sourceComparison) result.sourceComparison = sourceComparison;
  if (observed) {
    result.sizing.sizedFromUsage = observed.sized.length;
    result.sizing.containers = observed.containers;
    result.sizing.fellBackToRequests = observed.fellBack;
    if (observed.usageFound && inventory.cluster.collectedAt)
      result.sizing.snapshotAt = inventory.cluster.collectedAt;
  }
  return result;
}

/** What observed sizing did, in one reason: one snapshot, the margin, what it saves, what fell back. */
function observedReason(
  observed: ObservedSizing,
  collectedAt: string | undefined,
  saving: number | null,
): PlanReason {
  if (!observed.usageFound) {
    return {
      subject: 'sizing',
      why: `--sizing observed: the input holds no metrics-server usage (a collect bundle of a cluster running metrics-server has it), so every workload is sized by its requests`,
    };
  }
  const noUsage = observed.fellBack.filter((f) => f.why === 'no usage found').length;
  const above = observed.fellBack.length - noUsage;
  const fell =
    observed.fellBack.length === 0
      ? 'none fell back to requests'
      : `${[
          noUsage > 0 ? `${count(noUsage, 'workload')} without usage` : '',
          above > 0
            ? `${count(above, 'workload')} whose usage × ${OBSERVED_MARGIN} is not below the requests`
            : '',
        ]
          .filter(Boolean)
          .join(' and ')} kept their requests (sizing.fellBackToRequests)`;
  const money =
    saving === null
      ? ''
      : saving >= 0
        ? `; $${saving.toFixed(2)} a month less than by requests`
        : `; $${(-saving).toFixed(2)} a month more than by requests (containers without requests use more than the default)`;
  return {
    subject: 'sizing',
    why: `${count(observed.sized.length, 'workload')} sized from one metrics-server snapshot${collectedAt ? ` (collected ${collectedAt})` : ''}: each container at max(usage × ${OBSERVED_MARGIN}, ${OBSERVED_FLOOR_CPU_MILLICORES}m CPU / ${OBSERVED_FLOOR_MEMORY_MIB} MiB) where that is below its request, memory never below its limit; one moment is not a peak, so collect at a busy time or keep headroom${money}; ${fell}`,
  };
}

function demandReasons(
  workloads: readonly WorkloadDemand[],
  platformDaemonSets: readonly string[],
  options: PlanOptions,
): PlanReason[] {
  const out: PlanReason[] = [];
  const missing = workloads.filter((w) => w.containersWithoutRequests > 0);
  if (missing.length > 0) {
    out.push({
      subject: 'sizing',
      why: `${count(missing.length, 'workload')} set no CPU or memory request on some containers (${missing
        .slice(0, 5)
        .map((w) => w.key)
        .join(
          ', ',
        )}${missing.length > 5 ? ', …' : ''}): each such container is counted at 100m CPU and 128 MiB`,
    });
  }
  const scaled = workloads.filter((w) => w.scaledBy);
  if (scaled.length > 0) {
    out.push({
      subject: 'sizing',
      why: `${count(scaled.length, 'autoscaled workload')} sized at the autoscaler's minimum; node group maximums cover their maximum`,
    });
  }
  if (platformDaemonSets.length > 0) {
    out.push({
      subject: 'daemonsets',
      why: `${count(platformDaemonSets.length, 'DaemonSet')} of the source platform not carried (EKS runs its own): ${platformDaemonSets.join(', ')}`,
    });
  }
  const dropped = [...new Set(workloads.flatMap((w) => w.droppedLabels))].sort();
  if (dropped.length > 0) {
    out.push({
      subject: 'scheduling',
      why: `node labels of the source platform are not set on EKS nodes (${dropped.join(', ')}); the pods' selectors on them must change (see the scheduling findings)`,
    });
  }
  const gpu = workloads.filter((w) => w.pod.gpus > 0);
  if (gpu.length > 0) {
    out.push({
      subject: 'gpu',
      why: `${count(gpu.length, 'workload')} request nvidia.com/gpu: GPU nodes need the NVIDIA device plugin (the EKS-optimized accelerated AMI ships the driver)`,
    });
  }
  if (options.arch === 'arm64') {
    const images = [...new Set(workloads.filter((w) => w.arch === 'any').flatMap((w) => w.images))].sort();
    if (images.length > 0) {
      out.push({
        subject: 'arch',
        why: `--arch arm64: check that these images have arm64 builds (they cannot be inspected offline): ${images.join(', ')}`,
      });
    }
  }
  return out;
}

/** A pod's share of the cheapest node per vCPU and per GiB, monthly (for `--fargate auto`). */
function nodeCostPerPod(catalog: Catalog, options: PlanOptions): (w: WorkloadDemand) => number {
  if (options.fargate !== 'auto') return () => 0;
  const { types } = searchableTypes(catalog, options);
  let perVcpu = Number.POSITIVE_INFINITY;
  let perGiB = Number.POSITIVE_INFINITY;
  for (const { type, hourlyUsd } of types) {
    if (!type.vcpu || !type.memoryMiB || (type.gpuCount ?? 0) > 0) continue;
    perVcpu = Math.min(perVcpu, (hourlyUsd * HOURS_PER_MONTH) / type.vcpu);
    perGiB = Math.min(perGiB, (hourlyUsd * HOURS_PER_MONTH) / (type.memoryMiB / 1024));
  }
  if (!Number.isFinite(perVcpu)) return () => Number.POSITIVE_INFINITY;
  return (w) =>
    Math.max((w.pod.cpuMillicores / 1000) * perVcpu, (w.pod.memoryMiB / 1024) * perGiB) *
    (1 + options.headroom);
}
