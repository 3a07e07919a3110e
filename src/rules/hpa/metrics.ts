// hpa/metrics: HorizontalPodAutoscalers need metrics-server on EKS (not installed by default), and custom or
// external metrics need an adapter there (KEDA, prometheus-adapter) in place of the source platform's one.
import { getPath, isRecord } from '../../model/kinds.js';
import type { Inventory } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';

interface MetricUse {
  type: 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External';
  /** The metric name as written (resource name for Resource metrics). */
  name: string;
}

/** Metrics of any HPA version: v1 (CPU only), v2beta1 (metricName), v2beta2 / v2 (metric.name). */
export function hpaMetrics(spec: Record<string, unknown>): MetricUse[] {
  const metrics = spec.metrics;
  if (!Array.isArray(metrics) || metrics.length === 0) {
    // autoscaling/v1, or v2 without metrics: CPU utilization (80% by default).
    return [{ type: 'Resource', name: 'cpu' }];
  }
  return metrics.flatMap((m): MetricUse[] => {
    if (!isRecord(m) || typeof m.type !== 'string') return [];
    const read = (...paths: string[][]): string => {
      for (const p of paths) {
        const v = getPath(m, p);
        if (typeof v === 'string') return v;
      }
      return '(unnamed)';
    };
    switch (m.type) {
      case 'Resource':
        return [{ type: 'Resource', name: read(['resource', 'name']) }];
      case 'ContainerResource':
        return [{ type: 'ContainerResource', name: read(['containerResource', 'name']) }];
      case 'Pods':
        return [{ type: 'Pods', name: read(['pods', 'metric', 'name'], ['pods', 'metricName']) }];
      case 'Object':
        return [{ type: 'Object', name: read(['object', 'metric', 'name'], ['object', 'metricName']) }];
      case 'External':
        return [{ type: 'External', name: read(['external', 'metric', 'name'], ['external', 'metricName']) }];
      default:
        return [];
    }
  });
}

/** Where a custom or external metric comes from on the source platform, when its name tells. */
function metricSource(name: string): string | undefined {
  if (name.includes('googleapis.com') || /^[a-z.]+\|/.test(name)) {
    return `${name} is a Google Cloud Monitoring metric served by GKE's Custom Metrics Stackdriver Adapter; its CloudWatch counterpart (for example SQS ApproximateNumberOfMessagesVisible for a Pub/Sub backlog) can drive KEDA's aws-cloudwatch or aws-sqs-queue scaler`;
  }
  if (/azure|servicebus|eventhub|storage-queue|queuemessages/i.test(name)) {
    return `${name} looks like an Azure Monitor metric (Azure metrics adapter or KEDA Azure scaler); its AWS counterpart (SQS queue depth, Kinesis, CloudWatch) can drive KEDA's aws-cloudwatch or aws-sqs-queue scaler`;
  }
  if (/^s\d+-/.test(name))
    return `${name} is a KEDA scaler metric; move the ScaledObject and pick the matching AWS scaler`;
  return undefined;
}

const objectKeys = new WeakMap<Inventory, Set<string>>();

function targetExists(
  inventory: Inventory,
  namespace: string | undefined,
  kind: string,
  name: string,
): boolean {
  let keys = objectKeys.get(inventory);
  if (!keys) {
    keys = new Set(inventory.objects.map((o) => `${o.ref.namespace ?? ''}/${o.ref.kind}/${o.ref.name}`));
    objectKeys.set(inventory, keys);
  }
  return keys.has(`${namespace ?? ''}/${kind}/${name}`);
}

export default defineRule({
  meta: {
    id: 'hpa/metrics',
    category: 'hpa',
    severity: 'warning',
    description:
      'HorizontalPodAutoscalers: metrics-server is not installed on EKS by default, and custom or external metrics need an adapter.',
    fixable: false,
    messages: {
      resource: {
        message:
          'HorizontalPodAutoscaler {{name}} scales {{target}} on {{metrics}}; EKS needs metrics-server for it.{{missing}}',
        explanation:
          'Resource metrics come from the metrics.k8s.io API, which GKE and AKS serve out of the box but EKS does not: without metrics-server the HPA shows <unknown> targets and never scales.',
        remediation:
          'Install the metrics-server EKS add-on (or its Helm chart) before moving {{target}}, and check the HPA with kubectl get hpa after the move.',
      },
      custom: {
        message:
          'HorizontalPodAutoscaler {{name}} scales {{target}} on {{kinds}} metrics {{metrics}}, which no adapter serves on EKS yet.{{missing}}',
        explanation:
          'Custom (Pods, Object) and External metrics are served by an adapter registered for custom.metrics.k8s.io / external.metrics.k8s.io; the source platform provided one, EKS provides none. {{sources}}',
        remediation:
          'Serve the metrics on EKS with KEDA (aws-cloudwatch, aws-sqs-queue or prometheus scalers, with EKS Pod Identity for AWS access) or with prometheus-adapter over Prometheus or Amazon Managed Service for Prometheus, mapping each source metric to its AWS counterpart (CloudWatch){{alsoResource}}.',
      },
    },
  },
  checkObject(item, ctx, report) {
    if (item.ref.kind !== 'HorizontalPodAutoscaler') return;
    const spec = isRecord(item.object.spec) ? item.object.spec : {};
    const kind = getPath(spec, ['scaleTargetRef', 'kind']);
    const name = getPath(spec, ['scaleTargetRef', 'name']);
    const target = typeof kind === 'string' && typeof name === 'string' ? `${kind} ${name}` : 'its target';
    const missing =
      typeof kind === 'string' &&
      typeof name === 'string' &&
      !targetExists(ctx.inventory, item.ref.namespace, kind, name)
        ? ` Its target ${kind} ${name} is not in the input.`
        : '';
    const metrics = hpaMetrics(spec);
    const custom = metrics.filter((m) => m.type === 'Pods' || m.type === 'Object' || m.type === 'External');
    const resource = metrics.filter((m) => m.type === 'Resource' || m.type === 'ContainerResource');
    const describe = (list: MetricUse[]) => joinList([...new Set(list.map((m) => m.name))]);
    if (custom.length === 0) {
      report({
        item,
        messageId: 'resource',
        data: { name: item.ref.name, target, metrics: describe(resource), missing },
        path: ['spec'],
        facts: { needsMetricsServer: true, customMetrics: [] },
      });
      return;
    }
    const sources = [
      ...new Set(custom.map((m) => metricSource(m.name)).filter((s): s is string => s !== undefined)),
    ];
    report({
      item,
      messageId: 'custom',
      data: {
        name: item.ref.name,
        target,
        kinds: joinList([...new Set(custom.map((m) => m.type))]),
        metrics: describe(custom),
        missing,
        sources: sources.length ? `${sources.join('. ')}.` : '',
        alsoResource: resource.length
          ? `; the ${describe(resource)} metrics also need the metrics-server EKS add-on`
          : '',
      },
      path: ['spec', 'metrics'],
      facts: {
        needsMetricsServer: resource.length > 0,
        customMetrics: custom.map((m) => ({ type: m.type, name: m.name })),
      },
    });
  },
});
