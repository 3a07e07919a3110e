// Velero backups and bundle tarballs, built inside the test, read as a stream.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../model/types.js';
import { readTarball, readVeleroDir, unsafeEntry, veleroEntry } from './archive.js';
import type { Collection } from './cluster/collector.js';
import { type TarEntry, tarGz } from './cluster/tar-writer.js';
import { bundleFiles } from './cluster/write-bundle.js';

const SECRET_VALUE = 'velero-secret-value';
const SECRET_B64 = Buffer.from(SECRET_VALUE).toString('base64');

function tarball(entries: TarEntry[]): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-velero-'));
  const file = join(dir, 'backup.tar.gz');
  writeFileSync(file, tarGz(entries));
  return { dir, file };
}

const obj = (
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
  extra: Record<string, unknown> = {},
) => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}), managedFields: [{ manager: 'velero' }] },
  ...extra,
});
const entry = (path: string, o: unknown): TarEntry => ({ path, body: JSON.stringify(o) });

const deployment = obj('apps/v1', 'Deployment', 'web', 'shop', { spec: { replicas: 2 } });
(deployment.metadata as Record<string, unknown>).annotations = {
  'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
    apiVersion: 'apps/v1beta2',
    kind: 'Deployment',
  }),
};
const secret = obj('v1', 'Secret', 'db', 'shop', { type: 'Opaque', data: { password: SECRET_B64 } });
(secret.metadata as Record<string, unknown>).annotations = {
  'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
    stringData: { password: SECRET_VALUE },
  }),
};

/** Format 1 (classic): one copy of each object. */
const CLASSIC: TarEntry[] = [
  { path: 'metadata/version', body: '1\n' },
  { path: 'resources/', type: 'Directory' },
  entry('resources/deployments.apps/namespaces/shop/web.json', deployment),
  entry('resources/pods/namespaces/shop/web-1.json', obj('v1', 'Pod', 'web-1', 'shop')),
  entry('resources/namespaces/cluster/shop.json', obj('v1', 'Namespace', 'shop')),
  entry('resources/secrets/namespaces/shop/db.json', secret),
  entry('resources/persistentvolumes/cluster/pv-1.json', obj('v1', 'PersistentVolume', 'pv-1')),
  entry(
    'resources/nodes/cluster/node-a.json',
    obj('v1', 'Node', 'node-a', undefined, {
      metadata: { name: 'node-a', labels: { 'node.kubernetes.io/instance-type': 'm5.large' } },
    }),
  ),
];

const summary = (
  objects: Array<{ ref: { kind: string; namespace?: string; name: string }; location: { entry?: string } }>,
) => objects.map((o) => `${o.ref.kind} ${o.ref.namespace ?? '-'}/${o.ref.name} <- ${o.location.entry}`);

