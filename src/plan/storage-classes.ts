// Storage classes: every source StorageClass defined or used maps to an EKS class (gp3, io2, EFS, FSx),
// plus a default gp3 class for claims without a class (EKS marks no class default since 1.30).
// `verify --plan` reads `{from, to}`; `from: "*"` maps every other class.

import { AWS_PROVISIONERS, IN_TREE_EBS } from '../model/storage.table.js';
import { isDefaultStorageClass } from '../model/storage-class.js';
import type { Finding, Inventory } from '../model/types.js';
import type { ClaimFact } from './facts.js';
import type { PlanReason, PlanStorageClass } from './types.js';
import { countOf } from './words.js';

/** The EKS class each AWS target becomes, with its provisioner and base parameters. */
const TARGETS: Readonly<
  Record<string, { to: string; provisioner: string; parameters: Record<string, string>; what: string }>
> = {
  ebs: { to: 'gp3', provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' }, what: 'EBS gp3' },
  io2: { to: 'io2', provisioner: 'ebs.csi.aws.com', parameters: { type: 'io2' }, what: 'EBS io2' },
  efs: {
    to: 'efs',
    provisioner: 'efs.csi.aws.com',
    parameters: { provisioningMode: 'efs-ap', fileSystemId: '<efs file system id>', directoryPerms: '700' },
    what: 'EFS (ReadWriteMany)',
  },
  'fsx-lustre': { to: 'fsx-lustre', provisioner: 'fsx.csi.aws.com', parameters: {}, what: 'FSx for Lustre' },
  'fsx-ontap': {
    to: 'fsx-ontap',
    provisioner: 'csi.trident.netapp.io',
    parameters: {},
    what: 'FSx for NetApp ONTAP',
  },
  'fsx-windows': {
    to: 'fsx-windows',
    provisioner: 'smb.csi.k8s.io',
    parameters: {},
    what: 'FSx for Windows File Server',
  },
};

const SHARED_MODES = new Set(['ReadWriteMany', 'ReadOnlyMany']);

function targetOf(target: unknown, parameters: unknown): string {
  const t = typeof target === 'string' && TARGETS[target] ? target : 'ebs';
  if (t === 'ebs' && parameters && typeof parameters === 'object') {
    const type = (parameters as Record<string, unknown>).type;
    if (type === 'io1' || type === 'io2') return 'io2';
  }
  return t;
}

export function planStorageClasses(
  inventory: Inventory,
  findings: readonly Finding[],
  claims: readonly ClaimFact[],
): { storageClasses: PlanStorageClass[]; reasons: PlanReason[] } {
  const claimCount = new Map<string, number>();
  const shared = new Set<string>();
  for (const c of claims) {
    claimCount.set(c.storageClass, (claimCount.get(c.storageClass) ?? 0) + c.count);
    if (c.accessModes.some((m) => SHARED_MODES.has(m))) shared.add(c.storageClass);
  }
  const out = new Map<string, PlanStorageClass>();
  const put = (from: string, target: string, why: string, isDefault = false) => {
    const t = TARGETS[target]!;
    out.set(from, {
      from,
      to: t.to,
      provisioner: t.provisioner,
      claims: claimCount.get(from) ?? 0,
      why,
      parameters: { ...t.parameters },
      ...(isDefault ? { isDefault: true } : {}),
    });
  };

  // Classes the storage rules mapped (another platform's provisioners, and class names they know).
  for (const f of findings) {
    const d = f.data ?? {};
    if (f.ruleId === 'storage/provisioner' && f.resource.kind === 'StorageClass') {
      if (d.target === 'aws-backup') continue;
      const provisioner = typeof d.provisioner === 'string' ? d.provisioner : '?';
      const target = targetOf(d.target ?? (shared.has(f.resource.name) ? 'efs' : 'ebs'), d.parameters);
      put(
        f.resource.name,
        target,
        `${provisioner} → ${TARGETS[target]!.what}${d.target ? '' : ' (provisioner not known to kube2eks: block storage assumed unless its claims share the volume)'}`,
        d.isDefault === true,
      );
    } else if (
      f.ruleId === 'storage/claim-class' &&
      typeof d.storageClassName === 'string' &&
      !out.has(d.storageClassName)
    ) {
      const target = targetOf(d.target ?? (shared.has(d.storageClassName) ? 'efs' : 'ebs'), undefined);
      put(
        d.storageClassName,
        target,
        `class ${d.storageClassName} is not in the input${d.target ? ", but its name is the source platform's" : ''} → ${TARGETS[target]!.what}`,
      );
    }
  }
  // Classes that already work on EKS keep their name; any other class in the input or used by claims maps by its claims.
  for (const item of inventory.objects) {
    if (item.ref.kind !== 'StorageClass' || out.has(item.ref.name)) continue;
    const provisioner = String(item.object.provisioner ?? '');
    const isDefault = isDefaultStorageClass(item.object);
    if (AWS_PROVISIONERS.has(provisioner) || provisioner === IN_TREE_EBS) {
      const params = (item.object.parameters ?? {}) as Record<string, string>;
      out.set(item.ref.name, {
        from: item.ref.name,
        to: item.ref.name,
        provisioner: provisioner === IN_TREE_EBS ? 'ebs.csi.aws.com' : provisioner,
        claims: claimCount.get(item.ref.name) ?? 0,
        why: `${provisioner} already runs on EKS: the class moves as it is${provisioner === IN_TREE_EBS ? ' (the in-tree EBS plugin works through CSI migration, with the EBS CSI driver installed)' : ''}`,
        parameters: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
        ...(isDefault ? { isDefault: true } : {}),
      });
    } else {
      const target = shared.has(item.ref.name) ? 'efs' : 'ebs';
      put(
        item.ref.name,
        target,
        `${provisioner || 'no provisioner'} → ${TARGETS[target]!.what} (by the access modes of its claims)`,
        isDefault,
      );
    }
  }
  for (const name of claimCount.keys()) {
    if (name === '' || out.has(name)) continue;
    const target = shared.has(name) ? 'efs' : 'ebs';
    put(name, target, `class ${name} is used by claims but not in the input → ${TARGETS[target]!.what}`);
  }

  // The default class: the source's default (if it maps to EBS), else a new gp3 class.
  const defaults = [...out.values()].filter((c) => c.isDefault);
  const withoutClass = claimCount.get('') ?? 0;
  const defaultTarget = defaults.find((c) => c.provisioner === 'ebs.csi.aws.com');
  if (!defaultTarget) {
    for (const c of defaults) delete c.isDefault;
    out.set('', {
      from: '',
      to: 'gp3',
      provisioner: 'ebs.csi.aws.com',
      claims: withoutClass,
      why: `default class gp3 (storageclass.kubernetes.io/is-default-class: "true", volumeBindingMode WaitForFirstConsumer): EKS marks no class default since 1.30, so ${withoutClass ? `the ${countOf(withoutClass, 'claim')} without a class` : 'claims without a class'} would stay Pending`,
      parameters: { type: 'gp3' },
      isDefault: true,
    });
  } else if (withoutClass) {
    const { isDefault: _isDefault, ...target } = defaultTarget;
    out.set('', {
      ...target,
      from: '',
      claims: withoutClass,
      why: `claims without a class get the default class, ${defaultTarget.to} (the source's default was ${defaultTarget.from})`,
    });
  }
  const storageClasses = [...out.values()].sort((a, b) => a.from.localeCompare(b.from));
  const reasons = storageClasses.map((c) => ({
    subject: `storageClass:${c.from || '(default)'}`,
    why: `${c.from || '(no class)'} → ${c.to}: ${c.why}`,
  }));
  return { storageClasses, reasons };
}
