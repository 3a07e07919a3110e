// What part 2 of the plan needs to know about the source, read once: load balancers, Ingresses, HPAs,
// NetworkPolicies, claims, the service account of each workload, and the source's address ranges.
// Facts the rules already derive (LB scheme, storage targets, identities, access entries, add-ons) come
// from `finding.data`; the caller passes the findings of every rule, whatever the user disabled.
import { getPath, isRecord, replicasOf } from '../model/kinds.js';
import { INTERNAL_HINTS, LBC_SCHEME } from '../model/load-balancer.table.js';
import type { Finding, Inventory, InventoryObject } from '../model/types.js';
import { countedWorkloads } from '../model/workloads.js';
import { type Cidr, covering, parseAddress, parseCidr } from './cidr.js';

export interface LoadBalancerFacts {
  /** LoadBalancer Services (each an NLB on EKS), by scheme. */
  nlbInternetFacing: number;
  nlbInternal: number;
  /** Ingresses an ALB would serve, by scheme. */
  ingressInternetFacing: number;
  ingressInternal: number;
}

function byKindIn(inventory: Inventory, kinds: ReadonlySet<string>): InventoryObject[] {
  return inventory.objects.filter((o) => kinds.has(o.ref.kind));
}

const key = (o: { ref: { kind: string; namespace?: string; name: string } }) =>
  `${o.ref.namespace ?? ''}/${o.ref.kind}/${o.ref.name}`;

export function loadBalancerFacts(inventory: Inventory, findings: readonly Finding[]): LoadBalancerFacts {
  const schemeOf = new Map<string, string>();
  for (const f of findings) {
    if (f.ruleId === 'lb/service' && typeof f.data?.scheme === 'string')
      schemeOf.set(key({ ref: f.resource }), f.data.scheme);
  }
  const facts: LoadBalancerFacts = {
    nlbInternetFacing: 0,
    nlbInternal: 0,
    ingressInternetFacing: 0,
    ingressInternal: 0,
  };
  for (const item of byKindIn(inventory, new Set(['Service', 'Ingress']))) {
    const annotations = item.object.metadata?.annotations ?? {};
    if (item.ref.kind === 'Service') {
      if (getPath(item.object, ['spec', 'type']) !== 'LoadBalancer') continue;
      const internal =
        (schemeOf.get(key(item)) ?? annotations[LBC_SCHEME]) === 'internal' ||
        INTERNAL_HINTS.some(({ annotation, value }) => value.test(annotations[annotation] ?? ''));
      if (internal) facts.nlbInternal++;
      else facts.nlbInternetFacing++;
    } else {
      const className =
        getPath(item.object, ['spec', 'ingressClassName']) ?? annotations['kubernetes.io/ingress.class'];
      const internal =
        annotations['alb.ingress.kubernetes.io/scheme'] === 'internal' || className === 'gce-internal';
      if (internal) facts.ingressInternal++;
      else facts.ingressInternetFacing++;
    }
  }
  return facts;
}

export function countKind(inventory: Inventory, kind: string, groupSuffix?: string): number {
  return inventory.objects.filter(
    (o) => o.ref.kind === kind && (!groupSuffix || o.ref.apiVersion.split('/')[0]?.endsWith(groupSuffix)),
  ).length;
}

/** The service account each workload's pods run as, by `ns/Kind/name` (the placement key). */
export function serviceAccountsOfWorkloads(inventory: Inventory): Map<string, string> {
  const out = new Map<string, string>();
  // The counted workloads are the placement keys (a dump's Pods and ReplicaSets speak through their owner).
  for (const { item, pod: view } of countedWorkloads(inventory)) {
    const sa = view.spec.serviceAccountName ?? view.spec.serviceAccount;
    const ns = item.ref.namespace ?? 'default';
    out.set(
      `${ns}/${item.ref.kind}/${item.ref.name}`,
      `${ns}/${typeof sa === 'string' && sa ? sa : 'default'}`,
    );
  }
  return out;
}

export interface ClaimFact {
  /** StorageClass named, `""` when none (the cluster default applies). */
  storageClass: string;
  count: number;
  sizeGiB: number;
  accessModes: string[];
}

const GIB: Readonly<Record<string, number>> = {
  Ki: 1 / 1024 ** 2,
  Mi: 1 / 1024,
  Gi: 1,
  Ti: 1024,
  Pi: 1024 ** 2,
  K: 1e3 / 1024 ** 3,
  M: 1e6 / 1024 ** 3,
  G: 1e9 / 1024 ** 3,
  T: 1e12 / 1024 ** 3,
};

