// gitops/chart-version: well-known charts pinned, in a HelmRelease or an Application, to a version older
// than the first that supports the target Kubernetes version.
import semver from 'semver';
import { defineRule } from '../define.js';
import { CHART_SUPPORT, type ChartSupport } from './gitops.table.js';
import { chartSources, isArgoApplication, isFluxHelmRelease } from './release.js';

function minorNumber(minor: string): number {
  const [major = '0', m = '0'] = minor.split('.');
  return Number(major) * 1000 + Number(m);
}

/** The first chart version for the target minor (from the row of the highest minor not above it). */
export function requiredVersion(
  support: ChartSupport,
  targetMinor: string,
): { version: string; row: string; beyond: boolean } | undefined {
  const rows = Object.keys(support.firstVersion).sort((a, b) => minorNumber(a) - minorNumber(b));
  const target = minorNumber(targetMinor);
  const fitting = rows.filter((r) => minorNumber(r) <= target);
  const row = fitting[fitting.length - 1];
  if (!row) return undefined;
  return {
    version: support.firstVersion[row] ?? '0.0.0',
    row,
    beyond: row !== targetMinor && row === rows[rows.length - 1],
  };
}

/** True when no version the written version or range allows is at least `required`. */
export function tooOld(written: string, required: string): boolean {
  const clean = written.trim().replace(/^v(?=\d)/, '');
  if (semver.valid(clean)) return semver.lt(clean, required);
  const range = semver.validRange(clean);
  if (!range) return false;
  return !semver.intersects(range, `>=${required}`);
}

export default defineRule({
  meta: {
    id: 'gitops/chart-version',
    category: 'gitops',
    severity: 'warning',
    description:
      'Well-known charts (ingress-nginx, cert-manager, KEDA) installed by a Flux HelmRelease or an Argo CD Application at a version too old for the target Kubernetes version.',
    fixable: false,
    targets: ['HelmRelease', 'Application'],
    messages: {
      old: {
        message:
          '{{kind}} {{name}} installs {{chart}} chart {{version}}, older than {{required}}, the first release that supports Kubernetes {{row}}.',
        explanation:
          'The GitOps controller reinstalls the same chart version on EKS {{target}}. Releases older than {{required}} were not built or tested for Kubernetes {{row}}{{beyond}}: they may use APIs the cluster no longer serves and fail to install or misbehave after the move. ({{source}})',
        remediation:
          'Upgrade the chart to {{required}} or later on the source cluster first (read the chart’s upgrade notes for every version in between), then move; or pin the new version in the release that targets EKS.',
      },
    },
  },
  checkObject(item, ctx, report) {
    if (!isFluxHelmRelease(item) && !isArgoApplication(item)) return;
    for (const source of chartSources(item)) {
      if (!source.version) continue;
      const support = CHART_SUPPORT.find((c) => c.names.includes(source.chart));
      if (!support) continue;
      const required = requiredVersion(support, ctx.targetVersion);
      if (!required || !tooOld(source.version, required.version)) continue;
      report({
        item,
        messageId: 'old',
        data: {
          kind: item.ref.kind,
          name: item.ref.name,
          chart: support.label,
          version: source.version,
          required: required.version,
          row: required.row,
          target: ctx.targetVersion,
          beyond: required.beyond
            ? ` (kube2eks’s table ends at ${required.row}: check the chart’s matrix for ${ctx.targetVersion})`
            : '',
          source: support.source,
        },
        path: source.versionPath,
        facts: { chart: source.chart, version: source.version, requiredVersion: required.version },
      });
    }
  },
});
