// Can a workload's pods run on AWS Fargate? One pure function, used by the fargate/incompatible rule
// and by the plan (which places eligible workloads on Fargate profiles).

import { cloudLabelByKey } from './cloud-labels.table.js';
import {
  ACCELERATOR_RESOURCE,
  BLOCK_VOLUME_TYPES,
  FARGATE_MAX_CPU_MILLICORES,
  FARGATE_MAX_MEMORY_MIB,
  FARGATE_NODE_LABELS,
  FARGATE_OVERHEAD_MEMORY_MIB,
  FARGATE_SIZES,
  FILE_PROVISIONERS,
} from './fargate.table.js';
import { containersOf, getPath, isRecord, type PodTemplateView } from './kinds.js';
import { nodeRequirementsOf } from './node-requirements.js';
import { cpuMillicores, memoryMiB } from './quantity.js';
import type { FieldPath, Inventory, InventoryObject, KubeObject } from './types.js';

/** Why a pod cannot run on Fargate. The names are the words findings use. */
export type FargateReason =
  | 'DaemonSet'
  | 'privileged'
  | 'hostNetwork'
  | 'hostPID'
  | 'hostIPC'
  | 'hostPath'
  | 'hostPort'
  | 'GPU'
  | 'EBS volume'
  | 'size'
  | 'nodeSelector'
  | 'nodeAffinity';

export interface FargateProblem {
  reason: FargateReason;
  /** Plain words: which container, volume, label or size. */
  detail: string;
  /** The offending field. */
  path: FieldPath;
}

export interface FargateVerdict {
  eligible: boolean;
  /** One entry per reason (the first offending field of each), in a stable order. */
  problems: FargateProblem[];
  /** What Fargate would reserve for the pod (requests, plus 256 MiB for the Kubernetes components). */
  cpuMillicores: number;
  memoryMiB: number;
  /** The Fargate size the pod rounds up to, or undefined when larger than the largest. */
  size?: { vcpu: number; memoryGb: number };
}

export interface FargateContext {
  /** Kind of the workload (DaemonSets never run on Fargate). */
  kind?: string;
  /** The workload object, for StatefulSet volumeClaimTemplates. */
  object?: KubeObject;
  namespace?: string;
  /** The input's claims and classes, to tell EBS claims from EFS ones (`fargateStorageOf`). */
  storage?: FargateStorage;
}

const REASON_ORDER: FargateReason[] = [
  'DaemonSet',
  'privileged',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'hostPath',
  'hostPort',
  'GPU',
  'EBS volume',
  'size',
  'nodeSelector',
  'nodeAffinity',
];

