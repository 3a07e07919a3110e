// Every version the kit writes for an add-on says where it comes from (source and date), or that none is
// pinned and what gets installed instead.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { samplePlan } from '../../test/support/plan-fixture.js';
import { loadCatalog } from '../catalog/index.js';
import { addonVersion } from '../plan/addons.js';
import type { PlanAddon } from '../plan/types.js';
import { autoscalerArtifacts } from './autoscaler.js';
import { eksctlArtifacts } from './eksctl.js';
import { platformArtifacts } from './platform.js';
import { terraformArtifacts } from './terraform.js';

const catalog = loadCatalog();
const addon = (name: string, why: string): PlanAddon => {
  const { version, source } = addonVersion(catalog, name, '1.33');
  return {
    name,
    installedBy: catalog.eksAddons[name]!.installedBy,
    version,
    versionSource: source,
    why,
  };
};
const plan = samplePlan();
plan.addons = [
  addon('kube-proxy', 'Service routing'),
  addon('aws-efs-csi-driver', 'EFS claims'),
  addon('keda', 'ScaledObjects'),
  addon('aws-load-balancer-controller', 'Ingresses'),
  addon('cluster-autoscaler', 'node autoscaling'),
];
const KEDA = catalog.eksAddons.keda!.source;
const LBC = catalog.eksAddons['aws-load-balancer-controller']!.source;

describe('add-on versions in the kit', () => {
  it('Helm values say the chart version, its source and date, and install that version', () => {
    const files = new Map(platformArtifacts(plan).map((a) => [a.path, a.content]));
    expect(files.get('platform/helm/keda.values.yaml')!.split('\n').slice(0, 5)).toEqual([
      '# Helm values for keda 2.18.0 (plan add-on: ScaledObjects).',
      `# Version: keda 2.18.0: ${KEDA}, 2026-12-03; a floor (the first release that supports Kubernetes 1.33), not the newest.`,
      '# helm upgrade --install keda kedacore/keda --version 2.18.0 -n keda -f platform/helm/keda.values.yaml',
      '# Scalers on AWS services (SQS, CloudWatch, Kinesis) authenticate with podIdentity provider aws:',
      '# associate an IAM role with keda/keda-operator (EKS Pod Identity).',
    ]);
    expect(files.get('platform/helm/aws-load-balancer-controller.values.yaml')!.split('\n')[1]).toBe(
      `# Version: aws-load-balancer-controller 1.14.0: ${LBC}, 2026-08-21.`,
    );
  });

  it('a plan for a minor past the table: the KEDA comment names the target, and whose floor the version is', () => {
    const { version, source } = addonVersion(catalog, 'keda', '1.35');
    const newer = samplePlan({
      cluster: { ...plan.cluster, version: '1.35' },
      addons: [{ name: 'keda', installedBy: 'helm', version, versionSource: source, why: 'ScaledObjects' }],
    });
    const values = platformArtifacts(newer).find((a) => a.path === 'platform/helm/keda.values.yaml')!.content;
    expect(values.split('\n')[1]).toBe(
      `# Version: keda 2.18.0: ${KEDA}, 2026-12-03; a floor for Kubernetes 1.33 (the first release that supports it), not for the target 1.35: the table has no row for 1.35, so check that this release supports 1.35.`,
    );
  });

  it('eksctl names each add-on version with its source, and says where EKS picks the default', () => {
    const text = eksctlArtifacts(plan).find((a) => a.path === 'eksctl/cluster.yaml')!.content;
    expect(parse(text).addons).toEqual([
      { name: 'kube-proxy', version: 'v1.33.10-eksbuild.13' },
      { name: 'aws-efs-csi-driver', wellKnownPolicies: { efsCSIController: true } },
    ]);
    const lines = text.split('\n');
    const at = lines.indexOf('addons:');
    expect(lines.slice(at, at + 5)).toEqual([
      'addons:',
      `  # kube-proxy v1.33.10-eksbuild.13: ${catalog.eksAddons['kube-proxy']!.source}, 2026-08-21.`,
      '  - name: kube-proxy',
      '    version: v1.33.10-eksbuild.13',
      '  # aws-efs-csi-driver: no version pinned (no dated version found (EKS add-on; version from DescribeAddonVersions, 2026-08-21): the default EKS offers for Kubernetes 1.33); EKS installs its default, so pin one once tested.',
    ]);
  });

  it('Terraform and the Cluster Autoscaler values say the same', () => {
    const main = terraformArtifacts(plan).find((a) => a.path === 'terraform/main.tf')!.content;
    expect(main).toContain(
      '# Add-on aws-efs-csi-driver: no version pinned (no dated version found (EKS add-on; version from DescribeAddonVersions, 2026-08-21): the default EKS offers for Kubernetes 1.33); EKS installs its default, so pin one once tested.\n',
    );
    const values = autoscalerArtifacts(plan, {
      objects: [],
      errors: [],
      notes: [],
      cluster: { nodes: [], forbidden: [] },
    }).find((a) => a.path === 'autoscaler/cluster-autoscaler.values.yaml')!.content;
    expect(values).toContain(
      "# Set image.tag to the newest v1.33.x release: its minor must match the cluster's.\n",
    );
    expect(values).toContain('# Version: cluster-autoscaler: no chart version pinned (');
  });
});
