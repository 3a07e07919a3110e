import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import defaultClass from './default-class.js';

const CLAIMS = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: fires-no-class, namespace: shop}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 200Gi}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: fires-alpha-annotation}
spec:
  replicas: 3
  template: {spec: {containers: [{name: db, image: db:1}]}}
  volumeClaimTemplates:
  - metadata:
      name: datadir
      annotations:
        volume.alpha.kubernetes.io/storage-class: anything
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: dont-fire-named-class}
spec:
  storageClassName: gp3
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 5Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: dont-fire-explicitly-empty}
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 500Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: dont-fire-binds-static-pv}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 50Gi}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: static}
spec:
  capacity: {storage: 100Gi}
  accessModes: [ReadWriteOnce]
  nfs: {server: 10.0.0.5, path: /exports}
`;

describe('storage/default-class', () => {
  it('reports claims that rely on a default class EKS 1.30+ does not have', () => {
    const findings = runRule(defaultClass, CLAIMS, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual([
      'warning storage/default-class PersistentVolumeClaim/fires-no-class@shop :4',
      'warning storage/default-class StatefulSet/fires-alpha-annotation :18',
    ]);
    expect(findings[0]?.message).toBe(
      'PersistentVolumeClaim shop/fires-no-class names no StorageClass and relies on the default class, but EKS 1.31 has no default StorageClass.',
    );
    expect(findings[1]?.message).toContain(
      'StatefulSet fires-alpha-annotation, claim template datadir (3 replicas)',
    );
    expect(findings[1]?.explanation).toContain('volume.alpha.kubernetes.io/storage-class');
    expect(findings[0]?.remediation).toContain('storageclass.kubernetes.io/is-default-class: "true"');
  });

  it('before 1.30 the claims get gp2 (info)', () => {
    const findings = runRule(defaultClass, CLAIMS, { targetVersion: '1.29' });
    expect(findings.map((f) => `${f.severity} ${f.resource.name}`)).toEqual([
      'info fires-no-class',
      'info fires-alpha-annotation',
    ]);
    expect(findings[0]?.message).toContain('it gets the default gp2 class (in-tree kubernetes.io/aws-ebs)');
  });

  it('stays quiet when the input brings its own default class', () => {
    const withDefault = `${CLAIMS}---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: dont-fire-default
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: ebs.csi.aws.com
`;
    expect(runRule(defaultClass, withDefault, { targetVersion: '1.31' })).toEqual([]);
  });

  it('reports several default classes and the beta annotation', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fires-first
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: ebs.csi.aws.com
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fires-beta
  annotations:
    storageclass.beta.kubernetes.io/is-default-class: "true"
provisioner: efs.csi.aws.com
`;
    const findings = runRule(defaultClass, text, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual([
      'warning storage/default-class StorageClass/fires-first :5',
      'warning storage/default-class StorageClass/fires-beta :12',
      'info storage/default-class StorageClass/fires-beta :13',
    ]);
    expect(findings[0]?.message).toBe(
      'StorageClass fires-first is one of 2 classes marked default (fires-first and fires-beta).',
    );
    expect(findings[2]?.fix).toEqual([
      { op: 'remove', path: '/metadata/annotations/storageclass.beta.kubernetes.io~1is-default-class' },
      {
        op: 'add',
        path: '/metadata/annotations/storageclass.kubernetes.io~1is-default-class',
        value: 'true',
      },
    ]);
  });
});
