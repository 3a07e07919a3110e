// Built-in ClusterRoles and the EKS access policy that grants about the same permissions.
// Source: Amazon EKS User Guide, "Review access policy permissions" (access-policy-permissions.html):
// AmazonEKSClusterAdminPolicy ~ cluster-admin, AmazonEKSAdminPolicy ~ admin, AmazonEKSEditPolicy ~ edit,
// AmazonEKSViewPolicy ~ view. Policy ARNs are arn:aws:eks::aws:cluster-access-policy/<name>.
export const ACCESS_POLICY_FOR_CLUSTER_ROLE: Readonly<Record<string, string>> = {
  'cluster-admin': 'AmazonEKSClusterAdminPolicy',
  admin: 'AmazonEKSAdminPolicy',
  edit: 'AmazonEKSEditPolicy',
  view: 'AmazonEKSViewPolicy',
};

export const ACCESS_POLICY_ARN_PREFIX = 'arn:aws:eks::aws:cluster-access-policy/';

/** Labels of objects a distribution creates and reconciles itself: they are not the team's to migrate. */
export const MANAGED_OBJECT_LABELS: Readonly<Record<string, string | undefined>> = {
  'kubernetes.io/bootstrapping': 'rbac-defaults',
  // GKE/AKS/kOps add-on manager: any value (Reconcile, EnsureExists).
  'addonmanager.kubernetes.io/mode': undefined,
  'eks.amazonaws.com/component': undefined,
};
