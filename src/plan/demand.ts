// Demand: what each workload asks of the EKS data plane, read from the inventory. Pure.
// Replicas × the pod's requests (sum of containers, max with init containers, plus pod overhead); the HPA
// or KEDA minimum is the baseline and its maximum the peak; Jobs and CronJobs by parallelism. DaemonSets
// are per-node overhead, not demand. Scheduling constraints (OS, arch, GPUs, node selectors, tolerations,
// anti-affinity, zone spread) decide which pool a workload needs.
import {
  containersOf,
  getPath,
  isRecord,
  type PodTemplateView,
  type ReplicasProblem,
  readReplicas,
} from '../model/kinds.js';
import { type NodeSelectorRequirement, nodeRequirementsOf } from '../model/node-requirements.js';
import { isPlatformNamespace } from '../model/platform-namespaces.js';
import { cpuMillicores, memoryMiB, storageGiB } from '../model/quantity.js';
import { DEFAULT_CPU_REQUEST_MILLICORES, DEFAULT_MEMORY_REQUEST_MIB } from '../model/requests.js';
import { selectorMatches } from '../model/selector.js';
import type { Inventory, InventoryObject, KubeObject } from '../model/types.js';
import { countedWorkloads, templateImages } from '../model/workloads.js';
import { CARRIED_TOLERATION_EXCLUDED, isPlatformNodeLabel } from './labels.table.js';
import type { PlanTaint } from './types.js';

/** Requests given to a container that states none (Kubernetes itself would schedule it as 0). */
export const DEFAULT_CPU_MILLICORES = DEFAULT_CPU_REQUEST_MILLICORES;
export const DEFAULT_MEMORY_MIB = DEFAULT_MEMORY_REQUEST_MIB;
/** The resource name GPU pods request (the NVIDIA device plugin advertises it). */
export const GPU_RESOURCE = 'nvidia.com/gpu';

/** A `spec.replicas` value the API server rejects: the text as written and what is wrong with it. */
export interface InvalidReplicas {
  value: string;
  problem: ReplicasProblem;
}

export interface PodRequest {
  cpuMillicores: number;
  memoryMiB: number;
  gpus: number;
}

export interface WorkloadDemand {
  /** `ns/Kind/name`. */
  key: string;
  namespace: string;
  kind: string;
  name: string;
  /** Pods at the baseline (HPA/KEDA minimum, else replicas, Jobs by parallelism). */
  replicas: number;
  /** Pods at the peak (HPA/KEDA maximum), ≥ replicas. */
  peakReplicas: number;
  /** What scales it, when something does. */
  scaledBy?: string;
  /** A `spec.replicas` the API server rejects, and why; `replicas` then holds kube2eks' reading of it. */
  invalidReplicas?: InvalidReplicas;
  pod: PodRequest;
  /** Containers that stated no CPU or memory request (and got the defaults). */
  containersWithoutRequests: number;
  os: 'linux' | 'windows';
  /** The architecture the pod requires by selector or affinity; `any` when none. */
  arch: 'x86_64' | 'arm64' | 'any';
  /** Node labels the pod selects, other than well-known and other platforms' labels: the group carries them. */
  nodeLabels: Record<string, string>;
  /** Taints of a dedicated pool the pod tolerates (carried only with node labels or GPUs). */
  taints: PlanTaint[];
  /** Required pod anti-affinity on the hostname for its own pods: one per node. */
  onePerNode: boolean;
  /** Required topology spread across zones (DoNotSchedule). */
  zoneSpread: boolean;
  /** Why the workload may run on spot, or why not. */
  spot: { eligible: boolean; why: string };
  /** Pod template labels (Fargate label selectors). */
  podLabels: Record<string, string>;
  images: string[];
  /** Platform labels the pod selected (another cloud's pools): dropped, said in the reasons. */
  droppedLabels: string[];
  /** Kind is a batch kind (Job, CronJob): bursty. */
  batch: boolean;
  view: PodTemplateView;
  item: InventoryObject;
}

export interface DaemonSetDemand {
  key: string;
  pod: PodRequest;
  os: 'linux' | 'windows';
  containersWithoutRequests: number;
}

export interface Demand {
  workloads: WorkloadDemand[];
  /** The workload's own DaemonSets, carried to EKS: per-node overhead. */
  daemonSets: DaemonSetDemand[];
  /** DaemonSets of the source platform (kube-system, gke-*, …): not carried. */
  platformDaemonSets: string[];
}

