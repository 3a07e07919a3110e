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

/**
 * User names that control-plane and node components authenticate as with client certificates or kubeconfigs
 * (kubeadm, cloud-provider manifests), without the system: prefix. On EKS these components are run by AWS or
 * replaced, so bindings to them have no one to match. Source: kubeadm implementation details (certificate
 * common names) and the cloud providers' out-of-tree manifests (RBAC for the cloud-controller-manager user).
 */
export const COMPONENT_IDENTITIES: ReadonlySet<string> = new Set([
  'cloud-controller-manager',
  'cloud-node-manager',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-apiserver',
  'kube-apiserver-kubelet-client',
  'kube-proxy',
  'kubelet',
  'konnectivity-agent',
]);

/**
 * Groups that installers put in client certificates, not in an identity provider. Source: kubeadm
 * implementation details (admin.conf carries the kubeadm:cluster-admins group since Kubernetes 1.29).
 */
export const CERTIFICATE_GROUPS: Readonly<Record<string, string>> = {
  'kubeadm:cluster-admins':
    "the group in the client certificate of kubeadm's admin.conf (the cluster's break-glass administrator); on EKS the cluster creator or an access entry with AmazonEKSClusterAdminPolicy plays that part",
};
