// The checks of the hand-assembled translation tables (cloud-equivalence.json, lb-annotations.json), apart
// from their readers in ./equivalence.ts: zod loads with the catalog (./index.ts hands these checks over),
// never with the rule registry alone (`kube2eks rules`, test/e2e/lazy-start.test.ts).
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

export interface EquivalenceViews {
  equivalence: z.infer<typeof cloudEquivalenceSchema>;
  lb: z.infer<typeof lbAnnotationsSchema>;
  lbByName: Map<string, LbAnnotationFact>;
}

function parseTable<T extends z.ZodType>(table: string, schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CatalogError(`data/${table}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** The tables of a catalog, checked and typed. */
export function checkEquivalenceTables(catalog: Catalog): EquivalenceViews {
  const equivalence = parseTable('cloud-equivalence.json', cloudEquivalenceSchema, catalog.cloudEquivalence);
  const lb = parseTable('lb-annotations.json', lbAnnotationsSchema, catalog.lbAnnotations);
  return { equivalence, lb, lbByName: new Map(lb.annotations.map((a) => [a.annotation, a])) };
}
