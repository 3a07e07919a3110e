// Test helpers around the fake API server: certificates made with openssl in the test, a kubeconfig
// pointing at the server, the resource types of a typical cluster, and a small cluster of objects.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeKubeObject, ResourceDef } from './fake-apiserver-core.js';

export {
  type FakeApiServer,
  type FakeApiServerOptions,
  type FakeFaults,
  type FakeKubeObject,
  type RecordedRequest,
  type ResourceDef,
  resourceKey,
  startFakeApiServer,
} from './fake-apiserver-core.js';

export interface TestCerts {
  dir: string;
  /** PEM of the CA that signed the server and client certificates. */
  ca: string;
  key: string;
  cert: string;
  clientKey: string;
  clientCert: string;
}

export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A throwaway CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
export function makeCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-certs-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=kube2eks-test-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  writeFileSync(
    join(dir, 'server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, subject] of [
    ['server', '/CN=127.0.0.1'],
    ['client', '/O=system:masters/CN=tester'],
  ] as const) {
    run('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    run(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
    );
  }
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return {
    dir,
    ca: read('ca.crt'),
    key: read('server.key'),
    cert: read('server.crt'),
    clientKey: read('client.key'),
    clientCert: read('client.crt'),
  };
}

export interface KubeconfigUser {
  token?: string;
  clientCert?: string;
  clientKey?: string;
  /** An exec credential plugin: the command and its arguments. */
  exec?: { command: string; args: string[] };
}

