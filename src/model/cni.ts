// Which CNI plugin a DaemonSet is the node agent of, and the networks a Multus annotation names.

import { CNI_PLUGINS, type CniSpec } from './cni.table.js';
import { imageRepository, repositoryMatches } from './images.js';
import { containersOf, isRecord, podTemplateOf } from './kinds.js';
import type { KubeObject } from './types.js';
import { imagesOf, nameLabelValues } from './workloads.js';

const nameMatches = (name: string, pattern: string): boolean =>
  pattern.endsWith('-') ? name.startsWith(pattern) : name === pattern;

const byId = (id: string): CniSpec => CNI_PLUGINS.find((c) => c.id === id)!;

/** Which CNIs a DaemonSet's images and container names point at (a distribution may rename the DaemonSet). */
function podSignals(obj: KubeObject): CniSpec[] {
  const repos = imagesOf(obj).map(imageRepository);
  const view = podTemplateOf(obj);
  const names = view ? containersOf(view).map((c) => String(c.container.name ?? '')) : [];
  return CNI_PLUGINS.filter(
    (c) =>
      c.images.some((i) => repos.some((r) => repositoryMatches(r, i))) ||
      c.containers.some((n) => names.includes(n)),
  );
}

/** The CNI whose node agent this DaemonSet is: by name, then image or container name, then naming label. */
export function cniOfDaemonSet(obj: KubeObject): CniSpec | undefined {
  const name = obj.metadata?.name ?? '';
  const byName = CNI_PLUGINS.find((c) => c.daemonSets.some((p) => nameMatches(name, p)));
  if (byName) return byName;
  const signals = podSignals(obj);
  // Canal is calico-node and flannel side by side in one pod (RKE2 names it rke2-canal).
  if (signals.some((c) => c.id === 'calico') && signals.some((c) => c.id === 'flannel')) return byId('canal');
  if (signals[0]) return signals[0];
  const labels = nameLabelValues(obj);
  return CNI_PLUGINS.find((c) => c.labels.some((l) => labels.includes(l)));
}

/**
 * The networks a k8s.v1.cni.cncf.io/networks annotation names: a JSON list of {name, namespace, interface}
 * or the short form `[namespace/]name[@interface]`, comma-separated.
 */
export function multusNetworkNames(annotation: string): string[] {
  const text = annotation.trim();
  if (text.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(text);
      if (Array.isArray(list)) {
        const names = list
          .filter(isRecord)
          .map((n) =>
            typeof n.namespace === 'string' ? `${n.namespace}/${String(n.name)}` : String(n.name),
          );
        if (names.length) return names;
      }
    } catch {
      // Not JSON after all: shown as written below.
    }
    return [text.replace(/\s+/g, ' ')];
  }
  return text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
}
