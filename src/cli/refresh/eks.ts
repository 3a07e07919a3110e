// EKS DescribeClusterVersions -> the EKS version calendar.
// @see https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeClusterVersions.html
import type { EksVersion } from '../../catalog/index.js';
import { AwsCallError, type AwsClientSettings, clientConfig, type Progress } from './aws.js';

const isoDay = (d: Date | undefined) =>
  d && !Number.isNaN(d.getTime()) ? d.toISOString().slice(0, 10) : undefined;

/** Every EKS version the API reports (standard, extended and, with includeAll, older), newest first. */
export async function fetchClusterVersions(
  region: string,
  settings: AwsClientSettings,
  upstreamRelease: (version: string) => string | null,
  progress: Progress,
): Promise<EksVersion[]> {
  const { EKSClient, paginateDescribeClusterVersions } = await import('@aws-sdk/client-eks');
  const client = new EKSClient(clientConfig(settings, 'eks', region));
  const versions: EksVersion[] = [];
  const source = `EKS DescribeClusterVersions (${region})`;
  try {
    for await (const output of paginateDescribeClusterVersions(
      { client },
      { includeAll: true, clusterType: 'eks' },
    )) {
      for (const v of output.clusterVersions ?? []) {
        const eksRelease = isoDay(v.releaseDate);
        const endOfStandardSupport = isoDay(v.endOfStandardSupportDate);
        if (!v.clusterVersion || !eksRelease || !endOfStandardSupport) continue;
        if (v.clusterType && v.clusterType !== 'eks') continue;
        versions.push({
          version: v.clusterVersion,
          upstreamRelease: upstreamRelease(v.clusterVersion),
          eksRelease,
          endOfStandardSupport,
          endOfExtendedSupport: isoDay(v.endOfExtendedSupportDate) ?? null,
          source,
        });
      }
      progress(`EKS DescribeClusterVersions: ${versions.length} versions`);
    }
  } catch (error) {
    throw new AwsCallError(`EKS DescribeClusterVersions in ${region}`, error);
  } finally {
    client.destroy();
  }
  return versions;
}

/**
 * The default version of each EKS add-on for every Kubernetes minor it supports (DescribeAddonVersions:
 * the `compatibilities[].defaultVersion` of each add-on version), for the add-ons the table knows.
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_DescribeAddonVersions.html
 */
export async function fetchAddonVersions(
  region: string,
  settings: AwsClientSettings,
  names: readonly string[],
  progress: Progress,
): Promise<Record<string, Record<string, string>>> {
  const { EKSClient, paginateDescribeAddonVersions } = await import('@aws-sdk/client-eks');
  const client = new EKSClient(clientConfig(settings, 'eks', region));
  const wanted = new Set(names);
  const out: Record<string, Record<string, string>> = {};
  try {
    for await (const output of paginateDescribeAddonVersions({ client }, {})) {
      for (const addon of output.addons ?? []) {
        if (!addon.addonName || !wanted.has(addon.addonName)) continue;
        const versions = out[addon.addonName] ?? {};
        out[addon.addonName] = versions;
        for (const v of addon.addonVersions ?? []) {
          for (const c of v.compatibilities ?? []) {
            if (c.defaultVersion && c.clusterVersion && v.addonVersion)
              versions[c.clusterVersion] = v.addonVersion;
          }
        }
      }
      progress(`EKS DescribeAddonVersions: ${Object.keys(out).length} add-ons`);
    }
  } catch (error) {
    throw new AwsCallError(`EKS DescribeAddonVersions in ${region}`, error);
  } finally {
    client.destroy();
  }
  return out;
}
