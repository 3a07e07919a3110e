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

/** What the rule knows of one Service port (for per-listener annotations). */
export interface ServicePortView {
  port: number;
  name?: string;
  /** TCP, UDP or SCTP as written (TCP when absent). */
  protocol: string;
}

/** The Service an annotation sits on, for translations that depend on its ports or other annotations. */
export interface ServiceView {
  ports: readonly ServicePortView[];
  annotations: Readonly<Record<string, string>>;
}

export interface ServiceAnnotationRule {
  meaning: string;
  /**
   * The EKS counterpart for this value: annotation -> value (values with `<…>` are filled in by hand);
   * null when EKS has nothing comparable.
   */
  eks: Record<string, string> | null | ((value: string, svc: ServiceView) => Record<string, string> | null);
  notes?: string | ((value: string, svc: ServiceView) => string);
}

const LBC = 'service.beta.kubernetes.io/aws-load-balancer-';
const SCHEME = `${LBC}scheme`;
const SUBNETS = `${LBC}subnets`;
const TG_ATTRIBUTES = `${LBC}target-group-attributes`;
const LB_ATTRIBUTES = `${LBC}attributes`;

const seconds = (value: string): number | undefined => {
  const m = /^\s*([0-9]+)\s*s?\s*$/.exec(value);
  return m?.[1] ? Number(m[1]) : undefined;
};

/** NLB TCP listeners take an idle timeout of 60-6000 s (default 350 s); TLS listeners are fixed at 350 s. */
export const NLB_IDLE_TIMEOUT_MIN_S = 60;
export const NLB_IDLE_TIMEOUT_MAX_S = 6000;

/** The ports that become TLS listeners because aws-load-balancer-ssl-ports names them (or `*`). */
function tlsPorts(svc: ServiceView): Set<number> {
  const raw = svc.annotations[`${LBC}ssl-ports`];
  if (raw === undefined || !svc.annotations[`${LBC}ssl-cert`]) return new Set();
  const wanted = raw.split(',').map((p) => p.trim());
  return new Set(
    svc.ports
      .filter(
        (p) => wanted.includes('*') || wanted.includes(String(p.port)) || (p.name && wanted.includes(p.name)),
      )
      .map((p) => p.port),
  );
}

/** One listener-attributes annotation per TCP listener with the given idle timeout (TLS listeners have none). */
function idleTimeoutPerListener(timeoutS: number, svc: ServiceView): Record<string, string> | null {
  const clamped = Math.min(Math.max(timeoutS, NLB_IDLE_TIMEOUT_MIN_S), NLB_IDLE_TIMEOUT_MAX_S);
  const tls = tlsPorts(svc);
  const out: Record<string, string> = {};
  for (const p of svc.ports) {
    if (p.protocol.toUpperCase() !== 'TCP' || tls.has(p.port)) continue;
    out[`${LBC}listener-attributes.TCP-${p.port}`] = `tcp.idle_timeout.seconds=${clamped}`;
  }
  if (Object.keys(out).length) return out;
  return svc.ports.length
    ? null
    : { [`${LBC}listener-attributes.TCP-<port>`]: `tcp.idle_timeout.seconds=${clamped}` };
}

function idleTimeoutNote(timeoutS: number | undefined, svc: ServiceView): string {
  const parts = [
    `NLB TCP listeners close idle connections after ${NLB_IDLE_TIMEOUT_MIN_S}-${NLB_IDLE_TIMEOUT_MAX_S} s (350 s by default)`,
  ];
  if (timeoutS !== undefined && timeoutS < NLB_IDLE_TIMEOUT_MIN_S)
    parts.push(`${timeoutS} s is below the NLB minimum, so ${NLB_IDLE_TIMEOUT_MIN_S} s is used`);
  if (tlsPorts(svc).size)
    parts.push(
      'TLS listeners keep a fixed 350 s idle timeout: make the backend keep-alive timeout longer than 350 s',
    );
  return parts.join('; ');
}

/**
 * Service annotations of the legacy in-tree AWS provider, OpenStack (cloud-provider-openstack) and other
 * providers that data/cloud-equivalence.json does not list, with their AWS Load Balancer Controller
 * counterparts. Sources: cloud-provider-aws docs/service_controller.md, cloud-provider-openstack
 * docs/openstack-cloud-controller-manager/expose-applications-using-loadbalancer-type-service.md,
 * Elastic Load Balancing "Update the TCP idle timeout for your Network Load Balancer listener".
 */
