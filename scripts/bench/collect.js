// Live collection speed: the fake API server (test/support/fake-apiserver-core.js, in a worker thread so it
// does not share the collector's event loop) serves 50,000 objects over HTTPS; kube2eks collects them through
// a kubeconfig with a bearer token, and kubectl lists the same resources in the same run
// (`kubectl get <resource> -A -o json --chunk-size=500`, one after the other, as a script would).
//
// BENCH_OBJECTS sets the number of objects (default 50,000). Needs openssl for the certificates; the
// kubectl part is skipped where kubectl is absent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export const title = 'collect: live cluster read (fake API server over HTTPS)';

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 50_000);
const TOKEN = 'bench-token';

/** Resource types and their share of the objects (a pod-heavy cluster). */
const TYPES = [
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, share: 0.4 },
  { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, share: 0.12 },
  { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true, share: 0.1 },
  { group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true, share: 0.08 },
  { group: '', version: 'v1', resource: 'endpoints', kind: 'Endpoints', namespaced: true, share: 0.08 },
  {
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    share: 0.08,
  },
  {
    group: 'apps',
    version: 'v1',
    resource: 'replicasets',
    kind: 'ReplicaSet',
    namespaced: true,
    share: 0.12,
  },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true, share: 0.02 },
  { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false, share: 0 },
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false, share: 0 },
];
const NAMESPACES = Array.from({ length: 40 }, (_, i) => `team-${String(i).padStart(2, '0')}`);

function objects(total) {
  const out = NAMESPACES.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  for (let i = 0; i < 20; i++) {
    out.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: `node-${i}`, labels: { 'node.kubernetes.io/instance-type': 'm5.2xlarge' } },
      status: {
        capacity: { cpu: '8', memory: '32Gi', pods: '58' },
        allocatable: { cpu: '7910m', memory: '30Gi', pods: '58' },
      },
    });
  }
  const rest = total - out.length;
  for (const type of TYPES.filter((t) => t.share > 0)) {
    const n = Math.round(rest * type.share);
    const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
    for (let i = 0; i < n; i++) {
      const namespace = NAMESPACES[i % NAMESPACES.length];
      const name = `${type.resource.slice(0, -1)}-${i}`;
      const metadata = {
        name,
        namespace,
        uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        resourceVersion: String(100000 + i),
        creationTimestamp: '2025-06-01T00:00:00Z',
        labels: { app: `app-${i % 97}`, 'app.kubernetes.io/part-of': 'shop' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            apiVersion,
            kind: type.kind,
            metadata: { name, namespace },
          }),
        },
        managedFields: [
          {
            manager: 'kubectl',
            operation: 'Update',
            apiVersion,
            time: '2025-06-01T00:00:00Z',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:metadata': {} },
          },
        ],
      };
      const body =
        type.kind === 'Secret'
          ? { type: 'Opaque', data: { password: Buffer.from(`pw-${i}`).toString('base64') } }
          : type.kind === 'ConfigMap'
            ? { data: { 'app.properties': `key=${i}\n`.repeat(8) } }
            : {
                spec: {
                  replicas: 2,
                  selector: { matchLabels: { app: `app-${i % 97}` } },
                  template: {
                    metadata: { labels: { app: `app-${i % 97}` } },
                    spec: {
                      containers: [
                        {
                          name: 'main',
                          image: `registry.example.com/app:${i % 13}`,
                          resources: { requests: { cpu: '100m', memory: '128Mi' } },
                        },
                      ],
                    },
                  },
                },
                status: { replicas: 2, readyReplicas: 2 },
              };
      out.push({ apiVersion, kind: type.kind, metadata, ...body });
    }
  }
  return out;
}

/** The worker: runs the fake server and reports its URL. */
async function serveInWorker() {
  const { startFakeApiServer } = await import('../../test/support/fake-apiserver-core.js');
  const { key, cert, total } = workerData;
  const server = await startFakeApiServer({
    key,
    cert,
    token: TOKEN,
    resources: TYPES.map(({ share: _s, ...def }) => def),
    objects: objects(total),
  });
  parentPort.postMessage({ url: server.url, objects: server.objectCount() });
  parentPort.on('message', async (message) => {
    if (message === 'close') {
      await server.close();
      parentPort.postMessage('closed');
    }
  });
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function certificates(dir) {
  const run = (...args) => {
    const r = spawnSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  };
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
    '1',
    '-subj',
    '/CN=bench-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '1',
    '-extfile',
    'server.ext',
  );
  const read = (f) => readFileSync(join(dir, f), 'utf8');
  return { ca: read('ca.crt'), key: read('server.key'), cert: read('server.crt') };
}