describe('Velero backups', () => {
  test('classic layout: every object with its archive entry, origin backup, nodes as cluster facts', async () => {
    const { file } = tarball(CLASSIC);
    const result = await readTarball(file, 'backups/b1.tar.gz');
    expect(result.errors).toEqual([]);
    expect(summary(result.objects)).toEqual([
      'Deployment shop/web <- resources/deployments.apps/namespaces/shop/web.json',
      'Pod shop/web-1 <- resources/pods/namespaces/shop/web-1.json',
      'Namespace -/shop <- resources/namespaces/cluster/shop.json',
      'Secret shop/db <- resources/secrets/namespaces/shop/db.json',
      'PersistentVolume -/pv-1 <- resources/persistentvolumes/cluster/pv-1.json',
      'Node -/node-a <- resources/nodes/cluster/node-a.json',
    ]);
    expect(result.objects[0]?.location).toEqual({
      file: 'backups/b1.tar.gz',
      entry: 'resources/deployments.apps/namespaces/shop/web.json',
    });
    expect(result.objects.every((o) => o.origin === 'backup')).toBe(true);
    expect(result.objects[0]?.lastApplied?.apiVersion).toBe('apps/v1beta2');
    expect(result.objects[0]?.object.metadata).not.toHaveProperty('managedFields');
    expect(result.cluster?.nodes?.map((n) => n.instanceType)).toEqual(['m5.large']);
    expect(result.notes).toEqual([{ file: 'backups/b1.tar.gz', message: 'Velero backup, format version 1' }]);
  });

  test('Secret values, and the Secret last-applied annotation, are not kept', async () => {
    const { file } = tarball(CLASSIC);
    const result = await readTarball(file, 'b.tar.gz');
    const s = result.objects.find((o) => o.ref.kind === 'Secret');
    expect(s?.object.data).toEqual({ password: '' });
    expect(s?.object.metadata?.annotations).toEqual({});
    expect(s?.lastApplied).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain(SECRET_VALUE);
    expect(JSON.stringify(result)).not.toContain(SECRET_B64);
  });

  test('format 1.1: each object once, the -preferredversion copy preferred over the classic and other versions', async () => {
    const hpa = (apiVersion: string) => obj(apiVersion, 'HorizontalPodAutoscaler', 'web', 'shop');
    const { file } = tarball([
      { path: 'metadata/version', body: '1.1.0' },
      // Other versions first, then the classic copy, then the preferred one: order must not matter.
      entry(
        'resources/horizontalpodautoscalers.autoscaling/v1/namespaces/shop/web.json',
        hpa('autoscaling/v1'),
      ),
      entry('resources/horizontalpodautoscalers.autoscaling/namespaces/shop/web.json', hpa('autoscaling/v2')),
      entry(
        'resources/horizontalpodautoscalers.autoscaling/v2-preferredversion/namespaces/shop/web.json',
        hpa('autoscaling/v2'),
      ),
      entry(
        'resources/horizontalpodautoscalers.autoscaling/v2beta2/namespaces/shop/web.json',
        hpa('autoscaling/v2beta2'),
      ),
      entry(
        'resources/persistentvolumes/v1-preferredversion/cluster/pv-1.json',
        obj('v1', 'PersistentVolume', 'pv-1'),
      ),
      entry('resources/persistentvolumes/cluster/pv-1.json', obj('v1', 'PersistentVolume', 'pv-1')),
      entry(
        'resources/configmaps/namespaces/shop/only-classic.json',
        obj('v1', 'ConfigMap', 'only-classic', 'shop'),
      ),
      // Only a non-preferred copy: still counted once.
      entry(
        'resources/widgets.example.com/v1alpha1/namespaces/shop/w.json',
        obj('example.com/v1alpha1', 'Widget', 'w', 'shop'),
      ),
    ]);
    const result = await readTarball(file, 'b.tar.gz');
    expect(result.errors).toEqual([]);
    expect(summary(result.objects)).toEqual([
      'HorizontalPodAutoscaler shop/web <- resources/horizontalpodautoscalers.autoscaling/v2-preferredversion/namespaces/shop/web.json',
      'PersistentVolume -/pv-1 <- resources/persistentvolumes/v1-preferredversion/cluster/pv-1.json',
      'ConfigMap shop/only-classic <- resources/configmaps/namespaces/shop/only-classic.json',
      'Widget shop/w <- resources/widgets.example.com/v1alpha1/namespaces/shop/w.json',
    ]);
    expect(result.objects[0]?.ref.apiVersion).toBe('autoscaling/v2');
  });

  test('traversal, absolute paths and links are refused, the rest is read, and nothing is written', async () => {
    const { dir, file } = tarball([
      entry('../evil.json', obj('v1', 'ConfigMap', 'evil', 'shop')),
      entry(
        'resources/configmaps/namespaces/shop/../../../../escape.json',
        obj('v1', 'ConfigMap', 'escape', 'shop'),
      ),
      entry('/etc/resources/configmaps/namespaces/shop/abs.json', obj('v1', 'ConfigMap', 'abs', 'shop')),
      {
        path: 'resources/configmaps/namespaces/shop/link.json',
        type: 'SymbolicLink',
        linkpath: '/etc/passwd',
      },
      {
        path: 'resources/configmaps/namespaces/shop/hard.json',
        type: 'Link',
        linkpath: 'resources/configmaps/namespaces/shop/ok.json',
      },
      entry('resources/configmaps/namespaces/shop/ok.json', obj('v1', 'ConfigMap', 'ok', 'shop')),
    ]);
    const before = readdirSync(dir);
    const result = await readTarball(file, 'b.tar.gz');
    expect(summary(result.objects)).toEqual([
      'ConfigMap shop/ok <- resources/configmaps/namespaces/shop/ok.json',
    ]);
    expect(result.errors).toEqual([
      {
        file: 'b.tar.gz',
        entry: '../evil.json',
        message: 'refused: the archive entry ../evil.json points outside the archive (..)',
      },
      {
        file: 'b.tar.gz',
        entry: 'resources/configmaps/namespaces/shop/../../../../escape.json',
        message:
          'refused: the archive entry resources/configmaps/namespaces/shop/../../../../escape.json points outside the archive (..)',
      },
      {
        file: 'b.tar.gz',
        entry: '/etc/resources/configmaps/namespaces/shop/abs.json',
        message:
          'refused: the archive entry /etc/resources/configmaps/namespaces/shop/abs.json has an absolute path',
      },
      {
        file: 'b.tar.gz',
        entry: 'resources/configmaps/namespaces/shop/link.json',
        message:
          'refused: the archive entry resources/configmaps/namespaces/shop/link.json is a symbolic link',
      },
      {
        file: 'b.tar.gz',
        entry: 'resources/configmaps/namespaces/shop/hard.json',
        message: 'refused: the archive entry resources/configmaps/namespaces/shop/hard.json is a hard link',
      },
    ]);
    expect(readdirSync(dir)).toEqual(before);
    expect(readdirSync(join(dir, '..')).filter((n) => n === 'evil.json' || n === 'escape.json')).toEqual([]);
  });

  test('an entry that is not JSON is an error that does not quote it (it may be a Secret)', async () => {
    const { file } = tarball([
      {
        path: 'resources/secrets/namespaces/shop/broken.json',
        body: `{"kind":"Secret","data":{"p":"${SECRET_B64}"`,
      },
      entry('resources/configmaps/namespaces/shop/nokind.json', { metadata: { name: 'x' } }),
      entry('resources/configmaps/namespaces/shop/ok.json', obj('v1', 'ConfigMap', 'ok', 'shop')),
    ]);
    const result = await readTarball(file, 'b.tar.gz');
    expect(result.objects).toHaveLength(1);
    expect(result.errors).toEqual([
      { file: 'b.tar.gz', entry: 'resources/secrets/namespaces/shop/broken.json', message: 'not valid JSON' },
      {
        file: 'b.tar.gz',
        entry: 'resources/configmaps/namespaces/shop/nokind.json',
        message: 'not a Kubernetes object (no kind)',
      },
    ]);
    expect(JSON.stringify(result)).not.toContain(SECRET_B64);
  });

  test('a tarball of plain manifests is read as manifests, pointing at the entry and line', async () => {
    const { file } = tarball([
      { path: 'k8s/', type: 'Directory' },
      {
        path: 'k8s/web.yaml',
        body: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n',
      },
      { path: 'k8s/db.json', body: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "db"}}' },
      { path: 'k8s/broken.yaml', body: 'kind: [\n' },
      { path: 'k8s/values.yaml', body: 'replicas: 3\n' },
      { path: 'k8s/overlay/kustomization.yaml', body: 'resources: [../web.yaml]\n' },
      { path: 'k8s/.hidden.yaml', body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: hidden}\n' },
      { path: 'README.md', body: 'not read' },
    ]);
    const r = await readTarball(file, 'k8s.tar.gz');
    expect(r.objects.map((o) => [o.ref.kind, o.ref.name, o.location, o.origin])).toEqual([
      ['ConfigMap', 'db', { file: 'k8s.tar.gz', line: 1, entry: 'k8s/db.json' }, 'manifest'],
      ['Deployment', 'web', { file: 'k8s.tar.gz', line: 1, entry: 'k8s/web.yaml' }, 'manifest'],
      ['Service', 'web', { file: 'k8s.tar.gz', line: 5, entry: 'k8s/web.yaml' }, 'manifest'],
    ]);
    expect(r.errors.map((e) => [e.file, e.entry])).toEqual([['k8s.tar.gz', 'k8s/broken.yaml']]);
    expect(r.notes.map((n) => n.file)).toEqual([
      'k8s.tar.gz (k8s/overlay/kustomization.yaml)',
      'k8s.tar.gz (k8s/values.yaml)',
    ]);
  });

  test('a tarball that is neither, a damaged one and a missing one are errors, not crashes', async () => {
    const { dir, file } = tarball([{ path: 'README.md', body: 'hello' }]);
    expect((await readTarball(file, 'x.tar.gz')).errors[0]?.message).toMatch(
      /^neither a Velero backup .* nor a kube2eks bundle/,
    );
    const damaged = join(dir, 'damaged.tar.gz');
    writeFileSync(damaged, tarGz(CLASSIC).subarray(0, 200));
    const r = await readTarball(damaged, 'damaged.tar.gz');
    expect(r.objects).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([
      'cannot read the rest of the archive (after 2 entries): it ends too early (truncated); what was read before is assessed',
    ]);
    const missing = await readTarball(join(dir, 'nope.tar.gz'), 'nope.tar.gz');
    expect(missing.errors[0]?.message).toBe('cannot read the archive: no such file');
  });
});

