// Cluster facts from objects: node shapes from Node objects, usage from metrics-server PodMetrics.
import { isRecord } from '../../model/kinds.js';
import type { ClusterFacts, KubeObject, NodeFact } from '../../model/types.js';

/** Labels that name the machine shape, newest first (the beta label predates Kubernetes 1.17). */
const INSTANCE_TYPE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'];

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number') out[key] = String(v);
  }
  return out;
}

/** The facts of one Node object that sizing and scheduling rules read. */
export function nodeFactOf(node: KubeObject): NodeFact {
  const labels = stringMap(node.metadata?.labels);
  const spec = isRecord(node.spec) ? node.spec : {};
  const status = isRecord(node.status) ? node.status : {};
  const info = isRecord(status.nodeInfo) ? status.nodeInfo : {};
  const taints: NodeFact['taints'] = [];
  if (Array.isArray(spec.taints)) {
    for (const taint of spec.taints) {
      if (!isRecord(taint) || typeof taint.key !== 'string' || typeof taint.effect !== 'string') continue;
      const entry: NodeFact['taints'][number] = { key: taint.key, effect: taint.effect };
      if (typeof taint.value === 'string') entry.value = taint.value;
      taints.push(entry);
    }
  }
  const fact: NodeFact = {
    name: node.metadata?.name ?? '',
    labels,
    taints,
    capacity: stringMap(status.capacity),
    allocatable: stringMap(status.allocatable),
  };
  const instanceType = INSTANCE_TYPE_LABELS.map((l) => labels[l]).find((v) => v);
  if (instanceType) fact.instanceType = instanceType;
  const arch = typeof info.architecture === 'string' ? info.architecture : labels['kubernetes.io/arch'];
  if (arch) fact.architecture = arch;
  const os = typeof info.operatingSystem === 'string' ? info.operatingSystem : labels['kubernetes.io/os'];
  if (os) fact.os = os;
  if (typeof info.kubeletVersion === 'string') fact.kubeletVersion = info.kubeletVersion;
  return fact;
}

/** Usage per pod (`ns/name`) and container from metrics.k8s.io PodMetrics objects. */
export function usageOf(podMetrics: readonly KubeObject[]): NonNullable<ClusterFacts['usage']> {
  const usage: NonNullable<ClusterFacts['usage']> = {};
  for (const pm of podMetrics) {
    const ns = pm.metadata?.namespace;
    const name = pm.metadata?.name;
    if (!ns || !name || !Array.isArray(pm.containers)) continue;
    const containers: Record<string, { cpu: string; memory: string }> = {};
    for (const c of pm.containers) {
      if (!isRecord(c) || typeof c.name !== 'string' || !isRecord(c.usage)) continue;
      containers[c.name] = { cpu: String(c.usage.cpu ?? '0'), memory: String(c.usage.memory ?? '0') };
    }
    usage[`${ns}/${name}`] = containers;
  }
  return usage;
}
