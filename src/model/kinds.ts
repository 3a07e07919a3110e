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

/** A label or annotation map: itself when every value is a string, else a copy of its scalar values as text. */
function stringValues(record: unknown): Record<string, string> {
  if (!isRecord(record)) return {};
  if (Object.values(record).every((v) => typeof v === 'string')) return record as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    const text = scalarText(value);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

const SPEC_STRINGS = ['serviceAccountName', 'serviceAccount'] as const;
const SPEC_LISTS = [
  'containers',
  'initContainers',
  'ephemeralContainers',
  'volumes',
  'tolerations',
  'topologySpreadConstraints',
  'imagePullSecrets',
] as const;
const SPEC_RECORDS = ['nodeSelector', 'affinity', 'securityContext'] as const;

/** The pod spec with the field types PodSpec promises: itself when they hold, else a corrected copy. */
function wellTypedSpec(spec: Record<string, unknown>): PodSpec {
  let copy: Record<string, unknown> | undefined;
  const fix = (field: string, value: unknown): void => {
    copy ??= { ...spec };
    if (value === undefined) delete copy[field];
    else copy[field] = value;
  };
  for (const field of SPEC_STRINGS) {
    const value = spec[field];
    if (value === undefined || typeof value === 'string') continue;
    fix(field, typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined);
  }
  for (const field of SPEC_LISTS) {
    if (spec[field] !== undefined && !Array.isArray(spec[field])) fix(field, undefined);
  }
  for (const field of SPEC_RECORDS) {
    if (spec[field] !== undefined && !isRecord(spec[field])) fix(field, undefined);
  }
  // Node selector values are label values: strings.
  const selector = (copy ?? spec).nodeSelector;
  if (isRecord(selector) && Object.values(selector).some((v) => typeof v !== 'string')) {
    const strings: Record<string, string> = {};
    for (const [key, value] of Object.entries(selector)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        strings[key] = String(value);
    }
    fix('nodeSelector', strings);
  }
  return (copy ?? spec) as PodSpec;
}

/** What a read-only pass (`readingViewsOnce`) built so far: views by object, containers by view. */
interface BuiltOnce {
  views: Map<KubeObject, PodTemplateView | null>;
  containers: Map<PodTemplateView, readonly ContainerView[]>;
}
let builtOnce: BuiltOnce | undefined;

/**
 * Runs `read` with each object's pod-template view and each view's containers built once: the rule
 * engine's passes, where rule after rule (and the helpers they call) read the same objects, and no object
 * changes. What was built is let go at the end.
 */
export function readingViewsOnce<T>(read: () => T): T {
  if (builtOnce) return read();
  builtOnce = { views: new Map(), containers: new Map() };
  try {
    return read();
  } finally {
    builtOnce = undefined;
  }
}

/** The pod template of a workload (Pod, Deployment, CronJob, …), or undefined for other kinds. */
export function podTemplateOf(obj: KubeObject): PodTemplateView | undefined {
  if (!builtOnce) return buildView(obj);
  let view = builtOnce.views.get(obj);
  if (view === undefined) {
    view = buildView(obj) ?? null;
    builtOnce.views.set(obj, view);
  }
  return view ?? undefined;
}

function buildView(obj: KubeObject): PodTemplateView | undefined {
  const templatePath =
    typeof obj.kind === 'string' && Object.hasOwn(POD_TEMPLATE_PATHS, obj.kind)
      ? POD_TEMPLATE_PATHS[obj.kind]
      : undefined;
  if (!templatePath) return undefined;
  const template = getPath(obj, templatePath);
  if (!isRecord(template)) return undefined;
  const spec = template.spec;
  if (!isRecord(spec)) return undefined;
  const meta = isRecord(template.metadata) ? template.metadata : {};
  return {
    templatePath,
    specPath: [...templatePath, 'spec'],
    spec: wellTypedSpec(spec),
    labels: stringValues(meta.labels),
    annotations: stringValues(meta.annotations),
  };
}

export interface ContainerView {
  container: Container;
  /** containers | initContainers | ephemeralContainers */
  group: 'containers' | 'initContainers' | 'ephemeralContainers';
  index: number;
  path: FieldPath;
}

const CONTAINER_STRINGS = ['name', 'image'] as const;
const CONTAINER_LISTS = ['ports', 'env', 'envFrom', 'volumeMounts', 'command', 'args'] as const;
const CONTAINER_RECORDS = ['securityContext', 'resources'] as const;

/**
 * The container with the field types Container promises (a manifest may hold `image: 42` or `ports: 8080`):
 * itself when they hold, else a copy with numbers and booleans in string fields turned into strings and
 * fields of the wrong shape left out.
 */
function wellTyped(container: Record<string, unknown>): Container {
  let copy: Record<string, unknown> | undefined;
  const fix = (field: string, value: unknown): void => {
    copy ??= { ...container };
    if (value === undefined) delete copy[field];
    else copy[field] = value;
  };
  for (const field of CONTAINER_STRINGS) {
    const value = container[field];
    if (value === undefined || typeof value === 'string') continue;
    fix(field, typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined);
  }
  for (const field of CONTAINER_LISTS) {
    if (container[field] !== undefined && !Array.isArray(container[field])) fix(field, undefined);
  }
  for (const field of CONTAINER_RECORDS) {
    if (container[field] !== undefined && !isRecord(container[field])) fix(field, undefined);
  }
  return (copy ?? container) as Container;
}

/** Every container of a pod template: init, regular and ephemeral. Views and these lists are only read. */
export function containersOf(view: PodTemplateView): readonly ContainerView[] {
  if (!builtOnce) return listContainers(view);
  let list = builtOnce.containers.get(view);
  if (!list) {
    list = listContainers(view);
    builtOnce.containers.set(view, list);
  }
  return list;
}

function listContainers(view: PodTemplateView): ContainerView[] {
  const out: ContainerView[] = [];
  for (const group of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    const list = view.spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (isRecord(container))
        out.push({ container: wellTyped(container), group, index, path: [...view.specPath, group, index] });
    });
  }
  return out;
}

