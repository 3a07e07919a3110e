import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './helm-operator.js';

// Shapes from fluxcd/helm-operator docs (helmrelease-guide: chart.repository/name/version, valuesFrom
// secretKeyRef), a flux.weave.works/v1beta1 release of fluxcd/flux-get-started, and a Flux v2 podinfo release.
const FIXTURE = `apiVersion: helm.fluxcd.io/v1
kind: HelmRelease
metadata: {name: fires-podinfo, namespace: demo}
spec:
  releaseName: podinfo
  chart:
    repository: https://stefanprodan.github.io/podinfo
    name: podinfo
    version: 3.2.0
  valuesFrom:
  - secretKeyRef: {name: podinfo-values, key: values.yaml}
  values:
    replicaCount: 2
---
apiVersion: flux.weave.works/v1beta1
kind: HelmRelease
metadata: {name: fires-mongodb, namespace: demo}
spec:
  chart:
    git: git@github.com:fluxcd/flux-get-started
    ref: master
    path: charts/mongodb
---
apiVersion: helm.integrations.flux.weave.works/v1alpha2
kind: FluxHelmRelease
metadata: {name: fires-flux-helm-release, namespace: dev}
spec:
  chartGitPath: podinfo
  releaseName: podinfo-dev
  values: {replicaCount: 1}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: dont-fire-flux-v2, namespace: demo}
spec:
  interval: 10m
  chart:
    spec:
      chart: podinfo
      version: 6.5.4
      sourceRef: {kind: HelmRepository, name: podinfo}
`;

describe('gitops/helm-operator', () => {
  it('fires on Helm Operator releases with the Flux v2 rewrite', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'blocker gitops/helm-operator HelmRelease/fires-podinfo@demo :1',
      'blocker gitops/helm-operator HelmRelease/fires-mongodb@demo :15',
      'blocker gitops/helm-operator FluxHelmRelease/fires-flux-helm-release@dev :24',
    ]);
    const [podinfo, mongodb, alpha] = findings;
    expect(alpha?.message).toBe(
      'FluxHelmRelease fires-flux-helm-release uses helm.integrations.flux.weave.works/v1alpha2, the API of the pre-1.0 Flux Helm Operator (FluxHelmRelease, end of life); rewrite it for Flux v2 (helm.toolkit.fluxcd.io/v2).',
    );
    expect(alpha?.remediation).toContain(
      'spec.chartGitPath (podinfo, a folder of the repository Flux syncs) becomes a GitRepository',
    );
    expect(podinfo?.message).toBe(
      'HelmRelease fires-podinfo uses helm.fluxcd.io/v1, the API of the Flux Helm Operator (end of life, archived in 2022); rewrite it for Flux v2 (helm.toolkit.fluxcd.io/v2).',
    );
    expect(podinfo?.remediation).toContain(
      'spec.chart.repository (https://stefanprodan.github.io/podinfo) becomes a HelmRepository (or OCIRepository)',
    );
    expect(podinfo?.remediation).toContain('valuesKey');
    expect(podinfo?.remediation).toContain('does not read the Secrets');
    expect(mongodb?.remediation).toContain('becomes a GitRepository');
  });
});
