// Knowledge tables for crd/present.
// Built-in groups: the API groups kube-apiserver serves itself (Kubernetes API reference, v1.31-v1.35,
// https://kubernetes.io/docs/reference/kubernetes-api/), plus the aggregated metrics APIs.
// Configuration-only groups: files read by tools (kustomize, kubeadm, kubelet, eksctl, kind), never applied.
// Operator groups: each project's documentation (CRD group names as the projects publish them).

export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'extensions',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'settings.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
  'metrics.k8s.io',
  'custom.metrics.k8s.io',
  'external.metrics.k8s.io',
]);

/** Groups of configuration files that look like objects but are never applied to a cluster. */
export function isConfigOnlyGroup(group: string): boolean {
  return (
    group.endsWith('.config.k8s.io') ||
    [
      'kustomize.config.k8s.io',
      'kubeadm.k8s.io',
      'audit.k8s.io',
      'eksctl.io',
      'kind.x-k8s.io',
      'k3d.io',
      'ctlptl.dev',
      'skaffold.dev',
      'clientcmd.k8s.io',
      'config.kubernetes.io',
      'kpt.dev',
      'fn.kpt.dev',
      'node.eks.aws',
      'skaffold',
    ].includes(group)
  );
}

/** OpenShift groups have their own rule (openshift/*), which names the EKS counterpart of each kind. */
export function isOpenShiftGroup(group: string): boolean {
  return group === 'openshift.io' || group.endsWith('.openshift.io');
}

export interface OperatorInfo {
  /** Matches the group exactly or as a suffix (`.x` matches `a.x`). */
  groups: string[];
  /** What installs these kinds. */
  operator: string;
  /** What to do on EKS. */
  onEks: string;
  /** The kinds only exist on another cloud: there is nothing to install on EKS. */
  cloudOnly?: boolean;
}

