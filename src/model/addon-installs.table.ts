// Where each add-on of the plan is installed and what it runs as: the namespace of the EKS add-on or of the
// Helm chart's documented install, the workload to look for on a cluster, and the chart. One table, so the
// kit (platform/helm/, the runbook, Terraform's pod identities) and `verify --preflight` agree.
// Sources: the EKS User Guide's add-on pages (kube-system; amazon-cloudwatch for the CloudWatch agent:
// `eksctl create iamserviceaccount --name cloudwatch-agent --namespace amazon-cloudwatch`), each chart's
// install docs (keda.sh/deploy: kedacore/keda into namespace keda); 2026-12-03.

export interface AddonInstall {
  namespace: string;
  /** What runs it, to find on a cluster. */
  workload?: { kind: 'Deployment' | 'DaemonSet'; name: string };
  /** The Helm chart, for add-ons the kit installs with Helm. */
  chart?: { repo: string; chart: string };
}

export const ADDON_INSTALLS: Readonly<Record<string, AddonInstall>> = {
  'vpc-cni': { namespace: 'kube-system', workload: { kind: 'DaemonSet', name: 'aws-node' } },
  'kube-proxy': { namespace: 'kube-system', workload: { kind: 'DaemonSet', name: 'kube-proxy' } },
  coredns: { namespace: 'kube-system', workload: { kind: 'Deployment', name: 'coredns' } },
  'eks-pod-identity-agent': {
    namespace: 'kube-system',
    workload: { kind: 'DaemonSet', name: 'eks-pod-identity-agent' },
  },
  'aws-ebs-csi-driver': {
    namespace: 'kube-system',
    workload: { kind: 'Deployment', name: 'ebs-csi-controller' },
  },
  'aws-efs-csi-driver': {
    namespace: 'kube-system',
    workload: { kind: 'Deployment', name: 'efs-csi-controller' },
  },
  'metrics-server': {
    namespace: 'kube-system',
    workload: { kind: 'Deployment', name: 'metrics-server' },
    chart: {
      repo: 'https://kubernetes-sigs.github.io/metrics-server',
      chart: 'metrics-server/metrics-server',
    },
  },
  'aws-load-balancer-controller': {
    namespace: 'kube-system',
    workload: { kind: 'Deployment', name: 'aws-load-balancer-controller' },
    chart: { repo: 'https://aws.github.io/eks-charts', chart: 'eks/aws-load-balancer-controller' },
  },
  'cluster-autoscaler': {
    namespace: 'kube-system',
    workload: { kind: 'Deployment', name: 'cluster-autoscaler' },
    chart: { repo: 'https://kubernetes.github.io/autoscaler', chart: 'autoscaler/cluster-autoscaler' },
  },
  karpenter: {
    namespace: 'kube-system',
    workload: { kind: 'Deployment', name: 'karpenter' },
    chart: { repo: 'oci://public.ecr.aws/karpenter', chart: 'oci://public.ecr.aws/karpenter/karpenter' },
  },
  'external-dns': {
    namespace: 'kube-system',
    workload: { kind: 'Deployment', name: 'external-dns' },
    chart: { repo: 'https://kubernetes-sigs.github.io/external-dns', chart: 'external-dns/external-dns' },
  },
  'external-secrets': {
    namespace: 'external-secrets',
    chart: { repo: 'https://charts.external-secrets.io', chart: 'external-secrets/external-secrets' },
  },
  keda: {
    namespace: 'keda',
    workload: { kind: 'Deployment', name: 'keda-operator' },
    chart: { repo: 'https://kedacore.github.io/charts', chart: 'kedacore/keda' },
  },
  'amazon-cloudwatch-observability': {
    namespace: 'amazon-cloudwatch',
    workload: { kind: 'DaemonSet', name: 'cloudwatch-agent' },
  },
};
