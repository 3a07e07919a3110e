// A user catalog file (`--catalog FILE`, or what `catalog refresh` writes) merged over the shipped tables.
// Parsing is pure (text in, tables out); the one file read lives in index.ts.
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { yamlProblem } from '../model/yaml-errors.js';
import { CatalogError } from './errors.js';
import {
  type DeprecatedApi,
  deprecatedApiSchema,
  type EksAddon,
  type EksVersion,
  type EksVersions,
  eksAddonsSchema,
  eksVersionSchema,
  eksVersionsSchema,
  type InstanceType,
  type InstanceTypeFile,
  instanceTypesSchema,
  looseTableSchema,
  type Provenance,
  pricesSchema,
  provenanceSchema,
  type RegionPrices,
  type ServicePrice,
  servicePricesSchema,
} from './schema.js';
import { compareMinor } from './versions.js';

/** The tables a catalog has, by the names a user catalog file uses. */
export const TABLE_NAMES = [
  'eksVersions',
  'deprecatedApis',
  'cloudEquivalence',
  'lbAnnotations',
  'privateClusterEndpoints',
  'instanceTypes',
  'prices',
  'servicePrices',
  'eksAddons',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** The marker `catalog refresh` writes, so a later refresh knows the file is its own. */
export const USER_CATALOG_MARKER = 'kube2eksCatalog';

const userCatalogSchema = z
  .object({
    [USER_CATALOG_MARKER]: z.literal(1).optional(),
    generatedBy: z.string().optional(),
    /** ISO date-time the file was written; the date of tables that name no provenance. */
    generatedAt: z.string().optional(),
    provenance: z.partialRecord(z.enum(TABLE_NAMES), provenanceSchema).optional(),
    eksVersions: z
      .object({
        policy: z.record(z.string(), z.unknown()).optional(),
        versions: z.array(eksVersionSchema).optional(),
      })
      .strict()
      .optional(),
    deprecatedApis: z.array(deprecatedApiSchema).optional(),
    cloudEquivalence: looseTableSchema.optional(),
    lbAnnotations: looseTableSchema.optional(),
    privateClusterEndpoints: looseTableSchema.optional(),
    instanceTypes: instanceTypesSchema.optional(),
    prices: pricesSchema.optional(),
    servicePrices: servicePricesSchema.optional(),
    eksAddons: eksAddonsSchema.optional(),
  })
  .strict();
export type UserCatalog = z.infer<typeof userCatalogSchema>;

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `a string (${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)})`;
  if (typeof value === 'object') return 'an object';
  return `${article(typeof value)} (${String(value)})`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** One zod issue as "field.path: what was expected", in words a user can act on. */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path.map(String);
  const at = (p: string[]) => p.join('.') || '(top level)';
  switch (issue.code) {
    case 'invalid_type': {
      const expected =
        issue.expected === 'number' ? 'number' : issue.expected === 'record' ? 'object' : issue.expected;
      const got = valueAt(input, issue.path);
      return `${at(path)}: ${got === undefined ? `missing (expected ${article(expected)})` : `expected ${article(expected)}, got ${describeValue(got)}`}`;
    }
    case 'unrecognized_keys':
      return issue.keys
        .map((key) =>
          path.length === 0
            ? `${key}: unknown table (known: ${TABLE_NAMES.join(', ')})`
            : `${at([...path, key])}: unknown field`,
        )
        .join('; ');
    case 'invalid_value':
      return `${at(path)}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(valueAt(input, issue.path))}`;
    case 'invalid_key':
      return `${at(path)}: ${issue.issues[0]?.message ?? 'not a valid name'}`;
    default:
      return `${at(path)}: ${issue.message}`;
  }
}

