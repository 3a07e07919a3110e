import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../catalog/index.js';
import { kubeReservedCpuMillicores, nodeCapacity } from './capacity.js';

const catalog = loadCatalog();
const type = (name: string) => catalog.instanceTypes[name]!;

describe('kube-reserved CPU (nodeadm: 6% of core 1, 1% of core 2, 0.5% of cores 3-4, 0.25% beyond)', () => {
  test.each([
    [1, 60],
    [2, 70], // 60 + 10
    [4, 80], // 60 + 10 + 2 × 5
    [8, 90], // 80 + 4 × 2.5
    [96, 310], // 80 + 92 × 2.5
  ])('%i vCPU → %i m', (vcpu, millicores) => {
    expect(kubeReservedCpuMillicores(vcpu)).toBeCloseTo(millicores, 6);
  });
});

describe('allocatable as the AL2023 AMI computes it', () => {
  test('m5.large, managed, prefix delegation: 110 pods; memory 8192 × 0.925 − (11 × 29 + 255) − 100', () => {
    const c = nodeCapacity(type('m5.large'), {
      os: 'linux',
      prefixDelegation: true,
      nodeGroupKind: 'managed',
    })!;
    expect(c.eniMaxPods).toBe(29); // 3 ENIs × (10 − 1) + 2
    expect(c.maxPods).toBe(110); // 3 × 9 × 16 + 2 = 434, capped at 110 (≤ 30 vCPU)
    expect(c.kubeReservedMemoryMiB).toBe(574);
    expect(c.allocatable.cpuMillicores).toBe(1930);
    expect(c.allocatable.memoryMiB).toBeCloseTo(8192 * 0.925 - 574 - 100, 6);
    expect(c.allocatable.pods).toBe(110);
  });

  test('m5.large without prefix delegation, self-managed: the ENI table value, uncapped', () => {
    const c = nodeCapacity(type('m5.large'), {
      os: 'linux',
      prefixDelegation: false,
      nodeGroupKind: 'self-managed',
    })!;
    expect(c.maxPods).toBe(29);
  });

  test('m5.24xlarge managed: the cap is 250 above 30 vCPU', () => {
    const c = nodeCapacity(type('m5.24xlarge'), {
      os: 'linux',
      prefixDelegation: true,
      nodeGroupKind: 'managed',
    })!;
    expect(c.maxPods).toBe(250);
    expect(c.allocatable.cpuMillicores).toBe(96_000 - 310);
  });

  test('managed node groups cap at 110 even without prefix delegation (m5.4xlarge: 234 → 110)', () => {
    const c = nodeCapacity(type('m5.4xlarge'), {
      os: 'linux',
      prefixDelegation: false,
      nodeGroupKind: 'managed',
    })!;
    expect(c.eniMaxPods).toBe(234); // 8 × 29 + 2
    expect(c.maxPods).toBe(110);
    // Memory is reserved for the ENI-table max pods, whatever the kubelet runs with.
    expect(c.kubeReservedMemoryMiB).toBe(11 * 234 + 255);
  });

  test('Windows nodes: IPv4 addresses per ENI − 1', () => {
    const c = nodeCapacity(type('m5.large'), {
      os: 'windows',
      prefixDelegation: false,
      nodeGroupKind: 'managed',
    })!;
    expect(c.maxPods).toBe(9);
  });

  test('a type without ENI data has no capacity', () => {
    expect(
      nodeCapacity(
        { ...type('m5.large'), defaultCardMaxEnis: null },
        { os: 'linux', prefixDelegation: true, nodeGroupKind: 'managed' },
      ),
    ).toBeUndefined();
  });
});
