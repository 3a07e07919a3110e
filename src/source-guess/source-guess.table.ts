// Signs of the platform a cluster runs on. Each names the provider it points to and how strong a sign it is
// (3: only that platform produces it; 2: usually that platform; 1: a hint, e.g. a registry anyone can use).
// Sources: CSI driver names from each driver's docs (GKE PD CSI, Azure Disk/File CSI, AWS EBS/EFS/FSx CSI, vSphere
// CSI, Cinder CSI, Ceph CSI, Longhorn, local-path-provisioner, NFS CSI); node labels from GKE ("cloud.google.com/
// gke-nodepool"), AKS ("kubernetes.azure.com/agentpool"), EKS ("eks.amazonaws.com/nodegroup"), OpenShift
// ("node.openshift.io/os_id"); workload identity annotations (iam.gke.io, azure.workload.identity, eks.amazonaws.com/
// role-arn); server version suffixes as reported by GKE (-gke.N), EKS (-eks-HASH), RKE2 (+rke2rN), k3s (+k3sN),
// Tanzu (+vmware.N) and OpenShift (+<commit>). guessSource adds the provisioners and annotation keys of the
// catalog's data/cloud-equivalence.json that this table does not name.
import type { SourceGuess } from '../model/types.js';

export type Provider = Exclude<SourceGuess['provider'], 'unknown'>;

export interface PatternSign {
  pattern: RegExp;
  provider: Provider;
  weight: 1 | 2 | 3;
}

/** StorageClass provisioners and CSI drivers of PersistentVolumes. */
export const PROVISIONER_SIGNS: readonly PatternSign[] = [
  {
    pattern: /^pd\.csi\.storage\.gke\.io$|^kubernetes\.io\/gce-pd$|^filestore\.csi\.storage\.gke\.io$/,
    provider: 'gke',
    weight: 3,
  },
  {
    pattern: /^(disk|file|blob)\.csi\.azure\.com$|^kubernetes\.io\/azure-(disk|file)$/,
    provider: 'aks',
    weight: 3,
  },
  { pattern: /^(ebs|efs|fsx|s3)\.csi\.aws\.com$|^kubernetes\.io\/aws-ebs$/, provider: 'eks', weight: 3 },
  { pattern: /^openshift-storage\./, provider: 'openshift', weight: 3 },
  {
    pattern:
      /^csi\.vsphere\.vmware\.com$|^kubernetes\.io\/vsphere-volume$|^cinder\.csi\.openstack\.org$|^kubernetes\.io\/cinder$|\.(rbd|cephfs)\.csi\.ceph\.com$|^ceph\.rook\.io\/|^rook-ceph\.|^driver\.longhorn\.io$|^rancher\.io\/local-path$|^nfs\.csi\.k8s\.io$|nfs-subdir-external-provisioner$|nfs-client-provisioner$|^openebs\.io\/|^kubernetes\.io\/portworx-volume$|^pxd\.portworx\.com$/,
    provider: 'on-premises',
    weight: 2,
  },
];

/** In-line or PersistentVolume volume sources that belong to one platform. */
export const VOLUME_SIGNS: Readonly<Record<string, { provider: Provider; weight: 1 | 2 | 3 }>> = {
  gcePersistentDisk: { provider: 'gke', weight: 2 },
  azureDisk: { provider: 'aks', weight: 2 },
  azureFile: { provider: 'aks', weight: 2 },
  awsElasticBlockStore: { provider: 'eks', weight: 2 },
  vsphereVolume: { provider: 'on-premises', weight: 2 },
  cinder: { provider: 'on-premises', weight: 2 },
};

