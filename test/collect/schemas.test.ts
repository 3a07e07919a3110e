// The JSON contracts of issue 5 against their schemas: `verify --format json` and a bundle's
// `kube2eks-bundle.json` (collected from the fake API server, and written from a made-up collection).
import { createReadStream, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import Ajv2020Module from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { Parser, type ReadEntry } from 'tar';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { refOf } from '../../src/model/kinds.js';
import type { Inventory, KubeObject } from '../../src/model/types.js';
import { formatVerify } from '../../src/report/verify.js';
import { apiVersionOf, BUNDLE_MARKER, bundleResourceFile } from '../../src/sources/bundle.js';
import { type Collection, collectCluster } from '../../src/sources/cluster/collector.js';
import { kubeConfigTransport } from '../../src/sources/cluster/transport.js';
import { bundleFiles, writeBundle } from '../../src/sources/cluster/write-bundle.js';
import { CHECK_KINDS, type VerifyOptions, verify } from '../../src/verify/index.js';
import {
  CLUSTER_RESOURCES,
  type FakeApiServer,
  hasCommand,
  makeCerts,
  SECRET_B64,
  SECRET_VALUE,
  sampleCluster,
  startFakeApiServer,
  type TestCerts,
  writeKubeconfig,
} from '../support/fake-apiserver.js';

function schema(name: string) {
  return JSON.parse(readFileSync(new URL(`../../docs/schemas/${name}`, import.meta.url), 'utf8'));
}

// CommonJS package: under NodeNext the class is the module's `default`.
const ajv = new Ajv2020Module.default({ strict: true, allErrors: true });
ajvFormats.default(ajv);
const validateVerify = ajv.compile(schema('verify.schema.json'));
const validateBundle = ajv.compile(schema('bundle.schema.json'));

function expectValid(validate: typeof validateVerify, doc: unknown): void {
  validate(doc);
  expect(ajv.errorsText(validate.errors)).toBe('No errors');
}

// ---- verify --format json -------------------------------------------------------------------------

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
const OPTIONS: VerifyOptions = {
  registry: REGISTRY,
  plan: { schemaVersion: 1, storageClasses: [{ from: 'standard-rwo', to: 'gp3' }] },
};
const meta = (name: string, namespace = 'shop') => ({ name, namespace });
const deployment = (replicas: number, image: string, ready?: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta('web'),
  spec: { replicas, template: { spec: { containers: [{ name: 'web', image }] } } },
  ...(ready === undefined ? {} : { status: { replicas, readyReplicas: ready } }),
});
const service = (name: string, type: string, status?: unknown): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta(name),
  spec: { type, selector: { app: name } },
  ...(status ? { status } : {}),
});
const endpoints = (name: string, ips: string[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: meta(name),
  subsets: ips.length ? [{ addresses: ips.map((ip) => ({ ip })) }] : [],
});
const pvc = (storageClassName: string, phase?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: meta('data'),
  spec: { storageClassName },
  ...(phase ? { status: { phase } } : {}),
});
const CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: { group: 'example.com', versions: [{ name: 'v1', served: true }] },
};
const hpa = (currentMetrics?: unknown[]): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: meta('web'),
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 2,
    maxReplicas: 5,
  },
  ...(currentMetrics ? { status: { currentMetrics } } : {}),
});
const LB_STATUS = {
  loadBalancer: { ingress: [{ hostname: 'k8s-shop-lb-1234.elb.us-east-1.amazonaws.com' }] },
};

/** What ran on GKE: one object for each kind of check. */
const SOURCE = inventory([
  deployment(2, 'gcr.io/shop/web:1', 2),
  service('web', 'ClusterIP'),
  service('lb', 'LoadBalancer', LB_STATUS),
  pvc('standard-rwo', 'Bound'),
  CRD,
  hpa([{ type: 'Resource' }]),
]);

/** The EKS cluster after a good move (3 replicas: within the HPA's 2-5). */
const HEALTHY = inventory([
  deployment(3, `${REGISTRY}/shop/web:1`, 3),
  service('web', 'ClusterIP'),
  endpoints('web', ['10.0.1.5']),
  service('lb', 'LoadBalancer', LB_STATUS),
  endpoints('lb', ['10.0.1.6']),
  pvc('gp3', 'Bound'),
  CRD,
  hpa([{ type: 'Resource' }]),
]);

/** The same objects, each with something wrong. */
const DEGRADED = inventory([
  deployment(3, 'gcr.io/shop/web:1', 1),
  service('web', 'ClusterIP'),
  endpoints('web', []),
  service('lb', 'LoadBalancer'),
  endpoints('lb', []),
  pvc('standard-rwo', 'Pending'),
  hpa(),
]);

/** Nothing of the source made it. */
const EMPTY = inventory([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('unrelated') }]);

function verifyJson(target: Inventory) {
  return JSON.parse(formatVerify(verify(SOURCE, target, OPTIONS), 'json'));
}