const keyOf = (ns: string | undefined, kind: string, name: string) => `${ns ?? ''}/${kind}/${name}`;

function quantity(
  container: Record<string, unknown>,
  resource: string,
  parse: (v: unknown) => number | undefined,
): number | undefined {
  // Kubernetes copies a limit into a missing request.
  return (
    parse(getPath(container, ['resources', 'requests', resource])) ??
    parse(getPath(container, ['resources', 'limits', resource]))
  );
}

const wholeNumber = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/**
 * Resizes one long-running container (regular or restartable init sidecar) from what it stated:
 * observed sizing (plan/observed.ts) passes one; its answer replaces the request.
 */
export type ContainerSizer = (
  container: Record<string, unknown>,
  stated: { cpuMillicores: number | undefined; memoryMiB: number | undefined },
) => { cpuMillicores: number; memoryMiB: number } | undefined;

/** The pod's requests: Σ containers (and restartable init sidecars), max with each init container, + overhead. */
export function podRequest(
  view: PodTemplateView,
  sizer?: ContainerSizer,
): { pod: PodRequest; containersWithoutRequests: number } {
  let cpu = 0;
  let mem = 0;
  let gpus = 0;
  let initCpu = 0;
  let initMem = 0;
  let initGpus = 0;
  let missing = 0;
  for (const { container, group } of containersOf(view)) {
    if (group === 'ephemeralContainers') continue;
    const c = quantity(container, 'cpu', cpuMillicores);
    const m = quantity(container, 'memory', memoryMiB);
    const g = quantity(container, GPU_RESOURCE, wholeNumber) ?? 0;
    if (c === undefined || m === undefined) missing++;
    let cc = c ?? DEFAULT_CPU_MILLICORES;
    let mm = m ?? DEFAULT_MEMORY_MIB;
    const runsToCompletion = group === 'initContainers' && container.restartPolicy !== 'Always';
    const resized =
      sizer && !runsToCompletion ? sizer(container, { cpuMillicores: c, memoryMiB: m }) : undefined;
    if (resized) ({ cpuMillicores: cc, memoryMiB: mm } = resized);
    if (runsToCompletion) {
      initCpu = Math.max(initCpu, cc);
      initMem = Math.max(initMem, mm);
      initGpus = Math.max(initGpus, g);
    } else {
      cpu += cc;
      mem += mm;
      gpus += g;
    }
  }
  const overhead = view.spec.overhead;
  const overheadCpu = isRecord(overhead) ? (cpuMillicores(overhead.cpu) ?? 0) : 0;
  const overheadMem = isRecord(overhead) ? (memoryMiB(overhead.memory) ?? 0) : 0;
  return {
    pod: {
      cpuMillicores: Math.max(cpu, initCpu) + overheadCpu,
      memoryMiB: Math.max(mem, initMem) + overheadMem,
      gpus: Math.max(gpus, initGpus),
    },
    containersWithoutRequests: missing,
  };
}

type NodeTerm = Pick<NodeSelectorRequirement, 'key' | 'operator' | 'values'>;

/**
 * The node-selection requirements the plan serves: the nodeSelector pairs and the expressions of the first
 * required affinity term (terms are ORed: the others are alternatives the group need not meet).
 */
function nodeRequirements(view: PodTemplateView): NodeTerm[] {
  const { nodeSelector, required } = nodeRequirementsOf(view);
  const first = (required[0]?.requirements ?? []).filter((r) => r.field === 'matchExpressions');
  return [
    ...nodeSelector.map(({ key, value }) => ({ key, operator: 'In', values: [value] })),
    ...first.map(({ key, operator, values }) => ({ key, operator, values })),
  ];
}

const ARCH_KEYS = new Set(['kubernetes.io/arch', 'beta.kubernetes.io/arch']);
const OS_KEYS = new Set(['kubernetes.io/os', 'beta.kubernetes.io/os']);

function archOf(terms: NodeTerm[]): 'x86_64' | 'arm64' | 'any' {
  for (const t of terms) {
    if (!ARCH_KEYS.has(t.key)) continue;
    const vals =
      t.operator === 'In'
        ? t.values
        : t.operator === 'NotIn'
          ? ['amd64', 'arm64'].filter((v) => !t.values.includes(v))
          : [];
    const amd = vals.includes('amd64');
    const arm = vals.includes('arm64');
    if (amd && !arm) return 'x86_64';
    if (arm && !amd) return 'arm64';
  }
  return 'any';
}

