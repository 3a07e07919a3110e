import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { closureProblems } from '../../test/support/closure.js';
import { samplePlan } from '../../test/support/plan-fixture.js';
import { assess } from '../assess.js';
import type { AssessResult, Inventory, KubeObject } from '../model/types.js';
import { loadInventory } from '../sources/index.js';
import { generate } from './index.js';
import {
  buildKustomization,
  imageFields,
  literalPattern,
  readResourceObjects,
  splitImage,
  withoutEmptyMetadataMaps,
} from './kustomize-model.js';
import type { Artifact, GenerateOptions } from './types.js';

const ROOT = join(import.meta.dirname, '../..');
const NOW = new Date('2026-12-03T00:00:00Z');
const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const FIXTURE = 'test/fixtures/generate/kustomize';

/** `kubectl kustomize` runs offline; absent on some machines, so those tests are skipped there. */
const KUBECTL = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function load(inputs: string[]): Promise<{ inventory: Inventory; result: AssessResult }> {
  const inventory = await loadInventory(inputs, { cwd: ROOT });
  return { inventory, result: assess(inventory, { now: NOW, targetVersion: '1.33' }) };
}

/** The kit as if written to ROOT/kit: each input file is `../<file>` from it. */
function kitOf(
  loaded: { inventory: Inventory; result: AssessResult },
  as: 'files' | 'kustomize',
): Artifact[] {
  const files = [...new Set(loaded.inventory.objects.map((o) => o.location.file!))];
  const options: GenerateOptions = {
    as,
    registry: REGISTRY,
    toolVersion: '0.1.0',
    sources: files.map((file) => ({
      file,
      text: readFileSync(join(ROOT, file), 'utf8'),
      fromKit: `../${file}`,
    })),
  };
  return generate(samplePlan(), loaded.inventory, loaded.result.findings, options);
}

function key(o: KubeObject): string {
  const m = o.metadata as { namespace?: string; name?: string };
  return `${o.apiVersion} ${o.kind} ${m.namespace ?? ''}/${m.name ?? ''}`;
}

/** The objects of the rewritten manifests/ (--as files), by id; a typed list's items take its kind. */
function rewritten(artifacts: Artifact[]): Map<string, KubeObject> {
  const out = new Map<string, KubeObject>();
  for (const a of artifacts) {
    if (!a.path.startsWith('manifests/') || !/\.(ya?ml|json)$/.test(a.path)) continue;
    for (const doc of parseAllDocuments(a.content)) {
      const value = doc.toJS() as KubeObject & { items?: KubeObject[] };
      const kind = String(value.kind);
      const items =
        kind.endsWith('List') && Array.isArray(value.items)
          ? value.items.map((i) => ({
              ...i,
              apiVersion: i.apiVersion ?? value.apiVersion,
              kind: i.kind ?? kind.slice(0, -4),
            }))
          : [value];
      // kustomize prints no empty annotations or labels map; the API server reads them alike.
      for (const o of items) out.set(key(o as KubeObject), withoutEmptyMetadataMaps(o as KubeObject));
    }
  }
  return out;
}

/** The overlay built with the model, reading the kit's files and the inputs from disk. */
function built(artifacts: Artifact[]): Map<string, KubeObject> {
  const files = new Map(artifacts.map((a) => [a.path, a.content]));
  const objects = buildKustomization('manifests', (path) => {
    if (files.has(path)) return files.get(path);
    if (!path.startsWith('../')) return undefined;
    try {
      return readFileSync(join(ROOT, path.slice(3)), 'utf8');
    } catch {
      return undefined;
    }
  });
  return new Map(objects.map((b) => [key(b.object), b.object]));
}

