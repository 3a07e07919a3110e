import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { requiredVersion, tooOld } from '../../model/helm-release.js';
import rule from './chart-version.js';
import { CHART_SUPPORT } from './gitops.table.js';

// Shapes from public GitOps repositories: an Argo CD Application of ingress-nginx 4.2.3 with inline
// helm.values, a multi-source Application (sources[] with a $values ref), Flux v2 releases of cert-manager
// and KEDA (a semver range), and a chart kube2eks has no matrix for.
const FIXTURE = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: fires-ingress-nginx, namespace: argo-cd}
spec:
  project: default
  source:
    repoURL: https://kubernetes.github.io/ingress-nginx
    chart: ingress-nginx
    targetRevision: "4.2.3"
  destination: {server: https://kubernetes.default.svc, namespace: web}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: fires-multi-source, namespace: argocd}
spec:
  sources:
  - {repoURL: "git@github.com:example/gitops.git", targetRevision: main, ref: values}
  - repoURL: https://kubernetes.github.io/ingress-nginx
    chart: ingress-nginx
    targetRevision: 4.11.2
    helm: {valueFiles: [$values/ingress/values.yaml]}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: fires-cert-manager, namespace: cert-manager}
spec:
  chart:
    spec:
      chart: cert-manager
      version: v1.8.0
      sourceRef: {kind: HelmRepository, name: jetstack}
---
apiVersion: helm.toolkit.fluxcd.io/v2beta1
kind: HelmRelease
metadata: {name: fires-keda-range, namespace: keda}
spec:
  chart:
    spec: {chart: keda, version: "2.10.x", sourceRef: {kind: HelmRepository, name: kedacore}}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: dont-fire-open-range, namespace: keda}
spec:
  chart:
    spec: {chart: keda, version: ">=2.0.0", sourceRef: {kind: HelmRepository, name: kedacore}}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: dont-fire-current, namespace: argocd}
spec:
  source: {repoURL: https://kubernetes.github.io/ingress-nginx, chart: ingress-nginx, targetRevision: 4.13.0}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: dont-fire-unknown-chart}
spec:
  chart:
    spec: {chart: podinfo, version: 1.0.0, sourceRef: {kind: HelmRepository, name: podinfo}}
`;

describe('gitops/chart-version', () => {
  it('fires on pinned versions and ranges that stay below the first release for the target', () => {
    const findings = runRule(rule, FIXTURE, { targetVersion: '1.33' });
    expect(summarize(findings)).toEqual([
      'warning gitops/chart-version Application/fires-ingress-nginx@argo-cd :9',
      'warning gitops/chart-version Application/fires-multi-source@argocd :20',
      'warning gitops/chart-version HelmRelease/fires-cert-manager@cert-manager :30',
      'warning gitops/chart-version HelmRelease/fires-keda-range@keda :38',
    ]);
    expect(findings[0]?.message).toBe(
      'Application fires-ingress-nginx installs ingress-nginx chart 4.2.3, older than 4.13.0, the first release that supports Kubernetes 1.33.',
    );
    expect(findings[0]?.explanation).toContain('github.com/kubernetes/ingress-nginx');
    expect(findings[2]?.message).toContain('cert-manager chart v1.8.0, older than 1.17.0');
    expect(findings[3]?.message).toContain('KEDA chart 2.10.x, older than 2.18.0');
  });

  it('says when the target is beyond the table', () => {
    const nginx = CHART_SUPPORT.find((c) => c.label === 'ingress-nginx');
    expect(nginx && requiredVersion(nginx, '1.35')).toEqual({ version: '4.13.0', row: '1.33', beyond: true });
    expect(nginx && requiredVersion(nginx, '1.32')).toEqual({
      version: '4.12.0',
      row: '1.32',
      beyond: false,
    });
    expect(tooOld('4.x', '4.12.0')).toBe(false);
    expect(tooOld('~4.10.0', '4.12.0')).toBe(true);
    expect(tooOld('not-a-version', '4.12.0')).toBe(false);
  });
});
