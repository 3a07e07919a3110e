// cloud/endpoint: endpoints of other clouds' managed services in env values and ConfigMap data, and
// telemetry exporters bound to another cloud. Secret data is never read.

import { type EndpointHit, scanText } from '../../model/cloud-services.js';
import { ENV_NAME_PATTERNS, EXPORTER_IMAGES, EXPORTER_PATTERNS } from '../../model/cloud-services.table.js';
import { imageRepository } from '../../model/images.js';
import { containersOf, isRecord } from '../../model/kinds.js';
import { defineRule } from '../define.js';

function merge(into: EndpointHit[], hits: EndpointHit[]): void {
  for (const h of hits) if (!into.some((x) => x.service === h.service)) into.push(h);
}

export default defineRule({
  meta: {
    id: 'cloud/endpoint',
    targets: ['workload', 'ConfigMap'],
    category: 'cloud-service',
    severity: 'warning',
    description:
      'Endpoints of other clouds’ managed services (Azure SQL, Service Bus, Blob Storage, Cosmos DB, Redis, *.googleapis.com, Cloud SQL sockets …) in env values and ConfigMap data, and Cloud Trace / Cloud Monitoring / Azure Monitor exporters.',
    fixable: false,
    messages: {
      endpoints: {
        message: '{{kind}} {{name}} points at {{services}}: {{matches}}.',
        explanation:
          'These are managed services of another cloud. From EKS they are reached over the internet (if at all), with that cloud’s credentials, and with added latency and egress cost; the move is not finished until they have AWS counterparts: {{targets}}.',
        remediation:
          'Plan each service’s move ({{targets}}), with its data (AWS Database Migration Service for databases, DataSync or S3 copy tools for storage), then change these values to the AWS endpoints and grant access through EKS Pod Identity rather than keys.',
      },
    },
  },
  checkObject(item, ctx, report) {
    const obj = item.object;
    const hits: EndpointHit[] = [];
    if (item.ref.kind === 'ConfigMap' && item.ref.apiVersion === 'v1') {
      const data = obj.data;
      if (isRecord(data)) {
        for (const [key, value] of Object.entries(data)) {
          if (typeof value !== 'string') continue;
          merge(hits, scanText(value, ['data', key], EXPORTER_PATTERNS));
          merge(hits, scanText(value, ['data', key]));
        }
      }
    } else {
      const view = ctx.pod;
      if (!view) return;
      for (const c of containersOf(view)) {
        const image = c.container.image;
        if (typeof image === 'string') {
          const repo = imageRepository(image);
          const exporter = EXPORTER_IMAGES.find(
            (e) => repo === e.repository || repo.endsWith(`/${e.repository}`),
          );
          if (exporter)
            merge(hits, [
              { service: exporter.service, aws: exporter.aws, match: image, path: [...c.path, 'image'] },
            ]);
        }
        c.container.env?.forEach((e, i) => {
          if (typeof e?.value === 'string') merge(hits, scanText(e.value, [...c.path, 'env', i, 'value']));
          const name = e?.name;
          const byName =
            typeof name === 'string' ? ENV_NAME_PATTERNS.find((p) => p.pattern.test(name)) : undefined;
          if (byName && typeof name === 'string')
            merge(hits, [
              {
                service: byName.service,
                aws: byName.aws,
                match: `env ${name}`,
                path: [...c.path, 'env', i, 'name'],
              },
            ]);
        });
      }
    }
    const first = hits[0];
    if (!first) return;
    const targets = [...new Set(hits.map((h) => `${h.service} → ${h.aws}`))];
    report({
      item,
      messageId: 'endpoints',
      data: {
        kind: item.ref.kind,
        name: item.ref.name,
        services: hits.map((h) => h.service),
        matches: [...new Set(hits.map((h) => h.match))],
        targets,
      },
      path: first.path,
      facts: { services: hits.map((h) => ({ service: h.service, aws: h.aws, match: h.match })) },
    });
  },
});
