import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import provisioner from './provisioner.js';

const FIXTURE = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fires-gke-pd
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: pd.csi.storage.gke.io
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
parameters:
  type: pd-ssd
  replication-type: regional-pd
  provisioned-throughput-on-create: "250Mi"
  csi.storage.k8s.io/fstype: xfs
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fires-azure-file}
provisioner: file.csi.azure.com
parameters: {skuName: Premium_LRS}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fires-in-tree-ebs}
provisioner: kubernetes.io/aws-ebs
parameters: {type: gp2}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fires-unknown}
provisioner: example.com/magic
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fires-ceph}
provisioner: storage.rbd.csi.ceph.com
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: dont-fire-gp3}
provisioner: ebs.csi.aws.com
parameters: {type: gp3}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: dont-fire-efs}
provisioner: efs.csi.aws.com
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  replicas: 3
  template: {spec: {containers: [{name: db, image: db:1}]}}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      storageClassName: fires-gke-pd
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 10Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: shared, namespace: shop}
spec:
  storageClassName: fires-azure-file
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 100Gi}}
`;

describe('storage/provisioner', () => {
  const findings = runRule(provisioner, FIXTURE, { targetVersion: '1.31' });
  const byName = (name: string) => findings.find((f) => f.resource.name === name);

  it('reports every class whose provisioner EKS lacks, at the provisioner line', () => {
    expect(summarize(findings)).toEqual([
      'blocker storage/provisioner StorageClass/fires-gke-pd :7',
      'blocker storage/provisioner StorageClass/fires-azure-file :19',
      'blocker storage/provisioner StorageClass/fires-ceph :36',
      'warning storage/provisioner StorageClass/fires-in-tree-ebs :25',
      'warning storage/provisioner StorageClass/fires-unknown :31',
    ]);
  });

  it('translates GKE PD parameters to gp3 and names the claims and their size', () => {
    const f = byName('fires-gke-pd')!;
    expect(f.message).toBe(
      'StorageClass fires-gke-pd uses provisioner pd.csi.storage.gke.io (GCP, block storage), which EKS does not have; on EKS use Amazon EBS (EBS CSI driver, gp3) with provisioner ebs.csi.aws.com.',
    );
    expect(f.explanation).toContain(
      'One claim uses it (StatefulSet shop/db, claim template data (3 replicas)), asking for 30 GiB',
    );
    expect(f.explanation).toContain('regional persistent disks have no EBS equivalent');
    expect(f.explanation).toContain('keep the storageclass.kubernetes.io/is-default-class annotation');
    expect(f.remediation).toContain(
      'parameters {type: gp3, throughput: "250", csi.storage.k8s.io/fstype: xfs, encrypted: "true"}',
    );
    expect(f.remediation).toContain('allowVolumeExpansion true');
    expect(f.fix).toEqual([
      { op: 'replace', path: '/provisioner', value: 'ebs.csi.aws.com' },
      {
        op: 'add',
        path: '/parameters',
        value: { type: 'gp3', throughput: '250', 'csi.storage.k8s.io/fstype': 'xfs', encrypted: 'true' },
      },
    ]);
    expect(f.fixable).toBe(true);
    expect(f.data).toMatchObject({ requestedGiB: 30, targetDriver: 'ebs.csi.aws.com', isDefault: true });
  });

  it('sends shared (ReadWriteMany) file storage to EFS, which needs a file system: no fix', () => {
    const f = byName('fires-azure-file')!;
    expect(f.message).toContain(
      'on EKS use Amazon EFS (EFS CSI driver, ReadWriteMany) with provisioner efs.csi.aws.com',
    );
    expect(f.remediation).toContain('fileSystemId: <EFS file system id>');
    expect(f.remediation).toContain('Amazon EFS CSI driver (EKS add-on aws-efs-csi-driver)');
    expect(f.fixable).toBe(false);
  });

  it('moves the in-tree EBS provisioner to the CSI driver with gp3 and WaitForFirstConsumer', () => {
    const f = byName('fires-in-tree-ebs')!;
    expect(f.message).toBe(
      'StorageClass fires-in-tree-ebs uses the in-tree provisioner kubernetes.io/aws-ebs; on EKS use ebs.csi.aws.com with type gp3.',
    );
    expect(f.fix).toEqual([
      { op: 'replace', path: '/provisioner', value: 'ebs.csi.aws.com' },
      { op: 'add', path: '/parameters', value: { type: 'gp3', encrypted: 'true' } },
      { op: 'add', path: '/volumeBindingMode', value: 'WaitForFirstConsumer' },
    ]);
  });

  it('matches Ceph CSI names by suffix and offers to keep self-hosted storage', () => {
    const f = byName('fires-ceph')!;
    expect(f.message).toContain('storage.rbd.csi.ceph.com (Rook/Ceph RBD');
    expect(f.remediation).toContain('Alternatively install Rook/Ceph RBD');
    expect(byName('fires-unknown')?.message).toContain('which kube2eks does not know');
  });

  it('honours the ignore annotation', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: dont-fire-ignored
  annotations: {kube2eks.io/ignore: storage/provisioner}
provisioner: pd.csi.storage.gke.io
`;
    expect(runRule(provisioner, text)).toEqual([]);
  });

  it('reports VolumeSnapshotClasses of other drivers', () => {
    const text = `apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotClass
metadata: {name: fires-pd-snapshots}
driver: pd.csi.storage.gke.io
deletionPolicy: Delete
parameters: {storage-locations: us-east2}
---
apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotClass
metadata: {name: dont-fire-ebs}
driver: ebs.csi.aws.com
deletionPolicy: Delete
---
apiVersion: snapshot.storage.k8s.io/v1
kind: VolumeSnapshotClass
metadata: {name: fires-file-snapshots}
driver: file.csi.azure.com
deletionPolicy: Delete
`;
    const findings = runRule(provisioner, text, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual([
      'warning storage/provisioner VolumeSnapshotClass/fires-pd-snapshots :4',
      'warning storage/provisioner VolumeSnapshotClass/fires-file-snapshots :17',
    ]);
    // File shares move to EFS, which takes no CSI snapshots: no EBS driver for them.
    expect(findings[1]?.message).toBe(
      'VolumeSnapshotClass fires-file-snapshots uses driver file.csi.azure.com (Azure, file (SMB/NFS) storage), which EKS does not have; its volumes move to Amazon EFS (EFS CSI driver, ReadWriteMany), which takes no CSI snapshots: back them up with AWS Backup.',
    );
    expect(findings[1]?.fix ?? []).toEqual([]);
    expect(findings[0]?.message).toBe(
      'VolumeSnapshotClass fires-pd-snapshots uses driver pd.csi.storage.gke.io (GCP, block storage), which EKS does not have; on EKS use driver ebs.csi.aws.com.',
    );
    expect(findings[0]?.fix).toEqual([
      { op: 'replace', path: '/driver', value: 'ebs.csi.aws.com' },
      { op: 'remove', path: '/parameters' },
    ]);
  });

  it('explains local no-provisioner classes instead of calling the provisioner missing', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fires-local}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
`;
    const findings = runRule(provisioner, text, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual(['warning storage/provisioner StorageClass/fires-local :4']);
    expect(findings[0]?.message).toContain(
      'its claims bind local PersistentVolumes on disks of the old nodes',
    );
    expect(findings[0]?.fixable).toBe(false);
  });
  it('translates driver parameters in plain words: secret references, encryption, fsType, SMB mount options', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fires-ceph-block}
provisioner: rook-ceph.rbd.csi.ceph.com
parameters:
  clusterID: rook-ceph
  pool: replicapool
  encrypted: "true"
  csi.storage.k8s.io/provisioner-secret-name: rook-csi-rbd-provisioner
  csi.storage.k8s.io/provisioner-secret-namespace: rook-ceph
  csi.storage.k8s.io/node-stage-secret-name: rook-csi-rbd-node
  csi.storage.k8s.io/fstype: ext4
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fires-smb-share}
provisioner: file.csi.azure.com
parameters: {skuName: Premium_LRS}
mountOptions: [dir_mode=0777, file_mode=0777, mfsymlinks, nconnect=4]
`;
    const [ceph, smb] = runRule(provisioner, text, { targetVersion: '1.31' });
    expect(ceph?.message).toContain('(Rook/Ceph RBD, block storage)');
    expect(ceph?.message).not.toContain('provisioner name is');
    expect(ceph?.remediation).toContain(
      'translated: encrypted: true -> encrypted: "true", csi.storage.k8s.io/fstype: ext4 kept',
    );
    expect(ceph?.remediation).toContain(
      'dropped: clusterID (names the old storage cluster), pool (names a pool of the old storage cluster), 3 csi.storage.k8s.io/*-secret-* parameters (secret references of the old driver; the EBS CSI driver authenticates with its IAM role)',
    );
    expect(smb?.remediation).toContain(
      'drop mountOptions dir_mode=0777, file_mode=0777 and mfsymlinks: they are SMB (CIFS) mount options, and EFS mounts over NFS',
    );
    expect(smb?.remediation).not.toContain('nconnect');
    // No patch for EFS classes: the file system id is the user's to fill in.
    expect(smb?.fix ?? []).toEqual([]);
    expect(smb?.remediation).toContain('(fill in the values in angle brackets');
  });
});