/** The Fargate verdict of a pod template. */
export function fargateVerdict(view: PodTemplateView, context: FargateContext = {}): FargateVerdict {
  const found = new Map<FargateReason, FargateProblem>();
  // Several fields for one reason make one problem: the details joined, located at the first field.
  const add = (reason: FargateReason, detail: string, path: FieldPath): void => {
    const known = found.get(reason);
    if (!known) found.set(reason, { reason, detail, path });
    else if (!known.detail.includes(detail)) known.detail = `${known.detail}; ${detail}`;
  };
  const { spec, specPath } = view;

  if (context.kind === 'DaemonSet') add('DaemonSet', 'it is a DaemonSet', ['kind']);
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[field] === true) add(field, `${field}: true`, [...specPath, field]);
  }

  for (const { container, path } of containersOf(view)) {
    const name = container.name ?? '(unnamed)';
    const sc = container.securityContext;
    if (isRecord(sc) && sc.privileged === true) {
      add('privileged', `container ${name} sets privileged: true`, [
        ...path,
        'securityContext',
        'privileged',
      ]);
    }
    const ports = Array.isArray(container.ports) ? container.ports : [];
    ports.forEach((port, i) => {
      if (isRecord(port) && typeof port.hostPort === 'number' && port.hostPort > 0) {
        add('hostPort', `container ${name} binds hostPort ${port.hostPort}`, [
          ...path,
          'ports',
          i,
          'hostPort',
        ]);
      }
    });
    for (const kind of ['limits', 'requests'] as const) {
      const quantities = getPath(container, ['resources', kind]);
      if (!isRecord(quantities)) continue;
      for (const resource of Object.keys(quantities)) {
        if (ACCELERATOR_RESOURCE.test(resource)) {
          add('GPU', `container ${name} asks for ${resource}`, [...path, 'resources', kind, resource]);
        }
      }
    }
  }

  // Env values naming the Docker socket (DOCKER_HOST=unix:///host/var/run/docker.sock) under a mounted run dir.
  const dockerEnv = containersOf(view).flatMap(({ container }) =>
    (Array.isArray(container.env) ? container.env : []).flatMap((e) =>
      isRecord(e) &&
      typeof e.name === 'string' &&
      typeof e.value === 'string' &&
      e.value.includes('docker.sock')
        ? [e.name]
        : [],
    ),
  );
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((volume, i) => {
    if (!isRecord(volume)) return;
    const vname = typeof volume.name === 'string' ? volume.name : `#${i}`;
    const vpath = [...specPath, 'volumes', i];
    if (isRecord(volume.hostPath)) {
      const hostDir = typeof volume.hostPath.path === 'string' ? volume.hostPath.path : undefined;
      // EKS AMIs run containerd: a Docker socket mount breaks on EC2 nodes too.
      const docker = hostDir?.endsWith('docker.sock')
        ? ', and EKS nodes run containerd, with no Docker socket'
        : dockerEnv.length > 0 && hostDir !== undefined && /^\/(var\/)?run\/?$/.test(hostDir)
          ? `, mounted for the Docker socket that env ${joinWords(dockerEnv)} names, and EKS nodes run containerd, with no Docker socket`
          : '';
      add('hostPath', `volume ${vname} is a hostPath${hostDir ? ` (${hostDir}${docker})` : ''}`, [
        ...vpath,
        'hostPath',
      ]);
    }
    const block = BLOCK_VOLUME_TYPES.find((t) => isRecord(volume[t]));
    if (block)
      add('EBS volume', `volume ${vname} is an in-line ${block} disk (Amazon EBS on EKS)`, [...vpath, block]);
    if (isRecord(volume.csi) && volume.csi.driver === 'ebs.csi.aws.com') {
      add('EBS volume', `volume ${vname} is an in-line EBS CSI volume`, [...vpath, 'csi']);
    }
    const claimName = getPath(volume, ['persistentVolumeClaim', 'claimName']);
    if (typeof claimName === 'string') {
      const storage = claimStorage(claimName, context);
      if (storage) add('EBS volume', `volume ${vname} uses ${storage}`, [...vpath, 'persistentVolumeClaim']);
    }
    const ephemeral = getPath(volume, ['ephemeral', 'volumeClaimTemplate', 'spec']);
    if (isRecord(ephemeral) && isBlockClaim(ephemeral, undefined, context)) {
      add('EBS volume', `volume ${vname} is a generic ephemeral volume on block storage`, [
        ...vpath,
        'ephemeral',
      ]);
    }
  });
  const templates = context.object ? getPath(context.object, ['spec', 'volumeClaimTemplates']) : undefined;
  if (Array.isArray(templates)) {
    templates.forEach((t, i) => {
      if (!isRecord(t) || !isRecord(t.spec)) return;
      if (isBlockClaim(t.spec, isRecord(t.metadata) ? t.metadata : undefined, context)) {
        const name = getPath(t, ['metadata', 'name']);
        add(
          'EBS volume',
          `volumeClaimTemplate ${String(name ?? i)} asks for ReadWriteOnce block storage (Amazon EBS on EKS)`,
          ['spec', 'volumeClaimTemplates', i],
        );
      }
    });
  }

  checkNodeSelection(view, add);

  const { cpu, memory } = podReservation(view);
  const size = fargateSize(cpu, memory);
  if (!size) {
    add(
      'size',
      `the pod requests ${formatCpu(cpu)} vCPU and ${formatGiB(memory)} GiB (with Fargate's 256 MiB), more than the largest Fargate size (16 vCPU, 120 GB)`,
      [...specPath, 'containers'],
    );
  }

  const problems = REASON_ORDER.flatMap((r) => {
    const p = found.get(r);
    return p ? [p] : [];
  });
  const verdict: FargateVerdict = {
    eligible: problems.length === 0,
    problems,
    cpuMillicores: cpu,
    memoryMiB: memory,
  };
  if (size) verdict.size = size;
  return verdict;
}

