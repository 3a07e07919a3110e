// The catalog: facts that change with the world, each table with its source and date.
// Reads the data/ shipped with the package once; a user catalog file merges over it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import {
  type DeprecatedApi,
  deprecatedApiSchema,
  type EksVersions,
  eksVersionsSchema,
  looseTableSchema,
  type Provenance,
  tableSchema,
} from './schema.js';

export type { DeprecatedApi, EksVersion, EksVersions, Provenance } from './schema.js';

export interface Catalog {
  eksVersions: EksVersions;
  deprecatedApis: DeprecatedApi[];
  cloudEquivalence: Record<string, unknown>;
  lbAnnotations: Record<string, unknown>;
  privateClusterEndpoints: Record<string, unknown>;
  /** Where each table came from, by table name. */
  provenance: Record<string, Provenance>;
}

/** Raised for a broken table: names the table and the field. */
export class CatalogError extends Error {
  override name = 'CatalogError';
}

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

function loadTable<T extends z.ZodType>(file: string, schema: T): { provenance: Provenance; data: z.infer<T> } {
  const raw: unknown = JSON.parse(readFileSync(`${DATA_DIR}${file}`, 'utf8'));
  const parsed = tableSchema(schema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CatalogError(`data/${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data as { provenance: Provenance; data: z.infer<T> };
}

let shipped: Catalog | undefined;

export interface LoadCatalogOptions {
  /** A user catalog file (`--catalog FILE`) merged over the shipped tables. */
  userCatalogFile?: string;
}

/** The catalog shipped with the package, loaded and validated once. */
export function loadCatalog(_options: LoadCatalogOptions = {}): Catalog {
  if (shipped) return shipped;
  const versions = loadTable('eks-versions.json', eksVersionsSchema);
  const apis = loadTable('deprecated-apis.json', deprecatedApiSchema.array());
  const equivalence = loadTable('cloud-equivalence.json', looseTableSchema);
  const lb = loadTable('lb-annotations.json', looseTableSchema);
  const endpoints = loadTable('private-cluster-endpoints.json', looseTableSchema);
  shipped = {
    eksVersions: versions.data,
    deprecatedApis: apis.data,
    cloudEquivalence: equivalence.data,
    lbAnnotations: lb.data,
    privateClusterEndpoints: endpoints.data,
    provenance: {
      eksVersions: versions.provenance,
      deprecatedApis: apis.provenance,
      cloudEquivalence: equivalence.provenance,
      lbAnnotations: lb.provenance,
      privateClusterEndpoints: endpoints.provenance,
    },
  };
  return shipped;
}
