import { describe, expect, it } from 'vitest';
import { assess } from '../assess.js';
import { parseManifests } from '../sources/manifest.js';
import { summarizeNamespaces } from './namespaces.js';

const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: {name: web}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: front, namespace: web}
spec:
  selector: {matchLabels: {app: front}}
  template:
    metadata: {labels: {app: front}}
    spec:
      containers:
        - name: front
          image: registry.example/front:1
          env:
            - {name: API, value: "http://api.backend:8080"}
            - {name: CACHE, value: "redis.cache.svc.cluster.local:6379"}
            - {name: SITE, value: "https://shop.example/"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: front-config, namespace: web}
data:
  search: "search.lookup.svc:9200"
---
apiVersion: v1
kind: Secret
metadata: {name: front-secret, namespace: web}
stringData:
  url: "postgres://db.vault-ns.svc:5432"
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: backend}
spec: {selector: {app: api}, ports: [{port: 8080}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: api-db, namespace: backend}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres:16}]}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
---
apiVersion: v1
kind: Service
metadata: {name: redis, namespace: cache}
spec: {selector: {app: redis}, ports: [{port: 6379}]}
---
apiVersion: v1
kind: Service
metadata: {name: search, namespace: lookup}
spec: {selector: {app: search}, ports: [{port: 9200}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-config, namespace: backend}
subjects: [{kind: ServiceAccount, name: monitor, namespace: ops}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: monitor, namespace: ops}
`;

describe('summarizeNamespaces', () => {
  const parsed = parseManifests(MANIFESTS, 'k8s/all.yaml');
  const inventory = { ...parsed, cluster: { nodes: [], forbidden: [] } };

  it('counts objects and findings, marks stateful namespaces and finds what each one calls', () => {
    const findings = assess(inventory, {
      targetVersion: '1.34',
      now: new Date('2026-12-01T00:00:00Z'),
    }).findings;
    const rows = summarizeNamespaces(inventory, findings);
    expect(rows.map((r) => [r.namespace, r.objects, r.stateful, r.dependsOn])).toEqual([
      ['', 1, false, []],
      ['backend', 3, true, []],
      ['cache', 1, false, []],
      ['lookup', 1, false, []],
      // ops needs the rights backend grants its ServiceAccount.
      ['ops', 1, false, ['backend']],
      // A Service DNS name (with or without .svc) in env or a ConfigMap; never a Secret, never shop.example.
      ['web', 3, false, ['backend', 'cache', 'lookup']],
    ]);
    // Every object and every finding is in exactly one row.
    expect(rows.reduce((n, r) => n + r.objects, 0)).toBe(inventory.objects.length);
    expect(rows.reduce((n, r) => n + r.blocker + r.warning + r.info, 0)).toBe(findings.length);
  });
});