/** The verdict of a workload (an object and its pod template, as `countedWorkloads` gives them). */
export function fargateVerdictOf(
  item: InventoryObject,
  pod: PodTemplateView,
  storage?: FargateStorage,
): FargateVerdict {
  const context: FargateContext = { kind: item.ref.kind, object: item.object };
  if (item.ref.namespace) context.namespace = item.ref.namespace;
  if (storage) context.storage = storage;
  return fargateVerdict(pod, context);
}

/** CPU and memory Fargate reserves: max(largest init container, sum of the long-running containers) + 256 MiB. */
export function podReservation(view: PodTemplateView): { cpu: number; memory: number } {
  let sumCpu = 0;
  let sumMem = 0;
  let initCpu = 0;
  let initMem = 0;
  for (const { container, group } of containersOf(view)) {
    if (group === 'ephemeralContainers') continue;
    const cpu = quantityOf(container, 'cpu', cpuMillicores);
    const mem = quantityOf(container, 'memory', memoryMiB);
    if (group === 'initContainers' && container.restartPolicy !== 'Always') {
      initCpu = Math.max(initCpu, cpu);
      initMem = Math.max(initMem, mem);
    } else {
      sumCpu += cpu;
      sumMem += mem;
    }
  }
  return { cpu: Math.max(sumCpu, initCpu), memory: Math.max(sumMem, initMem) + FARGATE_OVERHEAD_MEMORY_MIB };
}

/** The smallest Fargate size holding the reservation, or undefined when none does. */
export function fargateSize(
  cpuMillicoresNeeded: number,
  memoryMiBNeeded: number,
): { vcpu: number; memoryGb: number } | undefined {
  if (cpuMillicoresNeeded > FARGATE_MAX_CPU_MILLICORES || memoryMiBNeeded > FARGATE_MAX_MEMORY_MIB)
    return undefined;
  for (const { vcpu, memoryGb } of FARGATE_SIZES) {
    if (vcpu * 1000 < cpuMillicoresNeeded) continue;
    const gb = memoryGb.find((m) => m * 1024 >= memoryMiBNeeded);
    if (gb !== undefined) return { vcpu, memoryGb: gb };
  }
  return undefined;
}

function quantityOf(
  container: Record<string, unknown>,
  resource: 'cpu' | 'memory',
  parse: (v: unknown) => number | undefined,
): number {
  // Kubernetes copies limits into missing requests, so a limit stands for the request.
  const request = getPath(container, ['resources', 'requests', resource]);
  const limit = getPath(container, ['resources', 'limits', resource]);
  return parse(request) ?? parse(limit) ?? 0;
}

function formatCpu(millicores: number): string {
  return String(Math.round(millicores / 10) / 100);
}

function formatGiB(mib: number): string {
  return String(Math.round((mib / 1024) * 100) / 100);
}

type Add = (reason: FargateReason, detail: string, path: FieldPath) => void;

/** A node-selection term Fargate nodes satisfy: only labels they carry, with values they can have. */
function fargateSatisfies(key: string, operator: string, values: readonly string[]): boolean {
  // Another platform's labels (gke-nodepool, agentpool) are rewritten for EKS anyway (scheduling/cloud-label
  // reports them): they say nothing about whether the workload could run on Fargate.
  const cloud = cloudLabelByKey(key);
  if (cloud && !cloud.deprecatedOnly) return true;
  const known = Object.hasOwn(FARGATE_NODE_LABELS, key);
  const allowed = known ? FARGATE_NODE_LABELS[key] : undefined;
  switch (operator) {
    case 'NotIn':
    case 'DoesNotExist':
      return true;
    case 'Exists':
      return known;
    case 'In':
      return known && (allowed === undefined || values.some((v) => allowed.includes(v)));
    default:
      // Gt / Lt on labels Fargate lacks cannot match.
      return false;
  }
}

