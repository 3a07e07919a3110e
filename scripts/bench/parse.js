// Manifest parsing speed: a synthetic `kubectl get -o yaml` dump of a realistic cluster (mixed kinds with
// server fields, last-applied annotations and status), read by loadInventory, against raw js-yaml loadAll
// on the same text; and the same objects as one kubectl JSON List against JSON.parse.
//
// BENCH_OBJECTS sets the number of objects (default 20,000).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsyaml from 'js-yaml';
import { loadInventory } from '../../dist/sources/index.js';
import { parseManifests } from '../../dist/sources/manifest.js';
import { random } from './shared.mjs';

export const title = 'parse: manifest sources (loadInventory)';

const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 20_000);
const RUNS = 3;

const rand = random(42);
const pick = (list) => list[Math.floor(rand() * list.length)];
const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const uid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
const NAMESPACES = ['shop', 'payments', 'search', 'platform', 'monitoring', 'data', 'identity', 'edge'];
const APPS = ['web', 'api', 'worker', 'cart', 'checkout', 'catalog', 'auth', 'gateway', 'indexer', 'mailer'];

function meta(name, namespace, extra = {}) {
  return {
    annotations: extra.annotations ?? {},
    creationTimestamp: `2025-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}T0${Math.floor(rand() * 9)}:12:44Z`,
    labels: {
      app: name.split('-')[0],
      'app.kubernetes.io/part-of': namespace,
      team: pick(['core', 'growth', 'infra']),
    },
    name,
    namespace,
    resourceVersion: String(Math.floor(rand() * 1e8)),
    uid: uid(),
    ...(extra.ownerReferences ? { ownerReferences: extra.ownerReferences } : {}),
  };
}

function container(app, i) {
  return {
    env: [
      { name: 'LOG_LEVEL', value: pick(['info', 'debug', 'warn']) },
      { name: 'DB_HOST', value: `${app}-db.${pick(NAMESPACES)}.svc.cluster.local` },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: `${app}-db` } } },
    ],
    image: `gcr.io/acme-prod/${app}:${1 + (i % 5)}.${i % 17}.${i % 9}`,
    imagePullPolicy: 'IfNotPresent',
    livenessProbe: {
      failureThreshold: 3,
      httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
      periodSeconds: 10,
    },
    name: app,
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    readinessProbe: { httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' }, periodSeconds: 5 },
    resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: [{ mountPath: '/etc/config', name: 'config', readOnly: true }],
  };
}

function podSpec(app, i) {
  return {
    containers: [container(app, i)],
    dnsPolicy: 'ClusterFirst',
    nodeSelector: { 'cloud.google.com/gke-nodepool': pick(['default-pool', 'highmem-pool']) },
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: { fsGroup: 2000, runAsNonRoot: true },
    serviceAccountName: app,
    terminationGracePeriodSeconds: 30,
    tolerations: [{ effect: 'NoSchedule', key: 'dedicated', operator: 'Equal', value: app }],
    volumes: [{ configMap: { defaultMode: 420, name: `${app}-config` }, name: 'config' }],
  };
}

function lastApplied(obj) {
  const { apiVersion, kind, metadata, spec, data } = obj;
  return JSON.stringify({
    apiVersion,
    kind,
    metadata: { name: metadata.name, namespace: metadata.namespace },
    spec,
    data,
  });
}

