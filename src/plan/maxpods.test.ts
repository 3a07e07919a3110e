import { describe, expect, it } from 'vitest';
import { officialEniMaxPods } from '../../test/catalog/eni-max-pods.js';
import { findInstanceType, type InstanceType, loadCatalog } from '../catalog/index.js';
import { computeMaxPods } from './maxpods.js';

const catalog = loadCatalog();
const all = Object.values(catalog.instanceTypes);
const official = officialEniMaxPods();
const type = (name: string): InstanceType => {
  const t = findInstanceType(catalog, name);
  if (!t) throw new Error(`${name} is not in the catalog`);
  return t;
};

describe('computeMaxPods, default mode (eni-max-pods.txt)', () => {
  it('equals the official VPC CNI table for every type in it', () => {
    expect(official.size).toBe(1391);
    const mismatches: string[] = [];
    for (const [name, expected] of official) {
      const t = findInstanceType(catalog, name);
      const got = t ? computeMaxPods(t).maxPods : 'missing';
      if (got !== expected) mismatches.push(`${name}: ${got} != ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('is uncapped: large types keep their full value', () => {
    expect(computeMaxPods(type('m5.large')).maxPods).toBe(29);
    expect(computeMaxPods(type('m5.24xlarge')).maxPods).toBe(737);
    expect(computeMaxPods(type('m5.24xlarge')).cap).toBeNull();
  });

  it('counts only the default network card of a multi-card type', () => {
    const p5 = type('p5.48xlarge');
    expect(p5.networkCards).toBe(32);
    expect(computeMaxPods(p5)).toMatchObject({ enis: 2, maxPods: 100 });
  });

  it('reports a type without ENI data as unknown', () => {
    const r = computeMaxPods(type('p2.xlarge'));
    expect(r.maxPods).toBeNull();
    expect(r.notes[0]).toMatch(/no ENI data/);
  });

  it('shows branch ENIs (pod-eni) beside, and none for types that cannot trunk', () => {
    expect(computeMaxPods(type('m5.large')).podEni).toBe(9);
    expect(computeMaxPods(type('c4.large')).podEni).toBeNull();
    expect(computeMaxPods(type('c4.large')).steps.at(-1)).toMatch(/not supported/);
  });

  it('explains the arithmetic', () => {
    expect(computeMaxPods(type('m5.large')).steps).toEqual([
      'ENIs on the default network card: 3; IPv4 addresses per ENI: 10; vCPUs: 2; hypervisor: nitro',
      "secondary IPs: one pod per secondary address, the primary address of each ENI is the node's: 3 × (10 − 1) + 2 = 29",
      'the + 2 counts the host-network pods (aws-node, kube-proxy) that need no pod address',
      "no cap: this is the eni-max-pods.txt value, which AL2023's nodeadm also sets",
      'security groups for pods: 9 branch ENIs (vpc.amazonaws.com/pod-eni), counted separately from max pods',
    ]);
  });
});

describe('computeMaxPods --prefix-delegation', () => {
  it('m5.large: 3 × 9 × 16 + 2 = 434, capped at 110', () => {
    const r = computeMaxPods(type('m5.large'), { prefixDelegation: true });
    expect(r).toMatchObject({ mode: 'prefix-delegation', uncappedMaxPods: 434, cap: 110, maxPods: 110 });
  });

  it('follows the rule for every Nitro type (expected computed here from the instance fields)', () => {
    const nitro = all.filter(
      (t) => t.hypervisor === 'nitro' && t.defaultCardMaxEnis !== null && t.ipv4PerEni !== null,
    );
    expect(nitro.length).toBeGreaterThan(1000);
    const wrong: string[] = [];
    for (const t of nitro) {
      const uncapped = t.defaultCardMaxEnis! * (t.ipv4PerEni! - 1) * 16 + 2;
      const expected = t.vcpu === null ? uncapped : Math.min(uncapped, t.vcpu <= 30 ? 110 : 250);
      const r = computeMaxPods(t, { prefixDelegation: true });
      if (r.maxPods !== expected || r.mode !== 'prefix-delegation')
        wrong.push(`${t.instanceType}: ${r.maxPods} != ${expected}`);
    }
    expect(wrong).toEqual([]);
  });

  it('applies to bare metal (as the VPC CNI does) and says the old script did not', () => {
    const metal = type('m5.metal');
    expect(metal.hypervisor).toBe('unknown');
    const r = computeMaxPods(metal, { prefixDelegation: true });
    // 15 × (49 × 16) + 2 = 11,762, capped at 250 for 96 vCPUs.
    expect(r).toMatchObject({ mode: 'prefix-delegation', uncappedMaxPods: 11762, cap: 250, maxPods: 250 });
    expect(r.notes.join(' ')).toMatch(
      /bare-metal.*max-pods-calculator\.sh.*never applied prefix delegation to \.metal types \(it would have started from 737\)/,
    );
  });

  it('falls back to secondary IPs on Xen, still capped', () => {
    const r = computeMaxPods(type('c4.8xlarge'), { prefixDelegation: true });
    // 8 × 29 + 2 = 234 ≤ 250 for 36 vCPUs.
    expect(r).toMatchObject({ mode: 'secondary-ip', uncappedMaxPods: 234, cap: 250, maxPods: 234 });
    expect(r.notes[0]).toMatch(/falls back to secondary IPs/);
    expect(computeMaxPods(type('m4.large'), { prefixDelegation: true }).maxPods).toBe(20);
  });

  it('--max-allowed leaves the value uncapped', () => {
    expect(computeMaxPods(type('m5.large'), { prefixDelegation: true, maxAllowed: true })).toMatchObject({
      maxPods: 434,
      cap: null,
    });
  });

  it('a type with unknown vCPUs is reported and left uncapped', () => {
    const flex = type('m7g-flex.large');
    expect(flex.vcpu).toBeNull();
    const r = computeMaxPods(flex, { prefixDelegation: true });
    expect(r.cap).toBeNull();
    expect(r.maxPods).toBe(flex.defaultCardMaxEnis! * (flex.ipv4PerEni! - 1) * 16 + 2);
    expect(r.notes.join(' ')).toMatch(/vCPU count of this type is unknown/);
  });
});

describe('computeMaxPods --custom-networking and --cni-max-eni', () => {
  it('custom networking: one ENI fewer, capped', () => {
    // m5.xlarge: 4 ENIs × 15 IPs. (4 − 1) × 14 + 2 = 44.
    expect(computeMaxPods(type('m5.xlarge'), { customNetworking: true })).toMatchObject({
      enisForPods: 3,
      maxPods: 44,
      cap: 110,
    });
    // m5.24xlarge: (15 − 1) × 49 + 2 = 688, capped at 250.
    expect(computeMaxPods(type('m5.24xlarge'), { customNetworking: true })).toMatchObject({
      uncappedMaxPods: 688,
      maxPods: 250,
    });
  });

  it('custom networking with prefix delegation', () => {
    // m5.large: (3 − 1) × 9 × 16 + 2 = 290 → 110.
    expect(
      computeMaxPods(type('m5.large'), { customNetworking: true, prefixDelegation: true }),
    ).toMatchObject({
      uncappedMaxPods: 290,
      maxPods: 110,
    });
  });

  it('a one-ENI type has nothing left for pods under custom networking', () => {
    const one = all.find((t) => t.defaultCardMaxEnis === 1 && t.ipv4PerEni !== null);
    expect(one).toBeDefined();
    const r = computeMaxPods(one!, { customNetworking: true });
    expect(r.maxPods).toBe(2);
    expect(r.notes.join(' ')).toMatch(/no ENI left for pods/);
  });

  it('--cni-max-eni N: at most N ENIs, then custom networking, then the cap', () => {
    expect(computeMaxPods(type('m5.24xlarge'), { cniMaxEni: 4 })).toMatchObject({
      enisForPods: 4,
      maxPods: 4 * 49 + 2,
      cap: 250,
    });
    expect(computeMaxPods(type('m5.large'), { cniMaxEni: 8 })).toMatchObject({ enisForPods: 3, maxPods: 29 });
    expect(computeMaxPods(type('m5.24xlarge'), { cniMaxEni: 4, customNetworking: true })).toMatchObject({
      enisForPods: 3,
      maxPods: 3 * 49 + 2,
    });
    expect(computeMaxPods(type('m5.24xlarge'), { cniMaxEni: 12, maxAllowed: true })).toMatchObject({
      maxPods: 12 * 49 + 2,
      cap: null,
    });
  });
});