function checkNodeSelection(view: PodTemplateView, add: Add): void {
  const req = nodeRequirementsOf(view);
  const unmetPairs = req.nodeSelector.filter(({ key, value }) => !fargateSatisfies(key, 'In', [value]));
  const first = unmetPairs[0];
  if (first) {
    const labels = unmetPairs.map(({ key, value }) => `${key}: ${value}`).join(', ');
    add('nodeSelector', `nodeSelector ${labels} matches no Fargate node`, first.path);
  }
  if (req.required.length === 0) return;
  const unmet: string[] = [];
  // Terms are ORed: one satisfiable term is enough. Only node labels (matchExpressions) say anything
  // about Fargate; a term without them places no label demand.
  const anySatisfied = req.required.some((term) => {
    const failing = term.requirements.filter(
      (r) => r.field === 'matchExpressions' && !fargateSatisfies(r.key, r.operator, r.values),
    );
    for (const r of failing) unmet.push(r.key);
    return failing.length === 0;
  });
  if (!anySatisfied) {
    add(
      'nodeAffinity',
      `required node affinity on ${[...new Set(unmet)].join(', ')} matches no Fargate node`,
      req.requiredPath,
    );
  }
}

/** What the verdict needs to know of the input's storage: claims and the provisioners of classes. */
export interface FargateStorage {
  /** StorageClass name -> its provisioner (when it names one). */
  provisioners: Map<string, unknown>;
  /** `namespace/name` -> the claim object. */
  claims: Map<string, KubeObject>;
}

/** Built once per run: the last StorageClass or claim of a name wins, as the API server would keep it. */
export function fargateStorageOf(inventory: Inventory): FargateStorage {
  const storage: FargateStorage = { provisioners: new Map(), claims: new Map() };
  for (const o of inventory.objects) {
    if (o.ref.kind === 'StorageClass') storage.provisioners.set(o.ref.name, o.object.provisioner);
    else if (o.ref.kind === 'PersistentVolumeClaim')
      storage.claims.set(`${o.ref.namespace ?? ''}/${o.ref.name}`, o.object);
  }
  return storage;
}

function isFileProvisioner(provisioner: string): boolean {
  return FILE_PROVISIONERS.some((re) => re.test(provisioner));
}

/** True when a claim spec asks for storage that becomes Amazon EBS on EKS. */
function isBlockClaim(
  spec: Record<string, unknown>,
  metadata: Record<string, unknown> | undefined,
  context: FargateContext,
): boolean {
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  // Shared (ReadWriteMany) claims move to Amazon EFS, which Fargate mounts.
  if (modes.includes('ReadWriteMany')) return false;
  const annotations = isRecord(metadata?.annotations) ? metadata.annotations : {};
  const className =
    typeof spec.storageClassName === 'string'
      ? spec.storageClassName
      : typeof annotations['volume.beta.kubernetes.io/storage-class'] === 'string'
        ? (annotations['volume.beta.kubernetes.io/storage-class'] as string)
        : undefined;
  if (className === '') return false; // bound to a pre-created PersistentVolume: unknown storage
  if (className && context.storage) {
    const provisioner = context.storage.provisioners.get(className);
    if (typeof provisioner === 'string') return !isFileProvisioner(provisioner);
  }
  if (className && /efs|nfs|file|rwx/i.test(className)) return false;
  return true;
}

/** How a PersistentVolumeClaim referenced by a pod is stored, when it is block storage; undefined otherwise. */
function claimStorage(claimName: string, context: FargateContext): string | undefined {
  const templates = context.object ? getPath(context.object, ['spec', 'volumeClaimTemplates']) : undefined;
  if (Array.isArray(templates) && templates.some((t) => getPath(t, ['metadata', 'name']) === claimName)) {
    return undefined; // reported through volumeClaimTemplates
  }
  const claim = context.storage?.claims.get(`${context.namespace ?? ''}/${claimName}`);
  if (!claim || !isRecord(claim.spec)) return undefined;
  const metadata = isRecord(claim.metadata) ? claim.metadata : undefined;
  return isBlockClaim(claim.spec, metadata, context)
    ? `PersistentVolumeClaim ${claimName}, ReadWriteOnce block storage (Amazon EBS on EKS)`
    : undefined;
}

function joinWords(words: string[]): string {
  return [...new Set(words)].join(', ');
}
