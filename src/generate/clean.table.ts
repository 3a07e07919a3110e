// Fields and annotations the API server (or kubectl, or a controller) writes, never the author.
// Source: Kubernetes API conventions (ObjectMeta system fields) and the annotations kube-controller-manager,
// kubectl and the PV controller set (kubernetes/kubernetes pkg/controller, staging/src/k8s.io/kubectl).

export const SERVER_METADATA_FIELDS = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
  'managedFields',
  'ownerReferences',
] as const;

export const SERVER_ANNOTATIONS: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
  'control-plane.alpha.kubernetes.io/leader',
  'endpoints.kubernetes.io/last-change-trigger-time',
  'autoscaling.alpha.kubernetes.io/conditions',
  'autoscaling.alpha.kubernetes.io/current-metrics',
]);

/** `pv.kubernetes.io/bind-completed`, `pv.kubernetes.io/bound-by-controller`, … */
export const SERVER_ANNOTATION_PREFIXES: readonly string[] = ['pv.kubernetes.io/'];
