import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import claimClass from './claim-class.js';

const FIXTURE = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: fires-gke-class}
spec:
  storageClassName: standard-rwo
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 10Gi}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: fires-beta-annotation}
spec:
  template: {spec: {containers: [{name: q, image: q:1}]}}
  volumeClaimTemplates:
  - metadata:
      name: data
      annotations:
        volume.beta.kubernetes.io/storage-class: azurefile-csi
    spec:
      accessModes: [ReadWriteMany]
      resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: fires-unknown-class}
spec:
  storageClassName: fast-local
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: dont-fire-defined}
spec:
  storageClassName: mine
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: dont-fire-aws-name}
spec:
  storageClassName: gp3-encrypted
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: mine}
provisioner: ebs.csi.aws.com
`;

describe('storage/claim-class', () => {
  const findings = runRule(claimClass, FIXTURE, { targetVersion: '1.31' });

  it('reports claims naming a class that neither the input nor EKS provides', () => {
    expect(summarize(findings)).toEqual([
      'warning storage/claim-class PersistentVolumeClaim/fires-gke-class :5',
      'warning storage/claim-class StatefulSet/fires-beta-annotation :18',
      'info storage/claim-class PersistentVolumeClaim/fires-unknown-class :27',
    ]);
  });

  it('names the platform the class comes from and the EKS driver', () => {
    const [gke, azure, unknown] = findings;
    expect(gke?.message).toBe(
      'PersistentVolumeClaim fires-gke-class asks for StorageClass standard-rwo (GKE, balanced persistent disk), which EKS does not create.',
    );
    expect(gke?.remediation).toContain(
      'provisioner ebs.csi.aws.com (type gp3, volumeBindingMode WaitForFirstConsumer)',
    );
    expect(azure?.remediation).toContain('provisioner efs.csi.aws.com');
    expect(azure?.explanation).toContain('deprecated volume.beta.kubernetes.io/storage-class annotation');
    expect(unknown?.message).toContain('StorageClass fast-local, which is not in the input');
  });
});
