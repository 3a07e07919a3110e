// Collect bundles: written by write-bundle, read back from a folder; the marker and NDJSON rules.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../model/types.js';
import { BUNDLE_MARKER, readBundleDir } from './bundle.js';
import type { Collection } from './cluster/collector.js';
import { bundleFiles, writeBundle } from './cluster/write-bundle.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kube2eks-bundle-'));

const collection = (): Collection => ({
  server: 'https://x',
  serverVersion: 'v1.30.2',
  collectedAt: '2026-02-03T04:05:06.000Z',
  resources: [
    {
      type: {
        group: '',
        version: 'v1',
        resource: 'configmaps',
        kind: 'ConfigMap',
        namespaced: true,
        verbs: ['list'],
      },
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } }],
    },
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
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: {
            name: 'web',
            namespace: 'shop',
            annotations: {
              'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"extensions/v1beta1"}',
            },
          },
        },
      ],
    },
    {
      type: {
        group: 'example.com',
        version: 'v1',
        resource: 'widgets',
        kind: 'Widget',
        namespaced: true,
        verbs: ['list'],
      },
      objects: [],
    },
  ],
  nodes: [
    {
      name: 'n1',
      labels: { a: 'b' },
      taints: [],
      capacity: { cpu: '4' },
      allocatable: { cpu: '3' },
      instanceType: 'm5.xlarge',
    },
  ],
  usage: { 'shop/web-1': { web: { cpu: '5m', memory: '10Mi' } } },
  forbidden: [],
  failed: [{ resource: 'pods.metrics.k8s.io', reason: 'service unavailable' }],
  stats: { requests: 1, retries: 0, restarts: 0, objects: 2, elapsedMs: 5 },
});