describe('docs/schemas/verify.schema.json', () => {
  test('accepts an all-ok result, with one check of every kind', () => {
    const json = verifyJson(HEALTHY);
    expectValid(validateVerify, json);
    expect(json.summary).toEqual({ checked: 8, ok: 8, gaps: 0 });
    // An unreadable input is never ok (that kind shows only as a gap); storageClass, ingressClass and
    // addon are verify --preflight's kinds (src/verify/preflight.test.ts).
    const preflightOnly = new Set(['input', 'storageClass', 'ingressClass', 'addon']);
    expect(new Set(json.checks.map((c: { kind: string }) => c.kind))).toEqual(
      new Set(CHECK_KINDS.filter((k) => !preflightOnly.has(k))),
    );
  });

  test('accepts a gap of every kind, and the counts agree with the checks', () => {
    const json = verifyJson({
      ...DEGRADED,
      errors: [{ file: 'eks.tar.gz', entry: 'resources/pods/x.json', message: 'not valid JSON' }],
    });
    expectValid(validateVerify, json);
    expect(json.checks.map((c: { kind: string; status: string }) => `${c.kind} ${c.status}`)).toEqual([
      'workload gap',
      'service gap',
      'service gap',
      'loadBalancer gap',
      'pvc gap',
      'image gap',
      'crd gap',
      'hpa gap',
      'input gap',
    ]);
    expect(json.summary).toEqual({ checked: 9, ok: 0, gaps: 9 });
  });

  test('accepts the result when nothing is on the target (resources named from the source, a CRD without namespace)', () => {
    const json = verifyJson(EMPTY);
    expectValid(validateVerify, json);
    expect(json.summary.gaps).toBe(json.summary.checked);
    expect(json.checks.find((c: { kind: string }) => c.kind === 'crd').resource).toEqual({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: 'widgets.example.com',
    });
  });

  test('accepts an empty result (nothing to compare)', () => {
    expectValid(validateVerify, JSON.parse(formatVerify(verify(EMPTY, EMPTY), 'json')));
  });

  test('rejects what is not in the contract', () => {
    const unknownKind = verifyJson(HEALTHY);
    unknownKind.checks[0].kind = 'job';
    expect(validateVerify(unknownKind)).toBe(false);
    const extra = verifyJson(HEALTHY);
    extra.checks[0].severity = 'blocker';
    expect(validateVerify(extra)).toBe(false);
    const noSummary = verifyJson(HEALTHY);
    delete noSummary.summary;
    expect(validateVerify(noSummary)).toBe(false);
  });

  test('names exactly the check kinds of verify', () => {
    expect(schema('verify.schema.json').$defs.kind.enum).toEqual([...CHECK_KINDS]);
  });
});

// ---- kube2eks-bundle.json -------------------------------------------------------------------------

const TOKEN = 'schema-token';
const haveOpenssl = hasCommand('openssl');
let certs: TestCerts;
const servers: FakeApiServer[] = [];

beforeAll(() => {
  if (haveOpenssl) certs = makeCerts();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => statSync(join(dir, rel)).isFile())
    .sort();
}

/** Entry path -> text of a `.tar.gz`. */
async function tarEntries(path: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => entries.set(entry.path, Buffer.concat(chunks).toString('utf8')));
    },
  });
  await pipeline(createReadStream(path), parser as unknown as NodeJS.WritableStream);
  return entries;
}

interface IndexEntry {
  group: string;
  version: string;
  resource: string;
  kind: string;
  count: number;
}

/** The NDJSON files agree with the marker's index: same set of files, `count` lines each, the index's kind and version. */
function expectFilesMatchIndex(marker: { resources: IndexEntry[] }, files: Map<string, string>): void {
  const expected = marker.resources.map((r) => bundleResourceFile(r.group, r.version, r.resource)).sort();
  expect([...files.keys()].filter((p) => p !== BUNDLE_MARKER).sort()).toEqual(expected);
  for (const r of marker.resources) {
    const text = files.get(bundleResourceFile(r.group, r.version, r.resource)) ?? '';
    const lines = text.split('\n').filter((l) => l !== '');
    expect(lines, `${r.resource}.${r.group}`).toHaveLength(r.count);
    for (const line of lines) {
      const obj = JSON.parse(line) as KubeObject;
      expect(obj.apiVersion).toBe(apiVersionOf(r.group || 'core', r.version));
      expect(obj.kind).toBe(r.kind);
    }
  }
}