function osOf(terms: NodeTerm[]): 'linux' | 'windows' {
  return terms.some(
    (t) => OS_KEYS.has(t.key) && t.operator === 'In' && t.values.length === 1 && t.values[0] === 'windows',
  )
    ? 'windows'
    : 'linux';
}

function carriedLabels(terms: NodeTerm[]): { labels: Record<string, string>; dropped: string[] } {
  const labels: Record<string, string> = {};
  const dropped: string[] = [];
  for (const t of terms) {
    if (ARCH_KEYS.has(t.key) || OS_KEYS.has(t.key)) continue;
    if (isPlatformNodeLabel(t.key)) {
      dropped.push(t.key);
      continue;
    }
    if (t.operator === 'In' && t.values[0] !== undefined) labels[t.key] = t.values[0];
    else if (t.operator === 'Exists') labels[t.key] = 'true';
  }
  return { labels, dropped };
}

function carriedTaints(view: PodTemplateView): PlanTaint[] {
  const out: PlanTaint[] = [];
  for (const t of view.spec.tolerations ?? []) {
    if (!isRecord(t) || typeof t.key !== 'string' || t.key === '') continue;
    if (CARRIED_TOLERATION_EXCLUDED.some((p) => (t.key as string).startsWith(p))) continue;
    const effect =
      t.effect === 'NoExecute'
        ? 'NoExecute'
        : t.effect === 'PreferNoSchedule'
          ? 'PreferNoSchedule'
          : 'NoSchedule';
    const taint: PlanTaint = { key: t.key, effect };
    if (t.operator !== 'Exists' && typeof t.value === 'string' && t.value !== '') taint.value = t.value;
    if (!out.some((o) => o.key === taint.key && o.effect === taint.effect)) out.push(taint);
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** Required anti-affinity on the hostname against the workload's own pods. */
function onePerNode(view: PodTemplateView): boolean {
  const terms = getPath(view.spec, [
    'affinity',
    'podAntiAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
  ]);
  if (!Array.isArray(terms)) return false;
  return terms.some(
    (t) =>
      isRecord(t) &&
      t.topologyKey === 'kubernetes.io/hostname' &&
      selectorMatches(t.labelSelector, view.labels),
  );
}

function zoneSpread(view: PodTemplateView): boolean {
  return (view.spec.topologySpreadConstraints ?? []).some(
    (c) =>
      isRecord(c) &&
      (c.topologyKey === 'topology.kubernetes.io/zone' ||
        c.topologyKey === 'failure-domain.beta.kubernetes.io/zone') &&
      c.whenUnsatisfiable !== 'ScheduleAnyway',
  );
}

interface Scaler {
  min: number;
  max: number;
  by: string;
}

/** HPAs and KEDA ScaledObjects by the workload they scale (`ns/Kind/name`). */
function scalers(inventory: Inventory): Map<string, Scaler> {
  const out = new Map<string, Scaler>();
  for (const o of inventory.objects) {
    const spec = o.object.spec;
    if (!isRecord(spec)) continue;
    const target = spec.scaleTargetRef;
    if (!isRecord(target) || typeof target.name !== 'string') continue;
    if (o.ref.kind === 'HorizontalPodAutoscaler') {
      const min = wholeNumber(spec.minReplicas) ?? 1;
      const max = wholeNumber(spec.maxReplicas) ?? min;
      out.set(keyOf(o.ref.namespace, String(target.kind ?? ''), target.name), {
        min,
        max: Math.max(min, max),
        by: `HorizontalPodAutoscaler ${o.ref.name}`,
      });
    } else if (o.ref.kind === 'ScaledObject') {
      const min = wholeNumber(spec.minReplicaCount) ?? 0;
      const max = wholeNumber(spec.maxReplicaCount) ?? 100;
      out.set(keyOf(o.ref.namespace, String(target.kind ?? 'Deployment'), target.name), {
        min,
        max: Math.max(min, max),
        by: `KEDA ScaledObject ${o.ref.name}`,
      });
    }
  }
  return out;
}

function replicasOf(obj: KubeObject): { count: number; invalid?: InvalidReplicas } {
  const kind = obj.kind;
  if (kind === 'Pod') return { count: 1 };
  if (kind === 'Job') return { count: wholeNumber(getPath(obj, ['spec', 'parallelism'])) ?? 1 };
  if (kind === 'CronJob')
    return { count: wholeNumber(getPath(obj, ['spec', 'jobTemplate', 'spec', 'parallelism'])) ?? 1 };
  const value = getPath(obj, ['spec', 'replicas']);
  const { count, problem } = readReplicas(value);
  if (!problem) return { count };
  return { count, invalid: { value: typeof value === 'string' ? value : JSON.stringify(value), problem } };
}

const SPOT_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
  'StatefulSet',
]);