export const SERVICE_ANNOTATION_RULES: Record<string, ServiceAnnotationRule> = {
  // Legacy in-tree AWS provider: Classic Load Balancer settings the LBC does not read.
  [`${LBC}connection-idle-timeout`]: {
    meaning: 'Classic Load Balancer idle timeout',
    eks: (v, svc) => {
      const s = seconds(v);
      return s === undefined ? null : idleTimeoutPerListener(s, svc);
    },
    notes: (v, svc) => idleTimeoutNote(seconds(v), svc),
  },
  [`${LBC}connection-draining-enabled`]: {
    meaning: 'Classic Load Balancer connection draining',
    eks: (v) => (/^false$/i.test(v) ? { [TG_ATTRIBUTES]: 'deregistration_delay.timeout_seconds=0' } : null),
    notes:
      'NLB target groups always drain deregistering targets (300 s unless deregistration_delay.timeout_seconds says otherwise)',
  },
  [`${LBC}connection-draining-timeout`]: {
    meaning: 'Classic Load Balancer draining timeout',
    eks: (v) => {
      const s = seconds(v);
      return s === undefined ? null : { [TG_ATTRIBUTES]: `deregistration_delay.timeout_seconds=${s}` };
    },
  },
  [`${LBC}extra-security-groups`]: {
    meaning: 'extra security groups on the Classic Load Balancer',
    eks: { [`${LBC}security-groups`]: '<security group ids>' },
    notes:
      'Aws-load-balancer-security-groups replaces the security group the controller creates instead of adding to it; keep aws-load-balancer-manage-backend-security-group-rules: "true" so node rules are still managed',
  },
  [`${LBC}access-log-emit-interval`]: {
    meaning: 'Classic Load Balancer access log interval',
    eks: null,
    notes:
      'NLB access logs have no interval setting; enable them with aws-load-balancer-attributes: access_logs.s3.enabled=true',
  },
  // Deprecated in the LBC (v2.3) in favour of aws-load-balancer-attributes; still read, folded into one annotation.
  [`${LBC}access-log-enabled`]: {
    meaning: 'access logs (deprecated in the AWS Load Balancer Controller)',
    eks: (v) => ({ [LB_ATTRIBUTES]: `access_logs.s3.enabled=${/^true$/i.test(v) ? 'true' : 'false'}` }),
  },
  [`${LBC}access-log-s3-bucket-name`]: {
    meaning: 'access log bucket (deprecated in the AWS Load Balancer Controller)',
    eks: (v) => ({ [LB_ATTRIBUTES]: `access_logs.s3.bucket=${v}` }),
    notes:
      'The bucket must exist in the EKS account and region, with a policy that lets Elastic Load Balancing write to it',
  },
  [`${LBC}access-log-s3-bucket-prefix`]: {
    meaning: 'access log prefix (deprecated in the AWS Load Balancer Controller)',
    eks: (v) => ({ [LB_ATTRIBUTES]: `access_logs.s3.prefix=${v}` }),
  },
  [`${LBC}cross-zone-load-balancing-enabled`]: {
    meaning: 'cross-zone load balancing (deprecated in the AWS Load Balancer Controller)',
    eks: (v) => ({
      [LB_ATTRIBUTES]: `load_balancing.cross_zone.enabled=${/^true$/i.test(v) ? 'true' : 'false'}`,
    }),
  },
  // OpenStack (Octavia through cloud-provider-openstack).
  'service.beta.kubernetes.io/openstack-internal-load-balancer': {
    meaning: 'internal Octavia load balancer (no floating IP)',
    eks: { [SCHEME]: 'internal' },
  },
  'loadbalancer.openstack.org/floating-network-id': {
    meaning: 'external network that hands out the floating IP (a public load balancer)',
    eks: { [SCHEME]: 'internet-facing' },
    notes:
      'The NLB takes public addresses from the public subnets of the VPC; pin them with Elastic IPs in aws-load-balancer-eip-allocations if clients use fixed addresses',
  },
  'loadbalancer.openstack.org/floating-subnet': {
    meaning: 'subnet of the floating IP',
    eks: { [SUBNETS]: '<public subnet ids or Name tags>' },
  },
  'loadbalancer.openstack.org/floating-subnet-id': {
    meaning: 'subnet of the floating IP',
    eks: { [SUBNETS]: '<public subnet ids or Name tags>' },
  },
  'loadbalancer.openstack.org/floating-subnet-tag': {
    meaning: 'subnet of the floating IP, by tag',
    eks: { [SUBNETS]: '<public subnet ids or Name tags>' },
  },
  'loadbalancer.openstack.org/class': {
    meaning: 'a floating-subnet class configured in the OpenStack cloud controller',
    eks: { [SUBNETS]: '<subnet ids or Name tags>' },
  },
  'loadbalancer.openstack.org/subnet-id': {
    meaning: 'subnet of the load balancer VIP',
    eks: { [SUBNETS]: '<subnet ids or Name tags>' },
  },
  'loadbalancer.openstack.org/network-id': {
    meaning: 'network of the load balancer VIP',
    eks: { [SUBNETS]: '<subnet ids or Name tags>' },
  },
  'loadbalancer.openstack.org/port-id': {
    meaning: 'existing VIP port',
    eks: { [`${LBC}private-ipv4-addresses`]: '<one per subnet>' },
  },
  'loadbalancer.openstack.org/availability-zone': {
    meaning: 'Octavia availability zone',
    eks: { [SUBNETS]: '<one subnet per Availability Zone>' },
  },
  'loadbalancer.openstack.org/keep-floatingip': {
    meaning: 'keep the floating IP when the Service is deleted',
    eks: null,
    notes:
      'Elastic IPs listed in aws-load-balancer-eip-allocations belong to the account and are not released with the NLB',
  },
  'loadbalancer.openstack.org/connection-limit': {
    meaning: 'connection limit per listener',
    eks: null,
    notes: 'An NLB has no connection limit setting',
  },
  'loadbalancer.openstack.org/x-forwarded-for': {
    meaning: 'insert X-Forwarded-For (HTTP listener)',
    eks: (v) => (/^true$/i.test(v) ? { [`${LBC}proxy-protocol`]: '*' } : null),
    notes:
      'An NLB does not rewrite HTTP headers: pass the client address with PROXY protocol v2 (the backend must accept it), keep it with preserve_client_ip.enabled=true in aws-load-balancer-target-group-attributes, or put the HTTP service behind an ALB Ingress',
  },
  'loadbalancer.openstack.org/timeout-client-data': {
    meaning: 'client inactivity timeout (milliseconds)',
    eks: (v, svc) => {
      const ms = Number(v);
      return Number.isFinite(ms) && ms > 0 ? idleTimeoutPerListener(Math.ceil(ms / 1000), svc) : null;
    },
    notes: (v, svc) =>
      idleTimeoutNote(Number.isFinite(Number(v)) ? Math.ceil(Number(v) / 1000) : undefined, svc),
  },
  'loadbalancer.openstack.org/timeout-member-data': {
    meaning: 'backend inactivity timeout (milliseconds)',
    eks: (v, svc) => {
      const ms = Number(v);
      return Number.isFinite(ms) && ms > 0 ? idleTimeoutPerListener(Math.ceil(ms / 1000), svc) : null;
    },
    notes: (v, svc) =>
      idleTimeoutNote(Number.isFinite(Number(v)) ? Math.ceil(Number(v) / 1000) : undefined, svc),
  },
  'loadbalancer.openstack.org/timeout-member-connect': {
    meaning: 'backend connect timeout (milliseconds)',
    eks: null,
    notes: 'NLB connection timeouts are fixed',
  },
  'loadbalancer.openstack.org/timeout-tcp-inspect': {
    meaning: 'TCP content inspection wait (milliseconds)',
    eks: null,
    notes: 'An NLB does not inspect content',
  },
  'loadbalancer.openstack.org/enable-health-monitor': {
    meaning: 'health monitor on the pool',
    eks: null,
    notes:
      'NLB target groups always health-check their targets; tune them with aws-load-balancer-healthcheck-protocol, -port, -path, -interval, -timeout, -healthy-threshold and -unhealthy-threshold',
  },
  'loadbalancer.openstack.org/health-monitor-delay': {
    meaning: 'health check interval',
    eks: (v) => ({ [`${LBC}healthcheck-interval`]: String(seconds(v) ?? v) }),
  },
  'loadbalancer.openstack.org/health-monitor-timeout': {
    meaning: 'health check timeout',
    eks: (v) => ({ [`${LBC}healthcheck-timeout`]: String(seconds(v) ?? v) }),
  },
  'loadbalancer.openstack.org/health-monitor-max-retries': {
    meaning: 'checks before a member is healthy',
    eks: (v) => ({ [`${LBC}healthcheck-healthy-threshold`]: v }),
  },
  'loadbalancer.openstack.org/health-monitor-max-retries-down': {
    meaning: 'checks before a member is unhealthy',
    eks: (v) => ({ [`${LBC}healthcheck-unhealthy-threshold`]: v }),
  },
  'loadbalancer.openstack.org/flavor-id': {
    meaning: 'Octavia flavor (load balancer size)',
    eks: null,
    notes:
      'NLB capacity scales by itself; reserve capacity with aws-load-balancer-minimum-load-balancer-capacity if needed',
  },
  'loadbalancer.openstack.org/lb-method': {
    meaning: 'balancing algorithm',
    eks: (v) =>
      /SOURCE_IP/i.test(v) ? { [TG_ATTRIBUTES]: 'stickiness.enabled=true,stickiness.type=source_ip' } : null,
    notes: 'An NLB balances flows by hash; source-IP affinity is the only algorithm setting',
  },
  'loadbalancer.openstack.org/node-selector': {
    meaning: 'nodes that become pool members',
    eks: (v) => ({ [`${LBC}target-node-labels`]: v }),
  },
  'loadbalancer.openstack.org/member-subnet-id': {
    meaning: 'subnet of the pool members',
    eks: null,
    notes: 'Targets are the pods (ip) or nodes of the VPC',
  },
  'loadbalancer.openstack.org/load-balancer-id': {
    meaning: 'reuse an existing Octavia load balancer',
    eks: null,
    notes: 'The controller creates one NLB per Service',
  },
  'loadbalancer.openstack.org/hostname': {
    meaning: 'hostname published in the Service status',
    eks: null,
    notes: 'The NLB publishes its own DNS name; point a Route 53 record (or external-dns) at it',
  },
  'loadbalancer.openstack.org/load-balancer-address': {
    meaning: 'status written by the OpenStack cloud controller',
    eks: null,
    notes: 'Drop it',
  },
  'loadbalancer.openstack.org/proxy-protocol': {
    meaning: 'PROXY protocol to the backends',
    eks: (v) => (/^(true|v1|v2)$/i.test(v) ? { [`${LBC}proxy-protocol`]: '*' } : null),
    notes: (v) =>
      /^v1$/i.test(v) ? 'The NLB speaks PROXY protocol v2 only: the backend must accept v2' : '',
  },
  'service.beta.kubernetes.io/do-loadbalancer-enable-proxy-protocol': {
    meaning: 'PROXY protocol to the backends',
    eks: { [`${LBC}proxy-protocol`]: '*' },
  },
  'service.beta.kubernetes.io/oci-load-balancer-internal': {
    meaning: 'internal OCI load balancer',
    eks: { [SCHEME]: 'internal' },
  },
  'service.beta.kubernetes.io/azure-load-balancer-health-probe-protocol': {
    meaning: 'health probe protocol',
    eks: { [`${LBC}healthcheck-protocol`]: '<tcp|http|https>' },
  },
  'service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout': {
    meaning: 'TCP idle timeout in minutes',
    eks: (v, svc) => {
      const min = Number(v);
      return Number.isFinite(min) && min > 0 ? idleTimeoutPerListener(min * 60, svc) : null;
    },
    notes: (v, svc) => idleTimeoutNote(Number.isFinite(Number(v)) ? Number(v) * 60 : undefined, svc),
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
    eks: { [`${LBC}nlb-target-type`]: 'ip' },
    notes: 'IP targets send traffic straight to the pods.',
  },
  'metallb.universe.tf/ip-allocated-from-pool': {
    meaning: 'status written by MetalLB',
    eks: null,
    notes: 'Drop it.',
  },
  'metallb.io/ip-allocated-from-pool': { meaning: 'status written by MetalLB', eks: null, notes: 'Drop it.' },
};

