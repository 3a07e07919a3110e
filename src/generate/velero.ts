// velero/: moving the data (and the Secrets) with Velero. The kit's direction: restore only namespaces,
// claims and data; deploy the workloads from manifests/ (the transformed objects are the truth on EKS). No
// restore resource modifiers are generated: Velero never restores a Deployment, StatefulSet, Service or
// Ingress, so there is nothing of the old platform to rewrite on the way in. Every restore names what it
// brings with --include-resources: Secrets (manifests/ never holds them) and, for namespaces with volumes,
// the claims and their data through file-system backup, which crosses clouds where disk snapshots cannot.
// File-system restore writes the data through the pod that mounts the claim (a restore of claims alone
// brings empty volumes), so those pods come back too, with the ConfigMaps and ServiceAccounts they need to
// start; they only carry the data and are deleted once the restore completes, before manifests/ is applied.
// @see https://velero.io/docs/main/file-system-backup/ and https://velero.io/docs/main/restore-reference/

import { getPath, isRecord, podTemplateOf } from '../model/kinds.js';
import { isPlatformNamespace } from '../model/platform-namespaces.js';
import type { Inventory, InventoryObject } from '../model/types.js';
import type { Plan } from '../plan/types.js';
import { inDoubleQuotes, shellQuote } from './shell.js';
import type { Artifact } from './types.js';
import { yamlDocument } from './yaml-out.js';

/** Velero and its AWS plugin, pinned together (the plugin's compatibility matrix). */
export const VELERO = { version: 'v1.16.2', awsPlugin: 'velero/velero-plugin-for-aws:v1.12.2' } as const;

/** What a restore brings: Secrets everywhere; claims and their data where there are volumes. */
export const RESTORE_RESOURCES = {
  secrets: ['namespaces', 'secrets'],
  // Pods carry the file-system restore; ConfigMaps and ServiceAccounts let them start (a pod whose
  // ServiceAccount or ConfigMap volume is missing never runs the restore's init container).
  data: ['namespaces', 'persistentvolumeclaims', 'pods', 'configmaps', 'serviceaccounts', 'secrets'],
} as const;

/** Namespaces of the workloads, and which of them hold volumes. */
export function namespacesOf(inventory: Inventory): { all: string[]; withVolumes: Set<string> } {
  const all = new Set<string>();
  const withVolumes = new Set<string>();
  for (const item of inventory.objects) {
    const ns = item.ref.namespace ?? (item.ref.kind === 'Namespace' ? item.ref.name : undefined);
    // `default` holds nothing of its own to restore: Velero leaves it out too.
    if (!ns || ns === 'default' || isPlatformNamespace(ns)) continue;
    all.add(ns);
    if (holdsVolumes(item)) withVolumes.add(ns);
  }
  return { all: [...all].sort(), withVolumes };
}

function holdsVolumes(item: InventoryObject): boolean {
  if (item.ref.kind === 'PersistentVolumeClaim') return true;
  const templates = getPath(item.object, ['spec', 'volumeClaimTemplates']);
  if (item.ref.kind === 'StatefulSet' && Array.isArray(templates) && templates.length > 0) return true;
  return false;
}

/** Source classes Velero must map: every class a claim names or a StorageClass object defines. */
export function sourceClasses(inventory: Inventory): string[] {
  const names = new Set<string>();
  const claimClass = (spec: unknown) => {
    if (isRecord(spec) && typeof spec.storageClassName === 'string' && spec.storageClassName !== '')
      names.add(spec.storageClassName);
  };
  for (const item of inventory.objects) {
    if (item.ref.kind === 'StorageClass') names.add(item.ref.name);
    if (item.ref.kind === 'PersistentVolumeClaim' || item.ref.kind === 'PersistentVolume')
      claimClass(item.object.spec);
    const templates = getPath(item.object, ['spec', 'volumeClaimTemplates']);
    if (Array.isArray(templates)) for (const t of templates) claimClass(isRecord(t) ? t.spec : undefined);
  }
  return [...names].sort();
}

/** `{ source class: EKS class }`: exact names only (Velero matches no wildcard); `*` of the plan expanded. */
export function classMapping(plan: Plan, inventory: Inventory): Record<string, string> {
  const exact = new Map(
    plan.storageClasses.filter((s) => s.from !== '*' && s.from !== '').map((s) => [s.from, s.to]),
  );
  const wildcard = plan.storageClasses.find((s) => s.from === '*')?.to;
  const mapping: Record<string, string> = {};
  for (const name of sourceClasses(inventory)) {
    const to = exact.get(name) ?? wildcard;
    if (to && to !== name) mapping[name] = to;
  }
  return mapping;
}

