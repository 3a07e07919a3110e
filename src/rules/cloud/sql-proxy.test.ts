import { describe, expect, it } from 'vitest';
import { firedNames, runRule, summarize } from '../../../test/support/rule-tester.js';
import { engineOf, proxyInstances } from '../../model/cloud-services.js';
import rule from './sql-proxy.js';

// Shapes from GoogleCloudPlatform/cloud-sql-proxy (examples/k8s-sidecar, v2 positional instance),
// a Cloud Composer standalone proxy (v1 `-instances=…=tcp:0.0.0.0:5432`) and a Helm chart sidecar
// (treeverse/charts lakefs, v1 with INSTANCES env).
const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-sidecar-v2, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: app
        image: example/app:1
      - name: cloud-sql-proxy
        image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1
        args: ["--private-ip", "--structured-logs", "--port=5432", "my-project:europe-west2:orders-db"]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-standalone-v1, namespace: composer-cloudsql}
spec:
  template:
    spec:
      containers:
      - name: airflow-sqlproxy
        image: gcr.io/cloudsql-docker/gce-proxy:1.33.1
        command: [/cloud_sql_proxy, "-instances=acme-prod:us-central1:airflow-mysql=tcp:0.0.0.0:3306"]
---
apiVersion: batch/v1
kind: Job
metadata: {name: fires-migration-job}
spec:
  template:
    spec:
      containers:
      - name: gcp-proxy
        image: eu.gcr.io/cloudsql-docker/gce-proxy:1.33.4
        command: [/cloud_sql_proxy, -term_timeout=10s]
        env: [{name: INSTANCES, valueFrom: {secretKeyRef: {name: sqlproxy, key: instances}}}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-plain-postgres}
spec:
  template:
    spec:
      containers:
      - {name: db, image: postgres:16, ports: [{containerPort: 5432}]}
`;

describe('cloud/sql-proxy', () => {
  it('fires on each proxy container and names the instances and the RDS engine', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning cloud/sql-proxy Deployment/fires-sidecar-v2@shop :11',
      'warning cloud/sql-proxy Deployment/fires-standalone-v1@composer-cloudsql :22',
      'warning cloud/sql-proxy Job/fires-migration-job :33',
    ]);
    expect(firedNames(findings)).not.toContain('dont-fire-plain-postgres');
    const [v2, v1, job] = findings;
    expect(v2?.message).toBe(
      'Deployment fires-sidecar-v2 runs the Cloud SQL Auth Proxy (container cloud-sql-proxy, gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1) to reach Cloud SQL instance my-project:europe-west2:orders-db.',
    );
    expect(v2?.remediation).toContain('Amazon RDS for PostgreSQL or Aurora PostgreSQL (engine PostgreSQL)');
    expect(v2?.remediation).toContain('Database Migration Service');
    expect(v1?.remediation).toContain('Amazon RDS for MySQL or Aurora MySQL');
    expect(v1?.data?.instances).toEqual(['acme-prod:us-central1:airflow-mysql']);
    expect(job?.message).toContain('a Cloud SQL instance named outside the manifest');
    expect(job?.remediation).toContain('Create Amazon RDS or Aurora (engine the same as on Cloud SQL)');
  });

  it('reads v1 and v2 instance strings', () => {
    expect(proxyInstances(['-instances=a:us-east1:db1=tcp:5432,b:europe-west1:db2=tcp:3306'])).toEqual([
      { connectionName: 'a:us-east1:db1', port: 5432 },
      { connectionName: 'b:europe-west1:db2', port: 3306 },
    ]);
    expect(proxyInstances(['example.com:proj:asia-southeast1:main?port=1433'])).toEqual([
      { connectionName: 'example.com:proj:asia-southeast1:main', port: 1433 },
    ]);
    expect(engineOf({ connectionName: 'p:us-east1:postgres14' })).toBe('postgres');
    expect(engineOf({ connectionName: 'p:us-east1:main' })).toBeUndefined();
  });
});