/** Annotations the LBC reads as written whose value names an AWS resource of one account, region or VPC. */
export const AWS_RESOURCE_ANNOTATIONS: Record<string, string> = {
  [`${LBC}ssl-cert`]: 'ACM certificate ARN',
  [`${LBC}eip-allocations`]: 'Elastic IP allocation IDs',
  [`${LBC}private-ipv4-addresses`]: 'private addresses of the VPC subnets',
  [`${LBC}subnets`]: 'subnet IDs or Name tags',
  [`${LBC}security-groups`]: 'security group IDs',
  [`${LBC}security-group-prefix-lists`]: 'managed prefix list IDs',
  [`${LBC}access-log-s3-bucket-name`]: 'S3 bucket',
};

/** Values of LBC annotations that come from the legacy Classic Load Balancer and what an NLB takes instead. */
export const CLASSIC_VALUES: Record<string, { values: RegExp; eks: (value: string) => string; why: string }> =
  {
    [`${LBC}backend-protocol`]: {
      values: /^https?$/i,
      eks: (v) => (/^https$/i.test(v) ? 'ssl' : 'tcp'),
      why: 'The values http and https are Classic Load Balancer (layer 7) listener values; an NLB forwards TCP (tcp) or re-encrypts to the targets (ssl), and terminates TLS for the ports in aws-load-balancer-ssl-ports',
    },
  };

/** The LBC annotations every migrated Service needs. */
export const LBC_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
export const LBC_TARGET_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type';
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
