// verify: does the EKS cluster run what the old one ran? Pure: two inventories (+ plan, registry) in, checks out.
import {
  containersOf,
  describeRef,
  getPath,
  isRecord,
  podTemplateOf,
  refKey,
  replicasOf,
} from '../model/kinds.js';
import { isPlatformNamespace } from '../model/platform-namespaces.js';
import { isDefaultStorageClass, worksOnEks } from '../model/storage-class.js';
import type { Inventory, InventoryObject, KubeObject, ResourceRef } from '../model/types.js';
import { KIND_ON_EKS, PLATFORM_CRD_GROUP_SUFFIXES, PLATFORM_SERVICES } from './data.js';

export const CHECK_KINDS = [
  'workload',
  'service',
  'loadBalancer',
  'pvc',
  'image',
  'crd',
  'hpa',
  'input',
  // verify --preflight (preflight.ts)
  'storageClass',
  'ingressClass',
  'addon',
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export interface VerifyCheck {
  kind: CheckKind;
  resource: ResourceRef;
  status: 'ok' | 'gap';
  detail: string;
}

/** The JSON contract of `verify --format json`. */
export interface VerifyResult {
  schemaVersion: 1;
  summary: { checked: number; ok: number; gaps: number };
  checks: VerifyCheck[];
}

export interface VerifyOptions {
  /**
   * A plan (the plan JSON, docs/schemas/plan.schema.json). verify reads its `storageClasses: [{ from, to }]` (source class to
   * EKS class; `from: "*"` for every other class) when present.
   */
  plan?: unknown;
  /** Registry every target image must come from, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com`. */
  registry?: string;
}

/** Workloads checked for presence, replicas and readiness (Jobs and Pods come and go; they are not compared). */
const WORKLOADS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'CronJob',
  'DeploymentConfig',
]);
/** Owners whose children are recreated by the owner (a Deployment's ReplicaSets). */
const BUILT_IN_OWNERS = new Set(['Deployment', 'CronJob', 'DeploymentConfig']);

function ownedByBuiltIn(obj: KubeObject): boolean {
  const owners = obj.metadata?.ownerReferences;
  return Array.isArray(owners) && owners.some((o) => isRecord(o) && BUILT_IN_OWNERS.has(String(o.kind)));
}

function hasOwner(obj: KubeObject): boolean {
  const owners = obj.metadata?.ownerReferences;
  return Array.isArray(owners) && owners.length > 0;
}

function num(obj: unknown, path: Array<string | number>): number | undefined {
  const v = getPath(obj, path);
  return typeof v === 'number' ? v : undefined;
}

function str(obj: unknown, path: Array<string | number>): string | undefined {
  const v = getPath(obj, path);
  return typeof v === 'string' ? v : undefined;
}

/** Objects by `Kind ns/name` (the API group is not part of the key: the target may serve a newer version). */
class Index {
  readonly byKey = new Map<string, InventoryObject>();
  readonly byKind = new Map<string, InventoryObject[]>();
  constructor(inventory: Inventory) {
    for (const item of inventory.objects) {
      this.byKey.set(Index.key(item.ref.kind, item.ref.namespace, item.ref.name), item);
      const list = this.byKind.get(item.ref.kind) ?? [];
      list.push(item);
      this.byKind.set(item.ref.kind, list);
    }
  }
  static key(kind: string, ns: string | undefined, name: string): string {
    return `${kind}|${ns ?? ''}|${name}`;
  }
  get(kind: string, ns: string | undefined, name: string): InventoryObject | undefined {
    return this.byKey.get(Index.key(kind, ns, name));
  }
  of(kind: string): InventoryObject[] {
    return this.byKind.get(kind) ?? [];
  }
  has(kind: string): boolean {
    return this.of(kind).length > 0;
  }
}

/** What every step of verify reads and appends to. */
interface Run {
  source: Inventory;
  target: Inventory;
  src: Index;
  dst: Index;
  options: VerifyOptions;
  checks: VerifyCheck[];
}

function addCheck(run: Run, kind: CheckKind, resource: ResourceRef, gaps: string[], okDetail: string): void {
  run.checks.push({
    kind,
    resource,
    status: gaps.length ? 'gap' : 'ok',
    detail: gaps.length ? gaps.join('; ') : okDetail,
  });
}

/** The source's objects of a kind outside the source platform's namespaces. */
function userObjects(run: Run, kind: string): InventoryObject[] {
  return run.src.of(kind).filter((i) => !isPlatformNamespace(i.ref.namespace));
}

