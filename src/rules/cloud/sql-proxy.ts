// cloud/sql-proxy: Cloud SQL Auth Proxy sidecars and Jobs tie the workload to a Cloud SQL instance.

import { engineOf, proxyInstances } from '../../model/cloud-services.js';
import { CLOUD_SQL_PROXY_REPOSITORIES, SQL_ENGINES } from '../../model/cloud-services.table.js';
import { imageRepository } from '../../model/images.js';
import { containersOf } from '../../model/kinds.js';
import { defineRule } from '../define.js';

function words(container: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of ['command', 'args']) {
    const list = container[field];
    if (Array.isArray(list)) for (const w of list) if (typeof w === 'string') out.push(w);
  }
  const env = container.env;
  if (Array.isArray(env)) {
    for (const e of env) {
      if (e && typeof e === 'object' && typeof (e as { value?: unknown }).value === 'string')
        out.push((e as { value: string }).value);
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'cloud/sql-proxy',
    targets: ['workload'],
    category: 'cloud-service',
    severity: 'warning',
    description:
      'Cloud SQL Auth Proxy containers (gce-proxy, cloud-sql-proxy): the database is a Google Cloud SQL instance that moves to Amazon RDS or Aurora.',
    fixable: false,
    messages: {
      proxy: {
        message: '{{kind}} {{name}} runs the Cloud SQL Auth Proxy ({{container}}) to reach {{instances}}.',
        explanation:
          'The proxy opens an authenticated tunnel to a Google Cloud SQL instance with a Google service account; on EKS there is no Cloud SQL to reach, and the data has to move with the workload. The AWS home of this database is {{aws}}.',
        remediation:
          'Create {{aws}} (engine {{engine}}), move the data with AWS Database Migration Service (full load plus change data capture, then a short cut-over) or a native dump and restore, then remove the proxy container and point the application at the RDS endpoint (TLS; credentials from AWS Secrets Manager or RDS IAM authentication through EKS Pod Identity; RDS Proxy if it needs connection pooling).',
      },
    },
  },
  checkObject(item, ctx, report) {
    const view = ctx.pod;
    for (const c of containersOf(view)) {
      const image = c.container.image;
      if (typeof image !== 'string') continue;
      const repository = imageRepository(image);
      if (!CLOUD_SQL_PROXY_REPOSITORIES.some((r) => repository === r || repository.endsWith(`/${r}`)))
        continue;
      const instances = proxyInstances(words(c.container));
      const engines = [...new Set(instances.map(engineOf).filter((e): e is string => e !== undefined))];
      const engine = engines.length === 1 ? engines[0] : undefined;
      const info = engine ? SQL_ENGINES[engine] : undefined;
      report({
        item,
        messageId: 'proxy',
        data: {
          kind: item.ref.kind,
          name: item.ref.name,
          container: `container ${c.container.name ?? c.index}, ${image}`,
          instances: instances.length
            ? `Cloud SQL instance ${instances.map((i) => i.connectionName).join(', ')}`
            : 'a Cloud SQL instance named outside the manifest',
          aws: info?.aws ?? 'Amazon RDS or Aurora',
          engine:
            info?.label ??
            (engines.length
              ? engines.map((e) => SQL_ENGINES[e]?.label ?? e).join(', ')
              : 'the same as on Cloud SQL'),
        },
        path: [...c.path, 'image'],
        facts: {
          service: 'Cloud SQL',
          instances: instances.map((i) => i.connectionName),
          engine: engine ?? null,
        },
      });
    }
  },
});
