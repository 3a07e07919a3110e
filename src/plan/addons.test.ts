import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.js';
import type { Finding } from '../model/types.js';
import { type AddonNeeds, addonVersion, planAddons } from './addons.js';
import type { PlanOptions } from './types.js';

const catalog = loadCatalog();
const TABLE = catalog.eksAddons;

describe('addonVersion: the version for a Kubernetes minor, with its source and date', () => {
  it('a dated row of the table', () => {
    expect(addonVersion(catalog, 'kube-proxy', '1.33')).toEqual({
      version: 'v1.33.10-eksbuild.13',
      source: `${TABLE['kube-proxy']!.source}, 2026-08-21`,
    });
  });

  it('KEDA: the chart of the first release that supports the minor, a floor; the highest row below beyond it', () => {
    const source = `${TABLE.keda!.source}, 2026-12-03`;
    expect(addonVersion(catalog, 'keda', '1.31')).toEqual({
      version: '2.16.0',
      source: `${source}; a floor (the first release that supports Kubernetes 1.31), not the newest`,
    });
    expect(addonVersion(catalog, 'keda', '1.35')).toEqual({
      version: '2.18.0',
      note: "the table has no row for 1.35: 1.33's version; run kube2eks catalog refresh",
      source: `${source}; a floor for Kubernetes 1.33 (the first release that supports it), not for the target 1.35: the table has no row for 1.35, so check that this release supports 1.35`,
    });
  });

  it('a floor for every minor, a default with no dated version, and the Cluster Autoscaler rule', () => {
    expect(addonVersion(catalog, 'aws-ebs-csi-driver', '1.35')).toEqual({
      version: 'v1.35.0-eksbuild.1',
      source: `${TABLE['aws-ebs-csi-driver']!.source}, 2026-08-21; a floor (a known-good minimum), not the newest`,
    });
    expect(addonVersion(catalog, 'aws-efs-csi-driver', '1.35')).toEqual({
      version: 'default',
      source:
        'no dated version found (EKS add-on; version from DescribeAddonVersions, 2026-08-21): the default EKS offers for Kubernetes 1.35',
    });
    expect(addonVersion(catalog, 'cluster-autoscaler', '1.35')).toEqual({
      version: 'v1.35.x',
      source: `${TABLE['cluster-autoscaler']!.source}, 2026-08-21; no chart version is pinned (no dated chart-to-release table): pick the release v1.35.x`,
    });
  });
});

describe('planAddons: KEDA when the source scales through it', () => {
  const options = {
    name: 'shop',
    region: 'eu-west-1',
    targetVersion: '1.33',
    endpoint: 'public-private',
    autoscaler: 'cluster-autoscaler',
  } as unknown as PlanOptions;
  const needs: AddonNeeds = {
    network: {
      prefixDelegation: false,
      customNetworking: false,
      podSecurityGroups: false,
      warm: {},
    } as unknown as AddonNeeds['network'],
    storageClasses: [],
    networkPolicies: 0,
    hpas: 0,
    snapshots: 0,
    loadBalancerServices: 0,
    ingresses: 0,
    podIdentity: false,
  };
  const finding = (ruleId: string, kind: string, name: string, data: Record<string, unknown> = {}) =>
    ({ ruleId, resource: { apiVersion: 'v1', kind, namespace: 'shop', name }, data }) as unknown as Finding;

  it('adds the KEDA chart, versioned for the minor, for ScaledObjects and HPAs on external metrics', () => {
    const { addons } = planAddons(
      [
        finding('hpa/keda-scaler', 'ScaledObject', 'orders'),
        finding('hpa/keda-scaler', 'ScaledObject', 'orders'),
        finding('hpa/metrics', 'HorizontalPodAutoscaler', 'api', { customMetrics: [{ name: 'queue' }] }),
        finding('hpa/metrics', 'HorizontalPodAutoscaler', 'web', { customMetrics: [] }),
      ],
      options,
      catalog,
      needs,
    );
    expect(addons.find((a) => a.name === 'keda')).toEqual({
      name: 'keda',
      installedBy: 'helm',
      version: '2.18.0',
      versionSource: `${TABLE.keda!.source}, 2026-12-03; a floor (the first release that supports Kubernetes 1.33), not the newest`,
      why: '2 objects scale through KEDA (ScaledObjects, ScaledJobs, HPAs on custom or external metrics)',
    });
    expect(addons.map((a) => [a.name, a.version])).toEqual([
      ['vpc-cni', 'v1.20.1-eksbuild.3'],
      ['coredns', 'v1.13.2-eksbuild.4'],
      ['kube-proxy', 'v1.33.10-eksbuild.13'],
      ['keda', '2.18.0'],
      ['cluster-autoscaler', 'v1.33.x'],
    ]);
  });

  it('adds no KEDA without a user', () => {
    const { addons } = planAddons(
      [finding('hpa/metrics', 'HorizontalPodAutoscaler', 'web', { customMetrics: [] })],
      options,
      catalog,
      needs,
    );
    expect(addons.some((a) => a.name === 'keda')).toBe(false);
  });
});
