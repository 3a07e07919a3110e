import { describe, expect, it } from 'vitest';
import { carve, covering, formatCidr, overlaps, parseAddress, parseCidr, prefixFor } from './cidr.js';
import { nodeAddresses } from './network.js';

const c = (text: string) => parseCidr(text)!;

describe('cidr', () => {
  it('parses, aligns and prints IPv4 CIDRs, and rejects what is not one', () => {
    expect(formatCidr(c('10.0.3.7/16'))).toBe('10.0.0.0/16');
    expect(parseCidr('10.0.0.0')).toBeUndefined();
    expect(parseCidr('fd00::/8')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseAddress('10.4.0.10')).toEqual({ base: 0x0a04000a, prefix: 32 });
  });

  it('tells overlapping ranges apart', () => {
    expect(overlaps(c('10.0.0.0/16'), c('10.0.1.0/24'))).toBe(true);
    expect(overlaps(c('10.1.0.0/16'), c('10.0.1.0/24'))).toBe(false);
    expect(formatCidr(covering([parseAddress('10.4.0.10')!, parseAddress('10.4.0.15')!])!)).toBe(
      '10.4.0.8/29',
    );
  });

  it('sizes a subnet after the five addresses AWS keeps', () => {
    expect(prefixFor(11)).toBe(28);
    expect(prefixFor(12)).toBe(27);
    expect(prefixFor(251)).toBe(24);
    expect(prefixFor(252)).toBe(23);
  });

  it('carves aligned blocks largest first, in the order asked, or says they do not fit', () => {
    expect(carve(c('10.0.0.0/22'), [26, 24, 24])?.map(formatCidr)).toEqual([
      '10.0.2.0/26',
      '10.0.0.0/24',
      '10.0.1.0/24',
    ]);
    expect(carve(c('10.0.0.0/24'), [25, 25, 25])).toBeUndefined();
  });
});

describe('node addresses', () => {
  it('counts the warm ENI in secondary-IP mode (m5.large: 3 ENIs × 10 addresses)', () => {
    // 12 pods need 2 ENIs (9 slots each); WARM_ENI_TARGET=1 attaches a third: 30 addresses, 15 idle.
    expect(nodeAddresses(12, 10, 3, false)).toEqual({ used: 30, warm: 15 });
    // Never more ENIs than the type has, and nothing idle once they are full.
    expect(nodeAddresses(40, 10, 3, false)).toEqual({ used: 30, warm: 0 });
  });

  it('counts one warm /28 with prefix delegation', () => {
    // 20 pods take two /28s, WARM_PREFIX_TARGET=1 a third: 48 + 1 primary address.
    expect(nodeAddresses(20, 15, 4, true)).toEqual({ used: 49, warm: 28 });
  });
});
