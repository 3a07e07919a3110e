// Notes a reviewer asks about even when the answer is no: EKS Auto Mode, how people reach the API
// endpoint, Windows, IPv6, Secrets envelope encryption, Bottlerocket, the add-on versions.
import type { ReplicasProblem } from '../model/kinds.js';
import type { Inventory } from '../model/types.js';
import type { InvalidReplicas, WorkloadDemand } from './demand.js';
import type { EndpointAccess, PlanAddon, PlanNodeGroup, PlanOptions } from './types.js';
import { countOf } from './words.js';

/** Who can reach the Kubernetes API under each endpoint mode, and what a private one asks of the team. */
const ENDPOINT_ACCESS: Record<EndpointAccess, string> = {
  public:
    'public endpoint: the API answers from the internet (IAM still authenticates every call) and nodes reach it through the NAT gateways; restrict it with publicAccessCidrs, or choose public-private so that traffic from the VPC stays inside it',
  'public-private':
    'public and private endpoint: kubectl from outside uses the public endpoint (restrict it with publicAccessCidrs); inside the VPC a Route 53 private zone resolves the endpoint to the network interfaces EKS places in each AZ, so nodes and pods reach the API without leaving the VPC',
  private:
    'private endpoint: the API answers only inside the VPC, through the network interfaces EKS places in each AZ. Run kubectl, helm, eksctl and kube2eks verify from there: a bastion host, AWS Systems Manager Session Manager (an instance with the AmazonSSMManagedInstanceCore policy; without a NAT path it needs the ssm, ssmmessages and ec2messages interface endpoints), a VPN or Direct Connect. Nodes reach AWS services through the VPC endpoints of this plan',
};

export function planNotes(
  inventory: Inventory,
  options: PlanOptions,
  nodeGroups: readonly PlanNodeGroup[],
  addons: readonly PlanAddon[],
  addonTableDate: string,
): Array<{ topic: string; why: string }> {
  const windows = nodeGroups.filter((g) => g.os === 'windows');
  const secrets = inventory.objects.filter(
    (o) => o.ref.kind === 'Secret' || o.ref.kind === 'SealedSecret',
  ).length;
  const eksAddons = addons.filter((a) => a.installedBy === 'eks-addon');
  return [
    {
      topic: 'eks-auto-mode',
      why: 'EKS Auto Mode was not chosen: it would run the nodes, the VPC CNI, EBS CSI, load balancing and Karpenter for you (a fee per instance-hour on top of EC2), but it fixes the AMI (Bottlerocket) and node settings. This plan keeps node groups you control; Auto Mode is a fair alternative when the team does not want to operate them',
    },
    { topic: 'endpoint-access', why: ENDPOINT_ACCESS[options.endpoint] },
    {
      topic: 'windows',
      why: windows.length
        ? `Windows node group${windows.length === 1 ? '' : 's'} ${windows.map((g) => g.name).join(', ')}: Windows nodes need a Linux group beside them for CoreDNS and controllers, and take one IP per pod (no prefix delegation by default)`
        : 'no Windows workloads found (no kubernetes.io/os: windows selector): Linux nodes only',
    },
    {
      topic: 'ipv6',
      why: 'IPv4 cluster: IPv6 would end pod address exhaustion but needs prefix delegation, no custom networking, and every dependency of the workloads reachable over IPv6 (or DNS64/NAT64); choose it only if the source already ran dual-stack',
    },
    {
      topic: 'secrets-encryption',
      why: `EKS encrypts Secrets with a KMS key by default (envelope encryption, AWS-owned key since EKS 1.28); use a customer-managed KMS key if policy requires it${secrets ? ` (${countOf(secrets, 'Secret')} in the input; their values are never read)` : ''}`,
    },
    {
      topic: 'bottlerocket',
      why:
        options.amiFamily === 'bottlerocket'
          ? 'Bottlerocket nodes (--ami-family bottlerocket): a minimal, immutable OS; no SSH or package manager, node tweaks go through its settings API'
          : 'AL2023 nodes (the default): pass --ami-family bottlerocket for a smaller, immutable node OS if no workload needs host packages or a shell on the node',
    },
    {
      topic: 'addon-versions',
      why: `add-on versions for Kubernetes ${options.targetVersion} from the table of ${addonTableDate} (${eksAddons.map((a) => `${a.name} ${a.version}`).join(', ')}); "default" is the version EKS picks for the cluster. Refresh with kube2eks catalog refresh before creating the cluster`,
    },
  ];
}

/** How the plan read each kind of `spec.replicas` the API server rejects (model/kinds.ts readReplicas). */
const READ_AS: Record<ReplicasProblem, (value: string, count: number) => string> = {
  text: (v, n) => `"${v}" is text, read as the number ${n}`,
  fraction: (v, n) => `${v} is no whole number, rounded up to ${n}`,
  negative: (v) => `${v} is negative, counted as 1, the Kubernetes default`,
  'not-a-number': (v) =>
    `"${v}" is no number (an unrendered template placeholder?), counted as 1, the Kubernetes default`,
};

/** Workloads the replicas note names one by one; the findings list the rest. */
const REPLICAS_NOTE_NAMED = 10;

/** The workloads sized from a `spec.replicas` that Kubernetes would reject, and the count each got. */
export function invalidReplicasNote(
  workloads: readonly WorkloadDemand[],
): { topic: string; why: string } | undefined {
  const invalid = workloads.filter((w) => w.invalidReplicas);
  if (invalid.length === 0) return undefined;
  const each = invalid.slice(0, REPLICAS_NOTE_NAMED).map((w) => {
    const { value, problem } = w.invalidReplicas as InvalidReplicas;
    return `${w.key} sized with ${countOf(w.replicas, 'replica')}: ${READ_AS[problem](value, w.replicas)}`;
  });
  const more = invalid.length - each.length;
  if (more > 0) each.push(`and ${more} more (the resources/replicas-invalid findings name each)`);
  return {
    topic: 'replicas',
    why: `the API server rejects the spec.replicas of ${countOf(invalid.length, 'workload')} (resources/replicas-invalid); fix ${invalid.length === 1 ? 'it' : 'them'} before applying and check the count: ${each.join('; ')}`,
  };
}