function spotVerdict(
  item: InventoryObject,
  view: PodTemplateView,
  replicas: number,
  /** PodDisruptionBudgets by namespace (a cluster has hundreds; each workload looks only at its own namespace's). */
  pdbs: ReadonlyMap<string, InventoryObject[]>,
): { eligible: boolean; why: string } {
  if (!SPOT_KINDS.has(item.ref.kind))
    return { eligible: false, why: `a ${item.ref.kind} is not replaced by a controller` };
  if (replicas < 2) return { eligible: false, why: 'fewer than 2 replicas: an interruption takes it down' };
  const claims = getPath(item.object, ['spec', 'volumeClaimTemplates']);
  const local = (view.spec.volumes ?? []).some(
    (v) =>
      isRecord(v) && (isRecord(v.hostPath) || isRecord(v.persistentVolumeClaim) || isRecord(v.ephemeral)),
  );
  if (local || (Array.isArray(claims) && claims.length > 0))
    return { eligible: false, why: 'it keeps data on volumes bound to its node or zone' };
  const pdb = (pdbs.get(item.ref.namespace ?? '') ?? []).find((p) =>
    selectorMatches(getPath(p.object, ['spec', 'selector']), view.labels),
  );
  if (!pdb)
    return {
      eligible: false,
      why: 'no PodDisruptionBudget keeps replicas up while spot nodes are reclaimed',
    };
  const spec = isRecord(pdb.object.spec) ? pdb.object.spec : {};
  const allowed = disruptionsAllowed(spec, replicas);
  if (allowed < 1)
    return {
      eligible: false,
      why: `PodDisruptionBudget ${pdb.ref.name} allows no pod down, so spot reclaims would stall`,
    };
  return {
    eligible: true,
    why: `${replicas} replicas behind PodDisruptionBudget ${pdb.ref.name}, which allows ${allowed} down`,
  };
}

function disruptionsAllowed(spec: Record<string, unknown>, replicas: number): number {
  const count = (v: unknown, roundUp: boolean): number | undefined => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && /^\d+%$/.test(v)) {
      const share = (Number(v.slice(0, -1)) / 100) * replicas;
      return roundUp ? Math.ceil(share) : Math.floor(share);
    }
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
    return undefined;
  };
  const maxUnavailable = count(spec.maxUnavailable, true);
  if (maxUnavailable !== undefined) return maxUnavailable;
  const minAvailable = count(spec.minAvailable, true);
  if (minAvailable !== undefined) return Math.max(0, replicas - minAvailable);
  return 0;
}

