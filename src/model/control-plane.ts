// Which control-plane component of the source cluster a workload is. EKS runs (or replaces) these, so
// the rules that would otherwise ask for a place for them on EKS nodes leave them out.

import {
  CONTROL_PLANE_COMPONENTS,
  CONTROL_PLANE_NAMESPACES,
  type ControlPlaneComponent,
  TUNNEL_AGENTS,
} from './control-plane.table.js';
import { imageRepository } from './images.js';
import { podTemplateOf, WORKLOAD_KINDS } from './kinds.js';
import type { KubeObject } from './types.js';
import { imagesOf, isControlledPod } from './workloads.js';

const byComponent = (name: string): ControlPlaneComponent | undefined =>
  CONTROL_PLANE_COMPONENTS.find((c) => c.component === name);

/** Which control-plane component a workload is (static Pod, or a Deployment/DaemonSet running one). */
export function controlPlaneComponentOf(obj: KubeObject): ControlPlaneComponent | undefined {
  const name = obj.metadata?.name ?? '';
  const namespace = obj.metadata?.namespace;
  const labels = { ...(obj.metadata?.labels ?? {}), ...(podTemplateOf(obj)?.labels ?? {}) };
  const tier = labels.tier === 'control-plane';
  const inControlPlaneNamespace = namespace !== undefined && CONTROL_PLANE_NAMESPACES.has(namespace);
  const tunnel = TUNNEL_AGENTS[name] ?? TUNNEL_AGENTS[labels['k8s-app'] ?? ''];
  if (tunnel) return byComponent(tunnel);
  const lastSegments = imagesOf(obj).map((i) => imageRepository(i).split('/').pop() ?? '');
  for (const cloud of ['cloud-node-manager', 'cloud-controller-manager']) {
    if (name.includes(cloud) || lastSegments.some((s) => s.endsWith(cloud))) return byComponent(cloud);
  }
  // etcd is also an application database: only the one in a control-plane namespace or tier counts.
  const trusted = (c: ControlPlaneComponent): boolean =>
    c.component !== 'etcd' || tier || inControlPlaneNamespace;
  const labelled = labels.component ? byComponent(labels.component) : undefined;
  if (labelled && (tier || inControlPlaneNamespace)) return labelled;
  for (const c of CONTROL_PLANE_COMPONENTS) {
    if (!trusted(c)) continue;
    if (lastSegments.includes(c.component)) return c;
    const named = name === c.component || name.startsWith(`${c.component}-`);
    // Static pods are named <component>-<node>; kubeadm puts them in kube-system.
    if (named && (tier || (obj.kind === 'Pod' && (inControlPlaneNamespace || namespace === undefined))))
      return c;
  }
  return undefined;
}

const KUBE_PROXY_WORD = /kube-proxy/iu;

export function isKubeProxy(obj: KubeObject): boolean {
  const name = obj.metadata?.name ?? '';
  if (name === 'kube-proxy' || (obj.kind === 'Pod' && name.startsWith('kube-proxy-'))) return true;
  const labels = obj.metadata?.labels ?? {};
  if (labels['k8s-app'] === 'kube-proxy' || labels.component === 'kube-proxy') return true;
  return imagesOf(obj).some(
    // Only an image that holds the word (in any case: repositories are compared lowercased) is parsed.
    (i) =>
      KUBE_PROXY_WORD.test(i) &&
      /^kube-proxy(-amd64|-arm64)?$/.test(imageRepository(i).split('/').pop() ?? ''),
  );
}

/** The name of the control-plane piece a workload is (kube-proxy included), when EKS replaces it. */
export function replacedComponentOf(obj: KubeObject): string | undefined {
  if (!WORKLOAD_KINDS.has(obj.kind ?? '') || isControlledPod(obj)) return undefined;
  if (isKubeProxy(obj)) return 'kube-proxy';
  return controlPlaneComponentOf(obj)?.component;
}
