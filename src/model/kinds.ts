// Kind groups and the one pod-spec extractor every rule uses.
import type { FieldPath, KubeObject, ResourceRef } from './types.js';

export type PodSpec = Record<string, unknown> & {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Array<Record<string, unknown> & { name?: string }>;
  nodeSelector?: Record<string, string>;
  affinity?: Record<string, unknown>;
  tolerations?: Array<Record<string, unknown>>;
  topologySpreadConstraints?: Array<Record<string, unknown>>;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  serviceAccountName?: string;
  serviceAccount?: string;
  imagePullSecrets?: Array<{ name?: string }>;
  securityContext?: Record<string, unknown>;
};

export type Container = Record<string, unknown> & {
  name?: string;
  image?: string;
  ports?: Array<{ containerPort?: number; hostPort?: number; protocol?: string; name?: string }>;
  securityContext?: Record<string, unknown> & { privileged?: boolean };
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  env?: Array<Record<string, unknown>>;
  envFrom?: Array<Record<string, unknown>>;
  volumeMounts?: Array<Record<string, unknown>>;
};

/** Kinds that run pods, and where their pod template lives. */
const POD_TEMPLATE_PATHS: Record<string, FieldPath> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  DeploymentConfig: ['spec', 'template'],
};

export const WORKLOAD_KINDS: ReadonlySet<string> = new Set(Object.keys(POD_TEMPLATE_PATHS));

export interface PodTemplateView {
  /** Path of the pod template (the object holding `metadata` and `spec`). */
  templatePath: FieldPath;
  /** Path of the pod spec. */
  specPath: FieldPath;
  spec: PodSpec;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function getPath(obj: unknown, path: FieldPath): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The pod template of a workload (Pod, Deployment, CronJob, …), or undefined for other kinds. */
export function podTemplateOf(obj: KubeObject): PodTemplateView | undefined {
  const templatePath = obj.kind ? POD_TEMPLATE_PATHS[obj.kind] : undefined;
  if (!templatePath) return undefined;
  const template = getPath(obj, templatePath);
  if (!isRecord(template)) return undefined;
  const spec = template.spec;
  if (!isRecord(spec)) return undefined;
  const meta = isRecord(template.metadata) ? template.metadata : {};
  return {
    templatePath,
    specPath: [...templatePath, 'spec'],
    spec: spec as PodSpec,
    labels: (isRecord(meta.labels) ? meta.labels : {}) as Record<string, string>,
    annotations: (isRecord(meta.annotations) ? meta.annotations : {}) as Record<string, string>,
  };
}

export interface ContainerView {
  container: Container;
  /** containers | initContainers | ephemeralContainers */
  group: 'containers' | 'initContainers' | 'ephemeralContainers';
  index: number;
  path: FieldPath;
}

/** Every container of a pod template: regular, init and ephemeral. */
export function containersOf(view: PodTemplateView): ContainerView[] {
  const out: ContainerView[] = [];
  for (const group of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = view.spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (isRecord(container)) out.push({ container, group, index, path: [...view.specPath, group, index] });
    });
  }
  return out;
}

/** Replicas a workload asks for (1 when unset; 0 for DaemonSets, whose count depends on nodes). */
export function replicasOf(obj: KubeObject): number {
  if (obj.kind === 'DaemonSet') return 0;
  if (obj.kind === 'Pod') return 1;
  const replicas = getPath(obj, ['spec', 'replicas']);
  return typeof replicas === 'number' ? replicas : 1;
}

export function refOf(obj: KubeObject): ResourceRef {
  const ref: ResourceRef = {
    apiVersion: obj.apiVersion ?? '',
    kind: obj.kind ?? '',
    name: obj.metadata?.name ?? obj.metadata?.generateName ?? '',
  };
  if (obj.metadata?.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

/** `ns/Kind/name` or `Kind/name`, as messages and placements name objects. */
export function refKey(ref: ResourceRef): string {
  return ref.namespace ? `${ref.namespace}/${ref.kind}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** `Kind ns/name` for messages. */
export function describeRef(ref: ResourceRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

/** The API group of an apiVersion ('' for core). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** JSON Pointer (RFC 6901) for a field path. */
export function pointer(path: FieldPath): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}