function mappingConfigMap(plan: Plan, inventory: Inventory): Artifact | undefined {
  const mapping = classMapping(plan, inventory);
  if (Object.keys(mapping).length === 0) return undefined;
  return {
    path: 'velero/storage-class-mapping.yaml',
    content: yamlDocument(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'change-storage-class-config',
          namespace: 'velero',
          labels: { 'velero.io/plugin-config': '', 'velero.io/change-storage-class': 'RestoreItemAction' },
        },
        data: mapping,
      },
      [
        'Velero change-storage-class plugin: restored claims get the EKS class of the plan (plan storageClasses).',
        'One key per source class (Velero matches names exactly); claims without a class keep none and get the',
        'default class of platform/storageclasses.yaml. Apply on the EKS cluster after installing Velero, and',
        'after platform/storageclasses.yaml: a claim whose class does not exist stays Pending and the restore waits.',
      ],
    ),
  };
}

function installScript(plan: Plan): string {
  return [
    '#!/usr/bin/env bash',
    `# Velero ${VELERO.version} with the AWS plugin on both clusters, sharing one S3 bucket: the old cluster`,
    '# backs up into it, EKS restores from it. Run the two halves against their own kube contexts.',
    'set -euo pipefail',
    '',
    `REGION="\${REGION:-${plan.cluster.region}}"`,
    `BUCKET="\${BUCKET:-${inDoubleQuotes(plan.cluster.name)}-velero-migration}"`,
    'SOURCE_CONTEXT="${SOURCE_CONTEXT:?set SOURCE_CONTEXT to the kube context of the old cluster}"',
    'TARGET_CONTEXT="${TARGET_CONTEXT:?set TARGET_CONTEXT to the kube context of the EKS cluster}"',
    '',
    '# 1. The bucket (versioned, encrypted, private).',
    'aws s3api create-bucket --bucket "$BUCKET" --region "$REGION" \\',
    '  $( [ "$REGION" = us-east-1 ] || echo --create-bucket-configuration LocationConstraint="$REGION" )',
    'aws s3api put-bucket-versioning --bucket "$BUCKET" --versioning-configuration Status=Enabled',
    'aws s3api put-public-access-block --bucket "$BUCKET" \\',
    '  --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    '',
    '# 2. The old cluster has no AWS identity: it writes with the keys of an IAM user limited to the bucket',
    '#    (policy: velero/iam-policy.json). Put them in ./credentials-velero ([default] aws_access_key_id=…),',
    '#    and delete the user after the cutover.',
    'velero install --kubecontext "$SOURCE_CONTEXT" \\',
    `  --provider aws --plugins ${VELERO.awsPlugin} \\`,
    '  --bucket "$BUCKET" --backup-location-config region="$REGION" \\',
    '  --use-volume-snapshots=false --use-node-agent --default-volumes-to-fs-backup \\',
    '  --secret-file ./credentials-velero',
    '',
    '# 3. EKS: Velero assumes its role through EKS Pod Identity (association velero/velero, policy',
    '#    velero/iam-policy.json; create it with: eksctl create podidentityassociation --cluster ' +
      plan.cluster.name,
    '#    --namespace velero --service-account-name velero --permission-policy-arns <policy ARN>).',
    'velero install --kubecontext "$TARGET_CONTEXT" \\',
    `  --provider aws --plugins ${VELERO.awsPlugin} \\`,
    '  --bucket "$BUCKET" --backup-location-config region="$REGION" \\',
    '  --use-volume-snapshots=false --use-node-agent --no-secret',
    '# Restores only: keep the EKS side from writing into the migration bucket.',
    'kubectl --context "$TARGET_CONTEXT" -n velero patch backupstoragelocation default --type merge -p \'{"spec":{"accessMode":"ReadOnly"}}\'',
    '',
  ].join('\n');
}

