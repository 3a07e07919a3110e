import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { imageRepository } from '../../model/images.js';
import rule from './platform.js';

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

describe('addon/platform on GitOps-installed and opted-out add-ons', () => {
  const findings = runRule(
    rule,
    `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: cert-manager, namespace: cert-manager}
spec:
  chartRef: {kind: OCIRepository, name: cert-manager}
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata: {name: dont-fire-issuer-when-installer-present}
spec: {acme: {server: https://acme-v02.api.letsencrypt.org/directory}}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: fires-metrics, namespace: argocd}
spec:
  source: {repoURL: https://kubernetes-sigs.github.io/metrics-server/, chart: metrics-server, targetRevision: 3.12.1}
  destination: {server: https://kubernetes.default.svc, namespace: kube-system}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-opted-out, namespace: istio-system}
spec:
  template:
    metadata:
      labels: {sidecar.istio.io/inject: "false"}
    spec:
      containers: [{name: jaeger, image: docker.io/jaegertracing/jaeger:2.17.0}]
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: fires-istio-cr}
spec: {hosts: ["*"]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: nvidia-device-plugin-daemonset, namespace: kube-system}
spec:
  template:
    metadata: {labels: {name: nvidia-device-plugin-ds}}
    spec:
      containers: [{name: ctr, image: "nvcr.io/nvidia/k8s-device-plugin:v0.20.1"}]
`,
  );
  const of = (addon: string) => findings.find((f) => (f.data as { addon?: string }).addon === addon);

  it('reports the HelmRelease or Application that installs an add-on', () => {
    expect(of('cert-manager')?.message).toBe(
      'HelmRelease cert-manager installs cert-manager (certificates) from OCIRepository cert-manager (Flux HelmRelease), a platform add-on the applications rely on.',
    );
    expect(of('metrics-server')?.message).toBe(
      'Application fires-metrics installs metrics-server (resource metrics for HPA and kubectl top) from Helm chart metrics-server (Argo CD Application), a platform add-on the applications rely on.',
    );
  });

  it('takes a custom resource, not an opt-out label, as evidence of a dependency', () => {
    const istio = of('istio');
    expect(istio?.resource.name).toBe('fires-istio-cr');
    expect(istio?.message).toContain('custom resource VirtualService (networking.istio.io)');
  });

  it('knows the NVIDIA device plugin and what EKS GPU AMIs already include', () => {
    const nvidia = of('nvidia-device-plugin');
    expect(nvidia?.resource.name).toBe('nvidia-device-plugin-daemonset');
    expect(nvidia?.remediation).toContain(
      'Bottlerocket NVIDIA AMIs and EKS Auto Mode already include the device plugin',
    );
  });
});

describe('addon/platform and retired add-ons', () => {
  it('says retire Heapster and kube-dns, replaced by metrics-server and CoreDNS', () => {
    // kubernetes/kubernetes cluster/addons (1.10): cluster-monitoring/influxdb and dns/kube-dns.
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: heapster-v1.5.4, namespace: kube-system, labels: {k8s-app: heapster}}
spec:
  template:
    metadata: {labels: {k8s-app: heapster}}
    spec:
      containers: [{name: heapster, image: k8s.gcr.io/heapster-amd64:v1.5.4}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      containers: [{name: kubedns, image: k8s.gcr.io/k8s-dns-kube-dns-amd64:1.14.13}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      containers: [{name: coredns, image: registry.k8s.io/coredns/coredns:v1.11.1}]
`;
    const found = runRule(rule, text).filter((f) => f.data?.retired === true);
    expect(found.map((f) => f.message)).toEqual([
      'Deployment heapster-v1.5.4 runs Heapster (cluster metrics, retired): retire it, it is replaced by metrics-server (the metrics-server EKS community add-on) for kubectl top and HPAs.',
      'Deployment kube-dns runs kube-dns (cluster DNS, retired): retire it, it is replaced by CoreDNS, which EKS installs as the coredns add-on.',
    ]);
    expect(found[0]?.remediation).toContain('Nothing of it goes to ECR');
  });
});