function gibOf(quantity: unknown): number {
  const m = /^(\d+(?:\.\d+)?)([KMGTP]i?)?$/.exec(String(quantity ?? '').trim());
  if (!m) return 0;
  return Number(m[1]) * (m[2] ? (GIB[m[2]] ?? 0) : 1 / 1024 ** 3);
}

function claimOf(spec: unknown, annotations: Record<string, string>, count: number): ClaimFact {
  const cls = getPath(spec, ['storageClassName']) ?? annotations['volume.beta.kubernetes.io/storage-class'];
  const modes = getPath(spec, ['accessModes']);
  return {
    storageClass: typeof cls === 'string' ? cls : '',
    count,
    sizeGiB: gibOf(getPath(spec, ['resources', 'requests', 'storage'])),
    accessModes: Array.isArray(modes) ? modes.filter((m): m is string => typeof m === 'string') : [],
  };
}

/** PersistentVolumeClaims and StatefulSet claim templates (× replicas). */
export function claimFacts(inventory: Inventory): ClaimFact[] {
  const out: ClaimFact[] = [];
  for (const item of inventory.objects) {
    if (item.ref.kind === 'PersistentVolumeClaim') {
      out.push(claimOf(item.object.spec, item.object.metadata?.annotations ?? {}, 1));
    } else if (item.ref.kind === 'StatefulSet') {
      const templates = getPath(item.object, ['spec', 'volumeClaimTemplates']);
      if (!Array.isArray(templates)) continue;
      for (const t of templates) {
        if (!isRecord(t)) continue;
        const meta = isRecord(t.metadata) ? t.metadata : {};
        const annotations = isRecord(meta.annotations) ? (meta.annotations as Record<string, string>) : {};
        out.push(claimOf(t.spec, annotations, replicasOf(item.object)));
      }
    }
  }
  return out;
}

export interface SourceRange {
  cidr: Cidr;
  what: string;
}

/** Groups single addresses by /16 and covers each group: the ranges an address list reveals. */
function coverByBlock(addresses: readonly Cidr[], what: string): SourceRange[] {
  const groups = new Map<number, Cidr[]>();
  for (const a of addresses) {
    const block = Math.floor(a.base / 65536);
    groups.set(block, [...(groups.get(block) ?? []), a]);
  }
  return [...groups.values()].flatMap((g) => {
    const c = covering(g);
    return c ? [{ cidr: c, what }] : [];
  });
}

/**
 * The source cluster's pod, service and node ranges the inventory reveals: nodes' podCIDR(s), Service
 * cluster IPs, node and pod addresses. Both clusters run side by side during the move, so the VPC must
 * not overlap them.
 */
export function sourceRanges(inventory: Inventory): SourceRange[] {
  const podCidrs: Cidr[] = [];
  const nodeIps: Cidr[] = [];
  const serviceIps: Cidr[] = [];
  const podIps: Cidr[] = [];
  const push = (list: Cidr[], value: unknown, parse: (t: string) => Cidr | undefined) => {
    if (typeof value !== 'string') return;
    const c = parse(value);
    if (c) list.push(c);
  };
  for (const item of inventory.objects) {
    const obj = item.object;
    if (item.ref.kind === 'Node') {
      push(podCidrs, getPath(obj, ['spec', 'podCIDR']), parseCidr);
      const many = getPath(obj, ['spec', 'podCIDRs']);
      if (Array.isArray(many)) for (const c of many) push(podCidrs, c, parseCidr);
      const addresses = getPath(obj, ['status', 'addresses']);
      if (Array.isArray(addresses))
        for (const a of addresses)
          if (isRecord(a) && a.type === 'InternalIP') push(nodeIps, a.address, parseAddress);
    } else if (item.ref.kind === 'Service') {
      push(serviceIps, getPath(obj, ['spec', 'clusterIP']), parseAddress);
    } else if (item.ref.kind === 'Pod' && getPath(obj, ['spec', 'hostNetwork']) !== true) {
      push(podIps, getPath(obj, ['status', 'podIP']), parseAddress);
    }
  }
  const unique = (list: Cidr[]) => [...new Map(list.map((c) => [`${c.base}/${c.prefix}`, c])).values()];
  return [
    ...unique(podCidrs).map((cidr) => ({ cidr, what: 'pod range of a source node (spec.podCIDR)' })),
    ...coverByBlock(unique(podIps), 'source pod addresses'),
    ...coverByBlock(unique(serviceIps), 'source Service cluster IPs'),
    ...coverByBlock(unique(nodeIps), 'source node addresses'),
  ];
}
