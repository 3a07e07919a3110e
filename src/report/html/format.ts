// Number formatting of the HTML report. Everything is en-US so the page reads the same everywhere.

/** `$1,681.92`. */
export function usd(amount: number): string {
  return amount.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}

/** 0.714 → `71%`. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** `12,345`. */
export function int(n: number): string {
  return n.toLocaleString('en-US');
}

/** Addresses in an IPv4 CIDR block (`10.0.0.0/19` → 8192); undefined when not one. */
export function cidrSize(cidr: string): number | undefined {
  const m = /^\d{1,3}(?:\.\d{1,3}){3}\/(\d{1,2})$/.exec(cidr.trim());
  if (!m) return undefined;
  const bits = Number(m[1]);
  return bits <= 32 ? 2 ** (32 - bits) : undefined;
}

/** `1 access entry`, `2 access entries`. */
export function nouns(n: number, singular: string, plural: string): string {
  return `${int(n)} ${n === 1 ? singular : plural}`;
}
