// storage/persistent-volume: a PersistentVolume backed by storage EKS cannot attach (another cloud's
// disk, an on-premises array, a node-local path), whose data must be copied to EBS or EFS.
import { getPath, isRecord, pointer } from '../../model/kinds.js';
import { storageGiB } from '../../model/quantity.js';
import type { JsonPatchOp } from '../../model/types.js';
import { chooseTarget, formatGiB, storageProfile, targetDriver, targetName } from '../../model/volumes.js';
import { VOLUME_SOURCES } from '../../model/volumes.table.js';
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'storage/persistent-volume',
    targets: ['PersistentVolume'],
    category: 'storage-class',
    severity: 'blocker',
    description:
      'PersistentVolumes backed by storage EKS cannot attach (gcePersistentDisk, azureDisk, vSphere, Cinder, Ceph, non-AWS CSI drivers, node-local paths), whose data must be copied.',
    fixable: true,
    severityNote: 'warning for in-tree EBS, NFS and node-local volumes, and unknown CSI drivers',
    fixNote: 'for `awsElasticBlockStore`, rewritten as an EBS CSI volume',
    messages: {
      foreign: {
        message:
          'PersistentVolume {{name}} is backed by {{type}} ({{what}}{{id}}{{size}}), which EKS cannot attach; copy its data to {{target}}.',
        explanation:
          'A statically provisioned volume points at one disk or share of the old platform. EKS has no driver for it, so the claim bound to it never mounts on EKS, and the data stays behind unless it is copied.',
        remediation:
          'Copy the data (for example Velero with file-system backup, or an application-level dump and restore) into a volume provisioned by {{driver}}, then bind the claim to a new PersistentVolume or let a StorageClass of {{driver}} provision it.',
      },
      awsInTree: {
        message:
          'PersistentVolume {{name}} uses the in-tree awsElasticBlockStore source ({{id}}{{size}}); on EKS declare it with csi.driver ebs.csi.aws.com.',
        explanation:
          'EKS serves awsElasticBlockStore volumes only through CSI migration to the Amazon EBS CSI driver (add-on aws-ebs-csi-driver), and only in the account, region and Availability Zone where the volume exists.',
        remediation:
          'Install the Amazon EBS CSI driver add-on and rewrite the volume as spec.csi with driver ebs.csi.aws.com and volumeHandle {{volumeId}} (kube2eks generate does it); copy or snapshot it first if the EKS cluster is in another account or region.',
      },
      nodeLocal: {
        message:
          'PersistentVolume {{name}} is a {{type}} volume on node-local disk ({{path}}{{size}}); its data stays on the old node.',
        explanation:
          'A {{type}} PersistentVolume is tied to one node of the old cluster. EKS nodes are new machines: the data is not there, and the claim bound to it cannot schedule.',
        remediation:
          'Copy the data into an EBS volume (ebs.csi.aws.com, gp3) and bind the claim to it, or use instance-store NVMe with the local static provisioner for scratch data that can be rebuilt.',
      },
      nfs: {
        message:
          'PersistentVolume {{name}} mounts NFS server {{server}}{{size}}; on EKS the server must be reachable from the VPC, or move the data to Amazon EFS.',
        explanation:
          'EKS nodes mount NFS exports directly, but a server in the old network is usually not reachable from the new VPC without VPN or Direct Connect.',
        remediation:
          'Keep the export reachable from the VPC, or copy the data to Amazon EFS and bind the claim to an efs.csi.aws.com volume.',
      },
      csi: {
        message:
          'PersistentVolume {{name}} is provisioned by the CSI driver {{driver}} ({{platform}}{{size}}), which EKS does not have; copy its data to {{target}}.',
        explanation:
          'EKS runs only the CSI drivers installed on it. The volume handle {{handle}} names storage on the old platform, so the claim bound to it never mounts on EKS.',
        remediation:
          'Copy the data (for example Velero with file-system backup) into a volume provisioned by {{targetDriver}}, then bind the claim to it.',
      },
    },
  },
  checkObject(item, ctx, report) {
    const pv = item.object;
    if (pv.kind !== 'PersistentVolume') return;
    const spec = isRecord(pv.spec) ? pv.spec : undefined;
    if (!spec) return;
    const sizeGiB = storageGiB(getPath(spec, ['capacity', 'storage']));
    const size = sizeGiB !== undefined ? `, ${formatGiB(sizeGiB)}` : '';
    const modes = Array.isArray(spec.accessModes)
      ? spec.accessModes.filter((m): m is string => typeof m === 'string')
      : [];
    const name = item.ref.name;
    const baseFacts = {
      sizeGiB: sizeGiB ?? null,
      accessModes: modes,
      storageClassName: spec.storageClassName ?? null,
    };

    for (const [type, fact] of Object.entries(VOLUME_SOURCES)) {
      const source = spec[type];
      if (!isRecord(source)) continue;
      const idValue = fact.idField ? source[fact.idField] : undefined;
      const idText = typeof idValue === 'string' ? idValue : '';
      const facts = { ...baseFacts, source: type, sourceId: idText || null, target: fact.target };
      if (type === 'nfs') {
        report({
          item,
          messageId: 'nfs',
          severity: 'warning',
          data: { name, server: idText || '?', size },
          path: ['spec', type],
          facts,
        });
      } else if (type === 'awsElasticBlockStore') {
        // aws://us-east-1a/vol-0abc -> vol-0abc
        const volumeId = idText.replace(/^aws:\/\/[^/]*\//, '');
        const csi: Record<string, unknown> = { driver: 'ebs.csi.aws.com', volumeHandle: volumeId };
        if (typeof source.fsType === 'string') csi.fsType = source.fsType;
        if (source.readOnly === true) csi.readOnly = true;
        const fix: JsonPatchOp[] = volumeId
          ? [
              { op: 'remove', path: pointer(['spec', type]) },
              { op: 'add', path: pointer(['spec', 'csi']), value: csi },
            ]
          : [];
        report({
          item,
          messageId: 'awsInTree',
          severity: 'warning',
          data: { name, id: `volumeID ${idText || '?'}`, size, volumeId: volumeId || '<volume id>' },
          path: ['spec', type],
          fix,
          facts,
        });
      } else {
        const target = chooseTarget([fact.target], modes);
        report({
          item,
          messageId: 'foreign',
          data: {
            name,
            type,
            what: fact.what,
            id: idText && fact.idField ? `, ${fact.idField} ${idText}` : '',
            size,
            target: targetName(target),
            driver: targetDriver(target),
          },
          path: ['spec', type],
          facts: { ...facts, target },
        });
      }
      return;
    }

    for (const type of ['local', 'hostPath'] as const) {
      const source = spec[type];
      if (!isRecord(source)) continue;
      report({
        item,
        messageId: 'nodeLocal',
        severity: 'warning',
        data: { name, type, path: typeof source.path === 'string' ? source.path : '?', size },
        path: ['spec', type],
        facts: { ...baseFacts, source: type, target: 'ebs' },
      });
      return;
    }

    const csi = spec.csi;
    if (isRecord(csi) && typeof csi.driver === 'string') {
      const profile = storageProfile(ctx.catalog, csi.driver);
      if (profile.aws || profile.inTreeEbs) return;
      const target = chooseTarget(profile.targets, modes);
      report({
        item,
        messageId: 'csi',
        severity: profile.known ? 'blocker' : 'warning',
        data: {
          name,
          driver: csi.driver,
          platform: profile.platform,
          size,
          target: targetName(target),
          targetDriver: targetDriver(target),
          handle: typeof csi.volumeHandle === 'string' ? csi.volumeHandle : '?',
        },
        path: ['spec', 'csi', 'driver'],
        facts: { ...baseFacts, source: `csi:${csi.driver}`, target },
      });
    }
  },
});
