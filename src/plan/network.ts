// Network: prefix delegation, pod IPs with the VPC CNI warm pool, subnets per AZ sized with headroom,
// no overlap with the source cluster's ranges, custom networking when pods outgrow the VPC, security
// groups for pods. VPC CNI defaults: WARM_ENI_TARGET=1 (secondary IPs) or WARM_PREFIX_TARGET=1 (prefixes).
// @see https://github.com/aws/amazon-vpc-cni-k8s/blob/master/docs/eni-and-ip-target.md
// @see https://docs.aws.amazon.com/eks/latest/best-practices/subnets.html
import { type Catalog, findInstanceType } from '../catalog/index.js';
import { type Cidr, carve, formatCidr, overlaps, parseCidr, prefixFor, sizeOf } from './cidr.js';
import type { LoadBalancerFacts, SourceRange } from './facts.js';
import { ADDRESSES_PER_PREFIX, computeMaxPods, supportsPrefixDelegation } from './maxpods.js';
import type {
  PlanFargateProfile,
  PlanNetwork,
  PlanNodeGroup,
  PlanOptions,
  PlanPlacement,
  PlanReason,
  PlanSubnet,
} from './types.js';
import { countOf } from './words.js';

/** Subnets hold twice the peak: a rolling node replacement doubles a group for a while, and /28 prefixes fragment. */
export const SUBNET_HEADROOM = 2;
/** Smallest private subnet planned (EKS needs free addresses in each subnet for its control-plane ENIs). */
export const MIN_PRIVATE_PREFIX = 24;
export const MIN_PUBLIC_PREFIX = 26;
/** An ALB keeps up to 8 addresses in each subnet it uses, an NLB one. */
export const ALB_IPS_PER_SUBNET = 8;
export const NLB_IPS_PER_SUBNET = 1;
export const WARM_ENI_TARGET = 1;
export const WARM_PREFIX_TARGET = 1;
/** Where a secondary CIDR for pods comes from (RFC 6598 shared space, as the EKS docs suggest). */
const SECONDARY_CANDIDATES = Array.from({ length: 64 }, (_, i) => `100.${64 + i}.0.0/16`);

export interface NetworkInput {
  options: PlanOptions;
  catalog: Catalog;
  nodeGroups: PlanNodeGroup[];
  fargateProfiles: PlanFargateProfile[];
  placements: PlanPlacement[];
  azs: string[];
  loadBalancers: LoadBalancerFacts;
  sources: SourceRange[];
  /** Whether the cluster needs NAT gateways (public subnets hold them). */
  needsNat: boolean;
}

interface GroupIps {
  group: PlanNodeGroup;
  nodes: number;
  pods: number;
  warm: number;
  perNodePeak: number;
}

/** Pods per node of a group: its placements spread over the desired nodes, plus one pod per DaemonSet. */
function podsOnGroup(group: PlanNodeGroup, placements: PlanPlacement[]): number {
  const placed = placements
    .filter((p) => p.target === `nodeGroup:${group.name}`)
    .reduce((n, p) => n + p.pods, 0);
  const daemonSets = placements.filter((p) => p.target === 'daemonset').length;
  return placed + daemonSets * group.desiredSize;
}

/** Addresses one node takes from its subnet for `pods` pods, warm pool included. */
export function nodeAddresses(
  pods: number,
  ipv4PerEni: number,
  maxEnis: number,
  prefixDelegation: boolean,
): { used: number; warm: number } {
  const slotsPerEni = Math.max(1, ipv4PerEni - 1);
  if (prefixDelegation) {
    const prefixes = Math.ceil(pods / ADDRESSES_PER_PREFIX) + WARM_PREFIX_TARGET;
    const enis = Math.min(maxEnis, Math.max(1, Math.ceil(prefixes / slotsPerEni)));
    return { used: prefixes * ADDRESSES_PER_PREFIX + enis, warm: prefixes * ADDRESSES_PER_PREFIX - pods };
  }
  const enis = Math.min(maxEnis, Math.max(1, Math.ceil(pods / slotsPerEni)) + WARM_ENI_TARGET);
  return { used: enis * ipv4PerEni, warm: Math.max(0, enis * ipv4PerEni - enis - pods) };
}

