// Load-balancer knowledge not in data/cloud-equivalence.json: which annotation prefixes belong to which
// provider, which annotation values mean "internal", and translations for providers the data table does
// not cover. Sources: cloud-provider-openstack docs (expose-applications-using-loadbalancer-type-service),
// DigitalOcean, Oracle OCI, IBM Cloud, Alibaba Cloud, Linode and Hetzner cloud-controller-manager docs,
// kube-vip and Cilium LB IPAM docs, Kubernetes in-tree AWS provider (legacy-cloud-providers/aws), and
// kubernetes-sigs/aws-load-balancer-controller docs/guide/service/annotations.md for the EKS side.

/** Annotation prefixes (or full keys) of load-balancer implementations other than the AWS LBC. */
export const PROVIDER_PREFIXES: ReadonlyArray<{ prefix: string; platform: string }> = [
  { prefix: 'networking.gke.io/', platform: 'GKE' },
  { prefix: 'cloud.google.com/', platform: 'GKE' },
  { prefix: 'service.beta.kubernetes.io/azure-', platform: 'AKS' },
  { prefix: 'service.beta.kubernetes.io/openstack-', platform: 'OpenStack' },
  { prefix: 'loadbalancer.openstack.org/', platform: 'OpenStack' },
  { prefix: 'metallb.universe.tf/', platform: 'MetalLB' },
  { prefix: 'metallb.io/', platform: 'MetalLB' },
  { prefix: 'service.beta.kubernetes.io/do-loadbalancer-', platform: 'DigitalOcean' },
  { prefix: 'kubernetes.digitalocean.com/', platform: 'DigitalOcean' },
  { prefix: 'service.beta.kubernetes.io/oci-', platform: 'Oracle Cloud' },
  { prefix: 'oci.oraclecloud.com/', platform: 'Oracle Cloud' },
  { prefix: 'oci-network-load-balancer.oraclecloud.com/', platform: 'Oracle Cloud' },
  { prefix: 'service.kubernetes.io/ibm-', platform: 'IBM Cloud' },
  { prefix: 'service.beta.kubernetes.io/alibaba-cloud-', platform: 'Alibaba Cloud' },
  { prefix: 'service.beta.kubernetes.io/linode-', platform: 'Linode' },
  { prefix: 'load-balancer.hetzner.cloud/', platform: 'Hetzner Cloud' },
  { prefix: 'kube-vip.io/', platform: 'kube-vip' },
  { prefix: 'io.cilium/lb-ipam', platform: 'Cilium LB IPAM' },
  { prefix: 'lbipam.cilium.io/', platform: 'Cilium LB IPAM' },
];

/** The in-tree AWS provider's annotations, which the LBC does not read (or reads differently). */
export const LEGACY_AWS_ONLY: Record<string, string> = {
  'service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout':
    'Classic Load Balancer idle timeout; for an NLB set aws-load-balancer-listener-attributes.TCP-<port>: tcp.idle_timeout.seconds=<n>',
  'service.beta.kubernetes.io/aws-load-balancer-connection-draining-enabled':
    'Classic Load Balancer draining; for an NLB use aws-load-balancer-target-group-attributes: deregistration_delay.timeout_seconds=<n>',
  'service.beta.kubernetes.io/aws-load-balancer-connection-draining-timeout':
    'Classic Load Balancer draining; for an NLB use aws-load-balancer-target-group-attributes: deregistration_delay.timeout_seconds=<n>',
  'service.beta.kubernetes.io/aws-load-balancer-extra-security-groups':
    'in-tree only; with the LBC use aws-load-balancer-security-groups',
  'service.beta.kubernetes.io/aws-load-balancer-access-log-emit-interval': 'Classic Load Balancer only',
};

