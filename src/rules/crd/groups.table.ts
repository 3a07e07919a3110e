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
  /** Only these kinds (a group several projects share, as argoproj.io). */
  kinds?: string[];
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
    kinds: ['Application', 'ApplicationSet', 'AppProject'],
    operator: 'Argo CD',
    onEks:
      'install Argo CD on EKS first (the managed EKS Capability for Argo CD or the Helm chart), register the EKS cluster as a destination and re-point each Application at it',
  },
  {
    groups: ['argoproj.io'],
    kinds: ['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun', 'Experiment'],
    operator: 'Argo Rollouts',
    onEks:
      'install Argo Rollouts on EKS first; canary traffic routing can use the ALB (trafficRouting.alb) of the AWS Load Balancer Controller',
  },
  {
    groups: ['argoproj.io'],
    kinds: ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'],
    operator: 'Argo Workflows',
    onEks: 'install Argo Workflows on EKS first, with its artifact repository in Amazon S3',
  },
  {
    groups: ['argoproj.io'],
    kinds: ['EventSource', 'Sensor', 'EventBus'],
    operator: 'Argo Events',
    onEks: 'install Argo Events on EKS first; SQS and SNS event sources replace the source cloud queues',
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
    groups: ['autoscaling.k8s.io'],
    kinds: ['VerticalPodAutoscaler', 'VerticalPodAutoscalerCheckpoint'],
    operator: 'the Vertical Pod Autoscaler',
    onEks:
      'install the Vertical Pod Autoscaler (kubernetes/autoscaler, with metrics-server) on EKS first: GKE runs it as a managed feature, EKS does not',
  },
  {
    groups: ['datadoghq.com'],
    operator: 'the Datadog Operator or Cluster Agent',
    onEks: 'install the Datadog Operator (or Helm chart) on EKS first, with the AWS integration',
  },
  {
    groups: ['jaegertracing.io'],
    operator: 'the Jaeger Operator',
    onEks: 'install the Jaeger Operator on EKS first, or send traces to AWS X-Ray through ADOT',
  },
  {
    groups: ['opentelemetry.io'],
    operator: 'the OpenTelemetry Operator',
    onEks: 'install the ADOT EKS add-on (or the OpenTelemetry Operator) first',
  },
  { groups: ['linkerd.io', '.linkerd.io'], operator: 'Linkerd', onEks: 'install Linkerd on EKS first' },
  {
    groups: ['longhorn.io'],
    operator: 'Longhorn',
    onEks: 'move the volumes to the EBS CSI driver (gp3), or install Longhorn on EKS first',
  },
  {
    groups: ['openebs.io', '.openebs.io'],
    operator: 'OpenEBS',
    onEks: 'move the volumes to the EBS CSI driver (gp3), or install OpenEBS on EKS first',
  },
  {
    groups: ['minio.min.io'],
    operator: 'the MinIO Operator',
    onEks: 'move the buckets to Amazon S3, or install the MinIO Operator on EKS first',
  },
  {
    groups: ['bitnami.com'],
    operator: 'Sealed Secrets',
    onEks:
      "install the Sealed Secrets controller on EKS with the source controller's sealing key first, or re-seal the secrets",
  },
  {
    groups: ['secrets-store.csi.x-k8s.io'],
    operator: 'the Secrets Store CSI Driver',
    onEks:
      'install the Secrets Store CSI Driver with the AWS provider (ASCP) and rewrite each SecretProviderClass for AWS Secrets Manager or Parameter Store',
  },
  {
    groups: ['grafana.integreatly.org'],
    operator: 'the Grafana Operator',
    onEks: 'install the Grafana Operator on EKS first, or move the dashboards to Amazon Managed Grafana',
  },
  {
    groups: ['tekton.dev', '.tekton.dev'],
    operator: 'Tekton',
    onEks: 'install Tekton Pipelines on EKS first',
  },
  {
    groups: ['k8s.nginx.org'],
    operator: 'the NGINX Ingress Controller (F5)',
    onEks: 'install it on EKS behind an NLB first, or move the routes to ALB Ingress',
  },
  {
    groups: ['configuration.konghq.com'],
    operator: 'Kong',
    onEks: 'install the Kong Ingress Controller on EKS behind an NLB first',
  },
  {
    groups: ['projectcontour.io'],
    operator: 'Contour',
    onEks: 'install Contour on EKS behind an NLB first, or move the routes to ALB Ingress',
  },
  {
    groups: ['nvidia.com'],
    kinds: ['ClusterPolicy', 'NVIDIADriver'],
    operator: 'the NVIDIA GPU Operator',
    onEks:
      'install the NVIDIA GPU Operator on EKS GPU node groups with its driver install disabled (the EKS accelerated AMIs ship the driver), or only the NVIDIA device plugin',
  },
  {
    groups: ['leaderworkerset.x-k8s.io'],
    operator: 'LeaderWorkerSet',
    onEks: 'install the LeaderWorkerSet controller on EKS first',
  },
  { groups: ['kueue.x-k8s.io'], operator: 'Kueue', onEks: 'install Kueue on EKS first' },
  { groups: ['ray.io'], operator: 'KubeRay', onEks: 'install the KubeRay operator on EKS first' },
  { groups: ['kubeflow.org', '.kubeflow.org'], operator: 'Kubeflow', onEks: 'install Kubeflow on EKS first' },
  {
    groups: ['elbv2.k8s.aws', 'ingress.k8s.aws'],
    operator: 'the AWS Load Balancer Controller',
    onEks:
      'install the AWS Load Balancer Controller on EKS first (it is the EKS-native controller for these)',
  },
  {
    groups: ['karpenter.sh', 'karpenter.k8s.aws'],
    operator: 'Karpenter',
    onEks: 'install Karpenter on EKS first (these objects are EKS-native)',
  },
  {
    groups: ['.services.k8s.aws'],
    operator: 'AWS Controllers for Kubernetes (ACK)',
    onEks: 'install the ACK controller for this AWS service on EKS first',
  },
  {
    groups: ['vpcresources.k8s.aws', 'crd.k8s.amazonaws.com'],
    operator: 'the Amazon VPC CNI',
    onEks:
      'these are EKS-native: keep them, and enable the VPC CNI feature they configure (security groups for pods, custom networking)',
  },
  {
    groups: ['.hashicorp.com'],
    operator: 'HashiCorp (Vault, Consul)',
    onEks: 'install the HashiCorp operator on EKS first',
  },
];

