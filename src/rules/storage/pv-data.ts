// storage/pv-data: the persistent data that must be copied to EKS, summed over every volume of the input
// (PersistentVolumes, claims, StatefulSet claim templates times replicas, in-line cloud disks).

import { describeRef, getPath, isRecord } from '../../model/kinds.js';
import { podFactsOf } from '../../model/pod-facts.js';
import { storageGiB } from '../../model/quantity.js';
import type { InventoryObject, ResourceRef } from '../../model/types.js';
import {
  chooseTarget,
  claimsBoundToInputPvs,
  claimsOf,
  describeClaim,
  formatGiB,
  storageClassesOf,
  storageProfile,
} from '../../model/volumes.js';
import { AWS_CLASS_NAME, type AwsStorage, VOLUME_SOURCES } from '../../model/volumes.table.js';
import { defineRule, joinList } from '../define.js';

/** How many volumes a message lists by name. */
const LISTED = 8;

interface DataVolume {
  item: InventoryObject;
  label: string;
  resource: ResourceRef;
  /** Size of all volumes this entry stands for (GiB); undefined when not written. */
  totalGiB?: number;
  count: number;
  storageClass?: string;
  source: string;
  target: AwsStorage;
  /** Already on AWS storage (EBS/EFS/FSx): copied or re-attached, but not a storage change. */
  aws: boolean;
}

