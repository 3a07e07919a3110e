// One row per namespace (objects, blockers, warnings, stateful or not, what it depends on): the table a team
// cuts the move into waves with. Pure over the inventory and the findings.
import { getPath, isRecord } from '../model/kinds.js';
import { dottedStringsIn, podFactsOf } from '../model/pod-facts.js';
import type { Finding, Inventory, NamespaceSummary } from '../model/types.js';

/** `name.namespace` before `.svc`, a port, a path or the end: how pods call a Service of another namespace. */
const SERVICE_HOST =
  /\b([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)(\.svc\b)?(?=$|[.:/\s"',;@?])/g;

const NO_NAMESPACES: readonly string[] = [];

/** The namespace's row, created empty on first use. */
function rowOf(rows: Map<string, NamespaceSummary>, namespace: string): NamespaceSummary {
  let r = rows.get(namespace);
  if (!r) {
    r = { namespace, objects: 0, blocker: 0, warning: 0, info: 0, stateful: false, dependsOn: [] };
    rows.set(namespace, r);
  }
  return r;
}

/**
 * The namespaces of the input with their counts, whether they hold persistent data, and the other namespaces
 * their workloads reach: Service DNS names (`svc.ns`, `svc.ns.svc.cluster.local`) in pod specs and ConfigMaps,
 * and RoleBindings that grant their ServiceAccounts rights elsewhere. Secrets are never read.
 * Cluster-scoped objects are the row `""`, which every wave needs first.
 */
export function summarizeNamespaces(
  inventory: Inventory,
  findings: readonly Finding[],
  facts: NamespaceFacts = namespaceFacts(inventory),
): NamespaceSummary[] {
  const rows = new Map<string, NamespaceSummary>();
  for (const [namespace, r] of facts.rows) rows.set(namespace, { ...r, dependsOn: [...r.dependsOn] });
  const row = (namespace: string) => rowOf(rows, namespace);
  for (const f of findings) {
    const r = row(f.resource.namespace ?? '');
    r[f.severity]++;
    // The data a namespace holds, as storage/pv-data sums it (claims bound through PersistentVolumes too).
    if (f.ruleId === 'storage/pv-data' && Array.isArray(f.data?.volumes)) {
      for (const v of f.data.volumes) {
        const ns = isRecord(v) && isRecord(v.resource) ? v.resource.namespace : undefined;
        if (typeof ns === 'string' && rows.has(ns)) row(ns).stateful = true;
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.namespace.localeCompare(b.namespace));
}

/** What the namespace table takes from the inventory alone (the parallel pipeline builds it while rules run). */
export interface NamespaceFacts {
  rows: ReadonlyMap<string, NamespaceSummary>;
}

export function namespaceFacts(inventory: Inventory): NamespaceFacts {
  const rows = new Map<string, NamespaceSummary>();
  const row = (namespace: string) => rowOf(rows, namespace);
  const services = new Set<string>();
  for (const { ref } of inventory.objects) {
    // Rows sum to the object count: a Namespace object is cluster-scoped, but names a row of its own.
    if (ref.kind === 'Namespace') row(ref.name);
    row(ref.namespace ?? '').objects++;
    if (ref.kind === 'Service' && ref.namespace) services.add(`${ref.name}.${ref.namespace}`);
  }
  for (const { object, ref } of inventory.objects) {
    if (!ref.namespace) continue;
    const r = row(ref.namespace);
    if (ref.kind === 'PersistentVolumeClaim') r.stateful = true;
    if (ref.kind === 'StatefulSet') {
      const templates = getPath(object, ['spec', 'volumeClaimTemplates']);
      if (Array.isArray(templates) && templates.length > 0) r.stateful = true;
    }
  }

  // A dump repeats the same values (env, args) in every Pod and ReplicaSet of a workload: each text once.
  const named = new Map<string, readonly string[]>();
  const namespacesNamedIn = (text: string): readonly string[] => {
    let out = named.get(text);
    if (!out) {
      const found: string[] = [];
      for (const [, name, ns, svc] of text.matchAll(SERVICE_HOST)) {
        // Without `.svc`, only a Service the input holds counts: `acme.example` is not a namespace reference.
        if (ns && (svc || services.has(`${name}.${ns}`))) found.push(ns);
      }
      // Most texts name none: they share one empty list.
      out = found.length > 0 ? found : NO_NAMESPACES;
      named.set(text, out);
    }
    return out;
  };
  const depends = new Map<string, Set<string>>();
  const dependOn = (from: string, to: string) => {
    if (from === to || !rows.has(to)) return;
    const set = depends.get(from) ?? new Set<string>();
    set.add(to);
    depends.set(from, set);
  };
  for (const { object, ref } of inventory.objects) {
    const namespace = ref.namespace;
    if (!namespace) continue;
    let texts: string[] | undefined;
    if (ref.kind === 'ConfigMap') texts = dottedStringsIn(object.data, []);
    else texts = podFactsOf(object)?.dottedTexts;
    if (texts) for (const text of texts) for (const ns of namespacesNamedIn(text)) dependOn(namespace, ns);
    if ((ref.kind === 'RoleBinding' || ref.kind === 'ClusterRoleBinding') && Array.isArray(object.subjects)) {
      for (const s of object.subjects) {
        if (!isRecord(s) || s.kind !== 'ServiceAccount' || typeof s.namespace !== 'string') continue;
        // The ServiceAccount's namespace needs the rights this namespace grants it.
        dependOn(s.namespace, namespace);
      }
    }
  }

  for (const [from, to] of depends) row(from).dependsOn = [...to].sort();
  return { rows };
}