describe('bundle folders', () => {
  test('written and read back: objects with file and line, cluster facts, notes for what was not read', async () => {
    const dir = join(tmp(), 'prod-bundle');
    await writeBundle(bundleFiles(collection(), { context: 'prod', namespaces: ['shop'] }), dir);
    expect(readdirSync(dir).sort()).toEqual([BUNDLE_MARKER, 'resources']);
    expect(readFileSync(join(dir, 'resources/apps/v1/deployments.ndjson'), 'utf8').split('\n')).toHaveLength(
      2,
    );
    expect(readFileSync(join(dir, 'resources/example.com/v1/widgets.ndjson'), 'utf8')).toBe('');
    const marker = JSON.parse(readFileSync(join(dir, BUNDLE_MARKER), 'utf8'));
    expect(marker).toMatchObject({
      kube2eksBundle: 1,
      collectedAt: '2026-02-03T04:05:06.000Z',
      serverVersion: 'v1.30.2',
      context: 'prod',
      namespaces: ['shop'],
      forbidden: [],
    });
    expect(marker.resources).toEqual([
      { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, count: 1 },
      {
        group: 'apps',
        version: 'v1',
        resource: 'deployments',
        kind: 'Deployment',
        namespaced: true,
        count: 1,
      },
      {
        group: 'example.com',
        version: 'v1',
        resource: 'widgets',
        kind: 'Widget',
        namespaced: true,
        count: 0,
      },
    ]);

    const result = await readBundleDir(dir, 'prod-bundle');
    expect(result.errors).toEqual([]);
    expect(result.objects.map((o) => [o.ref.kind, o.ref.name, o.location, o.origin])).toEqual([
      [
        'Deployment',
        'web',
        { file: join('prod-bundle', 'resources/apps/v1/deployments.ndjson'), line: 1 },
        'backup',
      ],
      [
        'ConfigMap',
        'c',
        { file: join('prod-bundle', 'resources/core/v1/configmaps.ndjson'), line: 1 },
        'backup',
      ],
    ]);
    expect(result.objects[0]?.lastApplied).toEqual({ apiVersion: 'extensions/v1beta1' });
    expect(result.cluster).toEqual({
      serverVersion: 'v1.30.2',
      collectedAt: '2026-02-03T04:05:06.000Z',
      context: 'prod',
      nodes: collection().nodes,
      usage: collection().usage,
      forbidden: [],
    });
    expect(result.notes).toEqual([
      {
        file: 'prod-bundle',
        message: 'pods.metrics.k8s.io could not be read when the bundle was collected: service unavailable',
      },
      { file: 'prod-bundle', message: 'the bundle holds only namespaces shop (and cluster-scoped objects)' },
    ]);
  });

  test('a bad NDJSON line is an error naming the line, never quoting it; Secrets are redacted again on read', async () => {
    const dir = tmp();
    writeFileSync(join(dir, BUNDLE_MARKER), JSON.stringify({ kube2eksBundle: 1, nodes: [], forbidden: [] }));
    mkdirSync(join(dir, 'resources/core/v1'), { recursive: true });
    const handMade = {
      kind: 'Secret',
      metadata: { name: 's', namespace: 'a' },
      stringData: { token: 'plain-text-token' },
    };
    writeFileSync(
      join(dir, 'resources/core/v1/secrets.ndjson'),
      `${JSON.stringify(handMade)}\n{"kind":"Secret","data":{"k":"c2VjcmV0"}\n[1,2]\n\n`,
    );
    const result = await readBundleDir(dir, 'b');
    expect(result.objects.map((o) => [o.ref.apiVersion, o.ref.kind, o.object.stringData])).toEqual([
      ['v1', 'Secret', { token: '' }],
    ]);
    expect(result.errors).toEqual([
      { file: join('b', 'resources/core/v1/secrets.ndjson'), line: 2, message: 'line 2 is not valid JSON' },
      {
        file: join('b', 'resources/core/v1/secrets.ndjson'),
        line: 3,
        message: 'line 3 is not a JSON object',
      },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/plain-text-token|c2VjcmV0/);
  });

  test('a newer bundle format, a broken marker and a symlink are reported', async () => {
    const dir = tmp();
    writeFileSync(join(dir, BUNDLE_MARKER), JSON.stringify({ kube2eksBundle: 2 }));
    expect((await readBundleDir(dir, 'b')).errors).toEqual([
      {
        file: join('b', BUNDLE_MARKER),
        message: 'the bundle has format 2; this kube2eks reads format 1. Update kube2eks.',
      },
    ]);
    writeFileSync(join(dir, BUNDLE_MARKER), '{');
    expect((await readBundleDir(dir, 'b')).errors[0]?.message).toBe(`${BUNDLE_MARKER} is not valid JSON`);
    writeFileSync(join(dir, BUNDLE_MARKER), JSON.stringify({ kube2eksBundle: 1 }));
    mkdirSync(join(dir, 'resources/core/v1'), { recursive: true });
    symlinkSync('/etc/passwd', join(dir, 'resources/core/v1/pods.ndjson'));
    expect((await readBundleDir(dir, 'b')).errors).toEqual([
      {
        file: join('b', 'resources/core/v1/pods.ndjson'),
        message: 'a symbolic link inside a bundle is not followed',
      },
    ]);
  });
});

describe('writeBundle never overwrites what it did not write', () => {
  const files = () => bundleFiles(collection(), { context: 'prod' });

  test('a previous bundle folder is replaced; a folder with other files, or a file, is refused', async () => {
    const root = tmp();
    const out = join(root, 'b');
    await writeBundle(files(), out);
    writeFileSync(join(out, 'resources/core/v1/stale.ndjson'), '');
    await writeBundle(files(), out);
    expect(readdirSync(join(out, 'resources/core/v1'))).toEqual(['configmaps.ndjson']);

    const mine = join(root, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    await expect(writeBundle(files(), mine)).rejects.toThrow(
      `${mine} is not empty and not a kube2eks bundle`,
    );
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('keep me');

    const empty = join(root, 'empty');
    mkdirSync(empty);
    await writeBundle(files(), empty);
    expect(readdirSync(empty).sort()).toEqual([BUNDLE_MARKER, 'resources']);
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp') || n.endsWith('.old'))).toEqual([]);
  });

  test('.tar.gz: written, readable by tar, replaced when it is a bundle, refused when it is not', async () => {
    const root = tmp();
    const out = join(root, 'b.tar.gz');
    await writeBundle(files(), out);
    const listing = execFileSync('tar', ['-tzf', out], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual([
      BUNDLE_MARKER,
      'resources/core/v1/configmaps.ndjson',
      'resources/apps/v1/deployments.ndjson',
      'resources/example.com/v1/widgets.ndjson',
    ]);
    await writeBundle(files(), out);
    const other = join(root, 'backup.tar.gz');
    writeFileSync(other, 'not mine');
    await expect(writeBundle(files(), other)).rejects.toThrow(`${other} exists and is not a kube2eks bundle`);
    expect(readFileSync(other, 'utf8')).toBe('not mine');
  });
});

/** Objects written are what was collected: no re-ordering of fields, one per line. */
test('bundle files hold one JSON object per line', () => {
  const [, configmaps] = bundleFiles(collection(), {});
  const lines = configmaps?.body.trim().split('\n') ?? [];
  expect(lines.map((l) => JSON.parse(l) as KubeObject)).toEqual(collection().resources[0]?.objects);
});
