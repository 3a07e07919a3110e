// hpa/metrics: HorizontalPodAutoscalers need metrics-server on EKS (not installed by default), and custom or
// external metrics need an adapter there (KEDA, prometheus-adapter) in place of the source platform's one.

import { holds, inventoryIndex, objectNames } from '../../model/inventory-index.js';
import { getPath, isRecord } from '../../model/kinds.js';
import type { Inventory } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';
import { ADAPTERS, type AdapterInfo, METRIC_SOURCES } from './hpa.table.js';

interface MetricUse {
  type: 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External';
  /** The metric name as written (resource name for Resource metrics). */
  name: string;
}

/** Metrics of any HPA version: v1 (CPU only), v2beta1 (metricName), v2beta2 / v2 (metric.name). */
function hpaMetrics(spec: Record<string, unknown>): MetricUse[] {
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
  const known = METRIC_SOURCES.find((s) => s.match.test(name));
  if (!known) return undefined;
  const capture = known.match.exec(name)?.[1] ?? name;
  const fill = (text: string) => text.replaceAll('$1', capture);
  return `${name} is ${fill(known.source)}; on EKS, ${fill(known.aws)}`;
}

interface ServedBy {
  apiService: string;
  service: string;
  adapter?: AdapterInfo;
}

/** The APIServices of the input by the API group they serve (the first wins), with the adapter when known. */
function metricsApis(inventory: Inventory): Map<string, ServedBy> {
  const index = new Map<string, ServedBy>();
  for (const o of inventory.objects) {
    if (o.ref.kind !== 'APIService') continue;
    const served = getPath(o.object, ['spec', 'group']);
    const ns = getPath(o.object, ['spec', 'service', 'namespace']);
    const svc = getPath(o.object, ['spec', 'service', 'name']);
    if (typeof served !== 'string' || typeof svc !== 'string' || index.has(served)) continue;
    const service = `${typeof ns === 'string' ? `${ns}/` : ''}${svc}`;
    const adapter = ADAPTERS.find((a) => a.match.test(service));
    index.set(served, { apiService: o.ref.name, service, ...(adapter ? { adapter } : {}) });
  }
  return index;
}

/**
 * The scale targets the input holds, keyed as the check looks them up: only these are ever asked for, and
 * the index goes to every thread (all the input's keys would be a copy of its size).
 */
function heldTargets(inventory: Inventory): Set<string> {
  const names = objectNames(inventory);
  const held = new Set<string>();
  for (const item of inventoryIndex(inventory).ofKind('HorizontalPodAutoscaler')) {
    const spec = isRecord(item.object.spec) ? item.object.spec : {};
    const kind = getPath(spec, ['scaleTargetRef', 'kind']);
    const name = getPath(spec, ['scaleTargetRef', 'name']);
    if (typeof kind === 'string' && typeof name === 'string' && holds(names, kind, item.ref.namespace, name))
      held.add(`${item.ref.namespace ?? ''}/${kind}/${name}`);
  }
  return held;
}

interface Index {
  /** `ns/Kind/name` of the scale targets the input's HPAs name that the input holds (the others are missing). */
  objects: ReadonlySet<string>;
  apis: Map<string, ServedBy>;
}

/** autoscaling/v2beta1 field names, which autoscaling/v2beta2 and v2 no longer accept. */
const V2BETA1_FIELDS = [
  'metricName',
  'metricSelector',
  'targetAverageValue',
  'targetAverageUtilization',
  'targetValue',
];

function v2beta1FieldsIn(spec: Record<string, unknown>): string[] {
  const found = new Set<string>();
  for (const m of Array.isArray(spec.metrics) ? spec.metrics : []) {
    if (!isRecord(m)) continue;
    for (const block of Object.values(m)) {
      if (!isRecord(block)) continue;
      for (const field of V2BETA1_FIELDS) if (field in block) found.add(field);
    }
  }
  return [...found];
}

