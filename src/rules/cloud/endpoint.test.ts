import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { scanText } from '../../model/cloud-services.js';
import rule from './endpoint.js';

// Shapes from Azure-Samples (eShopOnAzure-style env with *.database.windows.net and Service Bus hosts),
// GoogleCloudPlatform/microservices-demo (ENABLE_TRACING with the Cloud Trace exporter) and the
// OpenTelemetry Collector contrib googlecloud exporter configuration.
const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-azure-env, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: api
        image: example/api:1
        env:
        - name: SQL_HOST
          value: orders-sql.database.windows.net
        - name: BUS
          value: sb://shop-bus.servicebus.windows.net/
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        - name: CACHE
          value: "shop.redis.cache.windows.net:6380,ssl=True"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: fires-otel-config}
data:
  collector.yaml: |
    receivers:
      otlp: {protocols: {grpc: {}}}
    exporters:
      googlecloud:
        project: demo
    service:
      pipelines:
        traces: {receivers: [otlp], exporters: [googlecloud]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: fires-gcs}
data:
  BUCKET_URL: gs://shop-assets/images
  DATABASE_SOCKET: /cloudsql/acme:us-central1:orders
---
apiVersion: v1
kind: Secret
metadata: {name: dont-fire-secret}
stringData:
  url: Server=tcp:orders-sql.database.windows.net;Password=hunter2
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dont-fire-aws-config}
data:
  BUCKET: s3://shop-assets
  QUEUE: https://sqs.us-east-1.amazonaws.com/123456789012/orders
`;

describe('cloud/endpoint', () => {
  it('names each managed service once per object, quoting only the host', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning cloud/endpoint Deployment/fires-azure-env@shop :12',
      'warning cloud/endpoint ConfigMap/fires-otel-config :24',
      'warning cloud/endpoint ConfigMap/fires-gcs :38',
    ]);
    const [azure, otel, gcs] = findings;
    expect(azure?.message).toBe(
      'Deployment fires-azure-env points at Azure SQL Database, Azure Service Bus / Event Hubs and Azure Cache for Redis: orders-sql.database.windows.net, shop-bus.servicebus.windows.net and shop.redis.cache.windows.net.',
    );
    expect(azure?.explanation).toContain('Azure SQL Database → Amazon RDS for SQL Server');
    expect(otel?.message).toContain('a Google Cloud Trace / Monitoring exporter');
    expect(otel?.explanation).toContain('awsxray');
    expect(gcs?.message).toBe(
      'ConfigMap fires-gcs points at Google Cloud Storage and Cloud SQL (Auth Proxy socket): gs://shop-assets and /cloudsql/acme:us-central1:orders.',
    );
    const all = JSON.stringify(findings);
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain('dont-fire');
  });

  it('lets the most specific pattern name a host', () => {
    expect(scanText('https://pubsub.googleapis.com/v1', []).map((h) => h.service)).toEqual([
      'Google Cloud Pub/Sub',
    ]);
    expect(scanText('pg.postgres.database.azure.com', []).map((h) => h.service)).toEqual([
      'Azure Database for PostgreSQL',
    ]);
    expect(scanText('https://user:pw@x.blob.core.windows.net/c?sig=abc', [])[0]?.match).toBe(
      'x.blob.core.windows.net',
    );
  });
});

describe('cloud/endpoint on environment variable names', () => {
  it('names the service an Azure Blob log shipper writes to, quoting the variable, never its value', () => {
    // fluent/fluentd-kubernetes-daemonset fluentd-daemonset-azureblob.yaml: account settings without a host.
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-fluentd-azureblob, namespace: kube-system}
spec:
  template:
    spec:
      containers:
      - name: fluentd-azureblob
        image: fluent/fluentd-kubernetes-daemonset:v1-debian-azureblob
        env:
        - {name: AZUREBLOB_ACCOUNT_NAME, value: mystorageaccount}
        - {name: AZUREBLOB_ACCOUNT_KEY, value: mystorageaccountkey}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-plain-env}
spec:
  template:
    spec:
      containers: [{name: app, image: app:1, env: [{name: STORAGE_ACCOUNT, value: local}]}]
`;
    const findings = runRule(rule, text);
    expect(summarize(findings)).toEqual([
      'warning cloud/endpoint DaemonSet/fires-fluentd-azureblob@kube-system :11',
    ]);
    expect(findings[0]?.message).toBe(
      'DaemonSet fires-fluentd-azureblob points at Azure Blob Storage: env AZUREBLOB_ACCOUNT_NAME.',
    );
    expect(findings[0]?.explanation).toContain('Azure Blob Storage → Amazon S3');
    expect(JSON.stringify(findings)).not.toContain('mystorageaccountkey');
  });
});
