// Service annotations of the cloud load-balancer integrations, shared by the lb and exposure rules and the plan.
// Sources: each provider's cloud-controller-manager documentation (GKE, AKS, OpenStack, OCI, IBM, Alibaba,
// Hetzner) and the AWS Load Balancer Controller annotations reference.

/** The AWS Load Balancer Controller's scheme annotation: `internal` or `internet-facing`. */
export const LBC_SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';

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
  { annotation: LBC_SCHEME, value: /^internal$/i },
];