function makeObject(i) {
  const ns = NAMESPACES[i % NAMESPACES.length];
  const app = `${APPS[i % APPS.length]}-${i}`;
  const slot = i % 20;
  let obj;
  if (slot < 6) {
    obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(`${app}-${hex(10)}-${hex(5)}`, ns, {
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            controller: true,
            kind: 'ReplicaSet',
            name: `${app}-${hex(10)}`,
            uid: uid(),
          },
        ],
      }),
      spec: { ...podSpec(app, i), nodeName: `gke-prod-default-pool-${hex(8)}-${hex(4)}` },
      status: {
        conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
          lastTransitionTime: '2025-06-01T10:00:00Z',
          status: 'True',
          type,
        })),
        containerStatuses: [
          {
            image: `gcr.io/acme-prod/${app}:1.0.0`,
            name: app,
            ready: true,
            restartCount: i % 3,
            started: true,
          },
        ],
        hostIP: `10.128.0.${i % 250}`,
        phase: 'Running',
        podIP: `10.4.${i % 250}.${(i * 7) % 250}`,
        qosClass: 'Burstable',
        startTime: '2025-06-01T09:59:58Z',
      },
    };
  } else if (slot < 9) {
    obj = {
      apiVersion: 'apps/v1',
      kind: pick(['Deployment', 'Deployment', 'StatefulSet', 'DaemonSet']),
      metadata: meta(app, ns),
      spec: {
        replicas: 1 + (i % 5),
        selector: { matchLabels: { app } },
        template: { metadata: { labels: { app } }, spec: podSpec(app, i) },
      },
      status: {
        availableReplicas: 1 + (i % 5),
        observedGeneration: 3,
        readyReplicas: 1 + (i % 5),
        replicas: 1 + (i % 5),
      },
    };
  } else if (slot < 11) {
    obj = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(app, ns, {
        annotations: slot === 10 ? { 'cloud.google.com/load-balancer-type': 'Internal' } : {},
      }),
      spec: {
        clusterIP: `10.8.${i % 250}.${(i * 3) % 250}`,
        ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
        selector: { app },
        type: slot === 10 ? 'LoadBalancer' : 'ClusterIP',
      },
    };
  } else if (slot < 14) {
    obj = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      data: {
        'application.yaml': `server:\n  port: 8080\nfeatures:\n  search: ${i % 2 === 0}\n  cache-ttl: ${i % 600}s\n`,
        LOG_FORMAT: 'json',
      },
      metadata: meta(`${app}-config`, ns),
    };
  } else if (slot === 14) {
    obj = {
      apiVersion: 'v1',
      kind: 'Secret',
      data: { password: Buffer.from(`fake-${hex(12)}`).toString('base64'), username: 'YXBw' },
      metadata: meta(`${app}-db`, ns),
      type: 'Opaque',
    };
  } else if (slot === 15) {
    obj = {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: meta(app, ns, {
        annotations: { 'iam.gke.io/gcp-service-account': `${app}@acme-prod.iam.gserviceaccount.com` },
      }),
    };
  } else if (slot === 16) {
    obj = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta(app, ns, { annotations: { 'kubernetes.io/ingress.class': 'gce' } }),
      spec: {
        rules: [
          {
            host: `${app}.acme.example`,
            http: {
              paths: [
                { backend: { service: { name: app, port: { number: 80 } } }, path: '/', pathType: 'Prefix' },
              ],
            },
          },
        ],
      },
    };
  } else if (slot === 17) {
    obj = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: meta(`${app}-nightly`, ns),
      spec: {
        jobTemplate: { spec: { template: { spec: { ...podSpec(app, i), restartPolicy: 'OnFailure' } } } },
        schedule: `${i % 60} 3 * * *`,
      },
    };
  } else if (slot === 18) {
    obj = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(app, ns),
      spec: {
        maxReplicas: 10,
        metrics: [
          {
            resource: { name: 'cpu', target: { averageUtilization: 70, type: 'Utilization' } },
            type: 'Resource',
          },
        ],
        minReplicas: 2,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app },
      },
    };
  } else {
    obj = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta(app, ns),
      rules: [{ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'list', 'watch'] }],
    };
  }
  if (obj.kind !== 'Pod' && obj.kind !== 'Secret') {
    obj.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = `${lastApplied(obj)}\n`;
  }
  return obj;
}

/** Best time of each function over RUNS rounds, run in turns so load from elsewhere hits both alike. */
async function bestOf(fns) {
  const ms = fns.map(() => Number.POSITIVE_INFINITY);
  const results = [];
  for (let round = 0; round < RUNS; round++) {
    for (const [i, fn] of fns.entries()) {
      results[i] = undefined;
      globalThis.gc?.();
      const started = performance.now();
      results[i] = await fn();
      ms[i] = Math.min(ms[i], performance.now() - started);
    }
  }
  return fns.map((_, i) => ({ ms: ms[i], result: results[i] }));
}

/** Peak RSS (MB) of a fresh Node process that only runs loadInventory on `file`. */
function peakRssMb(file) {
  const moduleUrl = new URL('../../dist/sources/index.js', import.meta.url).href;
  const code = `const { loadInventory } = await import(${JSON.stringify(moduleUrl)});
const inventory = await loadInventory([${JSON.stringify(file)}]);
process.stdout.write(JSON.stringify({ objects: inventory.objects.length, rssKb: process.resourceUsage().maxRSS }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the RSS probe failed: ${child.stderr}`);
  return JSON.parse(child.stdout).rssKb / 1024;
}

