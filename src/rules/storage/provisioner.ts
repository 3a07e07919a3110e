// storage/provisioner: a StorageClass whose provisioner EKS does not run, mapped to EBS, EFS or FSx.

import type { Catalog } from '../../catalog/index.js';
import { pointer } from '../../model/kinds.js';
import { NO_PROVISIONER } from '../../model/storage.table.js';
import type { InventoryObject, JsonPatchOp, KubeObject } from '../../model/types.js';
import {
  type ClaimView,
  chooseTarget,
  claimsOf,
  describeClaim,
  describePlatform,
  formatGiB,
  formatParameters,
  isDefaultClass,
  storageClassesOf,
  storageProfile,
  targetDriver,
  targetName,
  translateParameters,
} from '../../model/volumes.js';
import type { AwsStorage } from '../../model/volumes.table.js';
import { defineRule, joinList, type Report } from '../define.js';

/** Mount options of SMB (CIFS) shares (Azure Files, SMB CSI), meaningless for NFS or block volumes. */
const CIFS_MOUNT_OPTION =
  /^(dir_mode|file_mode|uid|gid|mfsymlinks|cache|nosharesock|nobrl|actimeo|serverino|noserverino|sec|vers=[123]\.)\b/;

const ADDON: Record<string, string> = {
  'ebs.csi.aws.com': 'Amazon EBS CSI driver (EKS add-on aws-ebs-csi-driver)',
  'efs.csi.aws.com': 'Amazon EFS CSI driver (EKS add-on aws-efs-csi-driver)',
  'fsx.csi.aws.com': 'Amazon FSx for Lustre CSI driver (aws-fsx-csi-driver)',
  'csi.trident.netapp.io': 'NetApp Trident CSI driver (EKS add-on netapp_trident-operator)',
  'smb.csi.k8s.io': 'SMB CSI driver',
};

type MessageId = 'missing' | 'inTree' | 'snapshotClass' | 'snapshotClassFile' | 'noProvisioner' | 'unknown';

/** A VolumeSnapshotClass of another platform's CSI driver: EBS snapshots, or AWS Backup for file storage. */
function checkSnapshotClass(item: InventoryObject, catalog: Catalog, report: Report<MessageId>): void {
  const driver = typeof item.object.driver === 'string' ? item.object.driver : '';
  const profile = storageProfile(catalog, driver);
  if (!driver || profile.aws || !profile.known) return;
  // EBS snapshots come from the EBS driver; EFS has no CSI snapshots (use AWS Backup).
  const fileOnly = !profile.inTreeEbs && profile.targets[0] === 'efs' && !profile.targets.includes('ebs');
  if (fileOnly) {
    const target = 'efs' as const;
    report({
      item,
      messageId: 'snapshotClassFile',
      severity: 'warning',
      data: {
        name: item.ref.name,
        driver,
        platform: describePlatform(profile),
        target: targetName(target),
      },
      path: ['driver'],
      facts: { driver, target: 'aws-backup' },
    });
    return;
  }
  report({
    item,
    messageId: 'snapshotClass',
    severity: 'warning',
    data: {
      name: item.ref.name,
      driver,
      platform: describePlatform(profile),
      target: 'ebs.csi.aws.com',
    },
    path: ['driver'],
    fix: [
      { op: 'replace', path: pointer(['driver']), value: 'ebs.csi.aws.com' },
      ...(item.object.parameters ? [{ op: 'remove' as const, path: pointer(['parameters']) }] : []),
    ],
    facts: { driver, target: 'ebs.csi.aws.com' },
  });
}

/** The claims of a class in words and facts: how many, their access modes and total size. */
function claimsOfClass(item: InventoryObject, provisioner: string, claims: readonly ClaimView[]) {
  const mine = claims.filter((c) => c.classRef.name === item.ref.name);
  const modes = [...new Set(mine.flatMap((c) => c.accessModes))];
  const sizeGiB = mine.reduce((sum, c) => sum + (c.sizeGiB ?? 0) * c.count, 0);
  const claimsNote = mine.length
    ? ` ${mine.length === 1 ? 'One claim uses' : `${mine.length} claims use`} it (${mine.map((c) => describeClaim(c)).join('; ')}), asking for ${formatGiB(sizeGiB)}${modes.length ? ` (${joinList(modes)})` : ''}.`
    : '';
  const facts = {
    provisioner,
    claims: mine.map((c) => ({
      owner: c.item.ref,
      claim: c.name,
      count: c.count,
      sizeGiB: c.sizeGiB ?? null,
    })),
    requestedGiB: sizeGiB,
    isDefault: isDefaultClass(item),
  };
  return { modes, claimsNote, facts };
}

