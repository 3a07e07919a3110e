// The catalog: facts that change with the world, each table with its source and date.
// Reads the data/ shipped with the package once; a user catalog file merges over it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { readLimitedSync, TooLargeError } from '../sources/read-limited.js';
import { useEquivalenceChecks } from './equivalence.js';
import { checkEquivalenceTables } from './equivalence-tables.js';
import { CatalogError } from './errors.js';
import {
  deprecatedApiSchema,
  eksAddonsSchema,
  eksVersionsSchema,
  type InstanceType,
  instanceTypesSchema,
  looseTableSchema,
  type Provenance,
  pricesSchema,
  servicePricesSchema,
  tableSchema,
} from './schema.js';
import {
  type CatalogTables,
  dictionary,
  failValidation,
  mergeUserCatalog,
  normalizeInstanceTypes,
  parseUserCatalog,
} from './user.js';

export { CatalogError } from './errors.js';
export type {
  DeprecatedApi,
  EksAddon,
  EksVersion,
  EksVersions,
  InstanceType,
  Provenance,
  RegionPrices,
  ServicePrice,
  ServicePriceId,
} from './schema.js';
export {
  type CatalogTables,
  parseUserCatalog,
  TABLE_NAMES,
  type TableName,
  USER_CATALOG_MARKER,
  type UserCatalog,
} from './user.js';

/** The catalog every stage reads: the shipped tables, with a user catalog merged over them. */
export interface Catalog extends CatalogTables {
  /** The user catalog file merged over the shipped tables, when one was given. */
  userCatalogFile?: string;
}

/** A user catalog holds at most every instance type and price of every region: well under this. */
export const MAX_USER_CATALOG_BYTES = 64 * 1024 * 1024;

// The translation tables are checked when first read, with zod, which loads here with the catalog.
useEquivalenceChecks(checkEquivalenceTables);

export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

function loadTable<T extends z.ZodType>(
  file: string,
  schema: T,
): { provenance: Provenance; data: z.infer<T> } {
  const raw: unknown = JSON.parse(readFileSync(`${DATA_DIR}${file}`, 'utf8'));
  const parsed = tableSchema(schema).safeParse(raw);
  if (!parsed.success) failValidation(`data/${file}`, parsed.error.issues, raw);
  return parsed.data as { provenance: Provenance; data: z.infer<T> };
}

let shipped: Catalog | undefined;

export interface LoadCatalogOptions {
  /** A user catalog file (`--catalog FILE`, JSON or YAML) merged over the shipped tables. */
  userCatalogFile?: string;
}

function loadShipped(): Catalog {
  if (shipped) return shipped;
  const versions = loadTable('eks-versions.json', eksVersionsSchema);
  const apis = loadTable('deprecated-apis.json', deprecatedApiSchema.array());
  const equivalence = loadTable('cloud-equivalence.json', looseTableSchema);
  const lb = loadTable('lb-annotations.json', looseTableSchema);
  const endpoints = loadTable('private-cluster-endpoints.json', looseTableSchema);
  const types = loadTable('instance-types.json', instanceTypesSchema);
  const prices = loadTable('prices-on-demand.json', pricesSchema);
  const services = loadTable('service-prices.json', servicePricesSchema);
  const addons = loadTable('eks-addons.json', eksAddonsSchema);
  const priceTable = dictionary(Object.entries(prices.data));
  shipped = {
    eksVersions: versions.data,
    deprecatedApis: apis.data,
    cloudEquivalence: equivalence.data,
    lbAnnotations: lb.data,
    privateClusterEndpoints: endpoints.data,
    instanceTypes: normalizeInstanceTypes(types.data, priceTable['us-east-1']),
    prices: priceTable,
    servicePrices: dictionary(Object.entries(services.data)),
    eksAddons: dictionary(Object.entries(addons.data)),
    provenance: {
      eksVersions: versions.provenance,
      deprecatedApis: apis.provenance,
      cloudEquivalence: equivalence.provenance,
      lbAnnotations: lb.provenance,
      privateClusterEndpoints: endpoints.provenance,
      instanceTypes: types.provenance,
      prices: prices.provenance,
      servicePrices: services.provenance,
      eksAddons: addons.provenance,
    },
  };
  return shipped;
}