function iamPolicy(plan: Plan): string {
  const bucket = `${plan.cluster.name}-velero-migration`;
  return `${JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            's3:GetObject',
            's3:DeleteObject',
            's3:PutObject',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
          ],
          Resource: [`arn:aws:s3:::${bucket}/*`],
        },
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`] },
      ],
    },
    null,
    2,
  )}\n`;
}

function backupScript(namespaces: string[], withVolumes: Set<string>): string {
  return [
    '#!/usr/bin/env bash',
    '# Backups of the old cluster, one per namespace. Volumes go through file-system backup (the node agent',
    '# copies their files): disk snapshots of another cloud cannot be restored on AWS.',
    'set -euo pipefail',
    'SOURCE_CONTEXT="${SOURCE_CONTEXT:?set SOURCE_CONTEXT to the kube context of the old cluster}"',
    '',
    ...namespaces.map(
      (ns) =>
        `velero backup create ${shellQuote(`kube2eks-${ns}`)} --kubecontext "$SOURCE_CONTEXT" --include-namespaces ${shellQuote(ns)}${withVolumes.has(ns) ? ' --default-volumes-to-fs-backup' : ''} --wait`,
    ),
    '',
    '# Every backup must say Completed (not PartiallyFailed) before the restore:',
    'velero backup get --kubecontext "$SOURCE_CONTEXT"',
    '',
  ].join('\n');
}

function restoreScript(namespaces: string[], withVolumes: Set<string>): string {
  const stateless = namespaces.filter((ns) => !withVolumes.has(ns));
  const stateful = namespaces.filter((ns) => withVolumes.has(ns));
  return [
    '#!/usr/bin/env bash',
    '# Restores on EKS, in order. Velero restores only namespaces, Secrets, claims and their data; the workloads',
    '# come from manifests/ (transformed for EKS), so nothing of the old platform is restored. Run from the kit folder.',
    'set -euo pipefail',
    'TARGET_CONTEXT="${TARGET_CONTEXT:?set TARGET_CONTEXT to the kube context of the EKS cluster}"',
    'k() { kubectl --context "$TARGET_CONTEXT" "$@"; }',
    '',
    '# 0. Before any restore: what the restore needs must exist (kube2eks verify --preflight checks it).',
    'k apply -f platform/storageclasses.yaml',
    '[ -f velero/storage-class-mapping.yaml ] && k apply -f velero/storage-class-mapping.yaml',
    '',
    '# 1. Namespaces, CRDs and operators first (RUNBOOK.md, wave 1), so restored objects find their kinds.',
    '',
    '# 2. Stateless namespaces: only their Secrets come from the backup; the workloads from manifests/.',
    ...stateless.map(
      (ns) =>
        `velero restore create ${shellQuote(`kube2eks-${ns}-secrets`)} --kubecontext "$TARGET_CONTEXT" --from-backup ${shellQuote(`kube2eks-${ns}`)} --include-resources ${RESTORE_RESOURCES.secrets.join(',')} --wait`,
    ),
    '',
    '# 3. Namespaces with volumes, last: the claims and their data (classes mapped by',
    '#    velero/storage-class-mapping.yaml), with the pods that mount them: the file-system restore writes the',
    '#    data through those pods, which need their ConfigMaps and ServiceAccounts to start. No workload',
    '#    controller is restored, so the pods only carry the data: once the restore completed they are deleted',
    '#    (the claims keep the data), and manifests/ (RUNBOOK.md, wave 3) starts the workloads on the claims.',
    ...stateful.flatMap((ns) => [
      `velero restore create ${shellQuote(`kube2eks-${ns}-data`)} --kubecontext "$TARGET_CONTEXT" --from-backup ${shellQuote(`kube2eks-${ns}`)} --include-resources ${RESTORE_RESOURCES.data.join(',')} --wait`,
      `velero restore describe ${shellQuote(`kube2eks-${ns}-data`)} --kubecontext "$TARGET_CONTEXT" | grep -qE '^Phase: +Completed'`,
      `k -n ${shellQuote(ns)} delete pods --all --wait`,
    ]),
    '',
    '# 4. Check: every restore Completed, every claim Bound (its data in place, no pod using it yet).',
    'velero restore get --kubecontext "$TARGET_CONTEXT"',
    'k get pvc -A',
    '',
  ].join('\n');
}

export function veleroArtifacts(plan: Plan, inventory: Inventory): Artifact[] {
  const { all, withVolumes } = namespacesOf(inventory);
  if (all.length === 0) return [];
  const artifacts: Artifact[] = [
    { path: 'velero/install.sh', content: installScript(plan) },
    { path: 'velero/iam-policy.json', content: iamPolicy(plan) },
    { path: 'velero/backup.sh', content: backupScript(all, withVolumes) },
    { path: 'velero/restore.sh', content: restoreScript(all, withVolumes) },
  ];
  const mapping = mappingConfigMap(plan, inventory);
  if (mapping) artifacts.push(mapping);
  return artifacts;
}

/** Workloads that run pods, for the runbook's waves. */
export function isWorkload(item: InventoryObject): boolean {
  return podTemplateOf(item.object) !== undefined;
}