export default async function run() {
  if (!has('openssl'))
    return [{ name: 'skipped', value: 0, unit: '', note: 'openssl is needed for the certificates' }];
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-bench-collect-'));
  const { ca, key, cert } = certificates(dir);
  const worker = new Worker(new URL(import.meta.url), { workerData: { key, cert, total: OBJECTS } });
  const { url, objects: served } = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'bench',
      clusters: [
        {
          name: 'bench',
          cluster: { server: url, 'certificate-authority-data': Buffer.from(ca).toString('base64') },
        },
      ],
      users: [{ name: 'bench', user: { token: TOKEN } }],
      contexts: [{ name: 'bench', context: { cluster: 'bench', user: 'bench' } }],
    }),
  );

  const results = [];
  try {
    const { kubeConfigTransport } = await import('../../dist/sources/cluster/transport.js');
    const { collectCluster } = await import('../../dist/sources/cluster/collector.js');
    const { bundleFiles, writeBundle } = await import('../../dist/sources/cluster/write-bundle.js');
    // One warm-up run (TLS, JIT), then the measured one.
    const warm = await kubeConfigTransport({ kubeconfig });
    await collectCluster(warm);
    warm.close();
    const transport = await kubeConfigTransport({ kubeconfig });
    const started = performance.now();
    const collection = await collectCluster(transport);
    const collectMs = performance.now() - started;
    transport.close();
    const got = collection.stats.objects;
    if (got !== served) throw new Error(`collected ${got} objects, the server holds ${served}`);
    const writeStarted = performance.now();
    await writeBundle(bundleFiles(collection, { context: 'bench' }), join(dir, 'bundle.tar.gz'));
    const writeMs = performance.now() - writeStarted;
    results.push(
      {
        name: 'objects served',
        value: served,
        unit: 'objects',
        note: `${collection.resources.length} resource types, ${collection.stats.requests} requests`,
      },
      { name: 'kube2eks collect (in memory)', value: collectMs / 1000, unit: 's' },
      { name: 'kube2eks collect rate', value: got / (collectMs / 1000), unit: 'objects/s' },
      { name: 'bundle .tar.gz written', value: writeMs / 1000, unit: 's' },
    );

    if (has('kubectl')) {
      const cacheDir = join(dir, 'kubectl-cache');
      const names = collection.resources.map(({ type }) =>
        type.group ? `${type.resource}.${type.group}` : type.resource,
      );
      const kubectl = (resource) => {
        const r = spawnSync(
          'kubectl',
          [
            '--kubeconfig',
            kubeconfig,
            '--cache-dir',
            cacheDir,
            'get',
            resource,
            '-A',
            '-o',
            'json',
            '--chunk-size=500',
          ],
          { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 },
        );
        if (r.status !== 0) throw new Error(`kubectl get ${resource} failed: ${r.stderr}`);
        return JSON.parse(r.stdout.toString('utf8')).items.length;
      };
      kubectl('namespaces'); // warm the discovery cache, as a user's second command would find it
      const kStarted = performance.now();
      let items = 0;
      for (const name of names) items += kubectl(name);
      const kubectlMs = performance.now() - kStarted;
      if (items !== served) throw new Error(`kubectl listed ${items} objects, the server holds ${served}`);
      results.push(
        {
          name: 'kubectl get <each> -A -o json',
          value: kubectlMs / 1000,
          unit: 's',
          note: `${names.length} commands, --chunk-size=500`,
        },
        { name: 'kubectl rate', value: items / (kubectlMs / 1000), unit: 'objects/s' },
        {
          name: 'kube2eks vs kubectl',
          value: kubectlMs / collectMs,
          unit: '× faster',
          note:
            kubectlMs > collectMs
              ? 'target met: collect is faster than kubectl'
              : 'TARGET MISSED: kubectl was faster',
        },
      );
    } else {
      results.push({ name: 'kubectl', value: 0, unit: '', note: 'skipped: kubectl is not installed' });
    }
  } finally {
    worker.postMessage('close');
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (!isMainThread && workerData?.total) await serveInWorker();
