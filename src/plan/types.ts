// The Plan: the designed EKS cluster, as `plan --format json` prints it (docs/schemas/plan.schema.json).
// Pure data; built by plan/ (pure), read by generate/ and report/ (which decide nothing).
// Every section is always present (empty array / null when there is nothing), so readers need no guards.

export type EndpointAccess = 'public' | 'public-private' | 'private';
export type Arch = 'x86_64' | 'arm64';
export type AmiFamily = 'al2023' | 'bottlerocket';
export type NodeGroupKind = 'managed' | 'self-managed';
export type AutoscalerEngine = 'cluster-autoscaler' | 'karpenter';
export type IdentityMechanism = 'pod-identity' | 'irsa';

/** A reason or a note: one decision and why, in words a platform engineer reads. */
export interface PlanReason {
  /** What the reason is about: `nodeGroup:NAME`, `fargate:PROFILE`, `network`, `cost`, `workload:ns/Kind/name` … */
  subject: string;
  why: string;
}

export interface PlanTaint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface PlanNodeGroup {
  name: string;
  kind: NodeGroupKind;
  capacityType: 'ON_DEMAND' | 'SPOT';
  /** First is the type the packing was proven on; spot groups list 3+ types of one shape. */
  instanceTypes: string[];
  arch: Arch;
  os?: 'linux' | 'windows';
  amiFamily?: AmiFamily;
  minSize: number;
  desiredSize: number;
  maxSize: number;
  maxPodsPerNode: number;
  labels: Record<string, string>;
  taints: PlanTaint[];
  /** Requested / allocatable over the desired nodes, 0-1 each. */
  utilization: { cpu: number; memory: number; pods: number };
  /** Monthly on-demand (or spot) cost of desiredSize nodes. */
  monthlyUsd?: number;
  /** GPUs per node, when a GPU group. */
  gpus?: number;
}

export interface PlanFargateSelector {
  namespace: string;
  labels?: Record<string, string>;
}

export interface PlanFargateProfile {
  name: string;
  /** At most five selectors per profile (an EKS limit). */
  selectors: PlanFargateSelector[];
  pods: number;
  monthlyUsd?: number;
}

export interface PlanSubnet {
  az: string;
  cidr: string;
  purpose: 'private' | 'public' | 'pods';
  /** Subnet tags (e.g. `kubernetes.io/role/internal-elb: "1"`). */
  tags?: Record<string, string>;
}

export interface PlanNetwork {
  vpcCidr: string;
  prefixDelegation: boolean;
  customNetworking: boolean;
  /** Secondary CIDR for pods when custom networking is on. */
  secondaryCidr?: string;
  podIps: number;
  /** VPC CNI warm-pool settings, e.g. `{ WARM_PREFIX_TARGET: 1 }`. */
  warm: Record<string, number>;
  podSecurityGroups: boolean;
  subnets: PlanSubnet[];
  /** Ranges of the source cluster that must not overlap the VPC (pods, services, nodes), when known. */
  sourceRanges?: Array<{ cidr: string; what: string }>;
  why?: string;
  /** IPs the plan counts, by what takes them (nodes, pods, warm pool, Fargate pods, load balancers), at desired size. */
  ipBreakdown?: Record<string, number>;
  /** IPs the subnets must hold at the node groups' maximum size (what the subnets are sized for). */
  peakIps?: number;
  /** With custom networking: one ENIConfig per AZ (named after the AZ), pointing at the pod subnet. */
  eniConfigs?: Array<{ name: string; subnetCidr: string; securityGroups: string[] }>;
  /** With security groups for pods: branch-ENI capacity (`vpc.amazonaws.com/pod-eni`) per chosen type. */
  podEniLimits?: Array<{
    instanceType: string;
    branchEnis: number | null;
    trunkingCompatible: boolean | null;
  }>;
}

export interface PlanAddon {
  name: string;
  installedBy: 'eks-addon' | 'helm';
  version: string;
  /** Where the version comes from, with its date, or why none is pinned (`default`, a floor). */
  versionSource?: string;
  why: string;
  /** Settings the add-on needs (eks-addon configurationValues or Helm values), keys dotted by path (`env.ENABLE_PREFIX_DELEGATION`). */
  configuration?: Record<string, unknown>;
}