/** Source input that could not be read is a gap: what it held cannot be compared (and the target's too). */
function checkInputs(run: Run): void {
  for (const [side, inventory] of [
    ['source', run.source],
    ['target', run.target],
  ] as const) {
    for (const e of inventory.errors) {
      const line = e.line !== undefined ? `:${e.line}` : '';
      const name = e.entry !== undefined ? `${e.file} (${e.entry}${line})` : `${e.file}${line}`;
      addCheck(
        run,
        'input',
        { apiVersion: '', kind: 'File', name },
        [`the ${side} input could not be read here (${e.message}), so what it holds was not compared`],
        '',
      );
    }
  }
}

/** Workloads: present, same desired replicas (or within the HPA's range), ready. */
function checkWorkloads(run: Run): void {
  const scaledBy = hpaRanges(run.source, run.target);
  for (const kind of WORKLOADS) {
    for (const item of userObjects(run, kind)) {
      if (ownedByBuiltIn(item.object)) continue;
      const targetKind = KIND_ON_EKS[kind] ?? kind;
      const found =
        run.dst.get(targetKind, item.ref.namespace, item.ref.name) ??
        run.dst.get(kind, item.ref.namespace, item.ref.name);
      if (!found) {
        addCheck(run, 'workload', item.ref, [`${describeRef(item.ref)} is not on the target`], '');
        continue;
      }
      addCheck(
        run,
        'workload',
        found.ref,
        ...workloadGaps(item.object, found.object, scaledBy.get(refKey({ ...found.ref, apiVersion: '' }))),
      );
    }
  }
}

/** Services with endpoints, and the load balancers of LoadBalancer Services provisioned. */
function checkServices(run: Run): void {
  for (const item of userObjects(run, 'Service')) {
    const key = `${item.ref.namespace}/${item.ref.name}`;
    if (PLATFORM_SERVICES.includes(key)) continue;
    const found = run.dst.get('Service', item.ref.namespace, item.ref.name);
    if (!found) {
      addCheck(run, 'service', item.ref, [`Service ${key} is not on the target`], '');
      if (str(item.object, ['spec', 'type']) === 'LoadBalancer') {
        addCheck(
          run,
          'loadBalancer',
          item.ref,
          [`Service ${key} is not on the target, so no load balancer was provisioned`],
          '',
        );
      }
      continue;
    }
    addCheck(run, 'service', found.ref, ...serviceGaps(item, found, run.src, run.dst));
    if (str(item.object, ['spec', 'type']) === 'LoadBalancer') {
      const type = str(found.object, ['spec', 'type']) ?? 'ClusterIP';
      if (type !== 'LoadBalancer') {
        addCheck(
          run,
          'loadBalancer',
          found.ref,
          [`the source Service is a LoadBalancer; on the target it is ${type}`],
          '',
        );
      } else {
        addCheck(run, 'loadBalancer', found.ref, ...provisioned(found.object));
      }
    }
  }
}

/** Ingresses present with a load balancer address. */
function checkIngresses(run: Run): void {
  for (const item of userObjects(run, 'Ingress')) {
    const found = run.dst.get('Ingress', item.ref.namespace, item.ref.name);
    if (!found)
      addCheck(
        run,
        'loadBalancer',
        item.ref,
        [`Ingress ${item.ref.namespace}/${item.ref.name} is not on the target`],
        '',
      );
    else addCheck(run, 'loadBalancer', found.ref, ...provisioned(found.object));
  }
}

/** PersistentVolumeClaims: Bound, with the expected storage class. */
function checkClaims(run: Run): void {
  const classMap = planStorageClasses(run.options.plan);
  for (const item of userObjects(run, 'PersistentVolumeClaim')) {
    const found = run.dst.get('PersistentVolumeClaim', item.ref.namespace, item.ref.name);
    if (!found) {
      addCheck(
        run,
        'pvc',
        item.ref,
        [`PersistentVolumeClaim ${item.ref.namespace}/${item.ref.name} is not on the target`],
        '',
      );
      continue;
    }
    addCheck(run, 'pvc', found.ref, ...pvcGaps(item.object, found.object, run.source, run.dst, classMap));
  }
}

