// The field rewrites a removed API needs besides its apiVersion line, as JSON Patch operations, so that the
// patched manifest is valid at the replacement version:
// - autoscaling/v2beta1 HorizontalPodAutoscaler metrics -> autoscaling/v2 (metric + target blocks);
// - extensions/v1beta1, apps/v1beta1, apps/v1beta2 workloads without spec.selector -> apps/v1, which requires one
//   (the old versions defaulted it to the template labels);
// - extensions/v1beta1, networking.k8s.io/v1beta1 Ingress -> networking.k8s.io/v1 backends and pathType.
// Source: Kubernetes "Deprecated API Migration Guide" (v1.16, v1.22, v1.25, v1.26 sections).
import { getPath, isRecord, pointer } from './kinds.js';
import type { JsonPatchOp, KubeObject } from './types.js';

type Json = Record<string, unknown>;

function target(block: Json): Json | undefined {
  if (block.targetAverageUtilization !== undefined)
    return { type: 'Utilization', averageUtilization: block.targetAverageUtilization };
  if (block.targetAverageValue !== undefined)
    return { type: 'AverageValue', averageValue: block.targetAverageValue };
  if (block.averageValue !== undefined) return { type: 'AverageValue', averageValue: block.averageValue };
  if (block.targetValue !== undefined) return { type: 'Value', value: block.targetValue };
  return undefined;
}

function metricId(name: unknown, selector: unknown): Json {
  return isRecord(selector) ? { name, selector } : { name };
}

/** One autoscaling/v2beta1 metric in the autoscaling/v2 form, or undefined when it is not in the v2beta1 form. */
export function v2beta1MetricToV2(metric: unknown): Json | undefined {
  if (!isRecord(metric) || typeof metric.type !== 'string') return undefined;
  const key = metric.type.charAt(0).toLowerCase() + metric.type.slice(1);
  const block = metric[key];
  if (!isRecord(block)) return undefined;
  const t = target(block);
  if (!t) return undefined;
  switch (metric.type) {
    case 'Resource':
      return { type: 'Resource', resource: { name: block.name, target: t } };
    case 'Pods':
      if (block.metricName === undefined) return undefined;
      return { type: 'Pods', pods: { metric: metricId(block.metricName, block.selector), target: t } };
    case 'Object':
      if (block.metricName === undefined || !isRecord(block.target)) return undefined;
      return {
        type: 'Object',
        object: {
          describedObject: block.target,
          metric: metricId(block.metricName, block.selector),
          target: t,
        },
      };
    case 'External':
      if (block.metricName === undefined) return undefined;
      return {
        type: 'External',
        external: { metric: metricId(block.metricName, block.metricSelector), target: t },
      };
    default:
      return undefined;
  }
}

function hpaOps(object: KubeObject): JsonPatchOp[] {
  const metrics = getPath(object, ['spec', 'metrics']);
  if (!Array.isArray(metrics)) return [];
  return metrics.flatMap((m, i): JsonPatchOp[] => {
    const converted = v2beta1MetricToV2(m);
    return converted ? [{ op: 'replace', path: pointer(['spec', 'metrics', i]), value: converted }] : [];
  });
}

const SELECTOR_KINDS = new Set(['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet']);

function selectorOps(object: KubeObject): JsonPatchOp[] {
  if (getPath(object, ['spec', 'selector']) !== undefined) return [];
  const labels = getPath(object, ['spec', 'template', 'metadata', 'labels']);
  if (!isRecord(labels) || Object.keys(labels).length === 0) return [];
  return [{ op: 'add', path: pointer(['spec', 'selector']), value: { matchLabels: labels } }];
}

function backendV1(backend: unknown): Json | undefined {
  if (!isRecord(backend) || backend.serviceName === undefined) return undefined;
  const port = backend.servicePort;
  return {
    service: {
      name: backend.serviceName,
      port:
        typeof port === 'number' || /^\d+$/.test(String(port)) ? { number: Number(port) } : { name: port },
    },
  };
}

function ingressOps(object: KubeObject): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  const spec = getPath(object, ['spec']);
  if (!isRecord(spec)) return ops;
  const defaultBackend = backendV1(spec.backend);
  if (defaultBackend) {
    ops.push({ op: 'remove', path: pointer(['spec', 'backend']) });
    ops.push({ op: 'add', path: pointer(['spec', 'defaultBackend']), value: defaultBackend });
  }
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((rule, r) => {
    const paths = getPath(rule, ['http', 'paths']);
    if (!Array.isArray(paths)) return;
    paths.forEach((p, i) => {
      if (!isRecord(p)) return;
      const base = ['spec', 'rules', r, 'http', 'paths', i];
      const backend = backendV1(p.backend);
      if (backend) ops.push({ op: 'replace', path: pointer([...base, 'backend']), value: backend });
      // v1 requires a pathType; ImplementationSpecific keeps the controller's old matching.
      if (p.pathType === undefined)
        ops.push({ op: 'add', path: pointer([...base, 'pathType']), value: 'ImplementationSpecific' });
    });
  });
  return ops;
}

/** The field rewrites moving `object` from `apiVersion` to its replacement needs (none for most APIs). */
export function structuralOps(apiVersion: string, object: KubeObject): JsonPatchOp[] {
  const kind = object.kind ?? '';
  if (kind === 'HorizontalPodAutoscaler' && apiVersion === 'autoscaling/v2beta1') return hpaOps(object);
  if (SELECTOR_KINDS.has(kind) && ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'].includes(apiVersion))
    return selectorOps(object);
  if (kind === 'Ingress' && ['extensions/v1beta1', 'networking.k8s.io/v1beta1'].includes(apiVersion))
    return ingressOps(object);
  return [];
}