export default defineRule({
  meta: {
    id: 'storage/pv-data',
    targets: ['PersistentVolume', 'PersistentVolumeClaim'],
    category: 'storage-class',
    severity: 'info',
    description:
      'The persistent data that must be copied to the EKS cluster: every PersistentVolume, claim and StatefulSet claim template, with the total size.',
    fixable: false,
    messages: {
      summary: {
        message: '{{volumes}} holding {{total}}{{unknown}} must be copied to EKS: {{list}}.',
        explanation:
          'Kubernetes objects can be re-applied on EKS, but the data in their volumes stays on the old platform: a new cluster starts with empty volumes unless the data is copied. The copy sets the downtime window of stateful workloads.',
        remediation:
          'Plan the data move per volume: Velero with file-system backup (Kopia) restores into EBS or EFS volumes of the EKS cluster; databases are better moved with their own dump/restore or replication. Size the EBS/EFS storage for {{total}}.',
      },
    },
  },
  checkInventory(inventory, ctx, report) {
    const volumes: DataVolume[] = [];
    const classTargets = new Map<string, { provisioner: string; targets: AwsStorage[]; aws: boolean }>();
    for (const sc of storageClassesOf(inventory)) {
      const provisioner = typeof sc.object.provisioner === 'string' ? sc.object.provisioner : '';
      const profile = storageProfile(ctx.catalog, provisioner);
      const targets: AwsStorage[] = profile.aws
        ? [provisioner.startsWith('efs') ? 'efs' : provisioner.startsWith('fsx') ? 'fsx-lustre' : 'ebs']
        : profile.targets;
      classTargets.set(sc.ref.name, { provisioner, targets, aws: profile.aws || profile.inTreeEbs });
    }
    for (const item of inventory.objects) {
      if (item.object.kind !== 'PersistentVolume') continue;
      const spec = isRecord(item.object.spec) ? item.object.spec : {};
      const modes = Array.isArray(spec.accessModes)
        ? spec.accessModes.filter((m): m is string => typeof m === 'string')
        : [];
      const sourceKey = Object.keys(spec).find(
        (k) => k in VOLUME_SOURCES || ['csi', 'local', 'hostPath', 'flexVolume'].includes(k),
      );
      const fact = sourceKey ? VOLUME_SOURCES[sourceKey] : undefined;
      const size = storageGiB(getPath(spec, ['capacity', 'storage']));
      const volume: DataVolume = {
        item,
        label: `${describeRef(item.ref)}${size !== undefined ? ` (${formatGiB(size)})` : ''}`,
        resource: item.ref,
        count: 1,
        source: sourceKey ?? 'unknown',
        target: chooseTarget(fact ? [fact.target] : ['ebs'], modes),
        aws:
          sourceKey === 'awsElasticBlockStore' ||
          (sourceKey === 'csi' &&
            storageProfile(ctx.catalog, String(getPath(spec, ['csi', 'driver']) ?? '')).aws),
      };
      if (size !== undefined) volume.totalGiB = size;
      if (typeof spec.storageClassName === 'string') volume.storageClass = spec.storageClassName;
      volumes.push(volume);
    }

    const claims = claimsOf(inventory);
    const bound = claimsBoundToInputPvs(inventory, claims);
    for (const claim of claims) {
      // A claim bound to a PersistentVolume of the input is counted with the volume.
      if (bound.has(claim)) continue;
      const className = claim.classRef.name;
      const known = className ? classTargets.get(className) : undefined;
      const total = claim.sizeGiB !== undefined ? claim.sizeGiB * claim.count : undefined;
      const volume: DataVolume = {
        item: claim.item,
        label: describeClaim(claim, true),
        resource: claim.item.ref,
        count: claim.count,
        source: known ? known.provisioner : className ? `class ${className}` : 'default class',
        target: chooseTarget(known?.targets ?? ['ebs'], claim.accessModes),
        // A class named like gp3/efs-sc that is not in the input is taken as an AWS class.
        aws: known ? known.aws : className !== undefined && AWS_CLASS_NAME.test(className),
      };
      if (total !== undefined) volume.totalGiB = total;
      if (className) volume.storageClass = className;
      volumes.push(volume);
    }

    for (const item of inventory.objects) {
      const pod = podFactsOf(item.object);
      if (!pod) continue;
      for (const vol of pod.volumes) {
        const type = vol.keys.find((k) => k !== 'nfs' && k !== 'awsElasticBlockStore' && k in VOLUME_SOURCES);
        const fact = type ? VOLUME_SOURCES[type] : undefined;
        if (!type || !fact) continue;
        volumes.push({
          item,
          label: `${describeRef(item.ref)} (in-line ${type} ${vol.name}, size unknown)`,
          resource: item.ref,
          count: 1,
          source: type,
          target: fact.target,
          aws: false,
        });
      }
    }

    // Volumes already on AWS storage alone are no storage change: report only when some must move.
    const moving = volumes.filter((v) => !v.aws);
    if (moving.length === 0) return;
    // The first moving volume of the object that comes first in the inventory (one walk, no position map).
    const movingItems = new Set(moving.map((v) => v.item));
    const firstItem = inventory.objects.find((o) => movingItems.has(o));
    const first = moving.find((v) => v.item === firstItem) ?? (moving[0] as DataVolume);
    const count = volumes.reduce((n, v) => n + v.count, 0);
    const totalGiB = volumes.reduce((n, v) => n + (v.totalGiB ?? 0), 0);
    const unknown = volumes.filter((v) => v.totalGiB === undefined).reduce((n, v) => n + v.count, 0);
    const labels = volumes.map((v) => v.label);
    const list =
      labels.length > LISTED ? [...labels.slice(0, LISTED), `${labels.length - LISTED} more`] : labels;
    const byTarget: Record<string, number> = {};
    for (const v of volumes) byTarget[v.target] = (byTarget[v.target] ?? 0) + (v.totalGiB ?? 0);

    report({
      item: first.item,
      messageId: 'summary',
      data: {
        volumes: count === 1 ? '1 persistent volume' : `${count} persistent volumes`,
        total: formatGiB(totalGiB),
        unknown: unknown
          ? ` (plus ${unknown === 1 ? '1 volume' : `${unknown} volumes`} of unknown size)`
          : '',
        list: joinList(list),
      },
      facts: {
        totalGiB: Math.round(totalGiB * 100) / 100,
        gibByTarget: byTarget,
        volumes: volumes.map((v) => ({
          resource: v.resource,
          label: v.label,
          count: v.count,
          sizeGiB: v.totalGiB ?? null,
          storageClass: v.storageClass ?? null,
          source: v.source,
          target: v.target,
          onAws: v.aws,
        })),
      },
    });
  },
});
