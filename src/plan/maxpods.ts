// Max pods per node, as AWS computes it. Pure: an instance type's network facts in, the number and the
// arithmetic that produced it out (so `maxpods --explain` and the plan can show their working).
//
// default:  ENIs × (IPv4 per ENI − 1) + 2, uncapped — eni-max-pods.txt, and what AL2023's nodeadm sets.
// options:  max-pods-calculator.sh: --cni-max-eni N caps the ENIs, --custom-networking takes one away,
//           --prefix-delegation gives each secondary-IP slot a /28 (16 addresses) on Nitro or bare metal;
//           any of these caps the result at 110 (≤ 30 vCPU) or 250, unless --max-allowed.
// @see https://github.com/awslabs/amazon-eks-ami (templates/al2/runtime/max-pods-calculator.sh, nodeadm)
// @see https://github.com/aws/amazon-vpc-cni-k8s (misc/eni-max-pods.txt, pkg/awsutils IsPrefixDelegationSupported)
import type { InstanceType } from '../catalog/index.js';
import { countOf } from './words.js';

/** Pods that use the host network (aws-node and kube-proxy) and need no pod IP. */
export const HOST_NETWORK_PODS = 2;
/** Addresses in one /28 prefix under prefix delegation. */
export const ADDRESSES_PER_PREFIX = 16;
/** max-pods-calculator.sh: the cap for types with at most this many vCPUs is SMALL_CAP, else LARGE_CAP. */
export const SMALL_NODE_MAX_VCPU = 30;
export const SMALL_NODE_CAP = 110;
export const LARGE_NODE_CAP = 250;

export interface MaxPodsOptions {
  /** VPC CNI ENABLE_PREFIX_DELEGATION. @default false */
  prefixDelegation?: boolean;
  /** VPC CNI custom networking (AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG): the primary ENI carries no pods. @default false */
  customNetworking?: boolean;
  /** Use at most this many ENIs (the calculator's --cni-max-eni). */
  cniMaxEni?: number;
  /** No 110/250 cap (the calculator's --show-max-allowed). @default false */
  maxAllowed?: boolean;
}

export type MaxPodsFacts = Pick<
  InstanceType,
  | 'instanceType'
  | 'vcpu'
  | 'defaultCardMaxEnis'
  | 'ipv4PerEni'
  | 'hypervisor'
  | 'bareMetal'
  | 'trunkingCompatible'
  | 'branchEnis'
>;

export interface MaxPodsResult {
  instanceType: string;
  /** The max pods value; null when the catalog has no ENI data for the type. */
  maxPods: number | null;
  /** The value before the 110/250 cap. */
  uncappedMaxPods: number | null;
  /** How pod addresses were counted. */
  mode: 'secondary-ip' | 'prefix-delegation';
  /** ENIs on the default network card. */
  enis: number | null;
  /** ENIs that carry pod addresses after --cni-max-eni and --custom-networking. */
  enisForPods: number | null;
  ipv4PerEni: number | null;
  vcpu: number | null;
  /** The cap applied (110 or 250), or null when none was. */
  cap: number | null;
  /** Branch ENIs for security groups for pods (`vpc.amazonaws.com/pod-eni`); null when the type has none or is unknown. */
  podEni: number | null;
  /** The arithmetic, one line per step, for --explain. */
  steps: string[];
  /** Things to know about this result (fallbacks, unknowns, how the old script differed). */
  notes: string[];
}

/** Whether the VPC CNI can use prefix delegation on the type: Nitro or bare metal (IsPrefixDelegationSupported). */
export function supportsPrefixDelegation(t: Pick<InstanceType, 'hypervisor' | 'bareMetal'>): boolean {
  return t.hypervisor === 'nitro' || t.bareMetal === true;
}

/** Whether the 110/250 cap applies to a computation with these options. */
export function capApplies(options: MaxPodsOptions): boolean {
  return (
    !options.maxAllowed &&
    (options.prefixDelegation === true ||
      options.customNetworking === true ||
      options.cniMaxEni !== undefined)
  );
}

/** The cap max-pods-calculator.sh applies for a vCPU count. */
export function capFor(vcpu: number): number {
  return vcpu > SMALL_NODE_MAX_VCPU ? LARGE_NODE_CAP : SMALL_NODE_CAP;
}

