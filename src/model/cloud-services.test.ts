import { describe, expect, it } from 'vitest';
import { scanText } from './cloud-services.js';
import { ENDPOINT_PATTERNS, EXPORTER_PATTERNS } from './cloud-services.table.js';

// One text per pattern, in the case people write it and in capitals: the needles that skip a text must
// never skip one its pattern matches.
const EXAMPLES: ReadonlyArray<[service: string, text: string]> = [
  ['Azure Database for PostgreSQL', 'host=orders.postgres.database.azure.com port=5432'],
  ['Azure Database for MySQL', 'orders.mysql.database.azure.com:3306'],
  ['Azure SQL Database', 'Server=tcp:orders-sql.database.windows.net,1433'],
  ['Azure Service Bus / Event Hubs', 'sb://shop-bus.servicebus.windows.net/'],
  ['Azure Blob Storage', 'https://shop.blob.core.windows.net/images'],
  ['Azure Queue Storage', 'https://shop.queue.core.windows.net/orders'],
  ['Azure Table Storage', 'https://shop.table.core.windows.net/'],
  ['Azure Files', 'shop.file.core.windows.net'],
  ['Azure Data Lake Storage', 'https://lake.dfs.core.windows.net/raw'],
  ['Azure Data Lake Storage', 'adl://lake.azuredatalakestore.net/raw'],
  ['Azure Blob / Data Lake Storage', 'abfss://raw@lake/path'],
  ['Azure Blob / Data Lake Storage', 'wasb://raw@lake/path'],
  ['Azure Cosmos DB for MongoDB', 'mongodb://shop.mongo.cosmos.azure.com:10255/'],
  ['Azure Cosmos DB', 'AccountEndpoint=https://shop.documents.azure.com:443/'],
  ['Azure Cache for Redis', 'shop.redis.cache.windows.net:6380'],
  ['Azure Key Vault', 'https://shop-kv.vault.azure.net/'],
  ['Azure OpenAI', 'https://shop.openai.azure.com/'],
  [
    'Azure Monitor Application Insights',
    'IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
  ],
  ['Azure Monitor Application Insights', 'InstrumentationKey=00000000-0000'],
  ['Google Cloud Trace', 'cloudtrace.googleapis.com:443'],
  ['Google Cloud Monitoring', 'monitoring.googleapis.com:443'],
  ['Google Cloud Logging', 'logging.googleapis.com'],
  ['Google Cloud Storage', 'https://storage.googleapis.com/shop'],
  ['Google Cloud Storage', 'gs://shop-assets/images'],
  ['Google Cloud Pub/Sub', 'pubsub.googleapis.com'],
  ['Google Cloud Firestore', 'firestore.googleapis.com'],
  ['Google Cloud Spanner', 'spanner.googleapis.com'],
  ['Google BigQuery', 'bigquery.googleapis.com'],
  ['Google Secret Manager', 'secretmanager.googleapis.com'],
  ['Cloud SQL (Auth Proxy socket)', '/cloudsql/acme:us-central1:orders'],
  ['a Google Cloud API', 'translate.googleapis.com'],
];

describe('endpoint patterns', () => {
  it('has an example for every pattern', () => {
    const covered = new Set(EXAMPLES.map(([service]) => service));
    expect(ENDPOINT_PATTERNS.filter((p) => !covered.has(p.service)).map((p) => p.service)).toEqual([]);
  });

  it.each(EXAMPLES)('names %s in %s, in any case', (service, text) => {
    for (const written of [text, text.toUpperCase()])
      expect(scanText(written, ['value']).map((h) => h.service)).toContain(service);
  });

  it('skips texts without any needle, which their patterns cannot match', () => {
    expect(scanText('http://otel-collector.monitoring:4317', ['value'])).toEqual([]);
    expect(scanText('web-0-db.core-web-0.svc.cluster.local', ['value'])).toEqual([]);
  });

  it('keeps needles lowercase, the text every match holds', () => {
    for (const p of [...ENDPOINT_PATTERNS, ...EXPORTER_PATTERNS]) {
      expect(p.pattern.unicode).toBe(false);
      for (const needle of p.needles ?? []) {
        expect(needle).toBe(needle.toLowerCase());
        expect(p.pattern.source.replaceAll('\\', '').toLowerCase()).toContain(needle);
      }
    }
  });

  it('finds exporters only where their needle is', () => {
    const config = 'exporters:\n  googlemanagedprometheus:\n    project: demo\n';
    expect(scanText(config, ['data', 'c'], EXPORTER_PATTERNS).map((h) => h.service)).toEqual([
      'a Google Cloud Trace / Monitoring exporter',
    ]);
    expect(scanText('exporters:\n  azuremonitor/traces:\n', ['data', 'c'], EXPORTER_PATTERNS)).toHaveLength(
      1,
    );
  });
});
