// `catalog refresh`: asks AWS for the instance types, prices and EKS versions of one region and builds a
// user catalog file that `--catalog` merges over the shipped tables. Loaded with `await import()` only
// when that command runs; the AWS SDK modules are imported inside the fetchers.
import {
  type Catalog,
  findInstanceType,
  USER_CATALOG_MARKER,
  type UserCatalog,
} from '../../catalog/index.js';
import { findVersion } from '../../catalog/versions.js';
import { TOOL_VERSION } from '../../version.js';
import type { AwsClientSettings, Progress } from './aws.js';
import { fetchInstanceTypes } from './ec2.js';
import { fetchAddonVersions, fetchClusterVersions } from './eks.js';
import { fetchPrices } from './pricing.js';

export type { AwsClientSettings } from './aws.js';
export { AwsCallError } from './aws.js';
export { writeUserCatalog } from './write.js';

export interface RefreshOptions {
  region: string;
  /** The catalog refreshed data is compared with (it keeps branch ENIs and upstream release dates). */
  base: Catalog;
  now: Date;
  aws?: AwsClientSettings;
  progress?: Progress;
}

export interface RefreshSummary {
  instanceTypes: number;
  newInstanceTypes: string[];
  prices: number;
  versions: number;
  newVersions: string[];
  /** EKS add-ons whose default versions per Kubernetes minor were refreshed. */
  addons: number;
}

/** Calls EC2, Pricing and EKS for `region` and returns the user catalog to write, with a summary. */
export async function refreshCatalog(
  options: RefreshOptions,
): Promise<{ catalog: UserCatalog; summary: RefreshSummary }> {
  const { region, base, now } = options;
  const aws = options.aws ?? {};
  const progress = options.progress ?? (() => {});
  const date = now.toISOString().slice(0, 10);

  const instanceTypes = await fetchInstanceTypes(
    region,
    aws,
    (name) => findInstanceType(base, name),
    progress,
  );
  const usdPerHour = await fetchPrices(region, aws, progress);
  const versions = await fetchClusterVersions(
    region,
    aws,
    (version) => findVersion(base.eksVersions, version)?.upstreamRelease ?? null,
    progress,
  );

  const addonNames = Object.entries(base.eksAddons)
    .filter(([, a]) => a.installedBy === 'eks-addon')
    .map(([name]) => name);
  const addonVersions = await fetchAddonVersions(region, aws, addonNames, progress);
  const eksAddons = Object.fromEntries(
    Object.entries(addonVersions)
      .filter(([, versions]) => Object.keys(versions).length > 0)
      .map(([name, versions]) => [
        name,
        {
          installedBy: 'eks-addon' as const,
          versions,
          source: `EKS DescribeAddonVersions (${region}), default version per Kubernetes minor, ${date}`,
          date,
        },
      ]),
  );

  const newInstanceTypes = Object.keys(instanceTypes)
    .filter((t) => !findInstanceType(base, t))
    .sort();
  const newVersions = versions.map((v) => v.version).filter((v) => !findVersion(base.eksVersions, v));
  const catalog: UserCatalog = {
    [USER_CATALOG_MARKER]: 1,
    generatedBy: `kube2eks ${TOOL_VERSION} catalog refresh --region ${region}`,
    generatedAt: now.toISOString(),
    provenance: {
      instanceTypes: {
        source: `EC2 DescribeInstanceTypes (${region})`,
        date,
        notes: [
          'Types offered in this region only; other types keep the shipped values.',
          'trunkingCompatible and branchEnis are not in the EC2 API: kept from the shipped catalog, unknown for new types.',
        ],
      },
      prices: {
        source: `AWS Price List GetProducts (AmazonEC2, ${region}, Linux, shared tenancy, on-demand)`,
        date,
        notes: [],
      },
      eksVersions: {
        source: `EKS DescribeClusterVersions (${region})`,
        date,
        notes: [
          'Upstream Kubernetes release dates are not in the API: kept from the shipped calendar, unknown for new versions.',
        ],
      },
    },
    instanceTypes,
    prices: {
      [region]: {
        date,
        historical: false,
        source: `AWS Price List GetProducts (${region}), fetched ${date}`,
        usdPerHour: Object.fromEntries(Object.entries(usdPerHour).sort(([a], [b]) => a.localeCompare(b))),
      },
    },
    eksVersions: { versions },
    ...(Object.keys(eksAddons).length ? { eksAddons } : {}),
  };
  if (Object.keys(eksAddons).length && catalog.provenance) {
    catalog.provenance.eksAddons = {
      source: `EKS DescribeAddonVersions (${region})`,
      date,
      notes: [
        'The default version of each EKS add-on per Kubernetes minor; Helm charts (Load Balancer Controller, Cluster Autoscaler, Karpenter) keep the shipped versions.',
      ],
    };
  }
  return {
    catalog,
    summary: {
      instanceTypes: Object.keys(instanceTypes).length,
      newInstanceTypes,
      prices: Object.keys(usdPerHour).length,
      versions: versions.length,
      newVersions,
      addons: Object.keys(eksAddons).length,
    },
  };
}
