import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { parseImageReference } from '../../model/images.js';
import registry from './registry.js';

const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-gcr, namespace: shop}
spec:
  template:
    spec:
      imagePullSecrets: [{name: gcr-json-key}]
      containers:
      - name: api
        image: gcr.io/acme/api:1.4.2
      - name: proxy
        image: us-central1-docker.pkg.dev/acme/tools/proxy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: fires-cronjob}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
          - name: wait
            image: busybox
          containers:
          - name: job
            image: busybox
          - name: other
            image: docker.io/library/redis:7.2
---
apiVersion: v1
kind: Pod
metadata: {name: fires-pod}
spec:
  containers:
  - name: a
    image: k8s.gcr.io/pause:3.2
  - name: b
    image: acme.azurecr.io/team/app:2.0
  - name: c
    image: quay.io/prometheus/node-exporter:latest
  - name: d
    image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0
  - name: e
    image: registry.internal:5000/app:3
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dont-fire-configmap}
data: {image: "gcr.io/acme/api:1.4.2"}
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: dont-fire-custom-resource}
spec: {image: "quay.io/prometheus/prometheus:v2.45.0"}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: puller, namespace: shop}
imagePullSecrets: [{name: acr-creds}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-sa-pull-secret, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: puller
      containers: [{name: app, image: "acme.azurecr.io/shop/app:5"}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: fires-public-registry}
spec:
  template:
    spec:
      containers: [{name: cli, image: mcr.microsoft.com/azure-cli:2.61.0}]
`;

describe('image/registry', () => {
  const findings = runRule(registry, FIXTURE);

  it('reports each image once per workload, at its first container', () => {
    expect(summarize(findings)).toEqual([
      'info image/registry Deployment/fires-gcr@shop :10',
      'info image/registry Deployment/fires-gcr@shop :12',
      'info image/registry CronJob/fires-cronjob :25',
      'info image/registry CronJob/fires-cronjob :30',
      'info image/registry Pod/fires-pod :38',
      'info image/registry Pod/fires-pod :40',
      'info image/registry Pod/fires-pod :42',
      'info image/registry Pod/fires-pod :44',
      'info image/registry Pod/fires-pod :46',
      'info image/registry Deployment/fires-sa-pull-secret@shop :70',
      'info image/registry Job/fires-public-registry :78',
    ]);
  });

  it('quotes the image as written and says whether ECR pull-through cache can serve it', () => {
    expect(findings.map((f) => f.message)).toEqual([
      'Deployment fires-gcr uses image gcr.io/acme/api:1.4.2 from Google Container Registry (gcr.io); copy it to Amazon ECR.',
      'Deployment fires-gcr uses image us-central1-docker.pkg.dev/acme/tools/proxy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef from Google Artifact Registry; copy it to Amazon ECR.',
      'CronJob fires-cronjob uses image busybox from Docker Hub (no registry written: docker.io/library/busybox); an ECR pull-through cache can serve it, or copy it to Amazon ECR. It has no tag (it resolves to :latest).',
      'CronJob fires-cronjob uses image docker.io/library/redis:7.2 from Docker Hub; an ECR pull-through cache can serve it, or copy it to Amazon ECR.',
      'Pod fires-pod uses image k8s.gcr.io/pause:3.2 from k8s.gcr.io (frozen; moved to registry.k8s.io); use registry.k8s.io/pause:3.2 instead, through an ECR pull-through cache or copied to Amazon ECR.',
      'Pod fires-pod uses image acme.azurecr.io/team/app:2.0 from Azure Container Registry; an ECR pull-through cache can serve it, or copy it to Amazon ECR.',
      'Pod fires-pod uses image quay.io/prometheus/node-exporter:latest from Quay.io; an ECR pull-through cache can serve it, or copy it to Amazon ECR. It is tagged :latest.',
      'Pod fires-pod uses image 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0, already in Amazon ECR.',
      'Pod fires-pod uses image registry.internal:5000/app:3 from a private or third-party registry; copy it to Amazon ECR.',
      'Deployment fires-sa-pull-secret uses image acme.azurecr.io/shop/app:5 from Azure Container Registry; an ECR pull-through cache can serve it, or copy it to Amazon ECR.',
      'Job fires-public-registry uses image mcr.microsoft.com/azure-cli:2.61.0 from Microsoft Container Registry; EKS nodes can pull it directly, or copy it to Amazon ECR for private clusters.',
    ]);
  });

  it('says public Google repositories pull anonymously and private ones need the copy', () => {
    const artifact = findings[1];
    expect(artifact?.explanation).toContain('Public Artifact Registry repositories pull anonymously');
    expect(artifact?.explanation).toContain('private ones need Google credentials');
    expect(artifact?.explanation).not.toMatch(/^Artifact Registry needs Google credentials/);
  });

  it('flags pull Secrets of registries that go away and gives the copy target', () => {
    const [gcr] = findings;
    expect(gcr?.explanation).toContain('imagePullSecrets gcr-json-key');
    expect(gcr?.remediation).toContain('<account>.dkr.ecr.<region>.amazonaws.com/acme/api:1.4.2');
    expect(findings[2]?.remediation).toContain('containers wait and job');
    expect(findings[2]?.remediation).toContain('Pin a version tag or a digest');
    expect(findings[9]?.explanation).toContain('imagePullSecrets acr-creds');
  });

  it('keeps the facts the generate step needs', () => {
    expect(findings[1]?.data).toMatchObject({
      registry: 'us-central1-docker.pkg.dev',
      repository: 'acme/tools/proxy',
      digest: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      pullThroughCache: false,
    });
    expect(findings[2]?.data).toMatchObject({
      registry: 'docker.io',
      repository: 'library/busybox',
      pullThroughCache: true,
      latest: true,
    });
    expect(findings[4]?.data).toMatchObject({
      registryK8sEquivalent: 'registry.k8s.io/pause',
      pullThroughCache: false,
    });
  });
});

describe('parseImageReference', () => {
  it('follows the Docker reference rules', () => {
    expect(parseImageReference('redis:alpine')).toMatchObject({
      registry: 'docker.io',
      repository: 'library/redis',
      tag: 'alpine',
      implicitRegistry: true,
    });
    expect(parseImageReference('localhost:5000/a/b')).toMatchObject({
      registry: 'localhost:5000',
      repository: 'a/b',
    });
    expect(parseImageReference('index.docker.io/bitnami/redis:7')).toMatchObject({
      registry: 'docker.io',
      repository: 'bitnami/redis',
      implicitRegistry: false,
    });
    expect(parseImageReference('busybox:1.38.0@sha256:abc')).toMatchObject({
      tag: '1.38.0',
      digest: 'sha256:abc',
    });
    expect(parseImageReference('not an image')).toBeUndefined();
  });
});

describe('image/registry on real-world references', () => {
  const findings = runRule(
    registry,
    `apiVersion: v1
kind: Pod
metadata: {name: fires-dumped-pod, namespace: default}
spec:
  containers:
  - {name: t1, image: itaysk/cyan}
status:
  containerStatuses:
  - name: t1
    image: docker.io/itaysk/cyan:latest
    imageID: docker.io/itaysk/cyan@sha256:0fcfc9231fa11b473973a68c0394e7c85e2117a9ba7a9476897c07e40d718ffa
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-ngc}
spec:
  template:
    spec:
      containers: [{name: plugin, image: "nvcr.io/nvidia/k8s-device-plugin:v0.20.1"}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-placeholder}