/** Images pulled from the new registry (every workload of the target outside the platform namespaces). */
function checkImages(run: Run, registryUri: string): void {
  const registry = registryUri.replace(/\/+$/, '');
  for (const item of run.target.objects) {
    const kind = item.ref.kind;
    if (!(WORKLOADS.has(kind) || kind === 'Job' || kind === 'Pod') || isPlatformNamespace(item.ref.namespace))
      continue;
    if (hasOwner(item.object)) continue; // checked through its owner
    const view = podTemplateOf(item.object);
    if (!view) continue;
    const images = containersOf(view).map((c) => ({
      name: c.container.name ?? '?',
      image: c.container.image ?? '',
    }));
    const foreign = images.filter((c) => !c.image.startsWith(`${registry}/`));
    const gaps = foreign.map(
      (c) => `${c.image || '(no image)'} (container ${c.name}) is not pulled from ${registry}`,
    );
    addCheck(
      run,
      'image',
      item.ref,
      gaps,
      `${images.length} image${images.length === 1 ? '' : 's'} from ${registry}`,
    );
  }
}

/** CRDs present (the source platform's own CRDs are not expected on EKS). */
function checkCrds(run: Run): void {
  for (const item of run.src.of('CustomResourceDefinition')) {
    const group = str(item.object, ['spec', 'group']) ?? item.ref.name.split('.').slice(1).join('.');
    if (PLATFORM_CRD_GROUP_SUFFIXES.some((s) => group === s || group.endsWith(`.${s}`))) continue;
    const found = run.dst.get('CustomResourceDefinition', undefined, item.ref.name);
    if (!found)
      addCheck(run, 'crd', item.ref, [`CustomResourceDefinition ${item.ref.name} is not on the target`], '');
    else
      addCheck(
        run,
        'crd',
        found.ref,
        [],
        `present, serving ${servedVersions(found.object).join(', ') || 'no version'}`,
      );
  }
}

/** HPAs present with current metrics. */
function checkHpas(run: Run): void {
  for (const item of userObjects(run, 'HorizontalPodAutoscaler')) {
    const found = run.dst.get('HorizontalPodAutoscaler', item.ref.namespace, item.ref.name);
    if (!found) {
      addCheck(
        run,
        'hpa',
        item.ref,
        [`HorizontalPodAutoscaler ${item.ref.namespace}/${item.ref.name} is not on the target`],
        '',
      );
      continue;
    }
    const current = getPath(found.object, ['status', 'currentMetrics']);
    const n = Array.isArray(current) ? current.length : 0;
    addCheck(
      run,
      'hpa',
      found.ref,
      n
        ? []
        : [
            'no current metrics: the HPA cannot scale. Install metrics-server on EKS (and the Prometheus adapter or KEDA for custom and external metrics)',
          ],
      `${n} current metric${n === 1 ? '' : 's'}`,
    );
  }
}

/** Checks sorted by kind (the order of CHECK_KINDS), then by resource, with their counts. */
function summarize(checks: VerifyCheck[]): VerifyResult {
  const order = new Map(CHECK_KINDS.map((k, i) => [k, i]));
  checks.sort(
    (a, b) =>
      (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0) ||
      refKey(a.resource).localeCompare(refKey(b.resource)) ||
      a.resource.kind.localeCompare(b.resource.kind),
  );
  const gaps = checks.filter((c) => c.status === 'gap').length;
  return { schemaVersion: 1, summary: { checked: checks.length, ok: checks.length - gaps, gaps }, checks };
}

export function verify(source: Inventory, target: Inventory, options: VerifyOptions = {}): VerifyResult {
  const run: Run = { source, target, src: new Index(source), dst: new Index(target), options, checks: [] };
  checkInputs(run);
  checkWorkloads(run);
  checkServices(run);
  checkIngresses(run);
  checkClaims(run);
  if (options.registry) checkImages(run, options.registry);
  checkCrds(run);
  checkHpas(run);
  return summarize(run.checks);
}

/** `ns/Kind/name` of each HPA's scale target, with its replica range (from both sides). */
function hpaRanges(source: Inventory, target: Inventory): Map<string, { min: number; max: number }> {
  const out = new Map<string, { min: number; max: number }>();
  for (const item of [...source.objects, ...target.objects]) {
    if (item.ref.kind !== 'HorizontalPodAutoscaler') continue;
    const kind = str(item.object, ['spec', 'scaleTargetRef', 'kind']);
    const name = str(item.object, ['spec', 'scaleTargetRef', 'name']);
    if (!kind || !name) continue;
    const key = refKey({
      apiVersion: '',
      kind: KIND_ON_EKS[kind] ?? kind,
      name,
      ...(item.ref.namespace ? { namespace: item.ref.namespace } : {}),
    });
    const min = num(item.object, ['spec', 'minReplicas']) ?? 1;
    const max = num(item.object, ['spec', 'maxReplicas']) ?? min;
    const prev = out.get(key);
    out.set(key, prev ? { min: Math.min(prev.min, min), max: Math.max(prev.max, max) } : { min, max });
  }
  return out;
}

