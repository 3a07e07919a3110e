import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import persistentVolume from './persistent-volume.js';

const FIXTURE = `apiVersion: v1
kind: PersistentVolume
metadata: {name: fires-gce}
spec:
  capacity: {storage: 20Gi}
  accessModes: [ReadWriteOnce]
  gcePersistentDisk: {pdName: wordpress-1, fsType: ext4}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: fires-vsphere-rwx}
spec:
  capacity: {storage: 1Ti}
  accessModes: [ReadWriteMany]
  csi: {driver: csi.vsphere.vmware.com, volumeHandle: file:abc}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: fires-aws-in-tree}
spec:
  capacity: {storage: 50Gi}
  accessModes: [ReadWriteOnce]
  awsElasticBlockStore: {volumeID: "aws://us-east-1a/vol-0123", fsType: ext4}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: fires-local}
spec:
  capacity: {storage: 100Gi}
  accessModes: [ReadWriteOnce]
  local: {path: /mnt/disks/ssd1}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: dont-fire-ebs-csi}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  csi: {driver: ebs.csi.aws.com, volumeHandle: vol-0456}
`;

describe('storage/persistent-volume', () => {
  const findings = runRule(persistentVolume, FIXTURE, { targetVersion: '1.31' });

  it('reports PersistentVolumes on storage EKS cannot attach, at the volume source', () => {
    expect(summarize(findings)).toEqual([
      'blocker storage/persistent-volume PersistentVolume/fires-gce :7',
      'blocker storage/persistent-volume PersistentVolume/fires-vsphere-rwx :15',
      'warning storage/persistent-volume PersistentVolume/fires-aws-in-tree :23',
      'warning storage/persistent-volume PersistentVolume/fires-local :31',
    ]);
  });

  it('names the source, the size and the target; shared volumes go to EFS', () => {
    const [gce, vsphere, , local] = findings;
    expect(gce?.message).toBe(
      'PersistentVolume fires-gce is backed by gcePersistentDisk (Google Compute Engine persistent disk, pdName wordpress-1, 20 GiB), which EKS cannot attach; copy its data to Amazon EBS (EBS CSI driver, gp3).',
    );
    expect(gce?.data).toMatchObject({ sizeGiB: 20, source: 'gcePersistentDisk', target: 'ebs' });
    expect(vsphere?.message).toContain('csi.vsphere.vmware.com (vSphere, 1024 GiB)');
    expect(vsphere?.message).toContain('Amazon EFS');
    expect(local?.message).toContain('node-local disk (/mnt/disks/ssd1, 100 GiB)');
  });

  it('rewrites an in-tree EBS volume as a CSI volume', () => {
    const ebs = findings[2];
    expect(ebs?.fix).toEqual([
      { op: 'remove', path: '/spec/awsElasticBlockStore' },
      {
        op: 'add',
        path: '/spec/csi',
        value: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0123', fsType: 'ext4' },
      },
    ]);
  });
});
