// Pods that operators create for their custom resources, for the PDB rule (selectors: model/selector.ts).
import { getPath, groupOf, isRecord } from './kinds.js';
import type { InventoryObject } from './types.js';

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