function groupIps(input: NetworkInput, prefixDelegation: boolean): GroupIps[] {
  return input.nodeGroups.map((group) => {
    const t = findInstanceType(input.catalog, group.instanceTypes[0] ?? '');
    const ipv4PerEni = t?.ipv4PerEni ?? 10;
    const maxEnis = t?.defaultCardMaxEnis ?? 3;
    const nodes = Math.max(0, group.desiredSize);
    const pods = podsOnGroup(group, input.placements);
    const perNodePods = nodes ? Math.ceil(pods / nodes) : 0;
    const one = nodeAddresses(perNodePods, ipv4PerEni, maxEnis, prefixDelegation);
    return { group, nodes, pods, warm: one.warm * nodes, perNodePeak: one.used };
  });
}

function firstFreeVpc(current: Cidr, sources: SourceRange[]): Cidr | undefined {
  const candidates: Cidr[] = [];
  const size = sizeOf(current);
  for (const [start, end] of [
    ['10.0.0.0', '10.255.255.255'],
    ['172.16.0.0', '172.31.255.255'],
    ['192.168.0.0', '192.168.255.255'],
  ] as const) {
    const lo = parseCidr(`${start}/32`)!.base;
    const hi = parseCidr(`${end}/32`)!.base;
    for (let base = lo; base + size - 1 <= hi && candidates.length < 4096; base += size)
      candidates.push({ base, prefix: current.prefix });
  }
  return candidates.find((c) => !sources.some((s) => overlaps(c, s.cidr)));
}

