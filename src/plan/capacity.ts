// What a node offers pods: allocatable CPU, memory and pod slots as the EKS AL2023 AMI computes them.
// nodeadm (awslabs/amazon-eks-ami, HEAD 81fec2e, 2026-07-23, nodeadm/internal/kubelet/config.go):
//   kube-reserved CPU: 6% of the first core, 1% of the second, 0.5% of cores 3-4, 0.25% of the rest;
//   kube-reserved memory: 11 MiB × maxPods + 255 MiB, maxPods = ENIs × (IPv4 per ENI − 1) + 2;
//   eviction-hard memory.available: 100 MiB.
// Max pods: computeMaxPods for the network mode; managed node groups without a custom AMI cap it at 110
// (≤ 30 vCPU) or 250 whether or not prefix delegation is on. Windows: IPv4 addresses per ENI − 1.
import type { InstanceType } from '../catalog/index.js';
import { capFor, computeMaxPods } from './maxpods.js';
import type { NodeGroupKind } from './types.js';

/** nodeadm's kube-reserved memory per pod slot and fixed part (MiB). */
export const KUBE_RESERVED_MIB_PER_POD = 11;
export const KUBE_RESERVED_MIB_BASE = 255;
/** kubelet eviction-hard memory.available on AL2023 (MiB). */
export const EVICTION_HARD_MIB = 100;
/**
 * Memory the hypervisor and kernel keep from what EC2 lists (Karpenter's VM_MEMORY_OVERHEAD_PERCENT default):
 * the kubelet's capacity is below the EC2 figure, and a plan that ignores it overcommits every node.
 * @see https://karpenter.sh/docs/reference/settings/
 */
export const VM_MEMORY_OVERHEAD_FRACTION = 0.075;

/** kube-reserved CPU in millicores for a vCPU count (nodeadm's stepped percentages). */
export function kubeReservedCpuMillicores(vcpu: number): number {
  const steps: Array<[cores: number, fraction: number]> = [
    [1, 0.06],
    [1, 0.01],
    [2, 0.005],
    [Number.POSITIVE_INFINITY, 0.0025],
  ];
  let left = vcpu;
  let reserved = 0;
  for (const [cores, fraction] of steps) {
    const here = Math.min(left, cores);
    if (here <= 0) break;
    reserved += here * 1000 * fraction;
    left -= here;
  }
  return reserved;
}

export interface NodeCapacity {
  instanceType: string;
  vcpu: number;
  memoryMiB: number;
  gpus: number;
  /** Max pods the kubelet runs with. */
  maxPods: number;
  /** The ENI-table max pods nodeadm reserves memory for. */
  eniMaxPods: number;
  kubeReservedCpuMillicores: number;
  kubeReservedMemoryMiB: number;
  /** What the pods get. */
  allocatable: { cpuMillicores: number; memoryMiB: number; pods: number };
}

export interface CapacityOptions {
  os: 'linux' | 'windows';
  prefixDelegation: boolean;
  nodeGroupKind: NodeGroupKind;
}

/** Capacities already worked out, per type object and options: every pool of every plan asks for the same ones. */
const known = new WeakMap<InstanceType, Map<string, NodeCapacity | undefined>>();

/** The allocatable capacity of one node of the type, or undefined when the catalog lacks a fact it needs. */
export function nodeCapacity(t: InstanceType, options: CapacityOptions): NodeCapacity | undefined {
  const key = `${options.os}|${options.prefixDelegation}|${options.nodeGroupKind}`;
  let byOptions = known.get(t);
  if (!byOptions) {
    byOptions = new Map();
    known.set(t, byOptions);
  }
  if (!byOptions.has(key)) byOptions.set(key, computeNodeCapacity(t, options));
  return byOptions.get(key);
}

function computeNodeCapacity(t: InstanceType, options: CapacityOptions): NodeCapacity | undefined {
  if (t.vcpu === null || t.memoryMiB === null || t.defaultCardMaxEnis === null || t.ipv4PerEni === null)
    return undefined;
  const eniMaxPods = t.defaultCardMaxEnis * (t.ipv4PerEni - 1) + 2;
  let maxPods: number;
  if (options.os === 'windows') {
    maxPods = t.ipv4PerEni - 1;
  } else {
    const computed = computeMaxPods(t, { prefixDelegation: options.prefixDelegation });
    maxPods = computed.maxPods ?? eniMaxPods;
    if (options.nodeGroupKind === 'managed') maxPods = Math.min(maxPods, capFor(t.vcpu));
  }
  const cpuReserved = kubeReservedCpuMillicores(t.vcpu);
  const memReserved = KUBE_RESERVED_MIB_PER_POD * eniMaxPods + KUBE_RESERVED_MIB_BASE;
  const kubeletMemoryMiB = t.memoryMiB * (1 - VM_MEMORY_OVERHEAD_FRACTION);
  return {
    instanceType: t.instanceType,
    vcpu: t.vcpu,
    memoryMiB: t.memoryMiB,
    gpus: t.gpuCount ?? 0,
    maxPods,
    eniMaxPods,
    kubeReservedCpuMillicores: cpuReserved,
    kubeReservedMemoryMiB: memReserved,
    allocatable: {
      cpuMillicores: Math.max(0, t.vcpu * 1000 - cpuReserved),
      memoryMiB: Math.max(0, kubeletMemoryMiB - memReserved - EVICTION_HARD_MIB),
      pods: Math.max(0, maxPods),
    },
  };
}
