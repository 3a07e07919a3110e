// Typed, validated views over the hand-assembled translation tables (cloud-equivalence.json and
// lb-annotations.json). The loader keeps those tables loose; rules read them only through here, so a
// broken table fails once with the table and field named instead of deep inside a rule.

import type { EquivalenceViews as Views } from './equivalence-tables.js';
import type { Catalog } from './index.js';

export type {
  AnnotationEquivalent,
  LbAnnotationFact,
  LegacyServiceHandling,
  StorageProvisionerFact,
  WorkloadIdentityMapping,
} from './equivalence-tables.js';

import type {
  AnnotationEquivalent,
  LbAnnotationFact,
  LegacyServiceHandling,
  StorageProvisionerFact,
  WorkloadIdentityMapping,
} from './equivalence-tables.js';

/** The tables' checks (they need zod): handed over by ./index.ts, which every catalog comes from. */
let check: ((catalog: Catalog) => Views) | undefined;

export function useEquivalenceChecks(checkTables: (catalog: Catalog) => Views): void {
  check = checkTables;
}

const cache = new WeakMap<Catalog, Views>();

function views(catalog: Catalog): Views {
  let v = cache.get(catalog);
  if (!v) {
    if (!check) throw new Error('the catalog tables are read before src/catalog/index.ts was loaded');
    v = check(catalog);
    cache.set(catalog, v);
  }
  return v;
}

/** Every storage provisioner the table knows, as written there. */
export function storageProvisioners(catalog: Catalog): readonly StorageProvisionerFact[] {
  return views(catalog).equivalence.storageProvisioners;
}

/**
 * The table's entry for a provisioner (or CSI driver) name. Entries naming several spellings
 * ("kubernetes.io/cinder / cinder.csi.openstack.org") match each; Ceph CSI names are
 * `<operator-namespace>.rbd.csi.ceph.com`, so those match by suffix.
 */
export function provisionerInfo(catalog: Catalog, provisioner: string): StorageProvisionerFact | undefined {
  const name = provisioner.trim();
  for (const entry of storageProvisioners(catalog)) {
    const spellings = entry.provisioner.split(' / ').map((s) => s.trim());
    if (spellings.includes(name)) return entry;
  }
  for (const entry of storageProvisioners(catalog)) {
    const cephSuffix = /^rook-ceph(\.(?:rbd|cephfs)\.csi\.ceph\.com)$/.exec(entry.provisioner)?.[1];
    if (cephSuffix && name.endsWith(cephSuffix)) return entry;
  }
  return undefined;
}

/** What EKS creates by default for storage (gp2 behaviour, Auto Mode), from the EKS user guide. */
export function eksDefaultStorageClasses(
  catalog: Catalog,
): Readonly<Views['equivalence']['eksDefaultStorageClasses']> {
  return views(catalog).equivalence.eksDefaultStorageClasses;
}

/** Annotation translations, optionally narrowed to a platform (GKE, AKS, …) and resource kind. */
export function annotationEquivalents(
  catalog: Catalog,
  platform?: string,
  resource?: string,
): readonly AnnotationEquivalent[] {
  return views(catalog).equivalence.annotationEquivalents.filter(
    (a) => (!platform || a.platform === platform) && (!resource || a.resource === resource),
  );
}

/**
 * The translation of one annotation key. Entries that name two spellings
 * ("kubernetes.io/ingress.class / spec.ingressClassName") or a pair ("…/canary + canary-weight") match
 * their first key. When several entries share a key (the ingress class per value), `value` picks one.
 */
export function annotationEquivalent(
  catalog: Catalog,
  annotation: string,
  options: { resource?: string; value?: string } = {},
): AnnotationEquivalent | undefined {
  const candidates = views(catalog).equivalence.annotationEquivalents.filter((a) => {
    if (options.resource && a.resource !== options.resource) return false;
    const key = a.annotation.split(/ \/ | \+ /)[0]?.trim();
    return key === annotation;
  });
  if (candidates.length <= 1 || options.value === undefined) return candidates[0];
  const wanted = options.value.trim().toLowerCase();
  return (
    candidates.find((a) =>
      a.value
        .split('|')
        .map((v) => v.trim().toLowerCase())
        .includes(wanted),
    ) ?? candidates[0]
  );
}

/** Workload identity mechanisms of other platforms and their EKS counterparts (IRSA, Pod Identity). */
export function workloadIdentityMappings(catalog: Catalog): readonly WorkloadIdentityMapping[] {
  return views(catalog).equivalence.workloadIdentity;
}

/** The mapping whose annotation (or label, written `label <name>`) is `key`. */
export function workloadIdentityMapping(catalog: Catalog, key: string): WorkloadIdentityMapping | undefined {
  return workloadIdentityMappings(catalog).find(
    (m) => m.annotation === key || m.annotation === `label ${key}`,
  );
}

/** One AWS Load Balancer Controller annotation, by its full name. */
export function lbAnnotation(catalog: Catalog, name: string): LbAnnotationFact | undefined {
  return views(catalog).lbByName.get(name);
}

/** Every LBC annotation documented for a resource kind. */
export function lbAnnotations(
  catalog: Catalog,
  resource?: 'Service' | 'Ingress',
): readonly LbAnnotationFact[] {
  return views(catalog).lb.annotations.filter((a) => !resource || a.resource === resource);
}

/** How the LBC and the legacy in-tree provider split `type: LoadBalancer` Services. */
export function legacyServiceHandling(catalog: Catalog): LegacyServiceHandling {
  return views(catalog).lb.legacyServiceHandling;
}

/** Throws a CatalogError when either table does not have the expected shape (used by tests and `catalog info`). */
export function validateEquivalence(catalog: Catalog): void {
  views(catalog);
}
