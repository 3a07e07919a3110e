import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './values.js';

// Shapes from AKS GitOps samples (Azure/gitops-flux2-kustomize-helm-mt: ingress-nginx with the Azure internal
// load balancer annotation and agentpool node selectors), a GKE Argo CD app with a standard-rwo storage class
// in helm.values text, and Argo CD helm.parameters with escaped dots.
const FIXTURE = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: fires-aks-nginx, namespace: ingress}
spec:
  chart:
    spec: {chart: ingress-nginx, version: 4.12.0, sourceRef: {kind: HelmRepository, name: ingress-nginx}}
  valuesFrom:
  - {kind: Secret, name: nginx-extra-values}
  values:
    controller:
      nodeSelector: {agentpool: system}
      service:
        annotations:
          service.beta.kubernetes.io/azure-load-balancer-internal: "true"
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: fires-gke-redis, namespace: argocd}
spec:
  source:
    repoURL: https://charts.bitnami.com/bitnami
    chart: redis
    targetRevision: 19.0.1
    helm:
      values: |
        master:
          persistence:
            storageClass: standard-rwo
          nodeSelector:
            cloud.google.com/gke-nodepool: pool-data
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: fires-parameters, namespace: argocd}
spec:
  source:
    repoURL: https://kubernetes.github.io/ingress-nginx
    chart: ingress-nginx
    targetRevision: 4.12.0
    helm:
      parameters:
      - name: controller.service.annotations.service\\.beta\\.kubernetes\\.io/azure-load-balancer-health-probe-request-path
        value: /healthz
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: dont-fire-aws-values}
spec:
  chart:
    spec: {chart: app, version: 1.0.0, sourceRef: {kind: HelmRepository, name: app}}
  values:
    persistence: {storageClass: gp3}
    nodeSelector: {eks.amazonaws.com/nodegroup: general}
    service:
      annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internal}
`;

describe('gitops/values', () => {
  it('finds other clouds’ settings in values, values text and parameters', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning gitops/values HelmRelease/fires-aks-nginx@ingress :11',
      'warning gitops/values Application/fires-gke-redis@argocd :25',
      'warning gitops/values Application/fires-parameters@argocd :42',
    ]);
    const [aks, gke, params] = findings;
    expect(aks?.message).toBe(
      'HelmRelease fires-aks-nginx sets an AKS node label (agentpool) and an AKS load balancer annotation (service.beta.kubernetes.io/azure-load-balancer-internal) in the values of chart ingress-nginx.',
    );
    expect(aks?.remediation).toContain('controller.nodeSelector.agentpool → eks.amazonaws.com/nodegroup');
    expect(aks?.remediation).toContain('valuesFrom');
    expect(gke?.message).toContain('GKE PD balanced storage (standard-rwo)');
    expect(gke?.message).toContain('a GKE node label (cloud.google.com/gke-nodepool)');
    expect(gke?.remediation).toContain('gp3');
    expect(params?.message).toContain('azure-load-balancer-health-probe-request-path');
  });
});
