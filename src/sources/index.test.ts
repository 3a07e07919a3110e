import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InventoryObject } from '../model/types.js';
import type { SourceResult } from './result.js';

// The archive, bundle and live readers belong to other modules: here only their dispatch is checked.
const calls: string[] = [];
vi.mock('./archive.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./archive.js')>()),
  readTarball: async (path: string, display: string): Promise<SourceResult> => {
    calls.push(`tarball ${path} ${display}`);
    return {
      objects: [],
      errors: [],
      notes: [{ file: display, message: 'a Velero backup' }],
      cluster: { serverVersion: 'v1.29.3', nodes: [], forbidden: [] },
    };
  },
}));
vi.mock('./bundle.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./bundle.js')>()),
  readBundleDir: async (dir: string, display: string): Promise<SourceResult> => {
    calls.push(`bundle ${dir} ${display}`);
    return {
      objects: [],
      errors: [],
      notes: [],
      cluster: {
        serverVersion: 'v1.30.1',
        context: 'prod',
        nodes: [{ name: 'n1', labels: {}, taints: [], capacity: {}, allocatable: {} }],
        forbidden: [{ resource: 'secrets', reason: 'forbidden' }],
      },
    };
  },
}));
vi.mock('./live.js', () => ({
  readContext: async (context: string): Promise<SourceResult> => {
    calls.push(`context ${context}`);
    if (context === 'broken') throw new Error('the context "broken" is not in the kubeconfig');
    return { objects: [], errors: [], notes: [], cluster: { context, nodes: [], forbidden: [] } };
  },
}));

const { InputPathError, loadInventory } = await import('./index.js');