/** Max pods for one instance type under the given VPC CNI options. */
export function computeMaxPods(t: MaxPodsFacts, options: MaxPodsOptions = {}): MaxPodsResult {
  const steps: string[] = [];
  const notes: string[] = [];
  const podEni = t.trunkingCompatible && t.branchEnis ? t.branchEnis : null;
  const pdRequested = options.prefixDelegation === true;
  const pdApplies = pdRequested && supportsPrefixDelegation(t);
  const base = {
    instanceType: t.instanceType,
    mode: pdApplies ? ('prefix-delegation' as const) : ('secondary-ip' as const),
    enis: t.defaultCardMaxEnis,
    ipv4PerEni: t.ipv4PerEni,
    vcpu: t.vcpu,
    podEni,
  };

  if (t.defaultCardMaxEnis === null || t.ipv4PerEni === null) {
    notes.push(
      'The catalog has no ENI data for this type, so max pods is unknown. A catalog refreshed with `kube2eks catalog refresh` may have it.',
    );
    return { ...base, maxPods: null, uncappedMaxPods: null, enisForPods: null, cap: null, steps, notes };
  }

  const enis = t.defaultCardMaxEnis;
  const ips = t.ipv4PerEni;
  steps.push(
    `ENIs on the default network card: ${enis}; IPv4 addresses per ENI: ${ips}; vCPUs: ${t.vcpu ?? 'unknown'}; hypervisor: ${t.hypervisor ?? 'unknown'}${t.bareMetal ? ' (bare metal)' : ''}`,
  );

  let enisForPods = enis;
  if (options.cniMaxEni !== undefined) {
    enisForPods = Math.min(options.cniMaxEni, enis);
    steps.push(
      `--cni-max-eni ${options.cniMaxEni}: ENIs for pods = min(${options.cniMaxEni}, ${enis}) = ${enisForPods}`,
    );
  }
  if (options.customNetworking) {
    const before = enisForPods;
    enisForPods = Math.max(0, enisForPods - 1);
    steps.push(
      `custom networking: the primary ENI keeps the node's subnet and carries no pods: ${before} − 1 = ${enisForPods}`,
    );
    if (enisForPods === 0)
      notes.push('With custom networking this type has no ENI left for pods: only host-network pods fit.');
  }

  let uncapped: number;
  if (pdApplies) {
    uncapped = enisForPods * ((ips - 1) * ADDRESSES_PER_PREFIX) + HOST_NETWORK_PODS;
    steps.push(
      `prefix delegation: each of the ${ips - 1} secondary-IP slots per ENI holds a /28 prefix (${ADDRESSES_PER_PREFIX} addresses): ${enisForPods} × ((${ips} − 1) × ${ADDRESSES_PER_PREFIX}) + ${HOST_NETWORK_PODS} = ${uncapped}`,
    );
    if (t.hypervisor !== 'nitro') {
      const oldScript = enisForPods * (ips - 1) + HOST_NETWORK_PODS;
      notes.push(
        `Bare metal: the VPC CNI allows prefix delegation on bare-metal instances (nitro or bare metal), so it is applied here. The old max-pods-calculator.sh checked only for the nitro hypervisor, which bare metal does not report, and never applied prefix delegation to .metal types (it would have started from ${oldScript}).`,
      );
    }
  } else {
    uncapped = enisForPods * (ips - 1) + HOST_NETWORK_PODS;
    steps.push(
      `secondary IPs: one pod per secondary address, the primary address of each ENI is the node's: ${enisForPods} × (${ips} − 1) + ${HOST_NETWORK_PODS} = ${uncapped}`,
    );
    if (pdRequested) {
      notes.push(
        `Prefix delegation needs a Nitro or bare-metal instance; on ${t.hypervisor ?? 'this'} hypervisor the VPC CNI logs a warning and falls back to secondary IPs, so the secondary-IP formula applies.`,
      );
    }
  }
  steps.push(
    `the + ${HOST_NETWORK_PODS} counts the host-network pods (aws-node, kube-proxy) that need no pod address`,
  );

  let maxPods = uncapped;
  let cap: number | null = null;
  if (capApplies(options)) {
    if (t.vcpu === null) {
      notes.push(
        'The vCPU count of this type is unknown, so the 110/250 cap cannot be chosen: the value is shown uncapped.',
      );
    } else {
      cap = capFor(t.vcpu);
      maxPods = Math.min(cap, uncapped);
      steps.push(
        `cap (max-pods-calculator.sh): ${countOf(t.vcpu, 'vCPU')} ${t.vcpu > SMALL_NODE_MAX_VCPU ? `> ${SMALL_NODE_MAX_VCPU}, so at most ${LARGE_NODE_CAP}` : `≤ ${SMALL_NODE_MAX_VCPU}, so at most ${SMALL_NODE_CAP}`}: min(${cap}, ${uncapped}) = ${maxPods}`,
      );
    }
  } else if (
    options.maxAllowed &&
    (pdRequested || options.customNetworking || options.cniMaxEni !== undefined)
  ) {
    steps.push('--max-allowed: no 110/250 cap');
  } else {
    steps.push("no cap: this is the eni-max-pods.txt value, which AL2023's nodeadm also sets");
  }

  steps.push(
    podEni !== null
      ? `security groups for pods: ${countOf(podEni, 'branch ENI')} (vpc.amazonaws.com/pod-eni), counted separately from max pods`
      : t.trunkingCompatible === false
        ? 'security groups for pods: not supported (the type cannot hold a trunk ENI)'
        : 'security groups for pods: branch-ENI capacity unknown',
  );

  return { ...base, maxPods, uncappedMaxPods: uncapped, enisForPods, cap, steps, notes };
}