spec:
  template:
    spec:
      containers:
      - {name: a, image: "<your-registry>/store-front:1.0"}
      - {name: b, image: "<acr-name>.azurecr.io/order-service:1.0"}
`,
  );
  const byName = (n: string) => findings.filter((f) => f.resource.name === n);

  it('pins the digest a dumped Pod actually runs', () => {
    const [pod] = byName('fires-dumped-pod');
    expect(pod?.message).toContain('It has no tag (it resolves to :latest).');
    expect(pod?.remediation).toContain(
      'Pin the digest the source cluster runs (sha256:0fcfc9231fa11b473973a68c0394e7c85e2117a9ba7a9476897c07e40d718ffa, from the status of container t1)',
    );
    expect(pod?.data).toMatchObject({
      runningDigest: 'sha256:0fcfc9231fa11b473973a68c0394e7c85e2117a9ba7a9476897c07e40d718ffa',
    });
  });

  it('names NVIDIA NGC instead of calling it a private registry', () => {
    const [ngc] = byName('fires-ngc');
    expect(ngc?.message).toBe(
      'DaemonSet fires-ngc uses image nvcr.io/nvidia/k8s-device-plugin:v0.20.1 from NVIDIA NGC (nvcr.io); EKS nodes can pull it directly, or copy it to Amazon ECR for private clusters.',
    );
  });

  it('recognises placeholder references, keeping a registry the placeholder still names', () => {
    const [placeholder, acr] = byName('fires-placeholder');
    expect(placeholder?.message).toBe(
      'Deployment fires-placeholder uses image <your-registry>/store-front:1.0 from a placeholder registry (a value to fill in); copy it to Amazon ECR.',
    );
    expect(acr?.message).toContain('from Azure Container Registry');
  });
});

describe('image/registry copy target of a placeholder reference', () => {
  it('drops the placeholder host from the ECR repository path', () => {
    const [f] = runRule(
      registry,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-placeholder-target}
spec:
  template: {spec: {containers: [{name: a, image: "<your-registry>/store-front:1.0"}]}}
`,
    );
    expect(f?.remediation).toContain('<account>.dkr.ecr.<region>.amazonaws.com/store-front:1.0');
  });
});

