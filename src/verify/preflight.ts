// verify --preflight: before any restore, does the new cluster have what the kit assumes? The StorageClasses
// the plan maps claims to (a restore whose claim names a missing class hangs), IngressClass alb, the
// controllers and add-ons of the plan running, and the CRDs the source's objects need.
import { ADDON_INSTALLS } from '../model/addon-installs.table.js';
import { isRecord } from '../model/kinds.js';
import type { Inventory, InventoryObject, ResourceRef } from '../model/types.js';
import type { Plan } from '../plan/types.js';
import { PLATFORM_CRD_GROUP_SUFFIXES } from './data.js';
import { CHECK_KINDS, type VerifyCheck, type VerifyResult } from './index.js';

/** What each add-on of the plan runs as, and where, to find it on the cluster (the kit installs it there). */
export const ADDON_WORKLOADS: Readonly<
  Record<string, { kind: 'Deployment' | 'DaemonSet'; namespace: string; name: string }>
> = Object.fromEntries(
  Object.entries(ADDON_INSTALLS).flatMap(([name, { workload, namespace }]) =>
    workload ? [[name, { ...workload, namespace }]] : [],
  ),
);

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

function ready(item: InventoryObject): boolean | undefined {
  const status = item.object.status;
  if (!isRecord(status)) return undefined;
  if (item.ref.kind === 'DaemonSet') return typeof status.numberReady === 'number' && status.numberReady > 0;
  return typeof status.readyReplicas === 'number' && status.readyReplicas > 0;
}

function byKind(inventory: Inventory, kind: string): InventoryObject[] {
  return inventory.objects.filter((o) => o.ref.kind === kind);
}

/**
 * The preflight checks: `target` is the new cluster as read (context:NAME or a bundle of it), `plan` the
 * plan of the kit, `source` (optional) what will be restored, for its CRDs.
 */
export function preflight(
  target: Inventory,
  plan: Plan | undefined,
  source?: Inventory,
  /** The `image` checks of --check-images (verify/images.ts), made from ECR's answers. */
  imageChecks: readonly VerifyCheck[] = [],
): VerifyResult {
  const checks: VerifyCheck[] = [...imageChecks];
  const add = (kind: VerifyCheck['kind'], resource: ResourceRef, ok: boolean, detail: string) =>
    checks.push({ kind, resource, status: ok ? 'ok' : 'gap', detail });

  const classes = new Map(byKind(target, 'StorageClass').map((o) => [o.ref.name, o]));
  // One check per EKS class the plan maps to (several source classes may share one).
  const wanted = new Map<string, { provisioner: string; isDefault: boolean; from: string[] }>();
  for (const m of plan?.storageClasses ?? []) {
    const entry = wanted.get(m.to) ?? { provisioner: m.provisioner, isDefault: false, from: [] };
    entry.isDefault ||= m.isDefault === true;
    entry.from.push(m.from === '' ? 'claims without a class' : m.from);
    wanted.set(m.to, entry);
  }
  for (const [name, want] of wanted) {
    const cls = classes.get(name);
    if (!cls) {
      add(
        'storageClass',
        { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name },
        false,
        `StorageClass ${name} is missing: claims mapped to it (${want.from.join(', ')}) stay Pending and a Velero restore waits on them. Apply platform/storageclasses.yaml.`,
      );
      continue;
    }
    const provisioner = String(cls.object.provisioner ?? '');
    const isDefault = cls.object.metadata?.annotations?.[DEFAULT_CLASS] === 'true';
    const detail =
      provisioner !== want.provisioner
        ? `StorageClass ${name} uses ${provisioner || 'no provisioner'}; the plan expects ${want.provisioner}.`
        : want.isDefault && !isDefault
          ? `StorageClass ${name} is not marked default (${DEFAULT_CLASS}: "true"): claims without a class stay Pending.`
          : undefined;
    add(
      'storageClass',
      cls.ref,
      detail === undefined,
      detail ?? `StorageClass ${name} (${provisioner}) exists.`,
    );
  }

  if (plan?.addons.some((a) => a.name === 'aws-load-balancer-controller')) {
    const alb = byKind(target, 'IngressClass').find((o) => o.ref.name === 'alb');
    add(
      'ingressClass',
      alb?.ref ?? { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', name: 'alb' },
      alb !== undefined,
      alb
        ? 'IngressClass alb exists.'
        : 'IngressClass alb is missing: the Ingresses of manifests/ name it. Apply platform/ingressclass.yaml or install the AWS Load Balancer Controller chart.',
    );
  }

  const workloads = target.objects.filter((o) => o.ref.kind === 'Deployment' || o.ref.kind === 'DaemonSet');
  for (const addon of plan?.addons ?? []) {
    const known = ADDON_WORKLOADS[addon.name];
    if (!known) continue;
    const found = workloads.find((o) => o.ref.kind === known.kind && o.ref.name.includes(known.name));
    const isReady = found ? ready(found) : undefined;
    add(
      'addon',
      found?.ref ?? { apiVersion: 'apps/v1', kind: known.kind, namespace: known.namespace, name: known.name },
      found !== undefined && isReady !== false,
      !found
        ? `${addon.name} is not running (no ${known.kind} ${known.namespace}/${known.name}): ${addon.installedBy === 'helm' ? `install it with platform/helm/${addon.name}.values.yaml` : 'create the EKS add-on'} (plan: ${addon.why}).`
        : isReady === false
          ? `${addon.name} runs as ${known.kind} ${found.ref.namespace}/${found.ref.name} but nothing is ready yet.`
          : `${addon.name} runs (${known.kind} ${found.ref.namespace}/${found.ref.name}).`,
    );
  }

  if (source) {
    const served = new Set(byKind(target, 'CustomResourceDefinition').map((o) => o.ref.name));
    const needed = new Map<string, ResourceRef>();
    for (const o of byKind(source, 'CustomResourceDefinition')) needed.set(o.ref.name, o.ref);
    for (const [name, ref] of needed) {
      const group = name.slice(name.indexOf('.') + 1);
      if (PLATFORM_CRD_GROUP_SUFFIXES.some((s) => group === s || group.endsWith(`.${s}`))) continue;
      add(
        'crd',
        ref,
        served.has(name),
        served.has(name)
          ? `CRD ${name} is served.`
          : `CRD ${name} is missing: install its operator (wave 1 of the runbook) before restoring its objects.`,
      );
    }
  }

  checks.sort(
    (a, b) =>
      CHECK_KINDS.indexOf(a.kind) - CHECK_KINDS.indexOf(b.kind) ||
      a.resource.name.localeCompare(b.resource.name),
  );
  const gaps = checks.filter((c) => c.status === 'gap').length;
  return { schemaVersion: 1, summary: { checked: checks.length, ok: checks.length - gaps, gaps }, checks };
}
