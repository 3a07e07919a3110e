// GitOps release knowledge: end-of-life APIs, chart support matrices, other clouds' settings in values.
// Sources (checked 2026-12):
// - Flux Helm Operator (helm.fluxcd.io/v1, flux.weave.works/v1beta1): fluxcd/helm-operator README
//   ("end of life", archived 2022-11) and the Flux "Migrate from the Helm Operator" guide
//   (fluxcd.io/flux/migration/helm-operator-migration/).
// - ingress-nginx: kubernetes/ingress-nginx README "Supported Versions table" (controller, Kubernetes
//   versions, chart version).
// - cert-manager: cert-manager.io/docs/releases/ ("Currently supported releases" and "Old releases").
// - KEDA: keda.sh/docs/latest/operate/cluster/ ("Kubernetes Compatibility"; the chart version is the KEDA
//   version).
// Each row is the first chart version whose support matrix lists that Kubernetes minor.

export const LEGACY_HELM_RELEASE_GROUPS: Readonly<Record<string, string>> = {
  'helm.fluxcd.io': 'the Flux Helm Operator (end of life, archived in 2022)',
  'flux.weave.works': 'the Flux v1 Helm Operator beta API (end of life)',
  // The first Helm Operator (Flux 1.x, kind FluxHelmRelease, chart in the Flux repository's chartGitPath).
  'helm.integrations.flux.weave.works': 'the pre-1.0 Flux Helm Operator (FluxHelmRelease, end of life)',
};

/** Kinds of those APIs. */
export const LEGACY_HELM_RELEASE_KINDS: readonly string[] = ['HelmRelease', 'FluxHelmRelease'];

export interface ChartSupport {
  /** Chart names as repositories publish them. */
  names: readonly string[];
  label: string;
  /** Kubernetes minor → first chart version that supports it. */
  firstVersion: Readonly<Record<string, string>>;
  source: string;
}

export const CHART_SUPPORT: readonly ChartSupport[] = [
  {
    names: ['ingress-nginx'],
    label: 'ingress-nginx',
    firstVersion: {
      '1.22': '4.0.1',
      '1.25': '4.3.0',
      '1.26': '4.5.2',
      '1.27': '4.7.0',
      '1.28': '4.8.0',
      '1.29': '4.10.0',
      '1.30': '4.11.0',
      '1.31': '4.12.0',
      '1.32': '4.12.0',
      '1.33': '4.13.0',
    },
    source: 'https://github.com/kubernetes/ingress-nginx#supported-versions-table',
  },
  {
    names: ['cert-manager'],
    label: 'cert-manager',
    firstVersion: {
      '1.22': '1.5.0',
      '1.25': '1.10.0',
      '1.26': '1.10.0',
      '1.27': '1.12.0',
      '1.28': '1.13.0',
      '1.29': '1.14.0',
      '1.30': '1.14.0',
      '1.31': '1.14.0',
      '1.32': '1.15.0',
      '1.33': '1.17.0',
      '1.34': '1.19.0',
    },
    source: 'https://cert-manager.io/docs/releases/',
  },
  {
    names: ['keda'],
    label: 'KEDA',
    firstVersion: {
      '1.24': '2.9.0',
      '1.25': '2.10.0',
      '1.26': '2.10.0',
      '1.27': '2.11.0',
      '1.28': '2.12.0',
      '1.29': '2.13.0',
      '1.30': '2.15.0',
      '1.31': '2.16.0',
      '1.32': '2.17.0',
      '1.33': '2.18.0',
    },
    source: 'https://keda.sh/docs/latest/operate/cluster/#kubernetes-compatibility',
  },
];

/** Other clouds' settings inside Helm values, by the key that carries them. */
export interface ValueSetting {
  /** Matched against mapping keys (annotation and label keys) and `--set` parameter names. */
  keyPrefix: string;
  what: string;
  onEks: string;
}

