// gitops/chart-version: well-known charts pinned, in a HelmRelease or an Application, to a version older
// than the first that supports the target Kubernetes version.

import {
  chartSources,
  isArgoApplication,
  isFluxHelmRelease,
  requiredVersion,
  tooOld,
} from '../../model/helm-release.js';
import { defineRule } from '../define.js';
import { CHART_SUPPORT } from './gitops.table.js';

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