describe.skipIf(!haveOpenssl)('docs/schemas/bundle.schema.json', () => {
  test('accepts the marker of a bundle collected from the fake API server, as a folder and as a .tar.gz', async () => {
    const server = await startFakeApiServer({
      key: certs.key,
      cert: certs.cert,
      token: TOKEN,
      resources: CLUSTER_RESOURCES,
      objects: sampleCluster(),
      faults: { forbidden: ['roles.rbac.authorization.k8s.io'] },
    });
    servers.push(server);
    const dir = mkdtempSync(join(tmpdir(), 'kube2eks-schema-'));
    const kubeconfig = writeKubeconfig(dir, server.url, certs.ca, { token: TOKEN });
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const collection = await collectCluster(transport, { namespaces: ['shop'] });
    transport.close?.();
    const files = bundleFiles(collection, { context: 'fake', namespaces: ['shop'] });

    const folder = join(dir, 'bundle');
    await writeBundle(files, folder);
    const marker = JSON.parse(readFileSync(join(folder, BUNDLE_MARKER), 'utf8'));
    expectValid(validateBundle, marker);
    // The optional fields are all there in this collection, so the schema saw them.
    expect(marker).toMatchObject({
      kube2eksBundle: 1,
      context: 'fake',
      namespaces: ['shop'],
      serverVersion: 'v1.29.4',
      forbidden: [{ resource: 'roles.rbac.authorization.k8s.io in namespace shop' }],
      failed: [],
    });
    expect(marker.nodes).toHaveLength(2);
    expect(marker.usage['shop/api']).toEqual({ c: { cpu: '12m', memory: '34Mi' } });
    expect(marker.resources.find((r: IndexEntry) => r.resource === 'secrets')).toEqual({
      group: '',
      version: 'v1',
      resource: 'secrets',
      kind: 'Secret',
      namespaced: true,
      count: 1,
    });

    const onDisk = new Map(filesUnder(folder).map((rel) => [rel, readFileSync(join(folder, rel), 'utf8')]));
    expectFilesMatchIndex(marker, onDisk);
    // Secrets redacted at the source: keys and type kept, values empty, last-applied dropped.
    const secret = JSON.parse(onDisk.get('resources/core/v1/secrets.ndjson') ?? '{}');
    expect(secret).toMatchObject({ kind: 'Secret', type: 'Opaque', data: { password: '', user: '' } });
    expect(secret.metadata.annotations).toEqual({ team: 'payments' });
    const all = [...onDisk.values()].join('\n');
    expect(all).not.toContain(SECRET_VALUE);
    expect(all).not.toContain(SECRET_B64);
    expect(all).not.toContain('managedFields');

    const tarball = join(dir, 'bundle.tar.gz');
    await writeBundle(files, tarball);
    const entries = await tarEntries(tarball);
    expect(entries.get(BUNDLE_MARKER)).toBe(onDisk.get(BUNDLE_MARKER));
    expectValid(validateBundle, JSON.parse(entries.get(BUNDLE_MARKER) ?? ''));
    expectFilesMatchIndex(marker, entries);
    expect(new Set(server.requests.map((r) => r.method))).toEqual(new Set(['GET']));
  });
});

describe('docs/schemas/bundle.schema.json (written from a made-up collection)', () => {
  const collection: Collection = {
    server: 'https://10.0.0.1',
    collectedAt: '2026-03-01T10:00:00.000Z',
    resources: [
      {
        type: {
          group: '',
          version: 'v1',
          resource: 'configmaps',
          kind: 'ConfigMap',
          namespaced: true,
          verbs: [],
        },
        objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'shop' } }],
      },
      {
        type: {
          group: 'apps',
          version: 'v1',
          resource: 'statefulsets',
          kind: 'StatefulSet',
          namespaced: true,
          verbs: ['list'],
        },
        objects: [],
      },
    ],
    nodes: [],
    forbidden: [{ resource: '/version', reason: 'HTTP 403' }],
    failed: [
      { resource: 'metrics.k8s.io/v1beta1', reason: 'the server is currently unable to handle the request' },
    ],
    stats: { requests: 3, retries: 0, restarts: 0, objects: 1, elapsedMs: 5 },
  };

  test('accepts a marker without server version, usage, context or namespaces, and with failed lists', () => {
    const files = bundleFiles(collection, {});
    const marker = JSON.parse(files[0]?.body ?? '');
    expectValid(validateBundle, marker);
    expect(Object.keys(marker).sort()).toEqual(
      ['collectedAt', 'failed', 'forbidden', 'kube2eksBundle', 'nodes', 'resources', 'tool'].sort(),
    );
    expectFilesMatchIndex(marker, new Map(files.map((f) => [f.path, f.body])));
    expect(files.map((f) => f.path)).toEqual([
      BUNDLE_MARKER,
      'resources/core/v1/configmaps.ndjson',
      'resources/apps/v1/statefulsets.ndjson',
    ]);
  });

  test('rejects what is not in the contract (a Velero backup has no marker to pass)', () => {
    const marker = () => JSON.parse(bundleFiles(collection, {})[0]?.body ?? '');
    const newer = { ...marker(), kube2eksBundle: 2 };
    expect(validateBundle(newer)).toBe(false);
    const extra = { ...marker(), stats: collection.stats };
    expect(validateBundle(extra)).toBe(false);
    const notADate = { ...marker(), collectedAt: 'yesterday' };
    expect(validateBundle(notADate)).toBe(false);
    const { kube2eksBundle: _, ...unmarked } = marker();
    expect(validateBundle(unmarked)).toBe(false);
  });
});