export const CLOUD_VALUE_KEYS: readonly ValueSetting[] = [
  {
    keyPrefix: 'cloud.google.com/load-balancer-type',
    what: 'a GKE load balancer annotation',
    onEks: 'service.beta.kubernetes.io/aws-load-balancer-scheme (AWS Load Balancer Controller)',
  },
  {
    keyPrefix: 'networking.gke.io/',
    what: 'a GKE networking annotation',
    onEks:
      'the AWS Load Balancer Controller annotations (service.beta.kubernetes.io/aws-load-balancer-*, alb.ingress.kubernetes.io/*)',
  },
  {
    keyPrefix: 'cloud.google.com/neg',
    what: 'a GKE network endpoint group annotation',
    onEks:
      'IP targets (service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip or alb.ingress.kubernetes.io/target-type: ip)',
  },
  {
    keyPrefix: 'cloud.google.com/backend-config',
    what: 'a GKE BackendConfig annotation',
    onEks: 'alb.ingress.kubernetes.io/* health check and target group annotations',
  },
  {
    keyPrefix: 'cloud.google.com/gke-',
    what: 'a GKE node label',
    onEks: 'eks.amazonaws.com/nodegroup or karpenter.sh/nodepool',
  },
  {
    keyPrefix: 'cloud.google.com/machine-family',
    what: 'a GKE node label',
    onEks: 'node.kubernetes.io/instance-type or karpenter.k8s.aws/instance-family',
  },
  {
    keyPrefix: 'iam.gke.io/gcp-service-account',
    what: 'GKE Workload Identity',
    onEks: 'EKS Pod Identity (or eks.amazonaws.com/role-arn for IRSA)',
  },
  {
    keyPrefix: 'service.beta.kubernetes.io/azure-',
    what: 'an AKS load balancer annotation',
    onEks: 'the AWS Load Balancer Controller annotations (service.beta.kubernetes.io/aws-load-balancer-*)',
  },
  {
    keyPrefix: 'kubernetes.azure.com/',
    what: 'an AKS node label',
    onEks: 'eks.amazonaws.com/nodegroup or karpenter.sh/nodepool',
  },
  {
    keyPrefix: 'agentpool',
    what: 'an AKS node label',
    onEks: 'eks.amazonaws.com/nodegroup or karpenter.sh/nodepool',
  },
  {
    keyPrefix: 'azure.workload.identity/',
    what: 'Azure Workload Identity',
    onEks: 'EKS Pod Identity (or eks.amazonaws.com/role-arn for IRSA)',
  },
  { keyPrefix: 'aadpodidbinding', what: 'AAD Pod Identity', onEks: 'EKS Pod Identity' },
];

/** Storage classes and provisioners of other platforms, as values name them. */
export const CLOUD_STORAGE_VALUES: Readonly<Record<string, string>> = {
  'standard-rwo': 'GKE PD balanced',
  'premium-rwo': 'GKE PD SSD',
  'standard-rwx': 'GKE Filestore',
  'premium-rwx': 'GKE Filestore',
  'managed-premium': 'AKS Premium SSD',
  'managed-csi': 'AKS Standard SSD',
  'managed-csi-premium': 'AKS Premium SSD',
  azurefile: 'Azure Files',
  'azurefile-csi': 'Azure Files',
  'azurefile-premium': 'Azure Files',
  'azurefile-csi-premium': 'Azure Files',
  'pd.csi.storage.gke.io': 'GKE persistent disk',
  'filestore.csi.storage.gke.io': 'GKE Filestore',
  'disk.csi.azure.com': 'Azure Disk',
  'file.csi.azure.com': 'Azure Files',
  'kubernetes.io/gce-pd': 'GCE persistent disk',
  'kubernetes.io/azure-disk': 'Azure Disk',
  'kubernetes.io/azure-file': 'Azure Files',
};

/** Keys whose value names a storage class. */
export const STORAGE_CLASS_KEYS = /^(storageClass|storageClassName|storage_class|class|provisioner)$/i;

/** The Ingress class of GKE's own load balancer. */
export const CLOUD_INGRESS_CLASSES: Readonly<Record<string, string>> = {
  gce: 'GKE external Application Load Balancer',
  'gce-internal': 'GKE internal Application Load Balancer',
  'azure/application-gateway': 'Azure Application Gateway',
  'webapprouting.kubernetes.azure.com': 'AKS application routing',
};