/** Writes a kubeconfig with one context `fake` (plus `other`, pointing nowhere) and returns its path. */
export function writeKubeconfig(dir: string, server: string, ca: string, user: KubeconfigUser): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const userEntry: Record<string, unknown> = {};
  if (user.token) userEntry.token = user.token;
  if (user.clientCert) userEntry['client-certificate-data'] = b64(user.clientCert);
  if (user.clientKey) userEntry['client-key-data'] = b64(user.clientKey);
  if (user.exec) {
    userEntry.exec = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: user.exec.command,
      args: user.exec.args,
      interactiveMode: 'Never',
    };
  }
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'other',
    clusters: [
      { name: 'fake', cluster: { server, 'certificate-authority-data': b64(ca) } },
      { name: 'nowhere', cluster: { server: 'https://127.0.0.1:1' } },
    ],
    users: [
      { name: 'fake-user', user: userEntry },
      { name: 'nobody', user: { token: 'nothing' } },
    ],
    contexts: [
      { name: 'fake', context: { cluster: 'fake', user: 'fake-user' } },
      { name: 'other', context: { cluster: 'nowhere', user: 'nobody' } },
    ],
  };
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** The resource types of a small but typical cluster, with the traps a collector must avoid. */
export const CLUSTER_RESOURCES: ResourceDef[] = [
  {
    group: '',
    version: 'v1',
    resource: 'pods',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    subresources: ['log', 'status', 'exec'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'services',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    subresources: ['status'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'endpoints',
    kind: 'Endpoints',
    namespaced: true,
    shortNames: ['ep'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'configmaps',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
  },
  { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true },
  {
    group: '',
    version: 'v1',
    resource: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'nodes',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    subresources: ['status'],
  },
  {
    group: '',
    version: 'v1',
    resource: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
    shortNames: ['pvc'],
  },
  { group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] },
  // Not listable: create-only.
  { group: '', version: 'v1', resource: 'bindings', kind: 'Binding', namespaced: true, verbs: ['create'] },
  {
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    subresources: ['scale', 'status'],
  },
  {
    group: 'apps',
    version: 'v1',
    resource: 'statefulsets',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
  },
  {
    group: 'apps',
    version: 'v1',
    resource: 'daemonsets',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
  },
  {
    group: 'apps',
    version: 'v1',
    resource: 'replicasets',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
  },
  {
    group: 'batch',
    version: 'v1',
    resource: 'cronjobs',
    kind: 'CronJob',
    namespaced: true,
    shortNames: ['cj'],
  },
  // Two versions served: only the preferred one may be listed.
  {
    group: 'autoscaling',
    version: 'v2',
    otherVersions: ['v1'],
    resource: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    resource: 'ingresses',
    kind: 'Ingress',
    namespaced: true,
    shortNames: ['ing'],
  },
  {
    group: 'storage.k8s.io',
    version: 'v1',
    resource: 'storageclasses',
    kind: 'StorageClass',
    namespaced: false,
    shortNames: ['sc'],
  },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role', namespaced: true },
  {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    resource: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    shortNames: ['crd'],
  },
  // The same Events again under another group: must not be listed twice.
  {
    group: 'events.k8s.io',
    version: 'v1',
    resource: 'events',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
  },
  {
    group: 'authentication.k8s.io',
    version: 'v1',
    resource: 'tokenreviews',
    kind: 'TokenReview',
    namespaced: false,
    verbs: ['create'],
  },
  {
    group: 'example.com',
    version: 'v1',
    resource: 'widgets',
    kind: 'Widget',
    namespaced: true,
    custom: true,
  },
  {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    resource: 'pods',
    kind: 'PodMetrics',
    namespaced: true,
    verbs: ['get', 'list'],
  },
  {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    resource: 'nodes',
    kind: 'NodeMetrics',
    namespaced: false,
    verbs: ['get', 'list'],
  },
].map((d) => ({ verbs: ALL_VERBS, ...d }));

/** A Secret value the tests look for everywhere it must not be. */
export const SECRET_VALUE = 'hunter2-do-not-leak';
export const SECRET_B64 = Buffer.from(SECRET_VALUE).toString('base64');

const created = '2025-01-01T00:00:00Z';
const meta = (name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: `uid-${namespace ?? 'cluster'}-${name}`,
  creationTimestamp: created,
  managedFields: [
    { manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {} },
  ],
  ...extra,
});

/** A small cluster: two namespaces of workloads, Secrets with values, nodes, usage, a custom resource. */
export function sampleCluster(extraConfigMaps = 0): FakeKubeObject[] {
  const objects: FakeKubeObject[] = [];
  for (const ns of ['shop', 'pay']) {
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns) });
    const lastApplied = JSON.stringify({
      apiVersion: 'extensions/v1beta1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns },
    });
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta('web', ns, {
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied },
      }),
      spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
      status: { replicas: 2, readyReplicas: 2 },
    });
    for (const name of ['web-1', 'web-2', 'api']) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: meta(name, ns),
        spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
        status: { phase: 'Running' },
      });
      objects.push({
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'PodMetrics',
        metadata: meta(name, ns),
        timestamp: created,
        window: '30s',
        containers: [{ name: 'c', usage: { cpu: '12m', memory: '34Mi' } }],
      });
    }
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('web', ns),
      spec: { selector: { app: 'web' } },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: meta('db', ns, {
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            apiVersion: 'v1',
            kind: 'Secret',
            stringData: { password: SECRET_VALUE },
          }),
          team: 'payments',
        },
      }),
      data: { password: SECRET_B64, user: Buffer.from('admin').toString('base64') },
    });
    for (let i = 0; i < 5 + extraConfigMaps; i++) {
      objects.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta(`cm-${String(i).padStart(5, '0')}`, ns),
        data: { k: `v${i}` },
      });
    }
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta('web', ns),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 5,
      },
    });
    objects.push({ apiVersion: 'v1', kind: 'Event', metadata: meta(`web.${ns}`, ns), reason: 'Scheduled' });
    objects.push({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: meta('w1', ns),
      spec: { size: 3 },
    });
  }
  for (const [name, type] of [
    ['node-a', 'n2-standard-4'],
    ['node-b', 'e2-medium'],
  ] as const) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: meta(name, undefined, {
        labels: {
          'node.kubernetes.io/instance-type': type,
          'kubernetes.io/arch': 'amd64',
          'cloud.google.com/gke-nodepool': 'pool-1',
        },
      }),
      spec: { taints: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '4', memory: '16Gi', pods: '110' },
        allocatable: { cpu: '3920m', memory: '13Gi', pods: '110' },
        nodeInfo: { architecture: 'amd64', operatingSystem: 'linux', kubeletVersion: 'v1.29.4-gke.100' },
      },
    });
  }
  objects.push({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta('standard-rwo'),
    provisioner: 'pd.csi.storage.gke.io',
  });
  objects.push({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: meta('widgets.example.com'),
    spec: {
      group: 'example.com',
      names: { kind: 'Widget', plural: 'widgets' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true }],
    },
  });
  objects.push({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta('reader', 'shop'),
    rules: [],
  });
  return objects;
}