const FIXTURES = resolve('test/fixtures/inputs');
let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'kube2eks-sources-'));
  cpSync(join(FIXTURES, 'repo'), join(cwd, 'repo'), { recursive: true });
  cpSync(join(FIXTURES, 'lists'), join(cwd, 'lists'), { recursive: true });
  // What a real repository also holds, and what must not be read.
  mkdirSync(join(cwd, 'repo/node_modules/pkg'), { recursive: true });
  writeFileSync(
    join(cwd, 'repo/node_modules/pkg/pod.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n',
  );
  mkdirSync(join(cwd, 'repo/.hidden'), { recursive: true });
  writeFileSync(join(cwd, 'repo/.hidden/pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: y}\n');
  writeFileSync(join(cwd, 'repo/shop/.hidden.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: z}\n');
  writeFileSync(join(cwd, 'repo/shop/README.md'), '# not a manifest\n');
  writeFileSync(
    join(cwd, 'repo/shop/logo.yaml'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
  );
  symlinkSync(join(cwd, 'nowhere.yaml'), join(cwd, 'repo/shop/dangling.yaml'));
});

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const where = (objects: InventoryObject[]): string[] =>
  objects.map(
    (o) =>
      `${o.ref.kind}/${o.ref.name}${o.ref.namespace ? `@${o.ref.namespace}` : ''} ${o.location.file}:${o.location.line}`,
  );

const BINARY = 'not a text file (binary data); kube2eks reads YAML and JSON manifests';

describe('loadInventory: folders', () => {
  it('walks a folder in sorted order, skipping hidden folders, node_modules, charts and patches', async () => {
    const inventory = await loadInventory(['repo'], { cwd });
    expect(where(inventory.objects)).toEqual([
      'CustomResourceDefinition/widgets.acme.io repo/charts/web/crds/widget.yaml:1',
      'PodDisruptionBudget/web@shop repo/overlays/prod/extra.yaml:1',
      'Deployment/api@shop repo/shop/api.yml:2',
      'ConfigMap/web-config@shop repo/shop/config.json:1',
      'Deployment/web@shop repo/shop/web.yaml:2',
      'Service/web@shop repo/shop/web.yaml:19',
    ]);
    expect(inventory.errors).toEqual([{ file: 'repo/shop/logo.yaml', message: BINARY }]);
    expect(inventory.notes).toEqual([
      {
        file: 'repo/charts/web/Chart.yaml',
        message:
          'Helm chart skipped: kube2eks reads rendered manifests; run `helm template repo/charts/web | kube2eks assess -` to assess what it renders (its crds/ folder is read)',
      },
      {
        file: 'repo/overlays/prod/kustomization.yaml',
        message:
          'kustomization skipped: kube2eks reads rendered manifests; run `kustomize build repo/overlays/prod | kube2eks assess -` to assess what it builds; 2 files it names as patches or generator inputs were skipped',
      },
      { file: 'repo/values.yaml', message: 'no Kubernetes objects (no apiVersion and kind): skipped' },
    ]);
    expect(inventory.cluster).toEqual({ nodes: [], forbidden: [] });
    expect(inventory.objects[4]?.locate?.(['spec', 'replicas'])).toEqual({ line: 8, column: 3 });
  });

  it('shows paths outside the working folder as given', async () => {
    const inventory = await loadInventory([join(cwd, 'repo/shop/web.yaml'), '../shop/api.yml'], {
      cwd: join(cwd, 'repo/overlays'),
    });
    expect(inventory.objects.map((o) => o.location.file)).toEqual([
      join(cwd, 'repo/shop/web.yaml'),
      join(cwd, 'repo/shop/web.yaml'),
      '../shop/api.yml',
    ]);
    const inside = await loadInventory([join(cwd, 'repo/shop/api.yml')], { cwd });
    expect(inside.objects[0]?.location.file).toBe('repo/shop/api.yml');
  });

  it('reports unreadable files found in a folder and goes on', async () => {
    if (process.getuid?.() === 0) return; // root reads anything: nothing to check here
    const dir = join(cwd, 'locked');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    writeFileSync(join(dir, 'b.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n');
    chmodSync(join(dir, 'a.yaml'), 0o000);
    const inventory = await loadInventory(['locked'], { cwd });
    expect(where(inventory.objects)).toEqual(['Namespace/b locked/b.yaml:1']);
    expect(inventory.errors).toEqual([
      { file: 'locked/a.yaml', message: 'cannot be read: permission denied' },
    ]);
  });

  it('reports progress on long reads', async () => {
    const dir = join(cwd, 'many');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 25; i++) {
      writeFileSync(
        join(dir, `ns-${String(i).padStart(2, '0')}.yaml`),
        `apiVersion: v1\nkind: Namespace\nmetadata: {name: ns-${i}}\n`,
      );
    }
    const messages: string[] = [];
    const inventory = await loadInventory(['many'], {
      cwd,
      concurrency: 3,
      onProgress: (m) => messages.push(m),
    });
    expect(inventory.objects.map((o) => o.ref.name)).toEqual(Array.from({ length: 25 }, (_, i) => `ns-${i}`));
    // Files and objects so far; the rate joins once a second has passed (not on a fast machine).
    expect(messages.at(-1)).toMatch(/^reading manifests: 25\/25 files, 25 objects(, [\d,]+\/s)?$/);
  });

  it('refuses an empty folder', async () => {
    mkdirSync(join(cwd, 'empty'), { recursive: true });
    await expect(loadInventory(['empty'], { cwd })).rejects.toThrow(
      new InputPathError('empty', 'empty: the folder holds no YAML or JSON file'),
    );
  });
});

describe('loadInventory: files, globs and stdin', () => {
  it('reads files and JSON Lists given by name', async () => {
    const inventory = await loadInventory(['lists/list.json', 'lists/deployments.yaml'], { cwd });
    expect(where(inventory.objects)).toEqual([
      'Deployment/web@shop lists/list.json:4',
      'Service/web@shop lists/list.json:24',
      'Deployment/web@shop lists/deployments.yaml:6',
      'Deployment/api@shop lists/deployments.yaml:11',
    ]);
  });

  it('reads each file once', async () => {
    const inventory = await loadInventory(['repo/shop/web.yaml', 'repo/shop', `${cwd}/repo/shop/web.yaml`], {
      cwd,
    });
    expect(where(inventory.objects)).toEqual([
      'Deployment/web@shop repo/shop/web.yaml:2',
      'Service/web@shop repo/shop/web.yaml:19',
      'Deployment/api@shop repo/shop/api.yml:2',
      'ConfigMap/web-config@shop repo/shop/config.json:1',
    ]);
  });

  it('expands globs to YAML and JSON files in sorted order', async () => {
    const inventory = await loadInventory(['repo/**/*.json', 'repo/shop/[aw]*.y*ml'], { cwd });
    expect(where(inventory.objects)).toEqual([
      'ConfigMap/web-config@shop repo/shop/config.json:1',
      'Deployment/api@shop repo/shop/api.yml:2',
      'Deployment/web@shop repo/shop/web.yaml:2',
      'Service/web@shop repo/shop/web.yaml:19',
    ]);
  });

  it('reads standard input as -', async () => {
    const stdin = Readable.from([
      Buffer.from('apiVersion: v1\nkind: Namespace\n'),
      Buffer.from('metadata: {name: a}\n'),
    ]);
    const inventory = await loadInventory(['-'], { cwd, stdin });
    expect(where(inventory.objects)).toEqual(['Namespace/a -:1']);
    const json = Readable.from([Buffer.from('{"apiVersion": "v1", "kind": "List", "items": []}')]);
    expect(await loadInventory(['-'], { cwd, stdin: json })).toEqual({
      objects: [],
      errors: [],
      notes: [],
      cluster: { nodes: [], forbidden: [] },
    });
    const binary = Readable.from([Buffer.from([0x1f, 0x8b, 8, 0])]);
    expect((await loadInventory(['-'], { cwd, stdin: binary })).errors).toEqual([
      {
        file: '-',
        message: 'not a text file (gzip data); give Velero backups and bundles as .tar.gz or .tgz',
      },
    ]);
  });

  it('keeps errors of a file given by name that holds no Kubernetes object', async () => {
    const inventory = await loadInventory(['repo/values.yaml'], { cwd });
    expect(inventory.errors).toEqual([
      {
        file: 'repo/values.yaml',
        line: 2,
        column: 1,
        message: 'document has no apiVersion and no kind, so it is not a Kubernetes object',
      },
    ]);
  });

  it('skips a kustomization or Chart.yaml given by name with a note', async () => {
    const inventory = await loadInventory(
      ['repo/overlays/prod/kustomization.yaml', 'repo/charts/web/Chart.yaml'],
      {
        cwd,
      },
    );
    expect(inventory.objects).toEqual([]);
    expect(inventory.notes.map((n) => n.file)).toEqual([
      'repo/overlays/prod/kustomization.yaml',
      'repo/charts/web/Chart.yaml',
    ]);
  });

  it('refuses missing paths and globs matching nothing with InputPathError', async () => {
    await expect(loadInventory(['missing.yaml'], { cwd })).rejects.toThrow(
      new InputPathError(
        'missing.yaml',
        'missing.yaml: no such file or folder; give a manifest file, a folder, a glob, - for standard input, a .tar.gz, a collect bundle folder or context:NAME',
      ),
    );
    const error = await loadInventory(['nothing/**/*.yaml'], { cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputPathError);
    expect((error as Error).name).toBe('InputPathError');
    expect((error as Error).message).toBe(
      'nothing/**/*.yaml: the pattern matches no YAML, JSON or .tar.gz file',
    );
  });
});

describe('loadInventory: archives, bundles and clusters', () => {
  it('hands tarballs, bundle folders and contexts to their readers and merges cluster facts', async () => {
    calls.length = 0;
    writeFileSync(join(cwd, 'backup.tar.gz'), '');
    mkdirSync(join(cwd, 'bundle'), { recursive: true });
    writeFileSync(join(cwd, 'bundle/kube2eks-bundle.json'), '{}');
    const inventory = await loadInventory(['backup.tar.gz', 'bundle', 'context:staging'], { cwd });
    expect(calls).toEqual([
      `tarball ${join(cwd, 'backup.tar.gz')} backup.tar.gz`,
      `bundle ${join(cwd, 'bundle')} bundle`,
      'context staging',
    ]);
    expect(inventory.notes).toEqual([{ file: 'backup.tar.gz', message: 'a Velero backup' }]);
    expect(inventory.cluster).toEqual({
      serverVersion: 'v1.29.3',
      context: 'prod',
      nodes: [{ name: 'n1', labels: {}, taints: [], capacity: {}, allocatable: {} }],
      forbidden: [{ resource: 'secrets', reason: 'forbidden' }],
    });
  });

  it('prefers an existing path named context:NAME, and reports a context that fails', async () => {
    calls.length = 0;
    writeFileSync(join(cwd, 'context:dev'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}\n');
    const inventory = await loadInventory(['context:dev'], { cwd });
    expect(where(inventory.objects)).toEqual(['Namespace/dev context:dev:1']);
    expect(calls).toEqual([]);
    await expect(loadInventory(['context:broken'], { cwd })).rejects.toThrow(
      new InputPathError('context:broken', 'context:broken: the context "broken" is not in the kubeconfig'),
    );
  });
});