describe('--as kustomize on a fixture', () => {
  let loaded: Awaited<ReturnType<typeof load>>;
  let files: Artifact[];
  let overlay: Artifact[];
  let kustomization: Record<string, unknown>;
  beforeAll(async () => {
    loaded = await load([FIXTURE]);
    files = kitOf(loaded, 'files');
    overlay = kitOf(loaded, 'kustomize');
    kustomization = parse(overlay.find((a) => a.path === 'manifests/kustomization.yaml')!.content);
  });

  it('writes a kustomization over the original files, and copies only what kustomize cannot read', () => {
    expect(overlay.filter((a) => a.path.startsWith('manifests/')).map((a) => a.path)).toEqual([
      'manifests/SECRETS.md',
      'manifests/kustomization.yaml',
      'manifests/typed-list.yaml',
    ]);
    expect(kustomization.resources).toEqual([
      `../../${FIXTURE}/apps/data.json`,
      `../../${FIXTURE}/apps/web.yaml`,
      `../../${FIXTURE}/operator.yaml`,
      'typed-list.yaml',
    ]);
    // The copy is one document per object, each with its kind.
    expect(
      readResourceObjects(overlay.find((a) => a.path === 'manifests/typed-list.yaml')!.content, 'x'),
    ).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'flags', namespace: 'shop' },
        data: { NEW_CHECKOUT: 'true' },
      },
    ]);
    const book = overlay.find((a) => a.path === 'RUNBOOK.md')!.content;
    expect(book).toContain('typed-list.yaml: kustomize cannot read it as it is');
    expect(book).toContain(
      'kubectl kustomize --load-restrictor LoadRestrictionsNone manifests > eks-workloads.yaml',
    );
    expect(book).not.toContain('### Wave 2');
  });

  it('patches name their object exactly; left-out objects are deleted; the registry move is images:', () => {
    const patches = kustomization.patches as Array<{ target: Record<string, string>; patch: string }>;
    const targets = patches.map((p) => p.target);
    // An apiVersion change is an op of the patch, targeted at the original apiVersion.
    const ingress = patches.find((p) => p.target.kind === 'Ingress')!;
    // No namespace where the kind and name are unique: kustomize drops the namespace of cluster-scoped
    // kinds, so a target with one would miss them.
    expect(ingress.target).toEqual({ group: 'extensions', version: 'v1beta1', kind: 'Ingress', name: 'web' });
    // A name two namespaces share is targeted with its namespace.
    expect(patches.find((p) => p.target.kind === 'ServiceAccount')!.target).toEqual({
      version: 'v1',
      kind: 'ServiceAccount',
      name: 'catalog-api',
      namespace: 'shop',
    });
    expect(parse(ingress.patch)).toContainEqual({
      op: 'replace',
      path: '/apiVersion',
      value: 'networking.k8s.io/v1',
    });
    const deletes = patches.filter((p) => parse(p.patch).$patch === 'delete').map((p) => p.target.kind);
    expect(deletes.sort()).toEqual(['BackendConfig', 'Secret']);
    // The unchanged ConfigMap needs no patch; its dotted name would be a pattern otherwise.
    expect(targets.some((t) => t.kind === 'ConfigMap')).toBe(false);
    expect(literalPattern('web.config')).toBe('web\\.config');
    // redis moves with images:, gcr.io/acme/web does not (the RedisCluster's containers would follow).
    expect(kustomization.images).toEqual([{ name: 'redis', newName: `${REGISTRY}/docker.io/library/redis` }]);
    const deployment = patches.find((p) => p.target.kind === 'Deployment')!;
    expect(parse(deployment.patch)).toContainEqual({
      op: 'replace',
      path: '/spec/template/spec/containers/0/image',
      value: `${REGISTRY}/gcr.io/acme/web:1.0.0`,
    });
    expect(deployment.patch).not.toContain('docker.io/library/redis');
  });

  it('built with the model, it gives exactly the objects of the rewritten files', () => {
    const expected = rewritten(files);
    expect(expected.size).toBeGreaterThan(6);
    expect(built(overlay)).toEqual(expected);
  });

  it('closure: assess on what it builds finds nothing fixable, and no category grows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube2eks-kustomize-'));
    try {
      const docs = [...built(overlay).values()].map((o) => JSON.stringify(o)).join('\n---\n');
      writeFileSync(join(dir, 'built.yaml'), docs);
      const after = assess(await loadInventory([join(dir, 'built.yaml')], { cwd: ROOT }), {
        now: NOW,
        targetVersion: '1.33',
      });
      expect(after.findings.filter((f) => f.fix && f.fix.length > 0).map((f) => f.ruleId)).toEqual([]);
      expect(closureProblems(loaded.result, after, ['web-db'])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes no Secret value, and is byte-identical on a second run', () => {
    for (const a of overlay) expect(a.content, a.path).not.toContain('kustomize-fixture-secret-value');
    expect(kitOf(loaded, 'kustomize')).toEqual(overlay);
  });

  it('without a path from the kit to a file, the file is a rewritten copy', () => {
    const plain = generate(samplePlan(), loaded.inventory, loaded.result.findings, {
      as: 'kustomize',
      registry: REGISTRY,
      toolVersion: '0.1.0',
    });
    const k = parse(plain.find((a) => a.path === 'manifests/kustomization.yaml')!.content);
    expect(k.resources.every((r: string) => !r.startsWith('..'))).toBe(true);
    expect(built(plain)).toEqual(rewritten(files));
  });
});

