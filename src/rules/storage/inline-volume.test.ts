import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import inlineVolume from './inline-volume.js';

const FIXTURE = `apiVersion: v1
kind: Pod
metadata: {name: fires-gce-pd}
spec:
  containers: [{name: db, image: mongo:7}]
  volumes:
  - name: data
    gcePersistentDisk: {pdName: mongo-disk, fsType: ext4}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-azure-file, namespace: web}
spec:
  template:
    spec:
      containers: [{name: web, image: web:1}]
      volumes:
      - name: cache
        emptyDir: {}
      - name: share
        azureFile: {secretName: storage-key, shareName: uploads}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: fires-nfs-info}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: backup, image: backup:1}]
          volumes:
          - name: target
            nfs: {server: 10.0.0.5, path: /exports}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-ebs-in-tree}
spec:
  template:
    spec:
      containers: [{name: app, image: app:1}]
      volumes:
      - name: data
        awsElasticBlockStore: {volumeID: vol-0abc}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-claims-and-config}
spec:
  template:
    spec:
      containers: [{name: app, image: app:1}]
      volumes:
      - name: data
        persistentVolumeClaim: {claimName: data}
      - name: config
        configMap: {name: app}
      - name: secrets
        csi: {driver: secrets-store.csi.k8s.io, readOnly: true}
`;

describe('storage/inline-volume', () => {
  const findings = runRule(inlineVolume, FIXTURE, { targetVersion: '1.31' });

  it('reports in-line cloud disks, shares and NFS exports at the volume source', () => {
    expect(summarize(findings)).toEqual([
      'blocker storage/inline-volume Pod/fires-gce-pd :8',
      'blocker storage/inline-volume Deployment/fires-azure-file@web :21',
      'warning storage/inline-volume Deployment/fires-ebs-in-tree :46',
      'info storage/inline-volume CronJob/fires-nfs-info :35',
    ]);
  });

  it('names the volume type, the disk and the AWS target', () => {
    const [pd, file, ebs, nfs] = findings;
    expect(pd?.message).toBe(
      'Pod fires-gce-pd mounts volume data as an in-line gcePersistentDisk (Google Compute Engine persistent disk, pdName mongo-disk), which EKS cannot attach; use a PersistentVolumeClaim on Amazon EBS (EBS CSI driver, gp3).',
    );
    expect(file?.message).toContain('in-line azureFile (Azure Files share, shareName uploads)');
    expect(file?.remediation).toContain('efs.csi.aws.com (ReadWriteMany)');
    expect(ebs?.remediation).toContain('volumeHandle vol-0abc');
    expect(nfs?.message).toContain('from NFS server 10.0.0.5');
    expect(file?.data).toMatchObject({ volume: 'share', source: 'azureFile', target: 'efs' });
  });
});
