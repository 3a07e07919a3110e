// storage/inline-volume: a pod spec mounts another cloud's disk or share directly (gcePersistentDisk,
// azureDisk, azureFile, vsphereVolume, cinder, …), which EKS cannot attach.
import { isRecord } from '../../model/kinds.js';
import { storageProfile, targetDriver, targetName } from '../../model/volumes.js';
import { VOLUME_SOURCES } from '../../model/volumes.table.js';
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'storage/inline-volume',
    targets: ['workload'],
    category: 'storage-class',
    severity: 'blocker',
    description:
      'Pod specs that mount a cloud or on-premises disk in-line (gcePersistentDisk, azureDisk, azureFile, vsphereVolume, cinder, …) instead of through a claim.',
    fixable: false,
    severityNote: 'warning for `awsElasticBlockStore` and known non-AWS in-line CSI drivers, info for NFS',
    messages: {
      cloudDisk: {
        message:
          '{{kind}} {{name}} mounts volume {{volume}} as an in-line {{type}} ({{what}}{{id}}), which EKS cannot attach; use a PersistentVolumeClaim on {{target}}.',
        explanation:
          'EKS has no driver for {{type}} volumes (the in-tree volume plugins are gone and the disk lives on the old platform), so the pod stays in ContainerCreating. In-line volumes also bypass StorageClasses, so nothing provisions a replacement.',
        remediation:
          'Copy the data to AWS, then replace the in-line volume with a persistentVolumeClaim whose StorageClass uses {{driver}}{{accessHint}} (or a statically provisioned PersistentVolume pointing at the copied volume).',
      },
      awsInTree: {
        message:
          '{{kind}} {{name}} mounts volume {{volume}} as an in-line awsElasticBlockStore ({{what}}{{id}}); on EKS use a PersistentVolumeClaim with ebs.csi.aws.com.',
        explanation:
          'EKS serves in-tree awsElasticBlockStore volumes only through CSI migration to the Amazon EBS CSI driver (add-on aws-ebs-csi-driver), and only when the volume is in the same account, region and Availability Zone as the node.',
        remediation:
          'Install the Amazon EBS CSI driver add-on and replace the in-line volume with a persistentVolumeClaim bound to a PersistentVolume with csi.driver ebs.csi.aws.com and volumeHandle {{volumeId}} (or a snapshot restored in the new account).',
      },
      nfs: {
        message:
          '{{kind}} {{name}} mounts volume {{volume}} from NFS server {{server}} in-line; on EKS the server must be reachable from the VPC, or move the data to Amazon EFS.',
        explanation:
          'EKS nodes mount NFS exports directly, but an NFS server inside the old data center or cloud network is usually not reachable from the new VPC without VPN or Direct Connect.',
        remediation:
          'Keep the export reachable from the VPC (VPN, Direct Connect, or Amazon FSx for NetApp ONTAP), or copy the data to Amazon EFS and mount it through a persistentVolumeClaim of an efs.csi.aws.com StorageClass.',
      },
      csiDriver: {
        message:
          '{{kind}} {{name}} mounts volume {{volume}} with the in-line CSI driver {{driver}} ({{platform}}), which EKS does not have; use {{target}}.',
        explanation:
          'EKS runs only the CSI drivers installed on it; without {{driver}} the pod stays in ContainerCreating.',
        remediation:
          'Replace the volume with a persistentVolumeClaim of a StorageClass using {{targetDriver}}, or install {{driver}} on EKS.',
      },
    },
  },
  checkObject(item, ctx, report) {
    const view = ctx.pod;
    const volumes = view.spec.volumes;
    if (!Array.isArray(volumes)) return;
    volumes.forEach((volume, index) => {
      if (!isRecord(volume)) return;
      const volumeName = typeof volume.name === 'string' ? volume.name : `#${index}`;
      const base = { kind: item.ref.kind, name: item.ref.name, volume: volumeName };
      const volumePath = [...view.specPath, 'volumes', index];
      for (const [type, fact] of Object.entries(VOLUME_SOURCES)) {
        const source = volume[type];
        if (!isRecord(source)) continue;
        const idValue = fact.idField ? source[fact.idField] : undefined;
        const id = typeof idValue === 'string' && idValue ? `, ${fact.idField} ${idValue}` : '';
        const facts = {
          volume: volumeName,
          source: type,
          sourceId: typeof idValue === 'string' ? idValue : null,
          target: fact.target,
        };
        if (type === 'nfs') {
          report({
            item,
            messageId: 'nfs',
            severity: 'info',
            data: { ...base, server: typeof source.server === 'string' ? source.server : '?' },
            path: [...volumePath, type],
            facts,
          });
        } else if (type === 'awsElasticBlockStore') {
          report({
            item,
            messageId: 'awsInTree',
            severity: 'warning',
            data: {
              ...base,
              what: fact.what,
              id,
              volumeId: typeof idValue === 'string' ? idValue : '<volume id>',
            },
            path: [...volumePath, type],
            facts,
          });
        } else {
          report({
            item,
            messageId: 'cloudDisk',
            data: {
              ...base,
              type,
              what: fact.what,
              id,
              target: targetName(fact.target),
              driver: targetDriver(fact.target),
              accessHint: fact.target === 'efs' ? ' (ReadWriteMany)' : ' (gp3)',
            },
            path: [...volumePath, type],
            facts,
          });
        }
      }
      const csi = volume.csi;
      if (isRecord(csi) && typeof csi.driver === 'string') {
        const profile = storageProfile(ctx.catalog, csi.driver);
        // Only drivers known to belong to another platform: secrets-store and the like work on EKS.
        if (profile.aws || !profile.known || profile.inTreeEbs) return;
        const target = profile.targets[0] ?? 'ebs';
        report({
          item,
          messageId: 'csiDriver',
          severity: 'warning',
          data: {
            ...base,
            driver: csi.driver,
            platform: profile.platform,
            target: targetName(target),
            targetDriver: targetDriver(target),
          },
          path: [...volumePath, 'csi', 'driver'],
          facts: { volume: volumeName, source: `csi:${csi.driver}`, target },
        });
      }
    });
  },
});
