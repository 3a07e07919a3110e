import { describe, expect, test } from 'vitest';
import { refOf } from '../model/kinds.js';
import type { Inventory, KubeObject } from '../model/types.js';
import { formatVerify } from '../report/verify.js';
import { type VerifyResult, verify } from './index.js';

function inventory(objects: KubeObject[]): Inventory {
  return {
    objects: objects.map((object) => ({
      object,
      ref: refOf(object),
      location: { cluster: 'x' },
      origin: 'cluster',
    })),
    errors: [],
    notes: [],
    cluster: { nodes: [], forbidden: [] },
  };
}

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const m = (name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
  name,
  ...(namespace ? { namespace } : {}),
  ...extra,
});
const deploy = (
  name: string,
  replicas: number,
  ready?: number,
  image = 'nginx:1.25',
  ns = 'shop',
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: m(name, ns),
  spec: { replicas, template: { spec: { containers: [{ name: 'main', image }] } } },
  ...(ready === undefined ? {} : { status: { replicas, readyReplicas: ready } }),
});
const svc = (name: string, type = 'ClusterIP', status?: unknown): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: m(name, 'shop'),
  spec: { type, selector: { app: name } },
  ...(status ? { status } : {}),
});
const endpoints = (name: string, ips: string[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: m(name, 'shop'),
  subsets: ips.length ? [{ addresses: ips.map((ip) => ({ ip })) }] : [],
});
const slice = (service: string, ready: boolean[]): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: m(`${service}-abc`, 'shop', { labels: { 'kubernetes.io/service-name': service } }),
  endpoints: ready.map((r, i) => ({ addresses: [`10.0.0.${i + 1}`], conditions: { ready: r } })),
});
const pvc = (name: string, storageClassName: string | undefined, phase?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: m(name, 'shop'),
  spec: { ...(storageClassName !== undefined ? { storageClassName } : {}) },
  ...(phase ? { status: { phase } } : {}),
});
const sc = (name: string, provisioner: string, isDefault = false): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: m(
    name,
    undefined,
    isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {},
  ),
  provisioner,
});
const crd = (name: string): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: m(name),
  spec: { group: name.split('.').slice(1).join('.'), versions: [{ name: 'v1', served: true }] },
});
const hpa = (name: string, target: string, metrics?: unknown[]): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: m(name, 'shop'),
  spec: { scaleTargetRef: { kind: 'Deployment', name: target }, minReplicas: 2, maxReplicas: 6 },
  ...(metrics ? { status: { currentMetrics: metrics } } : {}),
});
const cpuMetric = { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 40 } } };

const SOURCE: KubeObject[] = [
  deploy('web', 3),
  deploy('api', 2),
  deploy('gone', 1),
  deploy('fixed', 3),
  deploy('coredns', 2, 2, 'coredns:1.11', 'kube-system'),
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: m('db', 'shop'), spec: { replicas: 1 } },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: m('agent', 'shop'),
    status: { desiredNumberScheduled: 3, numberReady: 3 },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: m('web-5d9c', 'shop', {
      ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true }],
    }),
    spec: { replicas: 3 },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: m('nightly', 'shop'),
    spec: { schedule: '0 2 * * *' },
  },
  svc('web'),
  svc('api'),
  svc('lb', 'LoadBalancer'),
  { apiVersion: 'v1', kind: 'Service', metadata: m('kubernetes', 'default'), spec: { type: 'ClusterIP' } },
  endpoints('api', ['10.1.0.4']),
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: m('web', 'shop') },
  pvc('data-db', 'standard-rwo', 'Bound'),
  pvc('cache', 'standard-rwo', 'Bound'),
  pvc('logs', 'standard-rwo', 'Bound'),
  sc('standard-rwo', 'pd.csi.storage.gke.io', true),
  crd('widgets.example.com'),
  crd('gadgets.example.com'),
  crd('backendconfigs.cloud.google.com'),
  hpa('web', 'web'),
  hpa('api', 'api'),
];

