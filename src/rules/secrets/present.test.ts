import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import present from './present.js';

const FIXTURE = `apiVersion: v1
kind: Secret
metadata: {name: fires-opaque, namespace: shop}
type: Opaque
data:
  password: c3VwZXJzZWNyZXQ= # supersecret
stringData:
  token: plain-text-value
---
apiVersion: v1
kind: Secret
metadata: {name: fires-empty}
---
apiVersion: v1
kind: Secret
metadata:
  name: fires-sa-token
  annotations: {kubernetes.io/service-account.name: build}
type: kubernetes.io/service-account-token
---
apiVersion: v1
kind: Secret
metadata: {name: fires-pull}
type: kubernetes.io/dockerconfigjson
data: {.dockerconfigjson: eyJhdXRocyI6e319}
---
apiVersion: v1
kind: Secret
metadata: {name: fires-tls}
type: kubernetes.io/tls
data: {tls.crt: Y2VydA==, tls.key: a2V5}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: fires-sealed, namespace: shop}
spec:
  encryptedData: {password: AgBy3i4OJSWK+PiTySYZZA==}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dont-fire-configmap}
data: {password: not-a-secret}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-referenced-only}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        env:
        - name: DB
          valueFrom: {secretKeyRef: {name: db-pass, key: password}}
`;

describe('secrets/present', () => {
  const findings = runRule(present, FIXTURE);

  it('reports every Secret object, empty ones included, and nothing else', () => {
    expect(summarize(findings)).toEqual([
      'info secrets/present Secret/fires-opaque@shop :1',
      'info secrets/present Secret/fires-empty :10',
      'info secrets/present Secret/fires-sa-token :14',
      'info secrets/present Secret/fires-pull :21',
      'info secrets/present Secret/fires-tls :27',
      'info secrets/present SealedSecret/fires-sealed@shop :33',
    ]);
  });

  it('counts keys but never shows values', () => {
    const [opaque, empty] = findings;
    expect(opaque?.message).toBe('Secret fires-opaque (Opaque, 2 keys) must be recreated on EKS.');
    expect(opaque?.remediation).toContain('External Secrets Operator');
    expect(opaque?.remediation).toContain('AWS Secrets Manager');
    expect(opaque?.remediation).toContain('Velero');
    expect(empty?.message).toBe('Secret fires-empty (Opaque, no keys) must be recreated on EKS.');
    const everything = JSON.stringify(findings);
    for (const leaked of [
      'c3VwZXJzZWNyZXQ=',
      'supersecret',
      'plain-text-value',
      'eyJhdXRocyI6e319',
      'Y2VydA==',
    ]) {
      expect(everything).not.toContain(leaked);
    }
  });

  it('gives type-specific advice', () => {
    const byName = Object.fromEntries(findings.map((f) => [f.resource.name, f]));
    expect(byName['fires-sa-token']?.message).toContain('service account token');
    expect(byName['fires-sa-token']?.explanation).toContain('EKS issues its own tokens');
    expect(byName['fires-pull']?.message).toContain('Amazon ECR');
    expect(byName['fires-pull']?.remediation).toContain('ecr-pullthroughcache/');
    expect(byName['fires-tls']?.remediation).toContain('AWS Certificate Manager');
    expect(byName['fires-sealed']?.message).toBe(
      "SealedSecret fires-sealed (1 key) can only be unsealed with the source cluster's sealing key.",
    );
    expect(JSON.stringify(findings)).not.toContain('AgBy3i4OJSWK');
  });
});