/**
 * The catalog shipped with the package, loaded and validated once, with the user catalog file (if any)
 * merged over it. A broken user file raises a CatalogError naming the file and the field.
 */
export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const base = loadShipped();
  const file = options.userCatalogFile;
  if (file === undefined) return base;
  let text: string;
  try {
    // A link to /dev/zero or a pipe would be read until memory runs out.
    text = readLimitedSync(file, MAX_USER_CATALOG_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof TooLargeError)
      throw new CatalogError(`${file}: the catalog file is ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    throw new CatalogError(
      `${file}: cannot read the catalog file (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))})`,
    );
  }
  return { ...mergeUserCatalog(base, parseUserCatalog(text, file), file), userCatalogFile: file };
}

/** Merges an already parsed user catalog over a catalog (pure; for callers that read the file themselves). */
export function withUserCatalog(base: Catalog, text: string, file: string): Catalog {
  return { ...mergeUserCatalog(base, parseUserCatalog(text, file), file), userCatalogFile: file };
}

/** The instance type named `name` (case-insensitive), or undefined. */
export function findInstanceType(catalog: Catalog, name: string): InstanceType | undefined {
  const key = name.trim().toLowerCase();
  return Object.hasOwn(catalog.instanceTypes, key) ? catalog.instanceTypes[key] : undefined;
}

export interface InstancePrice {
  usdPerHour: number;
  region: string;
  /** When the price was true. */
  date: string;
  /** From an old snapshot (the shipped non-us-east-1 regions, 2022): say so wherever it is shown. */
  historical: boolean;
  source: string;
}

/** The service price of the Windows Server license, per vCPU-hour, on top of the Linux price. */
export const WINDOWS_LICENSE_PRICE = 'ec2-windows-license-vcpu-hour';
/** Burstable types bill the Windows license otherwise (not per vCPU-hour): no Windows price for them. */
const WINDOWS_UNPRICED = /^t\d/;

/**
 * The on-demand Windows Server (license included) price of a type in a region: its Linux price plus the
 * per-vCPU license (`ec2-windows-license-vcpu-hour`). Undefined when either is missing, for arm64 types
 * (Windows does not run on Graviton) and for burstable types.
 */
export function windowsPriceOf(
  catalog: Catalog,
  instanceType: string,
  region: string,
): InstancePrice | undefined {
  const linux = priceOf(catalog, instanceType, region);
  const license = Object.hasOwn(catalog.servicePrices, WINDOWS_LICENSE_PRICE)
    ? catalog.servicePrices[WINDOWS_LICENSE_PRICE]
    : undefined;
  const type = findInstanceType(catalog, instanceType);
  if (!linux || !license || !type?.vcpu || type.architecture !== 'x86_64') return undefined;
  if (WINDOWS_UNPRICED.test(instanceType)) return undefined;
  return {
    ...linux,
    usdPerHour: Math.round((linux.usdPerHour + license.usd * type.vcpu) * 1e6) / 1e6,
    source: `${linux.source} + the Windows Server license at $${license.usd} per vCPU-hour (${license.source})`,
  };
}

/** The on-demand Linux price of a type in a region, with its date; undefined when not in the catalog. */
export function priceOf(catalog: Catalog, instanceType: string, region: string): InstancePrice | undefined {
  const table = Object.hasOwn(catalog.prices, region) ? catalog.prices[region] : undefined;
  if (!table || !Object.hasOwn(table.usdPerHour, instanceType)) return undefined;
  return {
    usdPerHour: table.usdPerHour[instanceType]!,
    region,
    date: table.date,
    historical: table.historical,
    source: table.source,
  };
}
