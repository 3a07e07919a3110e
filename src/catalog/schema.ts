// Shapes of the shipped data/ tables, validated once at load.
import { z } from 'zod';

export const provenanceSchema = z.object({
  source: z.string(),
  date: z.string(),
  notes: z.array(z.string()).default([]),
  /** How derived values are computed from the table (e.g. the max-pods formula). */
  formula: z.string().optional(),
  /** Known cases where the table or formula does not hold. */
  exceptions: z.array(z.string()).optional(),
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
      controlPlanePriceUsdPerClusterHour: z.object({
        standardSupport: z.number(),
        extendedSupport: z.number(),
      }),
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

// ---------------------------------------------------------------------------------------------------------
// Instance types, prices and service prices. Every field may be absent (unknown) in the file; the loader
// fills in null so consumers see one shape. A user catalog file uses the same field names.

const count = z.number().int('expected a whole number').nonnegative('expected 0 or more');

/** One instance type as stored: every field optional, so a user file may override only some. */
export const instanceTypeFileSchema = z
  .object({
    vcpu: z.number().int('expected a whole number').positive('expected more than 0').nullable(),
    memoryMiB: z.number().positive('expected more than 0').nullable(),
    architecture: z.enum(['x86_64', 'arm64']).nullable(),
    /** ENIs on the default network card: what max pods uses. */
    defaultCardMaxEnis: count.nullable(),
    ipv4PerEni: z.number().int('expected a whole number').positive('expected more than 0').nullable(),
    /** ENIs across all network cards. */
    maxEnis: count.nullable(),
    networkCards: count.nullable(),
    /** 'unknown' when the EC2 API reports none (bare metal). */
    hypervisor: z.enum(['nitro', 'xen', 'unknown']).nullable(),
    bareMetal: z.boolean().nullable(),
    /** Can hold a trunk ENI (security groups for pods). */
    trunkingCompatible: z.boolean().nullable(),
    /** Branch ENIs for security groups for pods (`vpc.amazonaws.com/pod-eni`). */
    branchEnis: count.nullable(),
    currentGeneration: z.boolean().nullable(),
    gpuCount: count.nullable(),
    gpuName: z.string().nullable(),
    gpuManufacturer: z.string().nullable(),
    gpuMemoryMiB: z.number().nonnegative('expected 0 or more').nullable(),
  })
  .partial()
  .strict();
export type InstanceTypeFile = z.infer<typeof instanceTypeFileSchema>;

/** An instance type as the catalog hands it out: every field present, null when unknown. */
export type InstanceType = { instanceType: string } & {
  [K in keyof InstanceTypeFile]-?: Exclude<InstanceTypeFile[K], undefined>;
} & {
  /** On-demand Linux price in us-east-1 (from the prices table), null when not listed. */
  priceUsdPerHourUsEast1: number | null;
};

const instanceTypeName = z
  .string()
  .regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'expected an instance type name like "m5.large"');
const looseDate = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected a date as YYYY-MM-DD (or YYYY-MM)');

export const instanceTypesSchema = z.record(instanceTypeName, instanceTypeFileSchema);

/** On-demand prices of one region, with the date they were true. */
export const regionPricesSchema = z
  .object({
    date: looseDate,
    /** True for prices from an old snapshot (the shipped 2022 regions): show them as such. */
    historical: z.boolean(),
    source: z.string(),
    usdPerHour: z.record(instanceTypeName, z.number().nonnegative('expected a price of 0 or more')),
  })
  .strict();
export type RegionPrices = z.infer<typeof regionPricesSchema>;

const regionName = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region like "us-east-1"');
export const pricesSchema = z.record(regionName, regionPricesSchema);

/** One billed dimension of an AWS service (EKS control plane, Fargate, EBS, EFS, load balancers, NAT). */
export const servicePriceSchema = z
  .object({
    usd: z.number().nonnegative('expected a price of 0 or more'),
    /** What one unit is: 'cluster-hour', 'GB-month', 'vCPU-hour', ... */
    unit: z.string(),
    /** Units included free before this price applies (gp3 IOPS, Fargate storage). */
    included: z.number().nonnegative().optional(),
    /** 'all' when the price is the same in every commercial region. */
    region: z.string(),
    /** When the figure was quoted (YYYY-MM-DD, or YYYY-MM). */
    date: looseDate,
    source: z.string(),
    note: z.string().optional(),
  })
  .strict();
export type ServicePrice = z.infer<typeof servicePriceSchema>;
export const servicePricesSchema = z.record(z.string(), servicePriceSchema);

/** Ids of the service prices the shipped catalog has; a user file may add others. */
export type ServicePriceId =
  | 'eks-control-plane-standard'
  | 'eks-control-plane-extended'
  | 'fargate-linux-x86-vcpu-hour'
  | 'fargate-linux-x86-gb-hour'
  | 'fargate-ephemeral-storage-gb-hour'
  | 'ebs-gp3-gb-month'
  | 'ebs-gp3-iops-month'
  | 'ebs-gp3-throughput-mibps-month'
  | 'efs-standard-gb-month'
  | 'efs-infrequent-access-gb-month'
  | 'efs-archive-gb-month'
  | 'efs-elastic-throughput-read-gb'
  | 'efs-elastic-throughput-write-gb'
  | 'alb-hour'
  | 'alb-lcu-hour'
  | 'nlb-hour'
  | 'nlb-nlcu-hour'
  | 'clb-hour'
  | 'clb-gb'
  | 'nat-gateway-hour'
  | 'nat-gateway-gb'
  | 'vpc-endpoint-interface-hour'
  | 'vpc-endpoint-interface-gb';

/**
 * One add-on's versions: per Kubernetes minor (`versions`), or one version for every minor (`any`),
 * or the Cluster Autoscaler rule (its minor follows the cluster's). `default` as a version means the
 * default EKS offers for the cluster's Kubernetes version.
 */
export const eksAddonSchema = z
  .object({
    installedBy: z.enum(['eks-addon', 'helm']),
    versions: z.record(minor, z.string()).optional(),
    any: z.string().optional(),
    followsKubernetesMinor: z.boolean().optional(),
    /** Helm chart (repository/name) for add-ons installed by Helm. */
    chart: z.string().optional(),
    /** The versions are the first release that supports each minor (a known-good minimum), not the newest. */
    floor: z.boolean().optional(),
    source: z.string(),
    /** When the fact was read (ISO day). */
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
  .strict();
export type EksAddon = z.infer<typeof eksAddonSchema>;
export const eksAddonsSchema = z.record(z.string(), eksAddonSchema);
