// What a CoreDNS Corefile changes from the default (extra server blocks, plugins, other upstreams) and where
// it forwards names: the control-plane rule reports it; the EKS coredns add-on configuration must carry it.
import { DEFAULT_COREFILE_PLUGINS } from './control-plane.table.js';

/** A zone the Corefile sends to other DNS servers than the VPC resolver: a stub domain or a forward rule. */
export interface DnsForward {
  zone: string;
  upstreams: string[];
}

interface CorefileZone extends DnsForward {
  /** A server block of its own, or a `forward <zone>` line inside another block. */
  how: 'server block' | 'forward rule';
  isDefault: boolean;
}

/** Custom parts of a Corefile (extra server blocks, plugins beyond the default set, other upstreams) and its forwards. */
export function corefileAnalysis(corefile: string): { custom: string[]; forwards: DnsForward[] } {
  const plugins: string[] = [];
  const zones: CorefileZone[] = [];
  let block: CorefileZone | undefined;
  let depth = 0;
  for (const raw of corefile.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const opens = (line.match(/\{/g) ?? []).length;
    const closes = (line.match(/\}/g) ?? []).length;
    if (depth === 0 && opens > 0) {
      const zone = line.replace(/\{.*$/, '').trim();
      block = { zone, upstreams: [], how: 'server block', isDefault: /^\.(:53)?$/.test(zone) };
      zones.push(block);
    } else if (depth === 1 && block) {
      const [plugin = '', from = '', ...to] = line.replace(/[{}]/g, ' ').trim().split(/\s+/);
      if (plugin && !DEFAULT_COREFILE_PLUGINS.has(plugin)) plugins.push(`plugin ${plugin}`);
      const upstreams = to.filter((a) => a !== '/etc/resolv.conf');
      if ((plugin === 'forward' || plugin === 'proxy') && upstreams.length) {
        // `forward . X` forwards everything the block serves; `forward sub.zone X` only that name.
        if (from === '.') block.upstreams.push(...upstreams);
        else zones.push({ zone: from, upstreams, how: 'forward rule', isDefault: false });
      }
    }
    depth = Math.max(0, depth + opens - closes);
  }
  const forwards = zones.filter((z) => z.upstreams.length > 0 || !z.isDefault);
  const custom = forwards.map((z) => {
    if (z.isDefault) return `upstream ${z.upstreams.join(' ')} for all other names`;
    const to = z.upstreams.length ? ` (forwards to ${z.upstreams.join(' ')})` : '';
    return `${z.how} ${z.zone}${to}`;
  });
  return {
    custom: [...new Set([...custom, ...plugins])],
    forwards: forwards.filter((z) => z.upstreams.length).map(({ zone, upstreams }) => ({ zone, upstreams })),
  };
}

/** Custom parts of a Corefile, in words. */
export function corefileCustomizations(corefile: string): string[] {
  return corefileAnalysis(corefile).custom;
}