type Outcome = [gaps: string[], okDetail: string];

function workloadGaps(
  source: KubeObject,
  target: KubeObject,
  hpa: { min: number; max: number } | undefined,
): Outcome {
  const kind = target.kind ?? '';
  const status = isRecord(target.status) ? target.status : undefined;
  if (kind === 'CronJob') {
    const suspended =
      getPath(target, ['spec', 'suspend']) === true && getPath(source, ['spec', 'suspend']) !== true;
    return [
      suspended ? ['suspended on the target, not on the source'] : [],
      `present, schedule ${str(target, ['spec', 'schedule']) ?? '?'}`,
    ];
  }
  if (kind === 'DaemonSet') {
    if (!status)
      return [['the target has no status: read the target from the cluster (context:NAME or a bundle)'], ''];
    const desired = num(target, ['status', 'desiredNumberScheduled']) ?? 0;
    const ready = num(target, ['status', 'numberReady']) ?? 0;
    const sourceDesired = num(source, ['status', 'desiredNumberScheduled']);
    if (desired === 0 && (sourceDesired ?? 1) > 0) {
      return [
        [
          'scheduled on no node of the target: check its nodeSelector, affinity and tolerations against the EKS node labels and taints',
        ],
        '',
      ];
    }
    return [
      ready < desired ? [`${ready} of ${desired} pods ready`] : [],
      `${ready} of ${desired} pods ready`,
    ];
  }
  const gaps: string[] = [];
  const wanted = replicasOf(source);
  const desired = replicasOf(target);
  if (hpa) {
    if (desired < hpa.min || desired > hpa.max)
      gaps.push(`${desired} replicas, outside the HPA range ${hpa.min}-${hpa.max}`);
  } else if (desired !== wanted) {
    gaps.push(`${desired} replica${desired === 1 ? '' : 's'} on the target, ${wanted} on the source`);
  }
  if (!status) {
    gaps.push('the target has no status: read the target from the cluster (context:NAME or a bundle)');
    return [gaps, ''];
  }
  const ready = num(target, ['status', 'readyReplicas']) ?? 0;
  if (ready < desired) gaps.push(`${ready} of ${desired} replicas ready`);
  return [gaps, `${ready} of ${desired} replicas ready${hpa ? ` (HPA ${hpa.min}-${hpa.max})` : ''}`];
}

/** Ready endpoint addresses of a Service: its Endpoints object, or its EndpointSlices. */
function readyEndpoints(index: Index, ns: string | undefined, name: string): number | undefined {
  if (!index.has('Endpoints') && !index.has('EndpointSlice')) return undefined;
  const addresses = new Set<string>();
  const endpoints = index.get('Endpoints', ns, name);
  const subsets = getPath(endpoints?.object, ['subsets']);
  if (Array.isArray(subsets)) {
    for (const subset of subsets) {
      const list = isRecord(subset) ? subset.addresses : undefined;
      if (Array.isArray(list))
        for (const a of list) if (isRecord(a)) addresses.add(String(a.ip ?? a.hostname ?? ''));
    }
  }
  for (const slice of index.of('EndpointSlice')) {
    if (slice.ref.namespace !== ns || slice.object.metadata?.labels?.['kubernetes.io/service-name'] !== name)
      continue;
    const list = slice.object.endpoints;
    if (!Array.isArray(list)) continue;
    for (const e of list) {
      if (!isRecord(e) || getPath(e, ['conditions', 'ready']) === false || !Array.isArray(e.addresses))
        continue;
      for (const a of e.addresses) addresses.add(String(a));
    }
  }
  return addresses.size;
}