/** The EKS class's settings in words, and the patch that makes it, when it is mechanical (EBS). */
function translateClass(sc: KubeObject, target: AwsStorage, driver: string, isDefault: boolean) {
  const rawParams =
    sc.parameters && typeof sc.parameters === 'object' ? (sc.parameters as Record<string, unknown>) : {};
  const translation = translateParameters(rawParams, target);
  const blockTarget = target === 'ebs';
  const binding = blockTarget
    ? `, volumeBindingMode WaitForFirstConsumer (an EBS volume lives in one Availability Zone)${sc.allowVolumeExpansion === true ? ' and allowVolumeExpansion true' : ''}`
    : '';
  const translatedNote = translation.translated.length
    ? `; translated: ${translation.translated.join(', ')}`
    : '';
  const cifs = Array.isArray(sc.mountOptions)
    ? sc.mountOptions.filter((o): o is string => typeof o === 'string' && CIFS_MOUNT_OPTION.test(o.trim()))
    : [];
  const mountNote =
    cifs.length && target !== 'fsx-windows'
      ? `; drop mountOptions ${joinList(cifs)}: they are SMB (CIFS) mount options${target === 'efs' ? ', and EFS mounts over NFS (set owner and permissions with the access point parameters uid, gid and directoryPerms)' : ''}`
      : '';
  const droppedNote =
    (translation.dropped.length ? `; dropped: ${translation.dropped.join(', ')}` : '') + mountNote;
  const defaultNote = isDefault
    ? ' It is the default class: keep the storageclass.kubernetes.io/is-default-class annotation on its EKS replacement, since EKS 1.30 and later mark no class as default.'
    : '';
  const notes = [...new Set(translation.notes)].map((n) => ` Note: ${n}.`).join('') + defaultNote;
  const fix: JsonPatchOp[] = [];
  if (blockTarget && translation.mechanical) {
    fix.push({ op: 'replace', path: pointer(['provisioner']), value: driver });
    fix.push({ op: 'add', path: pointer(['parameters']), value: translation.parameters });
    if (sc.volumeBindingMode !== 'WaitForFirstConsumer') {
      fix.push({ op: 'add', path: pointer(['volumeBindingMode']), value: 'WaitForFirstConsumer' });
    }
  }
  return {
    translation,
    parameters: formatParameters(translation.parameters),
    binding,
    translatedNote,
    droppedNote,
    notes,
    fix,
  };
}

/** A StorageClass whose provisioner EKS does not run: static, unknown, in-tree EBS, or another platform's. */
function checkStorageClass(
  item: InventoryObject,
  claims: readonly ClaimView[],
  catalog: Catalog,
  report: Report<MessageId>,
): void {
  const sc = item.object;
  const provisioner = typeof sc.provisioner === 'string' ? sc.provisioner : '';
  if (!provisioner) return;
  const profile = storageProfile(catalog, provisioner);
  if (profile.aws) return;
  const { modes, claimsNote, facts } = claimsOfClass(item, provisioner, claims);

  if (provisioner === NO_PROVISIONER) {
    report({
      item,
      messageId: 'noProvisioner',
      severity: 'warning',
      data: { name: item.ref.name, claimsNote },
      path: ['provisioner'],
      facts: { ...facts, target: 'ebs', targetDriver: 'ebs.csi.aws.com' },
    });
    return;
  }
  if (!profile.known) {
    report({
      item,
      messageId: 'unknown',
      severity: 'warning',
      data: { name: item.ref.name, provisioner, claimsNote },
      path: ['provisioner'],
      facts,
    });
    return;
  }

  const target = chooseTarget(profile.targets, modes);
  const driver = targetDriver(target);
  const { translation, parameters, binding, translatedNote, droppedNote, notes, fix } = translateClass(
    sc,
    target,
    driver,
    facts.isDefault,
  );
  const fullFacts = { ...facts, target, targetDriver: driver, parameters: translation.parameters };

  if (profile.inTreeEbs) {
    report({
      item,
      messageId: 'inTree',
      severity: 'warning',
      data: {
        name: item.ref.name,
        type: translation.parameters.type ?? 'gp3',
        parameters,
        binding,
        translatedNote,
        claimsNote: claimsNote + notes,
      },
      path: ['provisioner'],
      fix,
      facts: fullFacts,
    });
    return;
  }

  report({
    item,
    messageId: 'missing',
    data: {
      name: item.ref.name,
      provisioner,
      platform: describePlatform(profile),
      target: targetName(target),
      driver,
      parameters,
      binding,
      translatedNote,
      droppedNote,
      addon: ADDON[driver] ?? driver,
      generateNote: fix.length
        ? 'kube2eks generate rewrites it'
        : 'fill in the values in angle brackets: they name resources only you can create',
      selfHosted: profile.selfHosted
        ? ` Alternatively install ${profile.platform} itself on EKS and keep the class.`
        : '',
      claimsNote,
      notes: profile.notes ? ` About ${provisioner}: ${profile.notes.replace(/\.?$/, '.')}${notes}` : notes,
    },
    path: ['provisioner'],
    fix,
    facts: fullFacts,
  });
}