export default async function bench() {
  const objects = Array.from({ length: OBJECTS }, (_, i) => makeObject(i));
  const yamlText = objects
    .map((o) => jsyaml.dump(o, { noArrayIndent: true, lineWidth: -1, sortKeys: true, noRefs: true }))
    .join('---\n');
  const jsonText = `${JSON.stringify({ apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)}\n`;
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-bench-'));
  const yamlFile = join(dir, 'dump.yaml');
  const jsonFile = join(dir, 'dump.json');
  writeFileSync(yamlFile, yamlText);
  writeFileSync(jsonFile, jsonText);
  const yamlMb = Buffer.byteLength(yamlText) / 1e6;
  const jsonMb = Buffer.byteLength(jsonText) / 1e6;
  objects.length = 0;

  try {
    const [raw, parsed, loaded] = await bestOf([
      () => jsyaml.loadAll(yamlText, null, { schema: jsyaml.CORE_SCHEMA }),
      () => parseManifests(yamlText, 'dump.yaml'),
      () => loadInventory([yamlFile], { cwd: dir }),
    ]);
    if (loaded.result.objects.length !== OBJECTS || loaded.result.errors.length) {
      throw new Error(
        `read ${loaded.result.objects.length} objects and ${loaded.result.errors.length} errors`,
      );
    }
    let inventory = loaded.result;
    const started = performance.now();
    let located = 0;
    for (let i = 0; i < 1000; i++) {
      const item = inventory.objects[(i * 7919) % inventory.objects.length];
      if (item?.locate?.(['metadata', 'name'])) located++;
    }
    const locateMs = (performance.now() - started) / 1000;
    if (located !== 1000) throw new Error(`located ${located} of 1000 fields`);
    // Measure the JSON List on a heap without the YAML results: a bigger live heap slows every GC.
    raw.result = parsed.result = loaded.result = undefined;
    inventory = undefined;

    const [rawJson, loadedJson] = await bestOf([
      () => JSON.parse(jsonText),
      () => loadInventory([jsonFile], { cwd: dir }),
    ]);
    if (loadedJson.result.objects.length !== OBJECTS) throw new Error('the JSON List did not unroll');
    const lineOf = loadedJson.result.objects[OBJECTS - 1]?.location.line ?? 0;
    if (lineOf <= 1) throw new Error('JSON List items have no lines');
    const yamlRss = peakRssMb(yamlFile);
    const jsonRss = peakRssMb(jsonFile);

    const mbps = (mb, ms) => mb / (ms / 1000);
    return [
      { name: 'objects', value: OBJECTS, unit: 'objects' },
      { name: 'YAML dump size', value: yamlMb, unit: 'MB' },
      { name: 'js-yaml loadAll (raw)', value: mbps(yamlMb, raw.ms), unit: 'MB/s' },
      {
        name: 'parseManifests (text)',
        value: mbps(yamlMb, parsed.ms),
        unit: 'MB/s',
        note: `${(parsed.ms / raw.ms).toFixed(2)}x js-yaml`,
      },
      {
        name: 'loadInventory (YAML file)',
        value: mbps(yamlMb, loaded.ms),
        unit: 'MB/s',
        note: `${(loaded.ms / raw.ms).toFixed(2)}x js-yaml loadAll (target <= 1.3x)`,
      },
      { name: 'loadInventory (YAML file)', value: OBJECTS / (loaded.ms / 1000), unit: 'objects/s' },
      {
        name: 'locate, first call per object',
        value: locateMs,
        unit: 'ms/call',
        note: 'a scan of the text, on demand (yaml parse only where the scan gives up)',
      },
      { name: 'JSON List size', value: jsonMb, unit: 'MB' },
      { name: 'JSON.parse (raw)', value: mbps(jsonMb, rawJson.ms), unit: 'MB/s' },
      {
        name: 'loadInventory (JSON List)',
        value: mbps(jsonMb, loadedJson.ms),
        unit: 'MB/s',
        note: `${(loadedJson.ms / rawJson.ms).toFixed(2)}x JSON.parse`,
      },
      { name: 'loadInventory (JSON List)', value: OBJECTS / (loadedJson.ms / 1000), unit: 'objects/s' },
      { name: 'peak RSS, YAML dump', value: yamlRss, unit: 'MB', note: 'a process that only loads it' },
      { name: 'peak RSS, JSON List', value: jsonRss, unit: 'MB', note: 'a process that only loads it' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
