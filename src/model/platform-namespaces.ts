// Namespaces the source platform runs for itself: their workloads are replaced by EKS's own (the aws-node,
// kube-proxy and CoreDNS add-ons), so the plan does not size them, the kit does not write them and verify
// does not expect them on the target.
// Sources: Kubernetes docs "Namespaces" (kube-system, kube-public, kube-node-lease); GKE (gke-*, gmp-*);
// OpenShift (openshift-*); AKS (aks-*); EKS's own (amazon-*).

export const PLATFORM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];
export const PLATFORM_NAMESPACE_PREFIXES: readonly string[] = [
  'gke-',
  'gmp-',
  'openshift-',
  'aks-',
  'amazon-',
];

/** True for a namespace of the source platform (undefined, a cluster-scoped object, is not one). */
export function isPlatformNamespace(ns: string | undefined): boolean {
  if (ns === undefined) return false;
  return PLATFORM_NAMESPACES.includes(ns) || PLATFORM_NAMESPACE_PREFIXES.some((p) => ns.startsWith(p));
}