describe('--as kustomize on input with no stable file', () => {
  it('keeps stdin objects as rewritten copies, listed as resources, and says so', async () => {
    const text = readFileSync(join(ROOT, FIXTURE, 'apps/web.yaml'), 'utf8');
    const inventory = await loadInventory(['-'], { cwd: ROOT, stdin: Readable.from([text]) });
    const result = assess(inventory, { now: NOW, targetVersion: '1.33' });
    const opts = { registry: REGISTRY, toolVersion: '0.1.0' };
    const overlay = generate(samplePlan(), inventory, result.findings, { ...opts, as: 'kustomize' });
    const k = parse(overlay.find((a) => a.path === 'manifests/kustomization.yaml')!.content);
    expect(k.resources).toEqual(['stdin.yaml']);
    expect(k.patches).toBeUndefined();
    expect(overlay.find((a) => a.path === 'RUNBOOK.md')!.content).toContain(
      'read from a bundle, backup, cluster or standard input have no file kustomize can point at',
    );
    const files = generate(samplePlan(), inventory, result.findings, { ...opts, as: 'files' });
    expect(built(overlay)).toEqual(rewritten(files));
  });
});

describe('--as kustomize with an object defined in two files', () => {
  it('keeps the second file as a copy outside the overlay, applied after it', async () => {
    const loaded = await load(['test/fixtures/generate/kustomize-twice']);
    const overlay = kitOf(loaded, 'kustomize');
    const k = parse(overlay.find((a) => a.path === 'manifests/kustomization.yaml')!.content);
    expect(k.resources).toEqual(['../../test/fixtures/generate/kustomize-twice/a-service.yaml']);
    expect(overlay.map((a) => a.path).filter((p) => p.startsWith('manifests/'))).toEqual([
      'manifests/b-service.yaml',
      'manifests/kustomization.yaml',
    ]);
    const book = overlay.find((a) => a.path === 'RUNBOOK.md')!.content;
    expect(book).toContain('manifests/b-service.yaml defines an object another input file defines too');
    const after = book.indexOf('apply -f eks-workloads.yaml');
    expect(book.indexOf('apply -f manifests/b-service.yaml')).toBeGreaterThan(after);
    // The overlay, then the copy: what applying the rewritten files in order gives.
    const result = built(overlay);
    for (const [id, o] of rewritten(overlay.filter((a) => a.path === 'manifests/b-service.yaml')))
      result.set(id, o);
    expect(result).toEqual(rewritten(kitOf(loaded, 'files')));
  });
});