export function operatorFor(group: string, kind?: string): OperatorInfo | undefined {
  return OPERATORS.find(
    (o) =>
      o.groups.some((g) => (g.startsWith('.') ? group.endsWith(g) : group === g)) &&
      (!o.kinds || (kind !== undefined && o.kinds.includes(kind))),
  );
}

/**
 * Custom resources that another rule reports with their EKS counterpart: one concern on one object gives one
 * finding, so crd/present reports only their CustomResourceDefinitions. Kept in step with the kinds those
 * rules read (src/rules/ingress/custom-resources.ts, src/rules/cloud/cloud-services.table.ts).
 */
export const REPORTED_ELSEWHERE: ReadonlyArray<{ group: RegExp; kinds?: readonly string[]; rule: string }> = [
  { group: /^cloud\.google\.com$/, kinds: ['BackendConfig'], rule: 'ingress/custom-resources' },
  {
    group: /^networking\.gke\.io$/,
    kinds: [
      'FrontendConfig',
      'ManagedCertificate',
      'MultiClusterIngress',
      'MultiClusterService',
      'HealthCheckPolicy',
      'GCPBackendPolicy',
      'GCPGatewayPolicy',
    ],
    rule: 'ingress/custom-resources',
  },
  {
    group: /^approuting\.kubernetes\.azure\.com$/,
    kinds: ['NginxIngressController'],
    rule: 'ingress/custom-resources',
  },
  {
    group: /^traefik\.(containo\.us|io)$/,
    kinds: [
      'IngressRoute',
      'IngressRouteTCP',
      'IngressRouteUDP',
      'Middleware',
      'MiddlewareTCP',
      'TLSOption',
      'TLSStore',
      'ServersTransport',
      'TraefikService',
    ],
    rule: 'ingress/custom-resources',
  },
  { group: /^appgw\.ingress\.(k8s|azure)\.io$/, rule: 'ingress/custom-resources' },
  { group: /^projectcontour\.io$/, kinds: ['HTTPProxy'], rule: 'ingress/custom-resources' },
  {
    group: /^k8s\.nginx\.org$/,
    kinds: ['VirtualServer', 'VirtualServerRoute'],
    rule: 'ingress/custom-resources',
  },
  { group: /\.cnrm\.cloud\.google\.com$/, rule: 'cloud/operator-resource' },
  { group: /^(?!.*\.kubernetes\.azure\.com$).+\.azure\.com$/, rule: 'cloud/operator-resource' },
  { group: /^azure\.microsoft\.com$/, rule: 'cloud/operator-resource' },
  { group: /(^|\.)(gcp|azure)\.(crossplane|upbound)\.io$/, rule: 'cloud/operator-resource' },
];

/** The rule that reports instances of this group and kind, when it is not crd/present. */
export function reportedElsewhere(group: string, kind: string): string | undefined {
  return REPORTED_ELSEWHERE.find((r) => r.group.test(group) && (!r.kinds || r.kinds.includes(kind)))?.rule;
}