describe('bundle tarballs', () => {
  const collection: Collection = {
    server: 'https://x',
    serverVersion: 'v1.29.4',
    collectedAt: '2026-01-01T00:00:00.000Z',
    resources: [
      {
        type: {
          group: 'apps',
          version: 'v1',
          resource: 'deployments',
          kind: 'Deployment',
          namespaced: true,
          verbs: ['list'],
        },
        objects: [
          obj('apps/v1', 'Deployment', 'a', 'shop'),
          obj('apps/v1', 'Deployment', 'b', 'shop'),
        ] as KubeObject[],
      },
      {
        type: {
          group: '',
          version: 'v1',
          resource: 'secrets',
          kind: 'Secret',
          namespaced: true,
          verbs: ['list'],
        },
        objects: [obj('v1', 'Secret', 's', 'shop', { data: { k: '' } })] as KubeObject[],
      },
    ],
    nodes: [
      {
        name: 'n1',
        labels: {},
        taints: [],
        capacity: { cpu: '2' },
        allocatable: { cpu: '2' },
        instanceType: 'e2-medium',
      },
    ],
    forbidden: [{ resource: 'roles.rbac.authorization.k8s.io', reason: 'forbidden' }],
    failed: [],
    stats: { requests: 0, retries: 0, restarts: 0, objects: 3, elapsedMs: 1 },
  };

  test.each([
    ['at the root', ''],
    ['under one folder', 'prod-bundle/'],
  ])('told apart from a Velero backup by its marker (%s)', async (_label, prefix) => {
    const files = bundleFiles(collection, { context: 'prod' });
    const { file } = tarball(files.map((f) => ({ path: prefix + f.path, body: f.body })));
    const result = await readTarball(file, 'prod.tar.gz');
    expect(result.errors).toEqual([]);
    expect(result.objects.map((o) => [o.ref.kind, o.ref.name, o.location.entry, o.location.line])).toEqual([
      ['Deployment', 'a', 'resources/apps/v1/deployments.ndjson', 1],
      ['Deployment', 'b', 'resources/apps/v1/deployments.ndjson', 2],
      ['Secret', 's', 'resources/core/v1/secrets.ndjson', 1],
    ]);
    expect(result.cluster).toMatchObject({
      serverVersion: 'v1.29.4',
      context: 'prod',
      collectedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(result.cluster?.nodes?.[0]?.instanceType).toBe('e2-medium');
    expect(result.cluster?.forbidden).toEqual([
      { resource: 'roles.rbac.authorization.k8s.io', reason: 'forbidden' },
    ]);
    expect(result.notes).toEqual([
      {
        file: 'prod.tar.gz',
        message:
          'roles.rbac.authorization.k8s.io was not readable when the bundle was collected (forbidden: forbidden)',
      },
    ]);
  });
});

describe('entry paths', () => {
  test.each([
    ['resources/pods/namespaces/a/p.json', { key: 'pods|a|p', rank: 2 }],
    ['resources/pods/v1-preferredversion/namespaces/a/p.json', { key: 'pods|a|p', rank: 3 }],
    ['resources/hpa.autoscaling/v1/namespaces/a/p.json', { key: 'hpa.autoscaling|a|p', rank: 1 }],
    ['resources/pv/cluster/x.json', { key: 'pv||x', rank: 2 }],
    ['resources/pv/cluster/x.yaml', undefined],
    ['resources/pv/namespaces/x.json', undefined],
    ['metadata/version', undefined],
  ])('%s', (path, expected) => expect(veleroEntry(path)).toEqual(expected));

  test.each([
    ['C:/x.json', 'File', 'refused: the archive entry C:/x.json has an absolute path'],
    ['a\\..\\b.json', 'File', 'refused: the archive entry a\\..\\b.json has an absolute path'],
    ['a/..b/c.json', 'File', undefined],
  ] as const)('%s', (path, type, expected) => expect(unsafeEntry({ path, type })).toBe(expected));
});

describe('damaged and unusual backups (issue 8)', () => {
  const names = (r: { objects: Array<{ ref: { kind: string; name: string } }> }) =>
    r.objects.map((o) => `${o.ref.kind}/${o.ref.name}`);

  test('truncation or trailing garbage keeps every object read before the damage', async () => {
    const whole = gunzipSync(tarGz(CLASSIC));
    const { dir } = tarball([]);
    // Cut inside the Secret's entry (the fifth file): the four objects before it are kept.
    const secretAt = whole.indexOf(Buffer.from('resources/secrets/'));
    const cut = join(dir, 'cut.tar.gz');
    writeFileSync(cut, gzipSync(whole.subarray(0, secretAt + 700)));
    const r = await readTarball(cut, 'cut.tar.gz');
    expect(names(r)).toEqual(['Deployment/web', 'Pod/web-1', 'Namespace/shop']);
    expect(r.errors).toEqual([
      { file: 'cut.tar.gz', message: expect.stringMatching(/^damaged archive: Truncated input/) },
      { file: 'cut.tar.gz', entry: 'resources/secrets/namespaces/shop/db.json', message: 'not valid JSON' },
    ]);
    expect(JSON.stringify(r)).not.toContain(SECRET_B64);
    // Garbage after the gzip data: everything zlib gave before it is kept (at most its last 16 KB buffer is lost).
    const many = Array.from({ length: 200 }, (_, i) =>
      entry(
        `resources/configmaps/namespaces/shop/cm-${i}.json`,
        obj('v1', 'ConfigMap', `cm-${i}`, 'shop', { data: { pad: `${i}`.repeat(300) } }),
      ),
    );
    const garbage = join(dir, 'garbage.tar.gz');
    writeFileSync(garbage, Buffer.concat([tarGz(many), Buffer.from('trailing garbage, not gzip')]));
    const g = await readTarball(garbage, 'garbage.tar.gz');
    expect(g.objects.length).toBeGreaterThan(150);
    expect(g.errors.map((e) => e.message)).toContainEqual(
      expect.stringMatching(
        /^cannot read the rest of the archive \(after \d+ entries\): the gzip data is damaged; what was read before is assessed$/,
      ),
    );
  });

  test('an entry far larger than any object is refused by its header, without reading it', async () => {
    const big: TarEntry = {
      path: 'resources/configmaps/namespaces/shop/big.json',
      body: Buffer.alloc(2049, 32),
    };
    const { file } = tarball([
      big,
      entry('resources/configmaps/namespaces/shop/ok.json', obj('v1', 'ConfigMap', 'ok', 'shop')),
    ]);
    const r = await readTarball(file, 'big.tar.gz', 2048);
    expect(names(r)).toEqual(['ConfigMap/ok']);
    expect(r.errors).toEqual([
      {
        file: 'big.tar.gz',
        entry: 'resources/configmaps/namespaces/shop/big.json',
        message: 'larger than 2 KB, which no Kubernetes object is: not read',
      },
    ]);
  });

  test('a backup re-packed under one top-level folder is still a Velero backup', async () => {
    const { file } = tarball(CLASSIC.map((e) => ({ ...e, path: `backup-1/${e.path}` })));
    const r = await readTarball(file, 'repacked.tar.gz');
    expect(r.errors).toEqual([]);
    expect(names(r)).toHaveLength(6);
    expect(r.notes).toEqual([{ file: 'repacked.tar.gz', message: 'Velero backup, format version 1' }]);
  });

  test('an extracted backup folder is read as a backup: each object once, whatever its versions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube2eks-velero-dir-'));
    const files: Record<string, unknown> = {
      'metadata/version': '1.1.0\n',
      'resources/deployments.apps/v1-preferredversion/namespaces/shop/web.json': deployment,
      'resources/deployments.apps/namespaces/shop/web.json': deployment,
      'resources/deployments.apps/v1beta2/namespaces/shop/web.json': deployment,
      'resources/secrets/namespaces/shop/db.json': secret,
    };
    for (const [path, body] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), typeof body === 'string' ? body : JSON.stringify(body));
    }
    const r = await readVeleroDir(dir, 'backup');
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => `${o.ref.kind}/${o.ref.name} <- ${o.location.file}`)).toEqual([
      'Deployment/web <- backup/resources/deployments.apps/v1-preferredversion/namespaces/shop/web.json',
      'Secret/db <- backup/resources/secrets/namespaces/shop/db.json',
    ]);
    expect(JSON.stringify(r)).not.toContain(SECRET_B64);
  });

  test('an object without a name, or nesting deeper than any object, is an error naming its entry', async () => {
    const deep = JSON.parse(`${'{"a":'.repeat(300)}1${'}'.repeat(300)}`);
    const { file } = tarball([
      entry('resources/configmaps/namespaces/shop/noname.json', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {},
      }),
      entry(
        'resources/configmaps/namespaces/shop/deep.json',
        obj('v1', 'ConfigMap', 'deep', 'shop', { data: deep }),
      ),
    ]);
    const r = await readTarball(file, 'b.tar.gz');
    expect(r.objects).toEqual([]);
    expect(r.errors.map((e) => [e.entry, e.message])).toEqual([
      [
        'resources/configmaps/namespaces/shop/noname.json',
        'the ConfigMap object has no metadata.name (nor metadata.generateName); the API server would reject it',
      ],
      [
        'resources/configmaps/namespaces/shop/deep.json',
        'the object nests deeper than 256 levels, which no Kubernetes object does; it was not read',
      ],
    ]);
  });
});