const TARGET: KubeObject[] = [
  deploy('web', 4, 4, `${REGISTRY}/shop/web:1.0`), // HPA range 2-6: 4 replicas is fine
  deploy('api', 2, 1),
  deploy('fixed', 1, 1, `${REGISTRY}/shop/fixed:1.0`),
  deploy('coredns', 2, 2, '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/coredns:v1.11', 'kube-system'),
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: m('db', 'shop'),
    spec: { replicas: 1 },
    status: { readyReplicas: 1 },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: m('agent', 'shop'),
    status: { desiredNumberScheduled: 0, numberReady: 0 },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: m('nightly', 'shop'),
    spec: { schedule: '0 2 * * *' },
  },
  svc('web'),
  svc('api'),
  svc('lb', 'LoadBalancer', { loadBalancer: {} }),
  slice('web', [true, false]),
  endpoints('api', []),
  endpoints('lb', ['10.2.0.1']),
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: m('web', 'shop'),
    status: { loadBalancer: { ingress: [{ hostname: 'k8s-shop-web-123.us-east-1.elb.amazonaws.com' }] } },
  },
  pvc('data-db', 'gp3', 'Bound'),
  pvc('cache', 'gp3', 'Pending'),
  pvc('logs', 'standard-rwo', 'Bound'),
  sc('gp3', 'ebs.csi.aws.com', true),
  sc('standard-rwo', 'pd.csi.storage.gke.io'),
  crd('widgets.example.com'),
  hpa('web', 'web', [cpuMetric]),
  hpa('api', 'api', []),
];

const lines = (r: VerifyResult) =>
  r.checks.map(
    (c) =>
      `${c.status} ${c.kind} ${c.resource.kind} ${c.resource.namespace ?? '-'}/${c.resource.name}: ${c.detail}`,
  );