export interface PlanAutoscaling {
  engine: AutoscalerEngine;
  flags: string[];
  why: string;
  /** Tags node groups carry (Cluster Autoscaler auto-discovery, Karpenter subnet/security-group discovery). */
  tags?: Record<string, string>;
  /** Karpenter `karpenter.sh/v1` NodePools, as objects ready to serialize. */
  nodePools?: Array<Record<string, unknown>>;
  /** Karpenter `karpenter.k8s.aws/v1` EC2NodeClasses, as objects ready to serialize. */
  nodeClasses?: Array<Record<string, unknown>>;
  /** Per NodePool (by node group name): the one node its limits multiply by maxSize, from the instance table. */
  nodeSizes?: Record<string, PlanNodeSize>;
}

export interface PlanNodeSize {
  instanceType: string;
  vcpu: number;
  memoryMiB: number;
}

export interface PlanIdentity {
  namespace: string;
  serviceAccount: string;
  mechanism: IdentityMechanism;
  /** The source binding it replaces, e.g. `iam.gke.io/gcp-service-account=cart@p.iam.gserviceaccount.com`. */
  from: string;
  policyHints: string[];
  /** IAM role name placeholder the association or IRSA annotation names. */
  roleName?: string;
  why?: string;
}

export interface PlanAccessPolicy {
  policy:
    | 'AmazonEKSClusterAdminPolicy'
    | 'AmazonEKSAdminPolicy'
    | 'AmazonEKSEditPolicy'
    | 'AmazonEKSViewPolicy';
  scope: 'cluster' | 'namespace';
  namespaces?: string[];
}

export interface PlanAccessEntry {
  principalArn: string;
  /** `STANDARD` (default) or `EC2_LINUX` for self-managed / Karpenter node roles. */
  type?: 'STANDARD' | 'EC2_LINUX';
  kubernetesGroups: string[];
  policies: PlanAccessPolicy[];
  from: string;
  why?: string;
  /** Kubernetes username the entry maps to, where the source binds a user by name. */
  username?: string;
}

export interface PlanIdentityProvider {
  type: 'oidc';
  issuerUrl: string;
  clientId: string;
  groupsClaim?: string;
  usernameClaim?: string;
  /** Prefixes the source's bindings use (`oidc:`), so they keep matching. */
  usernamePrefix?: string;
  groupsPrefix?: string;
  why: string;
}

export interface PlanVpcEndpoint {
  service: string;
  type: 'Gateway' | 'Interface';
  why: string;
  monthlyUsd?: number;
  /** Settings the endpoint forces elsewhere (controller flags, EC2NodeClass fields). */
  requires?: string[];
}

export interface PlanCost {
  currency: 'USD';
  hoursPerMonth: number;
  monthly: {
    controlPlane: number;
    computeOnDemand: number;
    computeSpot: number;
    compute: number;
    fargate: number;
    storage: number;
    loadBalancers: number;
    natGateways: number;
    vpcEndpoints: number;
    total: number;
  };
  /** The cheapest fractional instance mix covering the demand (docs/plan.md defines it). */
  computeLowerBound: number;
  /** compute (on-demand + spot, before Fargate) / computeLowerBound; 1 is optimal. */
  computeToLowerBound: number;
  /** Each line says what was assumed, with the price's source and date. */
  assumptions: string[];
  /** How the node counts were found (HiGHS MIP per pool). */
  solver?: { engine: 'highs'; status: 'optimal' | 'time-limit'; mipGap: number; timeLimitSeconds: number };
}

export interface PlanStorageClass {
  /** Source class name; `*` maps every other class; `""` is claims without a class. */
  from: string;
  to: string;
  provisioner: string;
  claims: number;
  why: string;
  /** Parameters of the EKS class to create (e.g. `{ type: 'gp3' }`). */
  parameters?: Record<string, string>;
  isDefault?: boolean;
}

