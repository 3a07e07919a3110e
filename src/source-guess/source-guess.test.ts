import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/index.js';
import type { Inventory, NodeFact } from '../model/types.js';
import { parseManifests } from '../sources/manifest.js';
import { guessSource } from './source-guess.js';

function inventory(text: string, cluster: Partial<Inventory['cluster']> = {}): Inventory {
  const parsed = parseManifests(text, 'fixture.yaml');
  return {
    objects: parsed.objects,
    errors: [],
    notes: [],
    cluster: { nodes: [], forbidden: [], ...cluster },
  };
}

const node = (name: string, labels: Record<string, string>, kubeletVersion?: string): NodeFact => ({
  name,
  labels,
  taints: [],
  capacity: {},
  allocatable: {},
  ...(kubeletVersion ? { kubeletVersion } : {}),
});

describe('guessSource', () => {
  it('recognises GKE from its provisioner, annotations and version suffix', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: standard-rwo}
provisioner: pd.csi.storage.gke.io
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: cart
  annotations: {iam.gke.io/gcp-service-account: cart@shop.iam.gserviceaccount.com}
`;
    const guess = guessSource(inventory(text, { serverVersion: 'v1.29.3-gke.1093000' }), loadCatalog());
    expect(guess).toEqual({
      provider: 'gke',
      kubernetesVersion: '1.29',
      evidence: [
        'server version v1.29.3-gke.1093000',
        'ServiceAccount cart: annotation iam.gke.io/gcp-service-account',
        'StorageClass standard-rwo: pd.csi.storage.gke.io',
      ],
    });
  });

  it('recognises AKS from node labels and EKS from node groups', () => {
    const aks = guessSource(
      inventory('', { nodes: [node('aks-pool-1', { 'kubernetes.azure.com/agentpool': 'pool' }, 'v1.30.4')] }),
      loadCatalog(),
    );
    expect(aks).toEqual({
      provider: 'aks',
      kubernetesVersion: '1.30',
      evidence: ['Node aks-pool-1: label kubernetes.azure.com/agentpool'],
    });
    const eks = guessSource(
      inventory(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gp3}
provisioner: ebs.csi.aws.com
`),
      loadCatalog(),
    );
    expect(eks.provider).toBe('eks');
    expect(eks.evidence).toEqual(['StorageClass gp3: ebs.csi.aws.com']);
  });

  it('prefers OpenShift over the cloud it runs on', () => {
    const text = `apiVersion: route.openshift.io/v1
kind: Route
metadata: {name: shop, namespace: shop}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: gp3-csi}
provisioner: ebs.csi.aws.com
`;
    const guess = guessSource(inventory(text), loadCatalog());
    expect(guess.provider).toBe('openshift');
    expect(guess.evidence).toEqual(['Route shop: API group route.openshift.io']);
  });

  it('also reads the annotation keys of the catalog (data/cloud-equivalence.json)', () => {
    const text = `apiVersion: v1
kind: Service
metadata:
  name: web
  annotations: {service.beta.openshift.io/serving-cert-secret-name: web-tls}
`;
    expect(guessSource(inventory(text), loadCatalog())).toEqual({
      provider: 'openshift',
      evidence: ['Service web: annotation service.beta.openshift.io/serving-cert-secret-name'],
    });
  });

  it('recognises on-premises storage and Rancher versions', () => {
    const text = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: longhorn}
provisioner: driver.longhorn.io
`;
    const guess = guessSource(inventory(text, { serverVersion: 'v1.28.9+rke2r1' }), loadCatalog());
    expect(guess.provider).toBe('on-premises');
    expect(guess.evidence).toEqual([
      'server version v1.28.9+rke2r1',
      'StorageClass longhorn: driver.longhorn.io',
    ]);
  });

  it('groups images by registry: many Artifact Registry images make one line and a GKE guess', () => {
    const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  template:
    spec:
      containers: [{name: app, image: us-docker.pkg.dev/shop/apps/${name}:1}]
`;
    const text = ['cart', 'checkout', 'frontend'].map(deployment).join('---\n');
    expect(guessSource(inventory(text), loadCatalog())).toEqual({
      provider: 'gke',
      evidence: [
        'Deployment cart: image us-docker.pkg.dev/shop/apps/cart:1 (and 2 more from us-docker.pkg.dev)',
      ],
    });
  });

  it('does not count public Google-hosted project images (google_containers, k8s.gcr.io) as GKE evidence', () => {
    // kubernetes/examples (2017) and kube-state-metrics manifests ran these on every kind of cluster.
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: heapster, namespace: kube-system}
spec:
  template:
    spec:
      containers:
      - {name: heapster, image: gcr.io/google_containers/heapster-amd64:v1.5.4}
      - {name: ksm, image: k8s.gcr.io/kube-state-metrics/kube-state-metrics:v2.3.0}
      - {name: pause, image: registry.k8s.io/pause:3.9}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  template:
    spec:
      containers: [{name: app, image: gcr.io/my-project/app:1}]
`;
    expect(guessSource(inventory(text), loadCatalog())).toEqual({
      provider: 'unknown',
      evidence: ['Deployment app: image gcr.io/my-project/app:1'],
    });
  });

  it('stays unknown on weak or conflicting hints, and keeps them as evidence', () => {
    const weak = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers: [{name: web, image: myregistry.azurecr.io/web:1}]
`;
    expect(guessSource(inventory(weak), loadCatalog())).toEqual({
      provider: 'unknown',
      evidence: ['Deployment web: image myregistry.azurecr.io/web:1'],
    });
    const mixed = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: a}
provisioner: disk.csi.azure.com
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: b}
provisioner: pd.csi.storage.gke.io
`;
    const guess = guessSource(inventory(mixed), loadCatalog());
    expect(guess.provider).toBe('unknown');
    expect(guess.evidence[0]).toBe('mixed signs: aks 3, gke 3');
    expect(guessSource(inventory(''), loadCatalog())).toEqual({ provider: 'unknown', evidence: [] });
  });
});

describe('guessSource from pod scheduling keys and storage operators', () => {
  it('recognises GKE Autopilot from a compute-class node selector', () => {
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: max-map-count-setter}
spec:
  template:
    spec:
      nodeSelector: {cloud.google.com/compute-class: Balanced}
      containers: [{name: sleep, image: docker.io/bash:5.2.15}]
`;
    expect(guessSource(inventory(text), loadCatalog())).toEqual({
      provider: 'gke',
      evidence: ['DaemonSet max-map-count-setter: nodeSelector cloud.google.com/compute-class'],
    });
  });

  it('takes Rook Ceph custom resources as a sign of a self-managed cluster', () => {
    const text = `apiVersion: ceph.rook.io/v1
kind: CephCluster
metadata: {name: my-cluster, namespace: rook-ceph}
spec: {}
`;
    expect(guessSource(inventory(text), loadCatalog()).provider).toBe('on-premises');
  });
});
