// Typed, validated views over the hand-assembled translation tables (cloud-equivalence.json and
// lb-annotations.json). The loader keeps those tables loose; rules read them only through here, so a
// broken table fails once with the table and field named instead of deep inside a rule.
import { z } from 'zod';
import { CatalogError } from './errors.js';
import type { Catalog } from './index.js';

const storageProvisionerSchema = z.object({
  provisioner: z.string(),
  platform: z.string(),
  storageKind: z.string(),
  accessModes: z.array(z.string()),
  eksEquivalent: z.string(),
  notes: z.string().default(''),
  sources: z.array(z.string()).default([]),
});
export type StorageProvisionerFact = z.infer<typeof storageProvisionerSchema>;

const annotationEquivalentSchema = z.object({
  platform: z.string(),
  resource: z.string(),
  annotation: z.string(),
  value: z.string(),
  meaning: z.string(),
  /** EKS/LBC annotation (or field) -> value; null when EKS has nothing comparable. */
  eks: z.record(z.string(), z.string()).nullable(),
  notes: z.string().optional(),
});
export type AnnotationEquivalent = z.infer<typeof annotationEquivalentSchema>;

const workloadIdentitySchema = z.object({
  platform: z.string(),
  mechanism: z.string(),
  object: z.string(),
  annotation: z.string(),
  value: z.string().optional(),
  extra: z.record(z.string(), z.string()).optional(),
  // Absent on the EKS (IRSA) entry itself.
  eks: z.object({ annotation: z.string(), value: z.string().optional(), mechanism: z.string() }).optional(),
  eksAlternative: z.string().optional(),
  relatedAnnotations: z.record(z.string(), z.string()).optional(),
  notes: z.string().optional(),
});
export type WorkloadIdentityMapping = z.infer<typeof workloadIdentitySchema>;

const cloudEquivalenceSchema = z.object({
  storageProvisioners: z.array(storageProvisionerSchema),
  eksDefaultStorageClasses: z.object({ gp2: z.string(), recommended: z.string(), autoMode: z.string() }),
  annotationEquivalents: z.array(annotationEquivalentSchema),
  workloadIdentity: z.array(workloadIdentitySchema),
});

const lbAnnotationSchema = z.object({
  annotation: z.string(),
  resource: z.enum(['Service', 'Ingress']),
  appliesTo: z.array(z.string()),
  type: z.string().nullable(),
  allowedValues: z.array(z.string()).nullable(),
  default: z.string().nullable(),
  deprecated: z.boolean(),
  notes: z.string().nullable(),
  summary: z.string().nullable(),
  docAnchor: z.string().nullable(),
});
export type LbAnnotationFact = z.infer<typeof lbAnnotationSchema>;

const lbAnnotationsSchema = z.object({
  annotations: z.array(lbAnnotationSchema),
  legacyServiceHandling: z.object({
    description: z.string().optional(),
    rules: z.array(z.object({ condition: z.string(), handledBy: z.string(), result: z.string() })),
    notes: z.array(z.string()).default([]),
    sources: z.array(z.string()).default([]),
  }),
});
export type LegacyServiceHandling = z.infer<typeof lbAnnotationsSchema>['legacyServiceHandling'];

interface Views {
  equivalence: z.infer<typeof cloudEquivalenceSchema>;
  lb: z.infer<typeof lbAnnotationsSchema>;
  lbByName: Map<string, LbAnnotationFact>;
}

const cache = new WeakMap<Catalog, Views>();

function parseTable<T extends z.ZodType>(table: string, schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CatalogError(`data/${table}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

function views(catalog: Catalog): Views {
  let v = cache.get(catalog);
  if (!v) {
    const equivalence = parseTable(
      'cloud-equivalence.json',
      cloudEquivalenceSchema,
      catalog.cloudEquivalence,
    );
    const lb = parseTable('lb-annotations.json', lbAnnotationsSchema, catalog.lbAnnotations);
    v = { equivalence, lb, lbByName: new Map(lb.annotations.map((a) => [a.annotation, a])) };
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