export default defineRule({
  meta: {
    id: 'hpa/metrics',
    targets: ['HorizontalPodAutoscaler'],
    category: 'hpa',
    severity: 'warning',
    description:
      'HorizontalPodAutoscalers: metrics-server is not installed on EKS by default, and custom or external metrics need an adapter.',
    fixable: false,
    messages: {
      resource: {
        message:
          'HorizontalPodAutoscaler {{name}} scales {{target}} on {{metrics}}; EKS needs metrics-server for it.{{missing}}{{fields}}',
        explanation:
          'Resource metrics come from the metrics.k8s.io API, which GKE and AKS serve out of the box but EKS does not: without metrics-server the HPA shows <unknown> targets and never scales.{{servedNote}}',
        remediation:
          'Install the metrics-server EKS add-on (or its Helm chart) before moving {{target}}, and check the HPA with kubectl get hpa after the move.{{fieldsFix}}',
      },
      custom: {
        message:
          'HorizontalPodAutoscaler {{name}} scales {{target}} on {{kinds}} metrics {{metrics}}, {{served}}.{{missing}}{{fields}}',
        explanation:
          'Custom (Pods, Object) and External metrics are served by an adapter registered for custom.metrics.k8s.io / external.metrics.k8s.io; {{adapterNote}} {{sources}}',
        remediation: '{{remedy}}{{alsoResource}}.{{fieldsFix}}',
      },
    },
  },
  index: (inventory): Index => ({ objects: heldTargets(inventory), apis: metricsApis(inventory) }),
  checkObject(item, ctx, report) {
    if (item.ref.kind !== 'HorizontalPodAutoscaler') return;
    const spec = isRecord(item.object.spec) ? item.object.spec : {};
    const kind = getPath(spec, ['scaleTargetRef', 'kind']);
    const name = getPath(spec, ['scaleTargetRef', 'name']);
    const target = typeof kind === 'string' && typeof name === 'string' ? `${kind} ${name}` : 'its target';
    const missing =
      typeof kind === 'string' &&
      typeof name === 'string' &&
      !ctx.index.objects.has(`${item.ref.namespace ?? ''}/${kind}/${name}`)
        ? ` Its target ${kind} ${name} is not in the input.`
        : '';
    // v2beta1 field names under a later version: the API server rejects them (api/removed covers v2beta1 itself).
    const oldFields = item.ref.apiVersion === 'autoscaling/v2beta1' ? [] : v2beta1FieldsIn(spec);
    const fields = oldFields.length
      ? ` Its metrics use the autoscaling/v2beta1 fields ${joinList(oldFields)} under ${item.ref.apiVersion}, which the API server rejects as unknown fields.`
      : '';
    const fieldsFix = oldFields.length
      ? ` Rewrite each metric in the ${item.ref.apiVersion} form: metric.name and metric.selector, and a target with type and averageValue, value or averageUtilization.`
      : '';
    const metrics = hpaMetrics(spec);
    const custom = metrics.filter((m) => m.type === 'Pods' || m.type === 'Object' || m.type === 'External');
    const resource = metrics.filter((m) => m.type === 'Resource' || m.type === 'ContainerResource');
    const describe = (list: MetricUse[]) => joinList([...new Set(list.map((m) => m.name))]);
    if (custom.length === 0) {
      const served = ctx.index.apis.get('metrics.k8s.io');
      report({
        item,
        messageId: 'resource',
        data: {
          name: item.ref.name,
          target,
          metrics: describe(resource),
          missing,
          fields,
          fieldsFix,
          servedNote: served
            ? ` In the input, APIService ${served.apiService} serves metrics.k8s.io from Service ${served.service}; install that adapter on EKS too, or metrics-server in its place.`
            : '',
        },
        path: ['spec'],
        facts: { needsMetricsServer: true, customMetrics: [] },
      });
      return;
    }
    const sources = [
      ...new Set(custom.map((m) => metricSource(m.name)).filter((s): s is string => s !== undefined)),
    ];
    const groups = [
      ...new Set(
        custom.map((m) => (m.type === 'External' ? 'external.metrics.k8s.io' : 'custom.metrics.k8s.io')),
      ),
    ];
    const served = groups.map((g) => ctx.index.apis.get(g)).find((s): s is ServedBy => s !== undefined);
    const adapterName = served?.adapter?.name ?? (served ? `Service ${served.service}` : '');
    const generic =
      'serve the metrics on EKS with KEDA (aws-cloudwatch, aws-sqs-queue or prometheus scalers, with EKS Pod Identity for AWS access) or with prometheus-adapter over Prometheus or Amazon Managed Service for Prometheus, mapping each source metric to its AWS counterpart (CloudWatch)';
    const remedy = served?.adapter?.install
      ? `${served.adapter.install} (and its APIService ${served.apiService}) before moving ${target}; or ${generic}`
      : `${generic.charAt(0).toUpperCase()}${generic.slice(1)}`;
    report({
      item,
      messageId: 'custom',
      data: {
        name: item.ref.name,
        target,
        kinds: joinList([...new Set(custom.map((m) => m.type))]),
        metrics: describe(custom),
        served: !served
          ? 'which no adapter serves on EKS yet'
          : served.adapter && !served.adapter.portable
            ? `served in the input by ${adapterName}, which does not work on EKS`
            : `served in the input by ${adapterName}, which must be installed on EKS first`,
        adapterNote: served
          ? `here APIService ${served.apiService} sends them to Service ${served.service}${served.adapter ? `, ${served.adapter.name}, which ${served.adapter.why}.` : ', which must run on EKS as well.'}`
          : 'EKS installs none by default.',
        missing,
        fields,
        fieldsFix,
        sources: sources.length ? `${sources.join('. ')}.` : '',
        remedy,
        alsoResource: resource.length
          ? `; the ${describe(resource)} metrics also need the metrics-server EKS add-on`
          : '',
      },
      path: ['spec', 'metrics'],
      facts: {
        needsMetricsServer: resource.length > 0,
        customMetrics: custom.map((m) => ({ type: m.type, name: m.name })),
        ...(served ? { adapter: served.adapter?.name ?? served.service } : {}),
      },
    });
  },
});
