import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import pvData from './pv-data.js';

const FIXTURE = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: pd}
provisioner: pd.csi.storage.gke.io
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: fires-db, namespace: shop}
spec:
  replicas: 3
  template: {spec: {containers: [{name: db, image: db:1}]}}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      storageClassName: pd
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 10Gi}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: static-pv}
spec:
  capacity: {storage: 20Gi}
  accessModes: [ReadWriteOnce]
  gcePersistentDisk: {pdName: disk-1}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: bound-by-size}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 20Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: uploads}
spec:
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 512Mi}}
---
apiVersion: v1
kind: Pod
metadata: {name: inline}
spec:
  containers: [{name: a, image: a:1}]
  volumes: [{name: d, azureDisk: {diskName: d1, diskURI: /subscriptions/x/d1}}]
`;

describe('storage/pv-data', () => {
  it('sums the data to copy once, on the first volume of the input', () => {
    const findings = runRule(pvData, FIXTURE, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual(['info storage/pv-data StatefulSet/fires-db@shop :6']);
    const f = findings[0]!;
    expect(f.message).toBe(
      '6 persistent volumes holding 50.5 GiB (plus 1 volume of unknown size) must be copied to EKS: PersistentVolume static-pv (20 GiB), StatefulSet shop/fires-db, claim template data (3 replicas, 30 GiB), PersistentVolumeClaim uploads (512 MiB) and Pod inline (in-line azureDisk d, size unknown).',
    );
    expect(f.data).toMatchObject({ totalGiB: 50.5, gibByTarget: { ebs: 50, efs: 0.5 } });
  });

  it('stays quiet when every volume already lives on AWS storage', () => {
    const text = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: dont-fire-gp3}
spec:
  storageClassName: gp3
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 20Gi}}
`;
    expect(runRule(pvData, text)).toEqual([]);
  });
});
