// platform/: what EKS needs before the workloads arrive — the StorageClasses the plan maps claims to,
// IngressClass `alb`, and the Helm values of the add-ons installed with Helm.
import { ADDON_INSTALLS } from '../model/addon-installs.table.js';
import type { Plan, PlanAddon } from '../plan/types.js';
import type { Artifact } from './types.js';
import { yamlDocument, yamlDocuments } from './yaml-out.js';

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

/** The EKS classes to create: every `to` of the plan that is not a source class moving as it is. */
export function targetClasses(plan: Plan) {
  const byName = new Map<string, Plan['storageClasses'][number] & { fromAll: string[] }>();
  for (const s of plan.storageClasses) {
    if (s.from === s.to) continue;
    const existing = byName.get(s.to);
    if (existing) {
      existing.fromAll.push(s.from);
      if (s.isDefault) existing.isDefault = true;
    } else byName.set(s.to, { ...s, fromAll: [s.from] });
  }
  return [...byName.values()].sort((a, b) => a.to.localeCompare(b.to));
}

function describeFrom(from: string): string {
  return from === '' ? 'claims without a class' : from === '*' ? 'every other class' : `class ${from}`;
}

function storageClasses(plan: Plan): Artifact | undefined {
  const classes = targetClasses(plan);
  if (classes.length === 0) return undefined;
  const docs = classes.map((c) => {
    const block = c.provisioner === 'ebs.csi.aws.com';
    const value: Record<string, unknown> = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: c.to,
        ...(c.isDefault ? { annotations: { [DEFAULT_CLASS]: 'true' } } : {}),
      },
      provisioner: c.provisioner,
      ...(c.parameters && Object.keys(c.parameters).length > 0 ? { parameters: c.parameters } : {}),
      reclaimPolicy: 'Delete',
      // An EBS volume lives in one AZ: bind it where the pod lands.
      volumeBindingMode: block ? 'WaitForFirstConsumer' : 'Immediate',
      allowVolumeExpansion: true,
    };
    const placeholders = Object.values(c.parameters ?? {}).some((v) => /<[^>]+>/.test(v));
    return {
      value,
      comment: [
        `Plan storageClasses: ${c.fromAll.map(describeFrom).join(', ')} -> ${c.to}. ${c.why}`,
        ...(c.isDefault
          ? ['Default class: EKS 1.30 and later mark no class default, so claims without a class need it.']
          : []),
        ...(placeholders
          ? ['Fill in the values in angle brackets (resources only you can create) before applying.']
          : []),
      ],
    };
  });
  return {
    path: 'platform/storageclasses.yaml',
    content: yamlDocuments([
      {
        value: docs[0]!.value,
        comment: [
          'StorageClasses of the EKS cluster: apply before any claim or Velero restore (a claim whose class',
          'is missing stays Pending, and the restore waits on it).',
          '',
          ...docs[0]!.comment,
        ],
      },
      ...docs.slice(1),
    ]),
  };
}

function ingressClass(plan: Plan): Artifact | undefined {
  if (!plan.addons.some((a) => a.name === 'aws-load-balancer-controller')) return undefined;
  return {
    path: 'platform/ingressclass.yaml',
    content: yamlDocument(
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: { name: 'alb' },
        spec: { controller: 'ingress.k8s.aws/alb' },
      },
      [
        'IngressClass alb: the Ingresses of manifests/ name it (spec.ingressClassName: alb).',
        'The AWS Load Balancer Controller Helm chart creates it too (createIngressClassResource); apply this when',
        'the chart is installed with that turned off. Plan add-on aws-load-balancer-controller.',
      ],
    ),
  };
}

/** Helm values the kit knows for an add-on, from the plan. */
function helmValues(plan: Plan, addon: PlanAddon): Record<string, unknown> {
  const base: Record<string, unknown> = {};
  if (addon.name === 'aws-load-balancer-controller') {
    Object.assign(base, {
      clusterName: plan.cluster.name,
      region: plan.cluster.region,
      vpcId: '<vpc id>',
      serviceAccount: { create: true, name: 'aws-load-balancer-controller' },
      createIngressClassResource: true,
      ingressClass: 'alb',
    });
  }
  if (addon.name === 'cluster-autoscaler') {
    Object.assign(base, {
      autoDiscovery: { clusterName: plan.cluster.name },
      awsRegion: plan.cluster.region,
    });
  }
  if (addon.name === 'karpenter') {
    Object.assign(base, {
      settings: { clusterName: plan.cluster.name, interruptionQueue: plan.cluster.name },
    });
  }
  for (const [key, value] of Object.entries(addon.configuration ?? {})) setDotted(base, key, value);
  return base;
}

function setDotted(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/** Node autoscalers: autoscaler/ holds their values, not platform/helm/. */
export const AUTOSCALER_ADDONS: ReadonlySet<string> = new Set(['cluster-autoscaler', 'karpenter']);

/** A chart version Helm accepts (`1.14.0`), as opposed to an application version (`v1.35.x`). */
export function chartVersion(version: string): string | undefined {
  return /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(version) ? version : undefined;
}

/**
 * Where an add-on's version comes from, for a comment beside it: the table's source and date, and, where no
 * version can be pinned, that the chart's or EKS's default is what gets installed.
 */
export function versionComment(addon: PlanAddon): string {
  const source = addon.versionSource ?? 'no source recorded in the plan';
  if (addon.installedBy === 'helm' && !chartVersion(addon.version))
    return `${addon.name}: no chart version pinned (${source}); Helm installs the newest chart, so pin --version once tested.`;
  if (addon.version === 'default')
    return `${addon.name}: no version pinned (${source}); EKS installs its default, so pin one once tested.`;
  return `${addon.name} ${addon.version}: ${source}.`;
}

/** The Helm charts of the add-ons the kit installs with Helm, with the namespace each installs into. */
export const HELM_CHARTS: Readonly<Record<string, { repo: string; chart: string; namespace: string }>> =
  Object.fromEntries(
    Object.entries(ADDON_INSTALLS).flatMap(([name, { chart, namespace }]) =>
      chart ? [[name, { ...chart, namespace }]] : [],
    ),
  );

function addonValues(plan: Plan): Artifact[] {
  return plan.addons
    .filter((a) => a.installedBy === 'helm' && !AUTOSCALER_ADDONS.has(a.name))
    .map((addon) => {
      const chart = HELM_CHARTS[addon.name];
      return {
        path: `platform/helm/${addon.name}.values.yaml`,
        content: yamlDocument(helmValues(plan, addon), [
          `Helm values for ${addon.name} ${addon.version} (plan add-on: ${addon.why}).`,
          `Version: ${versionComment(addon)}`,
          chart
            ? `helm upgrade --install ${addon.name} ${chart.chart}${chartVersion(addon.version) ? ` --version ${addon.version}` : ''} -n ${chart.namespace} -f platform/helm/${addon.name}.values.yaml`
            : `Install ${addon.name} ${addon.version} with its chart and these values.`,
          // Source: keda.sh/docs/latest/authentication-providers/aws/ (podIdentity provider aws).
          ...(addon.name === 'keda'
            ? [
                'Scalers on AWS services (SQS, CloudWatch, Kinesis) authenticate with podIdentity provider aws:',
                `associate an IAM role with ${chart?.namespace ?? 'keda'}/keda-operator (EKS Pod Identity).`,
              ]
            : []),
        ]),
      };
    });
}

export function platformArtifacts(plan: Plan): Artifact[] {
  return [storageClasses(plan), ingressClass(plan), ...addonValues(plan)].filter(
    (a): a is Artifact => a !== undefined,
  );
}