/** Label and annotation keys (on nodes, workloads, service accounts, Services), by prefix. */
export const KEY_SIGNS: readonly PatternSign[] = [
  { pattern: /^cloud\.google\.com\/gke-/, provider: 'gke', weight: 3 },
  { pattern: /^iam\.gke\.io\//, provider: 'gke', weight: 3 },
  { pattern: /^networking\.gke\.io\//, provider: 'gke', weight: 3 },
  {
    pattern: /^cloud\.google\.com\/(neg|backend-config|load-balancer-type|app-protocols)/,
    provider: 'gke',
    weight: 3,
  },
  { pattern: /^components\.gke\.io\//, provider: 'gke', weight: 3 },
  // GKE node labels a pod selects: Autopilot compute classes, machine families.
  { pattern: /^cloud\.google\.com\/(compute-class|machine-family)$/, provider: 'gke', weight: 3 },
  { pattern: /(^|\.)gke\.io\//, provider: 'gke', weight: 2 },
  { pattern: /^agentpool$/, provider: 'aks', weight: 2 },
  { pattern: /^kubernetes\.azure\.com\//, provider: 'aks', weight: 3 },
  { pattern: /^azure\.workload\.identity\//, provider: 'aks', weight: 3 },
  { pattern: /^service\.beta\.kubernetes\.io\/azure-/, provider: 'aks', weight: 3 },
  { pattern: /^aadpodidbinding$/, provider: 'aks', weight: 3 },
  { pattern: /^eks\.amazonaws\.com\//, provider: 'eks', weight: 3 },
  { pattern: /^service\.beta\.kubernetes\.io\/aws-load-balancer-/, provider: 'eks', weight: 2 },
  { pattern: /^alb\.ingress\.kubernetes\.io\//, provider: 'eks', weight: 2 },
  { pattern: /^node\.openshift\.io\//, provider: 'openshift', weight: 3 },
  { pattern: /^openshift\.io\//, provider: 'openshift', weight: 3 },
  { pattern: /^metallb\.universe\.tf\//, provider: 'on-premises', weight: 2 },
];

/** API groups of kinds only one platform has (matched as the group or a parent domain). */
export const GROUP_SIGNS: readonly PatternSign[] = [
  { pattern: /(^|\.)openshift\.io$/, provider: 'openshift', weight: 3 },
  {
    pattern:
      /^networking\.gke\.io$|^cloud\.google\.com$|^(hub|monitoring|ha|mesh|net)\.gke\.io$|^monitoring\.googleapis\.com$/,
    provider: 'gke',
    weight: 3,
  },
  {
    pattern:
      /^aadpodidentity\.k8s\.io$|^approuting\.kubernetes\.azure\.com$|^(kubernetes|containerservice)\.azure\.com$/,
    provider: 'aks',
    weight: 3,
  },
  {
    pattern:
      /^crd\.k8s\.amazonaws\.com$|^elbv2\.k8s\.aws$|^vpcresources\.k8s\.aws$|^eks\.amazonaws\.com$|\.services\.k8s\.aws$/,
    provider: 'eks',
    weight: 3,
  },
  { pattern: /^metallb\.io$/, provider: 'on-premises', weight: 2 },
  // Self-managed storage operators, as their provisioners (PROVISIONER_SIGNS) are.
  { pattern: /^ceph\.rook\.io$|^longhorn\.io$|(^|\.)openebs\.io$/, provider: 'on-premises', weight: 2 },
];

/**
 * Public images of open-source projects that Google's registries host for everyone (the Kubernetes
 * project's old gcr.io/google_containers and k8s.gcr.io, its prod mirrors, distroless, Knative, Tekton,
 * Istio releases …): clusters of every kind pull them, so they say nothing about GKE (issue 14).
 */
export const NEUTRAL_IMAGES: readonly RegExp[] = [
  /^k8s\.gcr\.io\//,
  /^(?:[a-z]+\.)?gcr\.io\/(?:google[_-]containers|k8s-artifacts-prod|distroless|kaniko-project|knative-releases|tekton-releases|istio-release|kubebuilder|heptio-images|cadvisor|kubernetes-helm|spiffe-io|etcd-development)\//,
  /^registry\.k8s\.io\//,
];

/** Image references (whole reference, registry included). */
export const IMAGE_SIGNS: readonly PatternSign[] = [
  { pattern: /^gke\.gcr\.io\//, provider: 'gke', weight: 3 },
  {
    pattern: /^mcr\.microsoft\.com\/(aks|oss\/kubernetes|containernetworking)\//,
    provider: 'aks',
    weight: 3,
  },
  {
    pattern: /^602401143452\.dkr\.ecr\.|^[0-9]{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//,
    provider: 'eks',
    weight: 1,
  },
  { pattern: /^[a-z0-9-]+-docker\.pkg\.dev\/|^([a-z]+\.)?gcr\.io\//, provider: 'gke', weight: 1 },
  { pattern: /^[a-z0-9]+\.azurecr\.io\//, provider: 'aks', weight: 1 },
  {
    pattern:
      /^(registry\.redhat\.io|quay\.io\/openshift-release-dev|image-registry\.openshift-image-registry\.svc)/,
    provider: 'openshift',
    weight: 2,
  },
];

/** Ingress classes (annotation or IngressClass controller). */
export const INGRESS_CLASS_SIGNS: readonly PatternSign[] = [
  { pattern: /^gce(-internal)?$|^networking\.gke\.io\//, provider: 'gke', weight: 2 },
  {
    pattern:
      /^webapprouting\.kubernetes\.azure\.com|^azure\/application-gateway$|^azure-application-gateway$/,
    provider: 'aks',
    weight: 3,
  },
  { pattern: /^alb$|^ingress\.k8s\.aws\/alb$/, provider: 'eks', weight: 2 },
  { pattern: /^openshift\.io\//, provider: 'openshift', weight: 3 },
];

/** Kubernetes server or kubelet version suffixes. */
export const VERSION_SIGNS: readonly PatternSign[] = [
  { pattern: /-gke\.\d+/, provider: 'gke', weight: 3 },
  { pattern: /-eks-[0-9a-f]+/, provider: 'eks', weight: 3 },
  { pattern: /\+(rke2|k3s)/, provider: 'on-premises', weight: 2 },
  { pattern: /\+vmware\./, provider: 'on-premises', weight: 2 },
  { pattern: /\+[0-9a-f]{7,}$/, provider: 'openshift', weight: 2 },
];

/** Namespaces a platform creates. */
export const NAMESPACE_SIGNS: readonly PatternSign[] = [
  { pattern: /^gke-|^gmp-(system|public)$|^config-management-system$/, provider: 'gke', weight: 2 },
  { pattern: /^openshift(-|$)/, provider: 'openshift', weight: 3 },
  { pattern: /^app-routing-system$|^aks-command$/, provider: 'aks', weight: 2 },
  { pattern: /^metallb-system$/, provider: 'on-premises', weight: 2 },
];