export function planNetwork(input: NetworkInput): { network: PlanNetwork; reasons: PlanReason[] } {
  const { options, catalog } = input;
  const reasons: PlanReason[] = [];
  const azs = input.azs.length ? input.azs : [`${options.region}a`];
  const linux = input.nodeGroups.filter((g) => (g.os ?? 'linux') === 'linux');
  const types = [...new Set(linux.flatMap((g) => g.instanceTypes))];
  const facts = types.map((name) => ({ name, t: findInstanceType(catalog, name) }));
  const nonNitro = facts.filter((f) => !f.t || !supportsPrefixDelegation(f.t) || f.t.bareMetal === true);
  const prefixDelegation = linux.length > 0 && nonNitro.length === 0;
  reasons.push({
    subject: 'network',
    why: prefixDelegation
      ? `prefix delegation on: every chosen type (${types.join(', ')}) is Nitro, so each ENI slot carries a /28 of 16 pod addresses and max pods is not bound by the ENI count; warm pool WARM_PREFIX_TARGET=${WARM_PREFIX_TARGET}`
      : linux.length
        ? `prefix delegation off: ${nonNitro.map((f) => f.name).join(', ')} ${nonNitro.length === 1 ? 'is' : 'are'} not Nitro (or bare metal, which the AMI's max-pods calculation leaves out); secondary IPs with the default warm pool WARM_ENI_TARGET=${WARM_ENI_TARGET}`
        : 'no EC2 node groups: every pod runs on Fargate, which gives each pod its own ENI',
  });

  // Address demand at desired size and at the groups' maximum.
  const groups = groupIps(input, prefixDelegation);
  const fargatePods = input.fargateProfiles.reduce((n, p) => n + p.pods, 0);
  const podIpsOnNodes = groups.reduce((n, g) => n + g.pods, 0);
  const warm = groups.reduce((n, g) => n + g.warm, 0);
  const nodeIps = groups.reduce((n, g) => n + g.nodes, 0);
  const lb = input.loadBalancers;
  const internalLbIps = lb.nlbInternal * NLB_IPS_PER_SUBNET + lb.ingressInternal * ALB_IPS_PER_SUBNET;
  const publicLbIps =
    lb.nlbInternetFacing * NLB_IPS_PER_SUBNET + lb.ingressInternetFacing * ALB_IPS_PER_SUBNET;
  const peakNodeAddresses = groups.reduce(
    (n, g) => n + g.perNodePeak * Math.max(g.group.maxSize, g.nodes),
    0,
  );
  const peakIps = peakNodeAddresses + fargatePods + internalLbIps * azs.length;
  const podIps = podIpsOnNodes + warm + fargatePods;
  reasons.push({
    subject: 'network',
    why: `${podIps} pod addresses at desired size: ${countOf(podIpsOnNodes, 'pod')} on ${countOf(nodeIps, 'node')}, ${warm} held warm by the VPC CNI, ${countOf(fargatePods, 'Fargate pod')} (one ENI each); subnets sized for ${peakIps} addresses at the node groups' maximum (nodes' own addresses and internal load balancers included) × ${SUBNET_HEADROOM} headroom for rolling node replacement`,
  });

  // VPC CIDR: the user's, or the default moved off the source's ranges.
  let vpc = parseCidr(options.vpcCidr);
  if (!vpc) {
    reasons.push({
      subject: 'network',
      why: `--vpc-cidr ${options.vpcCidr} is not an IPv4 CIDR (e.g. 10.0.0.0/16); planned with 10.0.0.0/16`,
    });
    vpc = parseCidr('10.0.0.0/16')!;
  }
  const clashes = input.sources.filter((s) => overlaps(vpc!, s.cidr));
  if (clashes.length) {
    const list = clashes.map((s) => `${formatCidr(s.cidr)} (${s.what})`).join(', ');
    const free = options.vpcCidrGiven ? undefined : firstFreeVpc(vpc, input.sources);
    if (free) {
      reasons.push({
        subject: 'network',
        why: `VPC ${formatCidr(free)} instead of the default ${formatCidr(vpc)}, which overlaps the source cluster's ${list}: both clusters run side by side during the move, and overlapping ranges cannot be routed between them (peering, Transit Gateway, VPN)`,
      });
      vpc = free;
    } else {
      reasons.push({
        subject: 'network',
        why: `VPC ${formatCidr(vpc)} overlaps the source cluster's ${list}: traffic between the two clusters during the move cannot be routed; pick a --vpc-cidr outside them`,
      });
    }
  } else if (input.sources.length) {
    reasons.push({
      subject: 'network',
      why: `VPC ${formatCidr(vpc)} does not overlap the source cluster's ranges (${input.sources.map((s) => formatCidr(s.cidr)).join(', ')})`,
    });
  }

  // Subnets per AZ: private (nodes, pods, internal LBs), public (NAT gateways, internet-facing LBs).
  const perAz = (n: number) => Math.ceil((n * SUBNET_HEADROOM) / azs.length);
  const publicNeeded = input.needsNat || publicLbIps > 0;
  const publicPrefix = Math.min(MIN_PUBLIC_PREFIX, prefixFor(publicLbIps * SUBNET_HEADROOM + 1));
  const privateNeed = perAz(peakIps);
  const privatePrefix = Math.min(MIN_PRIVATE_PREFIX, prefixFor(privateNeed));
  const tagsPrivate = { 'kubernetes.io/role/internal-elb': '1' };
  const tagsPublic: Record<string, string> = publicLbIps > 0 ? { 'kubernetes.io/role/elb': '1' } : {};
  const layout = (privatePfx: number) =>
    carve(vpc!, [...azs.map(() => privatePfx), ...(publicNeeded ? azs.map(() => publicPrefix) : [])]);

  let customNetworking = false;
  let secondaryCidr: string | undefined;
  let eniConfigs: PlanNetwork['eniConfigs'];
  let blocks = layout(privatePrefix);
  const subnets: PlanSubnet[] = [];
  if (!blocks) {
    // Pods outgrow the VPC: nodes stay in the primary range, pods move to a secondary CIDR.
    const secondary = SECONDARY_CANDIDATES.map((c) => parseCidr(c)!).find(
      (c) => !input.sources.some((s) => overlaps(c, s.cidr)) && !overlaps(c, vpc!),
    )!;
    const nodeNeed = perAz(
      nodeIps + internalLbIps * azs.length + groups.reduce((n, g) => n + g.group.maxSize, 0),
    );
    const nodePrefix = Math.min(MIN_PRIVATE_PREFIX, prefixFor(nodeNeed));
    blocks = layout(nodePrefix);
    const podPrefix = Math.max(secondary.prefix, prefixFor(perAz(peakIps)));
    const podBlocks = carve(
      secondary,
      azs.map(() => podPrefix),
    );
    if (blocks && podBlocks) {
      customNetworking = true;
      secondaryCidr = formatCidr(secondary);
      eniConfigs = azs.map((az, i) => ({
        name: az,
        subnetCidr: formatCidr(podBlocks[i]!),
        securityGroups: ['<cluster security group>'],
      }));
      const reduced = types
        .map((name) => {
          const t = findInstanceType(catalog, name);
          return t
            ? `${name} ${computeMaxPods(t, { prefixDelegation, customNetworking: true }).maxPods}`
            : undefined;
        })
        .filter(Boolean);
      reasons.push({
        subject: 'network',
        why: `custom networking: ${peakIps} peak addresses × ${SUBNET_HEADROOM} do not fit in ${formatCidr(vpc)} beside the nodes, so pods take a secondary CIDR ${secondaryCidr} (associate it with the VPC) through one ENIConfig per AZ, named after the AZ (ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone); the primary ENI then carries no pods, so max pods drops${reduced.length ? ` (${reduced.join(', ')})` : ''}`,
      });
      podBlocks.forEach((b, i) => {
        subnets.push({ az: azs[i]!, cidr: formatCidr(b), purpose: 'pods', tags: {} });
      });
    } else {
      reasons.push({
        subject: 'network',
        why: `${formatCidr(vpc)} is too small even for the nodes (${peakIps} peak addresses): pass a larger --vpc-cidr (at least /${prefixFor(peakIps * SUBNET_HEADROOM) - 1})`,
      });
      blocks = blocks ?? [];
    }
  }
  if (blocks.length) {
    azs.forEach((az, i) => {
      subnets.push({ az, cidr: formatCidr(blocks![i]!), purpose: 'private', tags: { ...tagsPrivate } });
    });
    if (publicNeeded)
      azs.forEach((az, i) => {
        subnets.push({
          az,
          cidr: formatCidr(blocks![azs.length + i]!),
          purpose: 'public',
          tags: { ...tagsPublic },
        });
      });
    subnets.sort((a, b) => (parseCidr(a.cidr)?.base ?? 0) - (parseCidr(b.cidr)?.base ?? 0));
    reasons.push({
      subject: 'network',
      why: `private subnets /${customNetworking ? subnets.find((s) => s.purpose === 'private')?.cidr.split('/')[1] : privatePrefix} in each of ${countOf(azs.length, 'AZ')} (tag kubernetes.io/role/internal-elb)${publicNeeded ? `; public subnets /${publicPrefix} for ${[input.needsNat ? 'NAT gateways' : '', publicLbIps ? 'internet-facing load balancers (tag kubernetes.io/role/elb)' : ''].filter(Boolean).join(' and ')}` : '; no public subnets: nothing faces the internet and there is no NAT'}`,
    });
  }

  // Security groups for pods: branch ENIs per type.
  let podEniLimits: PlanNetwork['podEniLimits'];
  if (options.podSecurityGroups) {
    podEniLimits = types.map((name) => {
      const t = findInstanceType(catalog, name);
      return {
        instanceType: name,
        branchEnis: t?.branchEnis ?? null,
        trunkingCompatible: t?.trunkingCompatible ?? null,
      };
    });
    const unable = podEniLimits.filter((l) => l.trunkingCompatible !== true);
    reasons.push({
      subject: 'network',
      why: `security groups for pods (vpc-cni ENABLE_POD_ENI=true): each pod with a SecurityGroupPolicy takes a branch ENI, at most ${podEniLimits.map((l) => `${l.branchEnis ?? '?'} on ${l.instanceType}`).join(', ')}${unable.length ? `; ${unable.map((l) => l.instanceType).join(', ')} cannot hold a trunk ENI, so such pods will not schedule there` : ''}`,
    });
  }

  const network: PlanNetwork = {
    vpcCidr: formatCidr(vpc),
    prefixDelegation,
    customNetworking,
    ...(secondaryCidr ? { secondaryCidr } : {}),
    podIps,
    warm: prefixDelegation ? { WARM_PREFIX_TARGET } : linux.length ? { WARM_ENI_TARGET } : {},
    podSecurityGroups: options.podSecurityGroups,
    subnets,
    sourceRanges: input.sources.map((s) => ({ cidr: formatCidr(s.cidr), what: s.what })),
    ipBreakdown: {
      nodes: nodeIps,
      pods: podIpsOnNodes,
      warmPool: warm,
      fargatePods,
      loadBalancers: internalLbIps * azs.length + publicLbIps * azs.length,
    },
    peakIps,
    ...(eniConfigs ? { eniConfigs } : {}),
    ...(podEniLimits ? { podEniLimits } : {}),
    why: reasons.map((r) => r.why)[0] ?? '',
  };
  return { network, reasons };
}