describe('image/registry on mirror and sovereign-cloud hosts', () => {
  it('tells the Docker Hub mirror of GKE from Container Registry, and knows ACR outside the public cloud', () => {
    const [mirror, acr] = runRule(
      registry,
      `apiVersion: v1
kind: Pod
metadata: {name: fires-mirrors}
spec:
  containers:
  - {name: a, image: "mirror.gcr.io/library/nginx:1.27"}
  - {name: b, image: "team.azurecr.cn/app:2"}
`,
    );
    expect(mirror?.message).toContain("from Google's Docker Hub mirror (mirror.gcr.io)");
    expect(mirror?.explanation).toContain('from Docker Hub through an ECR pull-through cache');
    expect(acr?.message).toContain('from Azure Container Registry');
  });
});

describe('image/registry and retired add-ons', () => {
  it('says to retire Heapster, its InfluxDB and kube-dns instead of copying them', () => {
    // kubernetes/kubernetes cluster/addons (1.10): heapster, monitoring-influxdb and kube-dns.
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: heapster, namespace: kube-system}
spec:
  template:
    spec:
      containers: [{name: heapster, image: k8s.gcr.io/heapster-amd64:v1.5.4}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: monitoring-influxdb, namespace: kube-system}
spec:
  template:
    spec:
      containers: [{name: influxdb, image: gcr.io/google_containers/heapster-influxdb-amd64:v1.3.3}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: kube-dns, namespace: kube-system}
spec:
  template:
    spec:
      containers:
      - {name: kubedns, image: k8s.gcr.io/k8s-dns-kube-dns-amd64:1.14.13}
      - {name: dnsmasq, image: k8s.gcr.io/k8s-dns-dnsmasq-nanny-amd64:1.14.13}
`;
    const found = runRule(registry, text);
    expect(found.map((f) => f.message)).toEqual([
      'Deployment heapster uses image k8s.gcr.io/heapster-amd64:v1.5.4 of Heapster, a retired add-on: retire it rather than copy it to Amazon ECR.',
      'Deployment monitoring-influxdb uses image gcr.io/google_containers/heapster-influxdb-amd64:v1.3.3 of InfluxDB for Heapster, a retired add-on: retire it rather than copy it to Amazon ECR.',
      'Deployment kube-dns uses image k8s.gcr.io/k8s-dns-kube-dns-amd64:1.14.13 of kube-dns, a retired add-on: retire it rather than copy it to Amazon ECR.',
      'Deployment kube-dns uses image k8s.gcr.io/k8s-dns-dnsmasq-nanny-amd64:1.14.13 of kube-dns, a retired add-on: retire it rather than copy it to Amazon ECR.',
    ]);
    expect(found[0]?.explanation).toContain('metrics-server');
    expect(found[2]?.explanation).toContain('CoreDNS');
    expect(found[0]?.data?.retired).toContain('metrics-server');
  });
});