export const OPERATORS: readonly OperatorInfo[] = [
  {
    groups: ['monitoring.googleapis.com'],
    operator: 'Google Cloud Managed Service for Prometheus',
    onEks:
      'rewrite PodMonitoring/ClusterPodMonitoring as Prometheus Operator ServiceMonitor/PodMonitor objects, or as scrape jobs of the AWS Distro for OpenTelemetry collector writing to Amazon Managed Service for Prometheus',
    cloudOnly: true,
  },
  {
    groups: ['.cnrm.cloud.google.com'],
    operator: 'GCP Config Connector',
    onEks:
      'describe the AWS resources with AWS Controllers for Kubernetes (ACK) or Crossplane, or with Terraform',
    cloudOnly: true,
  },
  {
    groups: ['.gke.io', 'gke.io', 'cloud.google.com', '.cloud.google.com', '.googleapis.com'],
    operator: 'GKE',
    onEks:
      'replace it with the EKS counterpart (AWS Load Balancer Controller annotations and IngressClassParams, ACM certificates, EKS add-ons)',
    cloudOnly: true,
  },
  {
    groups: ['aadpodidentity.k8s.io'],
    operator: 'AAD Pod Identity (Azure)',
    onEks: 'use EKS Pod Identity or IAM roles for service accounts (IRSA)',
    cloudOnly: true,
  },
  {
    groups: ['.azure.com', 'azure.com'],
    operator: 'Azure (AKS add-on or Azure Service Operator)',
    onEks:
      'replace it with the EKS counterpart (AWS Controllers for Kubernetes for cloud resources, EKS add-ons for cluster features)',
    cloudOnly: true,
  },
  {
    groups: ['.k8s.elastic.co'],
    operator: 'Elastic Cloud on Kubernetes (ECK)',
    onEks: 'install the ECK operator on EKS first, or move to Amazon OpenSearch Service',
  },
  {
    groups: ['ceph.rook.io', '.rook.io'],
    operator: 'Rook (Ceph)',
    onEks: 'install Rook on EKS with EBS-backed OSDs, or move the data to Amazon EBS, EFS or S3',
  },
  {
    groups: ['monitoring.coreos.com'],
    operator: 'Prometheus Operator',
    onEks:
      'install kube-prometheus-stack (or the Prometheus Operator) on EKS first; Amazon Managed Service for Prometheus can receive the metrics',
  },
  {
    groups: ['cert-manager.io', 'acme.cert-manager.io'],
    operator: 'cert-manager',
    onEks:
      'install cert-manager on EKS first (Route 53 DNS-01 solver with Pod Identity); certificates ended at an ALB or NLB can come from AWS Certificate Manager',
  },
  {
    groups: ['argoproj.io'],
    operator: 'Argo (CD, Rollouts, Workflows, Events)',
    onEks: 'install the Argo project on EKS first (the EKS Argo CD capability or the Helm chart)',
  },
  { groups: ['.fluxcd.io'], operator: 'Flux', onEks: 'bootstrap Flux on the EKS cluster first' },
  { groups: ['.istio.io'], operator: 'Istio', onEks: 'install Istio on EKS first' },
  {
    groups: ['crd.projectcalico.org', 'projectcalico.org', 'operator.tigera.io'],
    operator: 'Calico',
    onEks: 'install Calico in policy-only mode on top of the Amazon VPC CNI (Tigera operator) first',
  },
  {
    groups: ['cilium.io', '.cilium.io'],
    operator: 'Cilium',
    onEks: 'install Cilium (chaining mode with the Amazon VPC CNI, or ENI mode) first',
  },
  {
    groups: ['metallb.io'],
    operator: 'MetalLB',
    onEks: 'drop it: on EKS the AWS Load Balancer Controller provisions NLBs for LoadBalancer Services',
  },
  {
    groups: ['traefik.containo.us', 'traefik.io'],
    operator: 'Traefik',
    onEks: 'install Traefik on EKS first, or move the routes to ALB Ingress',
  },
  {
    groups: ['external-secrets.io'],
    operator: 'External Secrets Operator',
    onEks: 'install External Secrets Operator on EKS first, with an AWS Secrets Manager SecretStore',
  },
  {
    groups: ['keda.sh'],
    operator: 'KEDA',
    onEks: 'install KEDA on EKS first (EKS Pod Identity for its AWS scalers)',
  },
  {
    groups: ['velero.io'],
    operator: 'Velero',
    onEks: 'install Velero on EKS with the AWS plugin (S3 bucket, EBS snapshots)',
  },
  {
    groups: ['snapshot.storage.k8s.io'],
    operator: 'the CSI snapshot controller',
    onEks: 'install the snapshot-controller EKS add-on (with the EBS CSI driver add-on)',
  },
  {
    groups: ['gateway.networking.k8s.io'],
    operator: 'Gateway API',
    onEks:
      'install the Gateway API CRDs and a Gateway controller (the AWS Load Balancer Controller or the AWS Gateway API Controller for VPC Lattice)',
  },
  { groups: ['kyverno.io', '.kyverno.io'], operator: 'Kyverno', onEks: 'install Kyverno on EKS first' },
  {
    groups: ['templates.gatekeeper.sh', 'constraints.gatekeeper.sh', '.gatekeeper.sh'],
    operator: 'OPA Gatekeeper',
    onEks: 'install Gatekeeper on EKS first',
  },
  { groups: ['.knative.dev'], operator: 'Knative', onEks: 'install Knative on EKS first' },
  {
    groups: ['.strimzi.io'],
    operator: 'Strimzi (Kafka)',
    onEks: 'install Strimzi on EKS first, or move to Amazon MSK',
  },
  {
    groups: ['postgresql.cnpg.io', 'acid.zalan.do'],
    operator: 'a PostgreSQL operator',
    onEks: 'install the operator on EKS first, or move to Amazon RDS / Aurora PostgreSQL',
  },
  {
    groups: ['.hashicorp.com'],
    operator: 'HashiCorp (Vault, Consul)',
    onEks: 'install the HashiCorp operator on EKS first',
  },
];

export function operatorFor(group: string): OperatorInfo | undefined {
  return OPERATORS.find((o) => o.groups.some((g) => (g.startsWith('.') ? group.endsWith(g) : group === g)));
}
