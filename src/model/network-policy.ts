// What a Calico or Cilium policy uses beyond Kubernetes NetworkPolicy: the parts that only that engine enforces,
// and the parts a rewrite to NetworkPolicy (enforced by the VPC CNI network policy agent) cannot keep.
// Sources: Calico "NetworkPolicy" / "GlobalNetworkPolicy" resource references (actions, http, serviceAccounts, order,
// tier, preDNAT, applyOnForward, doNotTrack); Cilium "Layer 3/4/7 policy" and "Host firewall" docs (toFQDNs,
// toPorts.rules, entities, nodeSelector, icmps, ingressDeny/egressDeny).
import { isRecord } from './kinds.js';
import type { KubeObject } from './types.js';

/** Every object and array below `value`, depth first, with the key it sits under. */
function* walk(value: unknown, key = ''): Generator<[string, unknown]> {
  yield [key, value];
  if (Array.isArray(value)) for (const v of value) yield* walk(v, key);
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) yield* walk(v, k);
}

function keysOf(spec: unknown): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const [k, v] of walk(spec)) if (k) out.set(k, [...(out.get(k) ?? []), v]);
  return out;
}

/** Features of a CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy that NetworkPolicy lacks. */
export function ciliumFeatures(obj: KubeObject): string[] {
  const specs = [obj.spec, ...(Array.isArray(obj.specs) ? obj.specs : [])].filter(isRecord);
  const keys = keysOf(specs);
  const found: string[] = [];
  if (keys.has('toFQDNs')) found.push('DNS-name egress rules (toFQDNs)');
  const l7 = (keys.get('rules') ?? []).some(
    (r) => isRecord(r) && ['http', 'dns', 'kafka', 'l7', 'l7proto'].some((k) => k in r),
  );
  if (l7) found.push('layer 7 rules (HTTP, DNS or Kafka)');
  if (specs.some((s) => s.nodeSelector !== undefined))
    found.push('host firewall rules for nodes (nodeSelector)');
  if (keys.has('fromEntities') || keys.has('toEntities')) found.push('entities (world, cluster, host, …)');
  if (keys.has('ingressDeny') || keys.has('egressDeny')) found.push('deny rules');
  if (keys.has('icmps')) found.push('ICMP rules');
  if (keys.has('fromRequires') || keys.has('toRequires')) found.push('requirement rules');
  if (keys.has('toServices')) found.push('rules on Services (toServices)');
  return found;
}

/** Features of a Calico (Global)NetworkPolicy that NetworkPolicy lacks. */
export function calicoFeatures(obj: KubeObject): string[] {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const keys = keysOf(spec);
  const found: string[] = [];
  if (obj.kind?.includes('Global')) found.push('cluster-wide scope');
  const actions = new Set(
    (keys.get('action') ?? []).filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase()),
  );
  const special = ['deny', 'log', 'pass'].filter((a) => actions.has(a));
  if (special.length) found.push(`${special.map((a) => a[0]?.toUpperCase() + a.slice(1)).join('/')} actions`);
  if (keys.has('http')) found.push('HTTP match rules (application layer policy)');
  if (keys.has('serviceAccounts') || keys.has('serviceAccountSelector'))
    found.push('service-account selectors');
  if (spec.order !== undefined || spec.tier !== undefined) found.push('policy order or tiers');
  if (spec.preDNAT === true || spec.applyOnForward === true || spec.doNotTrack === true)
    found.push('host endpoint options (preDNAT, applyOnForward, doNotTrack)');
  if (keys.has('notNets') || keys.has('notSelector') || keys.has('notPorts'))
    found.push('negative matches (not…)');
  return found;
}