/** Throws a CatalogError naming the file and the first few fields at fault. */
export function failValidation(file: string, issues: readonly z.core.$ZodIssue[], input: unknown): never {
  const shown = issues.slice(0, 3).map((i) => formatIssue(i, input));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  throw new CatalogError(`${file}: ${shown.join('; ')}${more}`);
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Parses the text of a user catalog file (JSON, or YAML by extension). Pure: `file` only names errors. */
export function parseUserCatalog(text: string, file: string): UserCatalog {
  let raw: unknown;
  if (/\.ya?ml$/i.test(file)) {
    const doc = parseDocument(text);
    const error = doc.errors[0];
    if (error) {
      const pos = error.linePos?.[0];
      // The parser's message quotes the file: only the position and the kind of problem are said.
      throw new CatalogError(
        `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: not valid YAML: ${yamlProblem(error)}`,
      );
    }
    try {
      raw = doc.toJS({ maxAliasCount: 1000 });
    } catch {
      throw new CatalogError(
        `${file}: not valid YAML: its aliases (*name) expand too far or refer to nothing`,
      );
    }
  } else {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      // The parser's message quotes the text around the error; only its position is said, found by the YAML
      // parser (JSON is YAML) when JSON.parse does not give it.
      const message = error instanceof Error ? error.message : String(error);
      const offset = /position (\d+)/.exec(message)?.[1];
      const what = /end of (JSON|data) input/i.test(message)
        ? 'the text ends too early'
        : 'unexpected text here';
      const yamlPos = offset === undefined ? parseDocument(text).errors[0]?.linePos?.[0] : undefined;
      const at = offset
        ? `:${lineColumn(text, Number(offset))}`
        : yamlPos
          ? `:${yamlPos.line}:${yamlPos.col}`
          : '';
      throw new CatalogError(`${file}${at}: not valid JSON: ${what}`);
    }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CatalogError(`${file}: expected an object with tables (${TABLE_NAMES.join(', ')})`);
  }
  const parsed = userCatalogSchema.safeParse(raw);
  if (!parsed.success) failValidation(file, parsed.error.issues, raw);
  return parsed.data;
}

/** The tables of a loaded catalog that a user file can change (the Catalog minus bookkeeping). */
export interface CatalogTables {
  eksVersions: EksVersions;
  deprecatedApis: DeprecatedApi[];
  cloudEquivalence: Record<string, unknown>;
  lbAnnotations: Record<string, unknown>;
  privateClusterEndpoints: Record<string, unknown>;
  /** Instance types by name (null-prototype record; prefer `findInstanceType`). */
  instanceTypes: Record<string, InstanceType>;
  /** On-demand Linux prices by region, each with its date; `historical: true` for the 2022 snapshot regions. */
  prices: Record<string, RegionPrices>;
  /** Billed dimensions of EKS, Fargate, EBS, EFS, load balancers and NAT gateways, by id (see ServicePriceId). */
  servicePrices: Record<string, ServicePrice>;
  /** EKS add-on and Helm chart versions by add-on name (vpc-cni, coredns, … aws-load-balancer-controller). */
  eksAddons: Record<string, EksAddon>;
  /** Where each table came from, by table name. */
  provenance: Record<string, Provenance>;
}

/** Null-prototype record, so a type named "constructor" is never found on Object.prototype. */
export function dictionary<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const out: Record<string, T> = Object.create(null);
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** Fills unknown fields with null and attaches the us-east-1 price. */
export function normalizeInstanceTypes(
  file: Record<string, InstanceTypeFile>,
  usEast1: RegionPrices | undefined,
): Record<string, InstanceType> {
  return dictionary(
    Object.keys(file)
      .sort()
      .map((name): [string, InstanceType] => {
        const t = file[name] ?? {};
        return [
          name,
          {
            instanceType: name,
            vcpu: t.vcpu ?? null,
            memoryMiB: t.memoryMiB ?? null,
            architecture: t.architecture ?? null,
            defaultCardMaxEnis: t.defaultCardMaxEnis ?? null,
            ipv4PerEni: t.ipv4PerEni ?? null,
            maxEnis: t.maxEnis ?? null,
            networkCards: t.networkCards ?? null,
            hypervisor: t.hypervisor ?? null,
            bareMetal: t.bareMetal ?? null,
            trunkingCompatible: t.trunkingCompatible ?? null,
            branchEnis: t.branchEnis ?? null,
            currentGeneration: t.currentGeneration ?? null,
            gpuCount: t.gpuCount ?? (t.gpuName ? null : 0),
            gpuName: t.gpuName ?? null,
            gpuManufacturer: t.gpuManufacturer ?? null,
            gpuMemoryMiB: t.gpuMemoryMiB ?? null,
            priceUsdPerHourUsEast1:
              usEast1 && Object.hasOwn(usEast1.usdPerHour, name) ? usEast1.usdPerHour[name]! : null,
          },
        ];
      }),
  );
}

/** Back to the stored shape (null fields left out), for merging and for writing a user file. */
export function toInstanceTypeFile(t: InstanceType): InstanceTypeFile {
  const { instanceType: _name, priceUsdPerHourUsEast1: _price, ...fields } = t;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as InstanceTypeFile;
}

