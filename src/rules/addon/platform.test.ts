import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './platform.js';
import { imageRepository } from './signals.js';

const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
  labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}
spec:
  template:
    spec:
      containers: [{name: controller, image: "registry.k8s.io/ingress-nginx/controller:v1.9.4@sha256:5b16"}]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: ingress-nginx-admission-create
  namespace: ingress-nginx
  labels: {app.kubernetes.io/name: ingress-nginx}
spec:
  template:
    spec:
      containers: [{name: create, image: registry.k8s.io/ingress-nginx/kube-webhook-certgen:v20231011}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: kps-grafana, namespace: monitoring}
spec:
  template:
    spec:
      containers: [{name: grafana, image: docker.io/grafana/grafana:10.2.0}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, namespace: shop}
spec:
  template:
    metadata:
      annotations: {sidecar.istio.io/inject: "true"}
    spec:
      containers: [{name: shop, image: shop:1}]
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: shop-tls, namespace: shop}
spec: {secretName: shop-tls}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-app, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1.25}]
`;

describe('addon/platform', () => {
  it('reports one finding per add-on on its main workload, or on what depends on it', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'info addon/platform Deployment/ingress-nginx-controller@ingress-nginx :4',
      'info addon/platform Deployment/kps-grafana@monitoring :25',
      'info addon/platform Deployment/shop@shop :37',
      'info addon/platform Certificate/shop-tls@shop :41',
    ]);
    const [nginx, grafana, istio, certManager] = findings;
    expect(nginx?.message).toBe(
      'Deployment ingress-nginx-controller runs ingress-nginx (ingress controller), a platform add-on the applications rely on.',
    );
    expect(nginx?.explanation).toContain('Its other workloads here: Job ingress-nginx-admission-create.');
    expect(nginx?.remediation).toContain('AWS Load Balancer Controller');
    expect(grafana?.remediation).toContain('Amazon Managed Grafana');
    expect(istio?.message).toBe(
      'Deployment shop relies on Istio (annotation sidecar.istio.io/inject), which is not among the objects read.',
    );
    expect(certManager?.message).toContain(
      'relies on cert-manager (custom resource Certificate (cert-manager.io))',
    );
    expect(certManager?.remediation).toContain('AWS Certificate Manager');
  });
});

describe('imageRepository', () => {
  it('drops registry host, tag and digest', () => {
    expect(imageRepository('quay.io/prometheus/prometheus:v2.45.0')).toBe('prometheus/prometheus');
    expect(imageRepository('nginx')).toBe('nginx');
    expect(imageRepository('docker.io/library/redis:7@sha256:abc')).toBe('redis');
    expect(imageRepository('localhost:5000/team/app:1')).toBe('team/app');
    expect(imageRepository('grafana/grafana')).toBe('grafana/grafana');
  });
});