/** Replicas a workload asks for (1 when unset; 0 for DaemonSets, whose count depends on nodes). */
export function replicasOf(obj: KubeObject): number {
  if (obj.kind === 'DaemonSet') return 0;
  if (obj.kind === 'Pod') return 1;
  return readReplicas(getPath(obj, ['spec', 'replicas'])).count;
}

/** Why a `spec.replicas` value is not one the API server accepts. */
export type ReplicasProblem = 'negative' | 'fraction' | 'text' | 'not-a-number';

/** What `spec.replicas` says and the count kube2eks uses for it. */
export interface ReplicasReading {
  count: number;
  /** Set when the API server would reject the value: the count is then kube2eks' reading of the intent. */
  problem?: ReplicasProblem;
}

/**
 * Reads a `spec.replicas` value. Unset: the Kubernetes default, 1. A whole number ≥ 0: itself. Values the
 * API server rejects are read for their evident intent (docs/design-decisions.md, "Invalid replicas"):
 * whole-number text ("3") as that number, a fraction rounded up (capacity is not left short), a negative
 * number, other text (an unrendered placeholder) or any other type as the default 1.
 */
export function readReplicas(value: unknown): ReplicasReading {
  if (value === undefined || value === null) return { count: 1 };
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { count: value };
  const text = typeof value === 'string';
  const n = text ? (value.trim() === '' ? Number.NaN : Number(value)) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return { count: 1, problem: 'not-a-number' };
  if (n < 0) return { count: 1, problem: 'negative' };
  if (!Number.isInteger(n)) return { count: Math.ceil(n), problem: 'fraction' };
  return { count: n, problem: 'text' };
}

/** A string, or the text of a number or boolean (YAML reads `name: 123` as a number); undefined otherwise. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function refOf(obj: KubeObject): ResourceRef {
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const ref: ResourceRef = {
    apiVersion: scalarText(obj.apiVersion) ?? '',
    kind: scalarText(obj.kind) ?? '',
    name: scalarText(meta.name) ?? scalarText(meta.generateName) ?? '',
  };
  const namespace = scalarText(meta.namespace);
  if (namespace) ref.namespace = namespace;
  return ref;
}

/**
 * Makes a manifest's metadata what KubeObject says it is, so rules can trust it: names and label or
 * annotation values written as numbers or booleans (`name: 123`, `version: 1.10`) become strings, and
 * metadata, labels, annotations or ownerReferences of the wrong shape (`metadata: []`, `labels: true`) are
 * dropped. The API server would reject such an object; kube2eks still assesses the rest of it.
 */
export function normalizeMetadata(obj: KubeObject): void {
  if (obj.metadata === undefined) return;
  if (!isRecord(obj.metadata)) {
    delete obj.metadata;
    return;
  }
  const meta = obj.metadata as Record<string, unknown>;
  for (const field of ['name', 'generateName', 'namespace'] as const) {
    if (meta[field] === undefined) continue;
    const text = scalarText(meta[field]);
    if (text === undefined) delete meta[field];
    else meta[field] = text;
  }
  for (const field of ['labels', 'annotations'] as const) {
    const record = meta[field];
    if (record === undefined) continue;
    if (!isRecord(record)) {
      delete meta[field];
      continue;
    }
    for (const [key, value] of Object.entries(record)) {
      const text = scalarText(value);
      if (text === undefined) delete record[key];
      else if (text !== value) record[key] = text;
    }
  }
  if (meta.ownerReferences !== undefined && !Array.isArray(meta.ownerReferences)) delete meta.ownerReferences;
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
