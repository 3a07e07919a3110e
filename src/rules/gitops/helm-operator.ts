// gitops/helm-operator: HelmReleases of the end-of-life Flux Helm Operator (helm.fluxcd.io/v1,
// flux.weave.works/v1beta1) have nothing to reconcile them on a new cluster; Flux v2 takes them over.
import { getPath, groupOf, isRecord } from '../../model/kinds.js';
import { defineRule } from '../define.js';
import { LEGACY_HELM_RELEASE_GROUPS, LEGACY_HELM_RELEASE_KINDS } from './gitops.table.js';

export default defineRule({
  meta: {
    id: 'gitops/helm-operator',
    category: 'gitops',
    severity: 'blocker',
    description:
      'HelmReleases of the end-of-life Flux Helm Operator (helm.fluxcd.io/v1, flux.weave.works/v1beta1, and the pre-1.0 FluxHelmRelease), to rewrite for Flux v2 (helm.toolkit.fluxcd.io).',
    fixable: false,
    targets: ['HelmRelease', 'FluxHelmRelease'],
    messages: {
      legacy: {
        message:
          '{{kind}} {{name}} uses {{apiVersion}}, the API of {{what}}; rewrite it for Flux v2 (helm.toolkit.fluxcd.io/v2).',
        explanation:
          'The Helm Operator is no longer maintained and is not installed on a new cluster, so on EKS nothing installs or upgrades this release. Flux v2’s helm-controller reads a different schema: the chart comes from a source object (HelmRepository, GitRepository or OCIRepository) instead of being written inline.',
        remediation:
          'Bootstrap Flux v2 on the EKS cluster and rewrite the release: {{chartSource}} becomes a {{sourceKind}} named in spec.chart.spec.sourceRef; spec.chart.name/version → spec.chart.spec.chart/version{{valuesFrom}}; spec.values and spec.releaseName stay. The Flux guide "Migrate from the Helm Operator" walks through it; kube2eks does not read the Secrets valuesFrom names.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    if (!LEGACY_HELM_RELEASE_KINDS.includes(item.ref.kind)) return;
    const group = groupOf(item.ref.apiVersion);
    const what = LEGACY_HELM_RELEASE_GROUPS[group];
    if (!what) return;
    const chart = getPath(item.object, ['spec', 'chart']);
    const repository = isRecord(chart) && typeof chart.repository === 'string' ? chart.repository : undefined;
    const git = isRecord(chart) && typeof chart.git === 'string' ? chart.git : undefined;
    const chartGitPath = getPath(item.object, ['spec', 'chartGitPath']);
    const valuesFrom = getPath(item.object, ['spec', 'valuesFrom']);
    report({
      item,
      messageId: 'legacy',
      data: {
        kind: item.ref.kind,
        name: item.ref.name,
        apiVersion: item.ref.apiVersion,
        what,
        chartSource: repository
          ? `spec.chart.repository (${repository})`
          : git
            ? `spec.chart.git (${git})`
            : typeof chartGitPath === 'string'
              ? `spec.chartGitPath (${chartGitPath}, a folder of the repository Flux syncs)`
              : 'the inline chart location',
        sourceKind:
          git || typeof chartGitPath === 'string' ? 'GitRepository' : 'HelmRepository (or OCIRepository)',
        valuesFrom: Array.isArray(valuesFrom)
          ? '; spec.valuesFrom secretKeyRef/configMapKeyRef entries → {kind: Secret|ConfigMap, name, valuesKey}'
          : '',
      },
      path: ['apiVersion'],
      facts: { legacyGroup: group, repository: repository ?? null, git: git ?? null },
    });
  },
});
