// IPv4 CIDR arithmetic for subnet planning. Parsing and validation come from ip-address; the carving
// (aligned blocks, first fit) is ours. Addresses are plain numbers (0 … 2^32 − 1).
import { Address4 } from 'ip-address';

export interface Cidr {
  /** First address, as a number. */
  base: number;
  prefix: number;
}

/** AWS keeps five addresses of every subnet (network, router, DNS, future use, broadcast). */
export const AWS_RESERVED_PER_SUBNET = 5;

export function sizeOf(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

/** Parses `10.0.0.0/16`; undefined when it is not an IPv4 CIDR. The base is aligned to the prefix. */
export function parseCidr(text: string): Cidr | undefined {
  if (!Address4.isValid(text) || !text.includes('/')) return undefined;
  const address = new Address4(text);
  const base = Number(address.startAddress().bigInt());
  return { base, prefix: address.subnetMask };
}

/** A single address as a /32. */
export function parseAddress(text: string): Cidr | undefined {
  if (!Address4.isValid(text) || text.includes('/')) return undefined;
  return { base: Number(new Address4(text).bigInt()), prefix: 32 };
}

export function formatCidr(c: Cidr): string {
  const b = c.base;
  return `${(b >>> 24) & 255}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + sizeOf(b) && b.base < a.base + sizeOf(a);
}

/** The smallest CIDR holding every given range. */
export function covering(ranges: readonly Cidr[]): Cidr | undefined {
  if (!ranges.length) return undefined;
  const low = Math.min(...ranges.map((r) => r.base));
  const high = Math.max(...ranges.map((r) => r.base + sizeOf(r) - 1));
  let prefix = 32;
  while (prefix > 0) {
    const size = 2 ** (32 - prefix);
    const base = Math.floor(low / size) * size;
    if (base + size - 1 >= high) return { base, prefix };
    prefix--;
  }
  return { base: 0, prefix: 0 };
}

/** The longest prefix whose subnet holds `addresses` usable addresses after AWS's reserved five. */
export function prefixFor(addresses: number, longest = 28): number {
  let prefix = longest;
  while (prefix > 0 && 2 ** (32 - prefix) - AWS_RESERVED_PER_SUBNET < addresses) prefix--;
  return prefix;
}

/**
 * Places blocks of the given prefixes inside `within`, largest first, each aligned to its size, first fit.
 * Returns the blocks in the order asked, or undefined when they do not fit.
 */
export function carve(within: Cidr, prefixes: readonly number[]): Cidr[] | undefined {
  const order = prefixes.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const out: Cidr[] = new Array(prefixes.length);
  let next = within.base;
  const end = within.base + sizeOf(within);
  for (const { p, i } of order) {
    if (p < within.prefix) return undefined;
    const size = 2 ** (32 - p);
    const base = Math.ceil(next / size) * size;
    if (base + size > end) return undefined;
    out[i] = { base, prefix: p };
    next = base + size;
  }
  return out;
}