function mergeProvenance(
  table: TableName,
  shipped: Provenance | undefined,
  user: UserCatalog,
  file: string,
): Provenance {
  const given = user.provenance?.[table];
  const date = given?.date ?? user.generatedAt?.slice(0, 10) ?? shipped?.date ?? 'unknown';
  const notes = [...(given?.notes ?? [])];
  if (shipped) notes.push(`Merged over the shipped table (${shipped.source}, ${shipped.date}).`);
  return {
    source: given?.source ?? `user catalog file ${file}`,
    date,
    notes,
    ...(given?.formula ? { formula: given.formula } : {}),
    ...(given?.exceptions ? { exceptions: given.exceptions } : {}),
  };
}

/**
 * Merges a parsed user file over the shipped tables. Rows are matched by key: instance types field by
 * field (a new type needs at least vcpu and memoryMiB), a price region or service price replaces the
 * shipped one whole (so one region never mixes dates), calendar rows by version, deprecated APIs by
 * apiVersion and kind, the hand-assembled tables by top-level key.
 */
export function mergeUserCatalog<T extends CatalogTables>(base: T, user: UserCatalog, file: string): T {
  const provenance = { ...base.provenance };
  const touch = (table: TableName) => {
    provenance[table] = mergeProvenance(table, base.provenance[table], user, file);
  };

  let eksVersions = base.eksVersions;
  if (user.eksVersions) {
    const rows = new Map<string, EksVersion>(base.eksVersions.versions.map((v) => [v.version, v]));
    for (const v of user.eksVersions.versions ?? []) rows.set(v.version, { ...rows.get(v.version), ...v });
    const merged = {
      policy: { ...base.eksVersions.policy, ...user.eksVersions.policy },
      versions: [...rows.values()].sort((a, b) => compareMinor(b.version, a.version)),
    };
    const parsed = eksVersionsSchema.safeParse(merged);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ ...i, path: ['eksVersions', ...i.path] }));
      failValidation(file, issues, { eksVersions: merged });
    }
    eksVersions = parsed.data;
    touch('eksVersions');
  }

  let deprecatedApis = base.deprecatedApis;
  if (user.deprecatedApis) {
    const key = (a: DeprecatedApi) => `${a.apiVersion} ${a.kind}`;
    const rows = new Map(base.deprecatedApis.map((a) => [key(a), a]));
    for (const a of user.deprecatedApis) rows.set(key(a), a);
    deprecatedApis = [...rows.values()];
    touch('deprecatedApis');
  }

  const loose = (table: 'cloudEquivalence' | 'lbAnnotations' | 'privateClusterEndpoints') => {
    const extra = user[table];
    if (!extra) return base[table];
    touch(table);
    return { ...base[table], ...extra };
  };

  let prices = base.prices;
  if (user.prices) {
    prices = dictionary([...Object.entries(base.prices), ...Object.entries(user.prices)]);
    touch('prices');
  }

  let servicePrices = base.servicePrices;
  if (user.servicePrices) {
    servicePrices = dictionary([
      ...Object.entries(base.servicePrices),
      ...Object.entries(user.servicePrices),
    ]);
    touch('servicePrices');
  }

  let eksAddons = base.eksAddons;
  if (user.eksAddons) {
    // An add-on's versions merge by minor, so a refresh of one region's minors keeps the others.
    const merged = dictionary(Object.entries(base.eksAddons));
    for (const [name, addon] of Object.entries(user.eksAddons)) {
      const known = merged[name];
      merged[name] = known
        ? { ...known, ...addon, versions: { ...known.versions, ...addon.versions } }
        : addon;
    }
    eksAddons = merged;
    touch('eksAddons');
  }

  const files = dictionary(Object.entries(base.instanceTypes).map(([k, v]) => [k, toInstanceTypeFile(v)]));
  if (user.instanceTypes) {
    for (const [name, fields] of Object.entries(user.instanceTypes)) {
      const known = files[name];
      if (!known) {
        for (const required of ['vcpu', 'memoryMiB'] as const) {
          if (fields[required] === undefined || fields[required] === null) {
            throw new CatalogError(
              `${file}: instanceTypes.${name}.${required}: missing (a type not in the shipped catalog needs at least vcpu and memoryMiB)`,
            );
          }
        }
      }
      files[name] = { ...known, ...fields };
    }
    touch('instanceTypes');
  }
  const instanceTypes =
    user.instanceTypes || user.prices
      ? normalizeInstanceTypes(files, prices['us-east-1'])
      : base.instanceTypes;

  return {
    ...base,
    eksVersions,
    deprecatedApis,
    cloudEquivalence: loose('cloudEquivalence'),
    lbAnnotations: loose('lbAnnotations'),
    privateClusterEndpoints: loose('privateClusterEndpoints'),
    instanceTypes,
    prices,
    servicePrices,
    eksAddons,
    provenance,
  };
}