export interface PlanSourceComparison {
  /** Each source pool (`n2-standard-8 × 6`) and the EC2 type it maps to (`m6i.2xlarge × 6`), priced. */
  nodes: Array<{ from: string; to: string; monthlyUsd?: number }>;
  monthly: number;
  why: string;
}

export interface PlanSizing {
  basis: 'requests' | 'observed';
  workloadsWithoutRequests: number;
  /** Monthly saving of observed sizing against requests, when `observed`. */
  observedSaving: number | null;
  /** With `observed`: workloads sized from usage. */
  sizedFromUsage?: number;
  /** With `observed`: each container of a sized workload that had usage: the requests to set. */
  containers?: Array<{
    workload: string;
    container: string;
    /** The largest of its pods' usage at the snapshot. */
    usage: { cpuMillicores: number; memoryMiB: number };
    /** Its request (or the limit standing for it); absent when it states neither. */
    requested: { cpuMillicores?: number; memoryMiB?: number };
    sized: { cpuMillicores: number; memoryMiB: number };
  }>;
  /** With `observed`: workloads sized by their requests, and why (no usage for their pods, or usage × 1.3 not below the requests). */
  fellBackToRequests?: Array<{ workload: string; why: 'no usage found' | 'usage × 1.3 not below requests' }>;
  /** With `observed`: when the one usage snapshot was taken (the bundle's collectedAt). */
  snapshotAt?: string;
}

export interface PlanPlacement {
  /** `ns/Kind/name`. */
  workload: string;
  /** `nodeGroup:NAME`, `fargate:PROFILE` or `daemonset`. */
  target: string;
  pods: number;
}

export interface Plan {
  schemaVersion: 1;
  cluster: {
    name: string;
    version: string;
    region: string;
    endpointAccess: EndpointAccess;
    azs: string[];
    amiFamily: AmiFamily;
  };
  nodeGroups: PlanNodeGroup[];
  fargateProfiles: PlanFargateProfile[];
  network: PlanNetwork;
  addons: PlanAddon[];
  autoscaling: PlanAutoscaling;
  identities: PlanIdentity[];
  accessEntries: PlanAccessEntry[];
  identityProvider: PlanIdentityProvider | null;
  vpcEndpoints: PlanVpcEndpoint[];
  cost: PlanCost;
  storageClasses: PlanStorageClass[];
  /** Present only when the inventory holds the source's nodes. */
  sourceComparison?: PlanSourceComparison;
  sizing: PlanSizing;
  placements: PlanPlacement[];
  reasons: PlanReason[];
  notes: Array<{ topic: string; why: string }>;
}

/** The options of `plan` (and `generate`), resolved: every default applied (the command line of `kube2eks plan --help`). */
export interface PlanOptions {
  /** Target EKS version, e.g. `1.33` (assess's `--target-version`). */
  targetVersion: string;
  region: string;
  name: string;
  vpcCidr: string;
  endpoint: EndpointAccess;
  /** `auto`, `none`, or the largest share (0-1) of spot-eligible pod capacity placed on spot. */
  spot: 'auto' | 'none' | number;
  /** Spot price = on-demand × (1 − spotDiscount). */
  spotDiscount: number;
  fargate: 'auto' | 'none' | 'all';
  arch: Arch | 'any';
  azs: number;
  headroom: number;
  /** Globs over instance type names (`m6i.*`); empty = all current generation. */
  instanceTypes: string[];
  autoscaler: AutoscalerEngine;
  identity: IdentityMechanism;
  podSecurityGroups: boolean;
  amiFamily: AmiFamily;
  nodeGroupKind: NodeGroupKind;
  sizing: 'requests' | 'observed';
  /** ECR registry URI images move to (generate, private clusters). */
  registry?: string;
  /**
   * True when the user passed `--vpc-cidr`; otherwise the plan may move off the default when it
   * overlaps the source cluster's ranges.
   */
  vpcCidrGiven?: boolean;
  /** Seconds HiGHS may spend on one pool's node counts before it stops with the best found. @default 10 */
  solverTimeLimitSeconds?: number;
}
