// Resource types the API server serves twice under two groups: the same objects, so listing both
// would count each twice. The left one is skipped when the right one is served.
// Source: Kubernetes API docs (extensions/v1beta1 copies removed in 1.16 / 1.22; events.k8s.io
// serves the core Events).
export const DUPLICATE_RESOURCES: Readonly<Record<string, string>> = {
  'events.events.k8s.io': 'events',
  'deployments.extensions': 'deployments.apps',
  'daemonsets.extensions': 'daemonsets.apps',
  'replicasets.extensions': 'replicasets.apps',
  'ingresses.extensions': 'ingresses.networking.k8s.io',
  'networkpolicies.extensions': 'networkpolicies.networking.k8s.io',
  'podsecuritypolicies.extensions': 'podsecuritypolicies.policy',
};

/** metrics-server's group: read for usage facts, not as inventory objects. */
export const METRICS_GROUP = 'metrics.k8s.io';
