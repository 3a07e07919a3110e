// Label selectors (matchLabels + matchExpressions), as PodDisruptionBudgets and others use them.
import { getPath, groupOf, isRecord } from '../../model/kinds.js';
import type { InventoryObject } from '../../model/types.js';

/** Whether `labels` satisfy a LabelSelector. An absent selector matches nothing; an empty one matches everything. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  for (const [key, value] of Object.entries(matchLabels)) {
    if (labels[key] !== String(value)) return false;
  }
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) {
    if (!isRecord(e) || typeof e.key !== 'string') return false;
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    const has = Object.hasOwn(labels, e.key);
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        if (!has || value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * Labels the operator of a custom resource puts on the pods it creates (from the operators' docs and code:
 * prometheus-operator sets `prometheus: <name>` / `alertmanager: <name>`, ECK sets
 * `elasticsearch.k8s.elastic.co/cluster-name: <name>`), besides the labels the resource asks for itself.
 */
const OPERATOR_LABELS: Record<string, (name: string) => Record<string, string>> = {
  'monitoring.coreos.com/Prometheus': (n) => ({
    prometheus: n,
    'app.kubernetes.io/name': 'prometheus',
    'app.kubernetes.io/instance': n,
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'operator.prometheus.io/name': n,
  }),
  'monitoring.coreos.com/Alertmanager': (n) => ({
    alertmanager: n,
    'app.kubernetes.io/name': 'alertmanager',
    'app.kubernetes.io/instance': n,
    'app.kubernetes.io/managed-by': 'prometheus-operator',
  }),
  'elasticsearch.k8s.elastic.co/Elasticsearch': (n) => ({
    'elasticsearch.k8s.elastic.co/cluster-name': n,
    'common.k8s.elastic.co/type': 'elasticsearch',
  }),
  'kibana.k8s.elastic.co/Kibana': (n) => ({
    'kibana.k8s.elastic.co/name': n,
    'common.k8s.elastic.co/type': 'kibana',
  }),
};

/** Pod label sets of a custom resource whose operator creates pods; empty for anything else. */
export function operatorPodLabels(item: InventoryObject): Record<string, string>[] {
  const group = groupOf(item.ref.apiVersion);
  if (!group.includes('.') || group.endsWith('.k8s.io')) return [];
  const known = OPERATOR_LABELS[`${group}/${item.ref.kind}`]?.(item.ref.name) ?? {};
  const asked: Record<string, string>[] = [];
  const take = (v: unknown) => {
    if (isRecord(v)) asked.push(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])));
  };
  take(getPath(item.object, ['spec', 'podMetadata', 'labels']));
  take(getPath(item.object, ['spec', 'podTemplate', 'metadata', 'labels']));
  const nodeSets = getPath(item.object, ['spec', 'nodeSets']);
  if (Array.isArray(nodeSets))
    for (const n of nodeSets) take(getPath(n, ['podTemplate', 'metadata', 'labels']));
  if (Object.keys(known).length === 0 && asked.length === 0) return [];
  return asked.length === 0 ? [known] : asked.map((a) => ({ ...known, ...a }));
}