/** Reads every workload's demand and every carried DaemonSet's per-node overhead. */
export function readDemand(inventory: Inventory): Demand {
  const scaledBy = scalers(inventory);
  const pdbs = new Map<string, InventoryObject[]>();
  for (const o of inventory.objects) {
    if (o.ref.kind !== 'PodDisruptionBudget') continue;
    const list = pdbs.get(o.ref.namespace ?? '') ?? [];
    list.push(o);
    pdbs.set(o.ref.namespace ?? '', list);
  }
  const workloads: WorkloadDemand[] = [];
  const daemonSets: DaemonSetDemand[] = [];
  const platformDaemonSets: string[] = [];
  const seen = new Set<string>();
  // The same set of workloads the rules speak about: controlled copies (a Deployment's ReplicaSets and Pods
  // in a dump) are counted through their owner.
  for (const { item, pod: view } of countedWorkloads(inventory)) {
    const namespace = item.ref.namespace ?? 'default';
    const key = keyOf(namespace, item.ref.kind, item.ref.name);
    if (seen.has(key)) continue;
    seen.add(key);
    const { pod, containersWithoutRequests } = podRequest(view);
    const terms = nodeRequirements(view);
    if (item.ref.kind === 'DaemonSet') {
      if (isPlatformNamespace(namespace)) platformDaemonSets.push(key);
      else daemonSets.push({ key, pod, os: osOf(terms), containersWithoutRequests });
      continue;
    }
    // Completed pods of a dump and bare pods of the platform are not demand.
    if (isPlatformNamespace(namespace)) continue;
    const phase = getPath(item.object, ['status', 'phase']);
    if (item.ref.kind === 'Pod' && (phase === 'Succeeded' || phase === 'Failed')) continue;
    const scaler = scaledBy.get(keyOf(namespace, item.ref.kind, item.ref.name));
    const declared = replicasOf(item.object);
    const replicas = scaler ? scaler.min : declared.count;
    const peakReplicas = scaler ? Math.max(scaler.max, replicas) : replicas;
    const { labels, dropped } = carriedLabels(terms);
    const gpuOrDedicated = pod.gpus > 0 || Object.keys(labels).length > 0;
    const demand: WorkloadDemand = {
      key,
      namespace,
      kind: item.ref.kind,
      name: item.ref.name,
      replicas,
      peakReplicas,
      pod,
      containersWithoutRequests,
      os: osOf(terms),
      arch: archOf(terms),
      nodeLabels: labels,
      taints: gpuOrDedicated ? carriedTaints(view) : [],
      onePerNode: onePerNode(view),
      zoneSpread: zoneSpread(view),
      spot: spotVerdict(item, view, replicas, pdbs),
      podLabels: view.labels,
      images: [...new Set(templateImages(view))],
      droppedLabels: dropped,
      batch: item.ref.kind === 'Job' || item.ref.kind === 'CronJob',
      view,
      item,
    };
    if (scaler) demand.scaledBy = scaler.by;
    // Under an autoscaler the declared count sizes nothing, so only unscaled workloads carry it.
    else if (declared.invalid) demand.invalidReplicas = declared.invalid;
    workloads.push(demand);
  }
  workloads.sort((a, b) => a.key.localeCompare(b.key));
  daemonSets.sort((a, b) => a.key.localeCompare(b.key));
  return { workloads, daemonSets, platformDaemonSets: platformDaemonSets.sort() };
}

/** Storage the workloads claim: PersistentVolumeClaims and StatefulSet claim templates × replicas. */
export interface ClaimDemand {
  /** `ns/name` of the claim, or `ns/StatefulSet/name:template`. */
  key: string;
  storageClass: string | undefined;
  sizeGiB: number;
  /** ReadWriteMany (shared file storage: EFS). */
  shared: boolean;
}

export function readClaims(inventory: Inventory, workloads: readonly WorkloadDemand[]): ClaimDemand[] {
  const out: ClaimDemand[] = [];
  const claimOf = (spec: unknown): { storageClass: string | undefined; sizeGiB: number; shared: boolean } => {
    const s = isRecord(spec) ? spec : {};
    const modes = Array.isArray(s.accessModes) ? s.accessModes : [];
    return {
      storageClass: typeof s.storageClassName === 'string' ? s.storageClassName : undefined,
      sizeGiB: storageGiB(getPath(s, ['resources', 'requests', 'storage'])) ?? 0,
      shared: modes.includes('ReadWriteMany'),
    };
  };
  for (const o of inventory.objects) {
    if (o.ref.kind !== 'PersistentVolumeClaim') continue;
    if (isPlatformNamespace(o.ref.namespace ?? 'default')) continue;
    out.push({ key: `${o.ref.namespace ?? 'default'}/${o.ref.name}`, ...claimOf(o.object.spec) });
  }
  for (const w of workloads) {
    if (w.kind !== 'StatefulSet') continue;
    const templates = getPath(w.item.object, ['spec', 'volumeClaimTemplates']);
    if (!Array.isArray(templates)) continue;
    for (const t of templates) {
      const claim = claimOf(isRecord(t) ? t.spec : undefined);
      const name = String(getPath(t, ['metadata', 'name']) ?? 'data');
      out.push({ key: `${w.key}:${name}`, ...claim, sizeGiB: claim.sizeGiB * w.replicas });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