describe('--as kustomize with a cluster-scoped object written with a namespace', () => {
  const INPUT = 'test/fixtures/generate/kustomize-cluster-scoped';

  it('targets it without the namespace kustomize ignores; a second definition is a copy outside the overlay', async () => {
    const loaded = await load([INPUT]);
    const overlay = kitOf(loaded, 'kustomize');
    const k = parse(overlay.find((a) => a.path === 'manifests/kustomization.yaml')!.content);
    expect(k.resources).toEqual([`../../${INPUT}/a-rbac.yaml`]);
    expect(k.patches).toEqual([
      {
        target: {
          group: 'rbac.authorization.k8s.io',
          version: 'v1beta1',
          kind: 'ClusterRole',
          name: 'reader',
        },
        patch: expect.stringContaining('value: rbac.authorization.k8s.io/v1'),
      },
    ]);
    expect(overlay.map((a) => a.path).filter((p) => p.startsWith('manifests/'))).toEqual([
      'manifests/b-rbac.yaml',
      'manifests/kustomization.yaml',
    ]);
    // The overlay, then the copy, as kubectl applies them: the rewritten objects, both moved to rbac v1.
    const result = built(overlay);
    expect([...result.values()].map((o) => o.apiVersion)).toEqual(['rbac.authorization.k8s.io/v1']);
    for (const [id, o] of rewritten(overlay.filter((a) => a.path === 'manifests/b-rbac.yaml')))
      result.set(id, o);
    expect(result).toEqual(rewritten(kitOf(loaded, 'files')));
  });

  it('the model ignores a cluster-scoped kind’s namespace as kustomize does, in targets and identities', () => {
    const role = (namespace: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader, namespace: ${namespace}}\n`;
    const files = new Map([
      [
        'k/kustomization.yaml',
        'resources: [a.yaml]\npatches:\n- target: {kind: ClusterRole, name: reader, namespace: shop}\n  patch: "[{op: add, path: /rules, value: []}]"\n',
      ],
      ['k/a.yaml', role('shop')],
      ['k/b.yaml', role('ops')],
    ]);
    const [only] = buildKustomization('k', (p) => files.get(p));
    expect(only!.patches).toEqual([]);
    files.set('k/kustomization.yaml', 'resources: [a.yaml, b.yaml]\n');
    expect(() => buildKustomization('k', (p) => files.get(p))).toThrow(/is there twice/);
  });
});

describe('--as kustomize on the bundled example', () => {
  it('gives the rewritten objects of every file, with no copy', async () => {
    const loaded = await load(['examples/gke-shop']);
    const overlay = kitOf(loaded, 'kustomize');
    expect(overlay.filter((a) => a.path.startsWith('manifests/')).map((a) => a.path)).toEqual([
      'manifests/SECRETS.md',
      'manifests/kustomization.yaml',
    ]);
    expect(built(overlay)).toEqual(rewritten(kitOf(loaded, 'files')));
  });
});

describe.skipIf(!KUBECTL)('--as kustomize against kubectl kustomize', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'kube2eks-kubectl-kustomize-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('kubectl kustomize patches a cluster-scoped object written with a namespace, and builds', async () => {
    const input = 'test/fixtures/generate/kustomize-cluster-scoped';
    const loaded = await load([input]);
    const dir = join(work, posix.basename(input));
    cpSync(join(ROOT, input), join(dir, input), { recursive: true });
    for (const a of kitOf(loaded, 'kustomize')) {
      mkdirSync(dirname(join(dir, 'kit', a.path)), { recursive: true });
      writeFileSync(join(dir, 'kit', a.path), a.content);
    }
    const out = execFileSync(
      'kubectl',
      ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', join(dir, 'kit', 'manifests')],
      { encoding: 'utf8' },
    );
    const objects = parseAllDocuments(out).map((d) => d.toJS() as KubeObject);
    const want = rewritten(kitOf(loaded, 'files'));
    expect(objects).toEqual([want.get(key(objects[0]!))]);
    expect(objects[0]!.apiVersion).toBe('rbac.authorization.k8s.io/v1');
  }, 60_000);

  for (const input of [FIXTURE, 'examples/gke-shop'])
    it(`kubectl kustomize builds the overlay of ${input} into the rewritten objects`, async () => {
      const loaded = await load([input]);
      const dir = join(work, posix.basename(input));
      // The kit at dir/kit, the inputs at dir/<input>: the same relative paths as from ROOT/kit.
      cpSync(join(ROOT, input), join(dir, input), { recursive: true });
      for (const a of kitOf(loaded, 'kustomize')) {
        mkdirSync(dirname(join(dir, 'kit', a.path)), { recursive: true });
        writeFileSync(join(dir, 'kit', a.path), a.content);
      }
      const out = execFileSync(
        'kubectl',
        ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', join(dir, 'kit', 'manifests')],
        { encoding: 'utf8' },
      );
      const objects = new Map(
        parseAllDocuments(out).map((d) => {
          const o = d.toJS() as KubeObject;
          return [key(o), o] as const;
        }),
      );
      const want = rewritten(kitOf(loaded, 'files'));
      for (const [k, o] of want) expect(objects.get(k), k).toEqual(o);
      expect([...objects.keys()].sort()).toEqual([...want.keys()].sort());
    }, 60_000);
});

describe('the kustomize model', () => {
  it('splits images as kustomize does and finds containers at any depth, never ephemeral ones', () => {
    expect(splitImage('redis')).toEqual({ name: 'redis', rest: '' });
    expect(splitImage('localhost:5000/a/b:1@sha256:x')).toEqual({
      name: 'localhost:5000/a/b',
      rest: ':1@sha256:x',
    });
    expect(
      imageFields({
        spec: {
          x: { containers: [{ image: 'a' }] },
          ephemeralContainers: [{ image: 'b' }],
          initContainers: [{ image: 'c' }],
        },
      }),
    ).toEqual([
      { pointer: '/spec/x/containers/0/image', image: 'a' },
      { pointer: '/spec/initContainers/0/image', image: 'c' },
    ]);
  });

  it('refuses what kustomize refuses: typed list items without kind, objects without a name, twice the same object', () => {
    expect(() =>
      readResourceObjects('kind: ConfigMapList\napiVersion: v1\nitems:\n- metadata: {name: a}\n', 'x'),
    ).toThrow(/without apiVersion or kind/);
    expect(() =>
      readResourceObjects('kind: Pod\napiVersion: v1\nmetadata: {generateName: a-}\n', 'x'),
    ).toThrow(/without metadata.name/);
    const twice = 'kind: Pod\napiVersion: v1\nmetadata: {name: a}\n';
    expect(() =>
      buildKustomization('m', (p) =>
        p === 'm/kustomization.yaml' ? 'resources: [a.yaml, b.yaml]\n' : twice,
      ),
    ).toThrow(/twice/);
  });
});