describe('verify', () => {
  test('one gap of each kind, the rest ok; platform objects and owned ReplicaSets are not compared', () => {
    const result = verify(inventory(SOURCE), inventory(TARGET), { registry: `${REGISTRY}/` });
    expect(lines(result)).toEqual([
      'ok workload CronJob shop/nightly: present, schedule 0 2 * * *',
      'gap workload DaemonSet shop/agent: scheduled on no node of the target: check its nodeSelector, affinity and tolerations against the EKS node labels and taints',
      'gap workload Deployment shop/api: 1 of 2 replicas ready',
      'gap workload Deployment shop/fixed: 1 replica on the target, 3 on the source',
      'gap workload Deployment shop/gone: Deployment shop/gone is not on the target',
      'ok workload Deployment shop/web: 4 of 4 replicas ready (HPA 2-6)',
      'ok workload StatefulSet shop/db: 1 of 1 replicas ready',
      'gap service Service shop/api: no ready endpoints: no ready pod matches app=api on the target',
      'ok service Service shop/lb: 1 ready endpoint',
      'ok service Service shop/web: 1 ready endpoint',
      'ok loadBalancer Ingress shop/web: provisioned: k8s-shop-web-123.us-east-1.elb.amazonaws.com',
      'gap loadBalancer Service shop/lb: no load balancer address yet: check the AWS Load Balancer Controller logs and the events of this object',
      'gap pvc PersistentVolumeClaim shop/cache: Pending, not Bound',
      'ok pvc PersistentVolumeClaim shop/data-db: Bound, StorageClass gp3 (ebs.csi.aws.com)',
      'gap pvc PersistentVolumeClaim shop/logs: StorageClass standard-rwo uses pd.csi.storage.gke.io, a provisioner of the source platform that does not run on EKS (use ebs.csi.aws.com or efs.csi.aws.com)',
      `gap image Deployment shop/api: nginx:1.25 (container main) is not pulled from ${REGISTRY}`,
      `ok image Deployment shop/fixed: 1 image from ${REGISTRY}`,
      `ok image Deployment shop/web: 1 image from ${REGISTRY}`,
      'gap crd CustomResourceDefinition -/gadgets.example.com: CustomResourceDefinition gadgets.example.com is not on the target',
      'ok crd CustomResourceDefinition -/widgets.example.com: present, serving v1',
      'gap hpa HorizontalPodAutoscaler shop/api: no current metrics: the HPA cannot scale. Install metrics-server on EKS (and the Prometheus adapter or KEDA for custom and external metrics)',
      'ok hpa HorizontalPodAutoscaler shop/web: 1 current metric',
    ]);
    expect(result.summary).toEqual({ checked: 22, ok: 11, gaps: 11 });
    expect(result.schemaVersion).toBe(1);
  });

  test('all ok when the target runs what the source ran', () => {
    const source = [
      deploy('web', 2),
      svc('web'),
      pvc('data', 'standard-rwo', 'Bound'),
      crd('widgets.example.com'),
      hpa('web', 'web'),
    ];
    const target = [
      deploy('web', 2, 2, `${REGISTRY}/web:1`),
      svc('web'),
      endpoints('web', ['10.0.0.1', '10.0.0.2']),
      pvc('data', 'gp3', 'Bound'),
      sc('gp3', 'ebs.csi.aws.com', true),
      crd('widgets.example.com'),
      hpa('web', 'web', [cpuMetric]),
    ];
    const result = verify(inventory(source), inventory(target), { registry: REGISTRY });
    expect(result.summary).toEqual({ checked: 6, ok: 6, gaps: 0 });
    expect(formatVerify(result, 'table')).toBe(
      [
        'STATUS  CHECK     RESOURCE                                      DETAIL',
        'OK      workload  Deployment shop/web                           2 of 2 replicas ready (HPA 2-6)',
        'OK      service   Service shop/web                              2 ready endpoints',
        'OK      pvc       PersistentVolumeClaim shop/data               Bound, StorageClass gp3 (ebs.csi.aws.com)',
        `OK      image     Deployment shop/web                           1 image from ${REGISTRY}`,
        'OK      crd       CustomResourceDefinition widgets.example.com  present, serving v1',
        'OK      hpa       HorizontalPodAutoscaler shop/web              1 current metric',
        '',
        'All 6 checks ok: the target runs what the source ran.',
        '',
      ].join('\n'),
    );
  });

  test('with a plan, PVCs must use the storage class the plan maps theirs to', () => {
    const plan = {
      schemaVersion: 1,
      storageClasses: [
        { from: 'standard-rwo', to: 'gp3' },
        { from: '*', to: 'efs-sc' },
      ],
    };
    const source = [pvc('a', 'standard-rwo'), pvc('b', 'premium'), pvc('c', 'standard-rwo')];
    const target = [pvc('a', 'gp3', 'Bound'), pvc('b', 'gp3', 'Bound'), pvc('c', 'standard-rwo', 'Bound')];
    expect(lines(verify(inventory(source), inventory(target), { plan }))).toEqual([
      'ok pvc PersistentVolumeClaim shop/a: Bound, StorageClass gp3',
      'gap pvc PersistentVolumeClaim shop/b: uses StorageClass gp3; the plan expects efs-sc',
      'gap pvc PersistentVolumeClaim shop/c: uses StorageClass standard-rwo; the plan expects gp3',
    ]);
  });

  test('a target read from manifests (no status) is a gap that says how to read it', () => {
    const result = verify(
      inventory([deploy('web', 2), svc('web')]),
      inventory([deploy('web', 2), svc('web')]),
    );
    expect(lines(result)).toEqual([
      'gap workload Deployment shop/web: the target has no status: read the target from the cluster (context:NAME or a bundle)',
      'gap service Service shop/web: the target holds no Endpoints or EndpointSlices: read the target from the cluster (context:NAME or a bundle)',
    ]);
  });

  test('JSON and Markdown outputs', () => {
    const result = verify(inventory([deploy('gone', 1)]), inventory([]));
    expect(JSON.parse(formatVerify(result, 'json'))).toEqual({
      schemaVersion: 1,
      summary: { checked: 1, ok: 0, gaps: 1 },
      checks: [
        {
          kind: 'workload',
          resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'gone' },
          status: 'gap',
          detail: 'Deployment shop/gone is not on the target',
        },
      ],
    });
    expect(formatVerify(result, 'markdown')).toBe(
      [
        '# kube2eks verify',
        '',
        '1 gap in 1 checks (0 ok).',
        '',
        '| checked | ok | gaps |',
        '|---:|---:|---:|',
        '| 1 | 0 | 1 |',
        '',
        '| Status | Check | Resource | Detail |',
        '|---|---|---|---|',
        '| **gap** | workload | `Deployment shop/gone` | Deployment shop/gone is not on the target |',
        '',
      ].join('\n'),
    );
  });
});

describe('verify: unreadable input', () => {
  test('a source or target document that could not be read is a gap, not "all checks ok"', () => {
    const source = inventory([deploy('web', 1)]);
    source.errors.push({
      file: 'src/bad.yaml',
      line: 4,
      column: 3,
      message: 'invalid YAML: bad indentation',
    });
    const target = inventory([deploy('web', 1, 1)]);
    target.errors.push({ file: 'eks.tar.gz', entry: 'resources/pods/x.json', message: 'not valid JSON' });
    const result = verify(source, target);
    expect(result.summary).toEqual({ checked: 3, ok: 1, gaps: 2 });
    expect(result.checks.filter((c) => c.kind === 'input')).toEqual([
      {
        kind: 'input',
        resource: { apiVersion: '', kind: 'File', name: 'eks.tar.gz (resources/pods/x.json)' },
        status: 'gap',
        detail: 'the target input could not be read here (not valid JSON), so what it holds was not compared',
      },
      {
        kind: 'input',
        resource: { apiVersion: '', kind: 'File', name: 'src/bad.yaml:4' },
        status: 'gap',
        detail:
          'the source input could not be read here (invalid YAML: bad indentation), so what it holds was not compared',
      },
    ]);
  });
});