function serviceGaps(source: InventoryObject, target: InventoryObject, src: Index, dst: Index): Outcome {
  const type = str(target.object, ['spec', 'type']) ?? 'ClusterIP';
  if (type === 'ExternalName')
    return [[], `ExternalName ${str(target.object, ['spec', 'externalName']) ?? ''}`.trim()];
  const ns = target.ref.namespace;
  const onTarget = readyEndpoints(dst, ns, target.ref.name);
  if (onTarget === undefined) {
    return [
      [
        'the target holds no Endpoints or EndpointSlices: read the target from the cluster (context:NAME or a bundle)',
      ],
      '',
    ];
  }
  if (onTarget > 0) return [[], `${onTarget} ready endpoint${onTarget === 1 ? '' : 's'}`];
  const onSource = readyEndpoints(src, source.ref.namespace, source.ref.name);
  if (onSource === 0) return [[], 'no ready endpoints, as on the source'];
  const selector = getPath(target.object, ['spec', 'selector']);
  const sel = isRecord(selector)
    ? Object.entries(selector)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(',')
    : '';
  return [[sel ? `no ready endpoints: no ready pod matches ${sel} on the target` : 'no ready endpoints'], ''];
}

function provisioned(target: KubeObject): Outcome {
  const ingress = getPath(target, ['status', 'loadBalancer', 'ingress']);
  const first = Array.isArray(ingress) && isRecord(ingress[0]) ? ingress[0] : undefined;
  if (!first)
    return [
      [
        'no load balancer address yet: check the AWS Load Balancer Controller logs and the events of this object',
      ],
      '',
    ];
  return [[], `provisioned: ${String(first.hostname ?? first.ip ?? '')}`];
}

/** `storageClasses: [{ from, to }]` of a plan, as a map (`*` for every other class). */
export function planStorageClasses(plan: unknown): Map<string, string> | undefined {
  const list = isRecord(plan) ? plan.storageClasses : undefined;
  if (!Array.isArray(list)) return undefined;
  const map = new Map<string, string>();
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    const to = entry.to ?? entry.name;
    if (typeof to !== 'string') continue;
    map.set(typeof entry.from === 'string' ? entry.from : '*', to);
  }
  return map.size ? map : undefined;
}

function defaultClass(index: Index): string | undefined {
  return index.of('StorageClass').find((sc) => isDefaultStorageClass(sc.object))?.ref.name;
}

function pvcGaps(
  source: KubeObject,
  target: KubeObject,
  sourceInventory: Inventory,
  dst: Index,
  classMap: Map<string, string> | undefined,
): Outcome {
  const gaps: string[] = [];
  const phase = str(target, ['status', 'phase']);
  if (phase !== 'Bound')
    gaps.push(phase ? `${phase}, not Bound` : 'no status on the target: read it from the cluster');
  const explicit = getPath(target, ['spec', 'storageClassName']);
  if (explicit === '') return [gaps, 'Bound to a pre-provisioned volume (no storage class)'];
  const cls = typeof explicit === 'string' ? explicit : defaultClass(dst);
  if (classMap) {
    const sourceClass = str(source, ['spec', 'storageClassName']) ?? '';
    const expected = classMap.get(sourceClass) ?? classMap.get('*');
    if (expected && cls !== expected)
      gaps.push(`uses StorageClass ${cls ?? '(none)'}; the plan expects ${expected}`);
    return [gaps, `Bound, StorageClass ${cls ?? '(default)'}`];
  }
  if (!dst.has('StorageClass'))
    return [gaps, `Bound, StorageClass ${cls ?? '(default)'} (the target holds no StorageClasses to check)`];
  if (!cls) {
    gaps.push('no storageClassName and no default StorageClass on the target');
    return [gaps, ''];
  }
  const sc = dst.get('StorageClass', undefined, cls);
  if (!sc) {
    gaps.push(`StorageClass ${cls} is not on the target`);
    return [gaps, ''];
  }
  const provisioner = str(sc.object, ['provisioner']) ?? '';
  const sourceProvisioners = new Set(
    sourceInventory.objects
      .filter((o) => o.ref.kind === 'StorageClass')
      .map((o) => str(o.object, ['provisioner'])),
  );
  if (sourceProvisioners.has(provisioner) && !worksOnEks(provisioner)) {
    gaps.push(
      `StorageClass ${cls} uses ${provisioner}, a provisioner of the source platform that does not run on EKS (use ebs.csi.aws.com or efs.csi.aws.com)`,
    );
  }
  return [gaps, `Bound, StorageClass ${cls} (${provisioner})`];
}

function servedVersions(crd: KubeObject): string[] {
  const versions = getPath(crd, ['spec', 'versions']);
  if (!Array.isArray(versions)) {
    const v = str(crd, ['spec', 'version']);
    return v ? [v] : [];
  }
  return versions
    .filter((v) => isRecord(v) && v.served !== false)
    .map((v) => String((v as Record<string, unknown>).name));
}