export default defineRule<MessageId>({
  meta: {
    id: 'storage/provisioner',
    targets: ['StorageClass', 'VolumeSnapshotClass', 'PersistentVolumeClaim'],
    category: 'storage-class',
    severity: 'blocker',
    description:
      'StorageClasses (and VolumeSnapshotClasses) whose provisioner EKS does not run (other clouds, on-premises storage, in-tree aws-ebs), with the EBS, EFS or FSx class to use instead.',
    fixable: true,
    severityNote:
      'warning for in-tree `kubernetes.io/aws-ebs`, `kubernetes.io/no-provisioner`, unknown provisioners and VolumeSnapshotClasses',
    fixNote: 'when the target is EBS: provisioner, parameters, binding mode',
    messages: {
      missing: {
        message:
          'StorageClass {{name}} uses provisioner {{provisioner}} ({{platform}}), which EKS does not have; on EKS use {{target}} with provisioner {{driver}}.',
        explanation:
          'An EKS cluster provisions volumes only through the CSI drivers installed on it (EBS, EFS, FSx). Claims of this class stay Pending on EKS, and volumes it created keep their data on the old platform.{{claimsNote}}{{notes}}',
        remediation:
          'Recreate the class with provisioner {{driver}} and parameters {{parameters}}{{binding}} ({{generateNote}}){{translatedNote}}{{droppedNote}}. Install the {{addon}}.{{selfHosted}} Copy the data of existing volumes (for example Velero with file-system backup) before the workloads move.',
      },
      inTree: {
        message:
          'StorageClass {{name}} uses the in-tree provisioner kubernetes.io/aws-ebs; on EKS use ebs.csi.aws.com with type {{type}}.',
        explanation:
          'EKS serves kubernetes.io/aws-ebs only through CSI migration to the Amazon EBS CSI driver, which a new cluster does not have until the aws-ebs-csi-driver add-on is installed; the in-tree default type gp2 costs more than gp3.{{claimsNote}}',
        remediation:
          'Switch the class to provisioner ebs.csi.aws.com with parameters {{parameters}}{{binding}} (kube2eks generate rewrites it){{translatedNote}}, and install the Amazon EBS CSI driver add-on (aws-ebs-csi-driver).',
      },
      snapshotClass: {
        message:
          'VolumeSnapshotClass {{name}} uses driver {{driver}} ({{platform}}), which EKS does not have; on EKS use driver {{target}}.',
        explanation:
          'Snapshots are taken by the CSI driver named in the class. Without {{driver}} on EKS, VolumeSnapshots of this class never become ready, and backups or clones that rely on them fail.',
        remediation:
          'Recreate the class with driver {{target}} (kube2eks generate rewrites it), install the external snapshotter (EKS add-on snapshot-controller), and re-take snapshots on EKS: snapshots of the old platform cannot be restored into EBS.',
      },
      snapshotClassFile: {
        message:
          'VolumeSnapshotClass {{name}} uses driver {{driver}} ({{platform}}), which EKS does not have; its volumes move to {{target}}, which takes no CSI snapshots: back them up with AWS Backup.',
        explanation:
          'Snapshots are taken by the CSI driver named in the class. Without {{driver}} on EKS, VolumeSnapshots of this class never become ready, and backups or clones that rely on them fail; the EFS CSI driver does not implement snapshots.',
        remediation:
          'Drop the class and protect the file systems with AWS Backup (EFS automatic backups or a backup plan), or with Velero file-system backup; snapshots of the old platform cannot be restored into EFS.',
      },
      noProvisioner: {
        message:
          'StorageClass {{name}} uses kubernetes.io/no-provisioner: its claims bind local PersistentVolumes on disks of the old nodes, which EKS nodes do not have.',
        explanation:
          'A no-provisioner class only matches pre-created local PersistentVolumes tied to one node each. EKS nodes are new machines (and are replaced on every update), so those volumes and their data do not exist there.{{claimsNote}}',
        remediation:
          'Use an EBS class (provisioner ebs.csi.aws.com, type gp3, volumeBindingMode WaitForFirstConsumer) for data that must survive node replacement, copying the data over; for scratch data that can be rebuilt, use instance-store NVMe volumes with the local static provisioner.',
      },
      unknown: {
        message:
          'StorageClass {{name}} uses provisioner {{provisioner}}, which kube2eks does not know; check that a CSI driver for it runs on EKS.',
        explanation:
          'An EKS cluster provisions volumes only through the CSI drivers installed on it. Unless {{provisioner}} is installed on EKS, claims of this class stay Pending.{{claimsNote}}',
        remediation:
          'Install the driver on EKS, or recreate the class with provisioner ebs.csi.aws.com (type gp3, volumeBindingMode WaitForFirstConsumer) for block storage or efs.csi.aws.com for shared (ReadWriteMany) storage, and copy the data of existing volumes.',
      },
    },
  },
  checkInventory(inventory, ctx, report) {
    for (const item of inventory.objects) {
      if (item.object.kind === 'VolumeSnapshotClass') checkSnapshotClass(item, ctx.catalog, report);
    }
    const claims = claimsOf(inventory);
    for (const item of storageClassesOf(inventory)) checkStorageClass(item, claims, ctx.catalog, report);
  },
});