/** Annotation values that ask for an internal (private) load balancer. */
export const INTERNAL_HINTS: ReadonlyArray<{ annotation: string; value: RegExp }> = [
  { annotation: 'networking.gke.io/load-balancer-type', value: /^internal$/i },
  { annotation: 'cloud.google.com/load-balancer-type', value: /^internal$/i },
  { annotation: 'service.beta.kubernetes.io/azure-load-balancer-internal', value: /^true$/i },
  { annotation: 'service.beta.kubernetes.io/openstack-internal-load-balancer', value: /^true$/i },
  { annotation: 'service.beta.kubernetes.io/oci-load-balancer-internal', value: /^true$/i },
  { annotation: 'oci-network-load-balancer.oraclecloud.com/internal', value: /^true$/i },
  { annotation: 'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', value: /^private$/i },
  { annotation: 'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type', value: /^intranet$/i },
  { annotation: 'load-balancer.hetzner.cloud/disable-public-network', value: /^true$/i },
  { annotation: 'service.beta.kubernetes.io/aws-load-balancer-internal', value: /^(true|0\.0\.0\.0\/0)$/i },
  { annotation: 'service.beta.kubernetes.io/aws-load-balancer-scheme', value: /^internal$/i },
];

/** Translations for provider annotations the shared data table does not list. */
export const EXTRA_SERVICE_ANNOTATIONS: Record<
  string,
  { meaning: string; eks: Record<string, string> | null; notes?: string }
> = {
  'service.beta.kubernetes.io/openstack-internal-load-balancer': {
    meaning: 'internal Octavia load balancer',
    eks: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' },
  },
  'loadbalancer.openstack.org/proxy-protocol': {
    meaning: 'PROXY protocol to the backends',
    eks: { 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*' },
  },
  'service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol': {
    meaning: 'PROXY protocol to the backends',
    eks: { 'service.beta.kubernetes.io/aws-load-balancer-proxy-protocol': '*' },
  },
  'service.beta.kubernetes.io/oci-load-balancer-internal': {
    meaning: 'internal OCI load balancer',
    eks: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' },
  },
  'service.beta.kubernetes.io/azure-load-balancer-health-probe-protocol': {
    meaning: 'health probe protocol',
    eks: { 'service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol': '<tcp|http|https>' },
  },
  'service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout': {
    meaning: 'TCP idle timeout in minutes',
    eks: {
      'service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-<port>':
        'tcp.idle_timeout.seconds=<seconds>',
    },
  },
  'service.beta.kubernetes.io/azure-shared-securityrule': {
    meaning: 'share one network security rule between Services',
    eks: null,
    notes: 'The LBC manages the NLB security group rules itself.',
  },
  'cloud.google.com/network-tier': {
    meaning: 'Premium or Standard network tier',
    eks: null,
    notes: 'AWS has no network tiers (AWS Global Accelerator is the closest to Premium tier).',
  },
  'networking.gke.io/weighted-load-balancing': {
    meaning: 'weight backends by serving pods per node',
    eks: { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' },
    notes: 'IP targets send traffic straight to the pods.',
  },
  'metallb.universe.tf/ip-allocated-from-pool': {
    meaning: 'status written by MetalLB',
    eks: null,
    notes: 'Drop it.',
  },
  'metallb.io/ip-allocated-from-pool': { meaning: 'status written by MetalLB', eks: null, notes: 'Drop it.' },
};

/** The LBC annotations every migrated Service needs. */
export const LBC_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
export const LBC_TARGET_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type';
export const LBC_SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';
export const LBC_EIPS = 'service.beta.kubernetes.io/aws-load-balancer-eip-allocations';
export const LBC_PRIVATE_IPS = 'service.beta.kubernetes.io/aws-load-balancer-private-ipv4-addresses';
export const LBC_SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';
export const LBC_CLASS = 'service.k8s.aws/nlb';

/** MetalLB custom resources (metallb.io) and what each did. Source: metallb.io configuration docs. */
export const METALLB_KINDS: Record<string, string> = {
  IPAddressPool: 'hands out addresses to LoadBalancer Services',
  AddressPool: 'hands out addresses to LoadBalancer Services (pre-0.13 API)',
  L2Advertisement: 'announces pool addresses with ARP/NDP',
  BGPAdvertisement: 'announces pool addresses over BGP',
  BGPPeer: 'peers with a router to announce addresses',
  BFDProfile: 'tunes BFD for BGP sessions',
  Community: 'names BGP communities',
};
