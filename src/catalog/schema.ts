// Shapes of the shipped data/ tables, validated once at load.
import { z } from 'zod';

export const provenanceSchema = z.object({
  source: z.string(),
  date: z.string(),
  notes: z.array(z.string()).default([]),
});
export type Provenance = z.infer<typeof provenanceSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const minor = z.string().regex(/^\d+\.\d+$/, 'expected a Kubernetes minor version like "1.33"');

export const eksVersionSchema = z.object({
  version: minor,
  upstreamRelease: isoDate.nullable().optional(),
  eksRelease: isoDate,
  endOfStandardSupport: isoDate,
  endOfExtendedSupport: isoDate.nullable(),
  source: z.string().optional(),
  note: z.string().optional(),
});
export type EksVersion = z.infer<typeof eksVersionSchema>;

export const eksVersionsSchema = z.object({
  policy: z
    .object({
      standardSupportMonths: z.number(),
      extendedSupportMonths: z.number(),
      controlPlanePriceUsdPerClusterHour: z.object({ standardSupport: z.number(), extendedSupport: z.number() }),
    })
    .passthrough(),
  versions: z.array(eksVersionSchema),
});
export type EksVersions = z.infer<typeof eksVersionsSchema>;

export const deprecatedApiSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  deprecatedIn: minor.nullable(),
  removedIn: minor.nullable(),
  replacement: z.string().nullable(),
  replacementAvailableIn: minor.nullable(),
  component: z.string(),
});
export type DeprecatedApi = z.infer<typeof deprecatedApiSchema>;

/** Tables kept close to their hand-assembled source; rules read them through typed helpers. */
export const looseTableSchema = z.record(z.string(), z.unknown());

export function tableSchema<T extends z.ZodType>(data: T) {
  return z.object({ provenance: provenanceSchema, data });
}
