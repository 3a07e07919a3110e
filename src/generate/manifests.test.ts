import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { samplePlan } from '../../test/support/plan-fixture.js';
import { assess } from '../assess.js';
import type { AssessResult, Inventory } from '../model/types.js';
import { loadInventory } from '../sources/index.js';
import { generate } from './index.js';
import { generateManifests, internals } from './manifests.js';
import type { Artifact, GenerateContext, SourceText } from './types.js';

const ROOT = join(import.meta.dirname, '../..');
const NOW = new Date('2026-12-03T00:00:00Z');
const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

async function load(
  inputs: string[],
  stdin?: string,
): Promise<{ inventory: Inventory; result: AssessResult }> {
  const inventory = await loadInventory(inputs, {
    cwd: ROOT,
    ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}),
  });
  return { inventory, result: assess(inventory, { now: NOW, targetVersion: '1.33' }) };
}

function reread(inventory: Inventory): SourceText[] {
  const files = new Set<string>();
  for (const o of inventory.objects)
    if (o.location.file && o.location.file !== '-') files.add(o.location.file);
  return [...files].map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));
}

function byPath(artifacts: Artifact[]): Map<string, string> {
  return new Map(artifacts.map((a) => [a.path, a.content]));
}

function writeAll(dir: string, artifacts: Artifact[]): void {
  for (const a of artifacts) {
    mkdirSync(dirname(join(dir, a.path)), { recursive: true });
    writeFileSync(join(dir, a.path), a.content);
  }
}

function categories(result: AssessResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of result.findings) counts[f.category] = (counts[f.category] ?? 0) + 1;
  return counts;
}

describe('manifests of the bundled example', () => {
  let loaded: Awaited<ReturnType<typeof load>>;
  let artifacts: Artifact[];
  let out: string;
  beforeAll(async () => {
    loaded = await load(['examples/gke-shop']);
    artifacts = generate(samplePlan(), loaded.inventory, loaded.result.findings, {
      sources: reread(loaded.inventory),
      registry: REGISTRY,
      toolVersion: '0.1.0',
    });
    out = mkdtempSync(join(tmpdir(), 'kube2eks-gen-'));
    writeAll(out, artifacts);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('closure: assess on manifests/ finds nothing fixable, and no category grows', async () => {
    const after = await load([join(out, 'manifests')]);
    expect(after.result.errors).toEqual([]);
    expect(after.result.findings.filter((f) => f.fix && f.fix.length > 0)).toEqual([]);
    const before = categories(loaded.result);
    for (const [category, count] of Object.entries(categories(after.result))) {
      // The kit leaves Secrets out (their values never leave the source), so the workloads that read them
      // now name Secrets the input does not hold: reference/missing lists those, checked below.
      if (category === 'missing-reference') continue;
      expect({ category, count }).toEqual({ category, count: Math.min(count, before[category] ?? 0) });
    }
    const missing = (result: typeof loaded.result): Set<string> =>
      new Set(
        result.findings
          .filter((f) => f.category === 'missing-reference')
          .flatMap((f) =>
            ((f.data?.missing ?? []) as Array<{ kind: string; name: string }>).map(
              (m) => `${f.resource.namespace}/${m.kind}/${m.name}`,
            ),
          ),
      );
    const was = missing(loaded.result);
    const added = [...missing(after.result)].filter((m) => !was.has(m));
    expect(added.length).toBeGreaterThan(0);
    expect(added.filter((m) => m.split('/')[1] !== 'Secret')).toEqual([]);
    // The removed APIs, old-platform objects and GKE identity bindings are gone.
    expect(categories(after.result)['removed-api']).toBeUndefined();
    expect(categories(after.result)['secret-present']).toBeUndefined();
  });

  it('mirrors the input layout and applies the fixes with comments and untouched text kept', () => {
    const files = byPath(artifacts);
    const source = readFileSync(join(ROOT, 'examples/gke-shop/shop/ingress/legacy-domain.yaml'), 'utf8');
    const written = files.get('manifests/shop/ingress/legacy-domain.yaml')!;
    expect(parse(written)).toMatchObject({
      apiVersion: 'networking.k8s.io/v1',
      spec: {
        ingressClassName: 'alb',
        rules: [
          {
            http: {
              paths: [
                {
                  pathType: 'ImplementationSpecific',
                  backend: { service: { name: 'storefront', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
    expect(written).toContain(
      '# kube2eks: changed for EKS (api/removed, ingress/class, ingress/annotations)',
    );
    // Every comment line of the source survives.
    for (const line of source.split('\n').filter((l) => l.trim().startsWith('#')))
      expect(written).toContain(line.trim());
    // A file no edit touches is copied byte for byte.
    expect(files.get('manifests/shop/storefront/service.yaml')).toBe(
      readFileSync(join(ROOT, 'examples/gke-shop/shop/storefront/service.yaml'), 'utf8'),
    );
  });

  it('moves images to the registry, named after the upstream host and path', () => {
    const deployment = parse(byPath(artifacts).get('manifests/data/redis/deployment.yaml')!);
    expect(deployment.spec.template.spec.containers[0].image).toBe(
      `${REGISTRY}/docker.io/library/redis:7.2.4-alpine`,
    );
  });

  it('swaps claim classes and service-account bindings as the plan says', () => {
    const files = byPath(artifacts);
    expect(parse(files.get('manifests/shop/catalog-api/media-pvc.yaml')!).spec.storageClassName).toBe('efs');
    const sa = parse(files.get('manifests/data/postgres/serviceaccount.yaml')!);
    expect(sa.metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::<account>:role/shop-eks-data-postgres-backup',
    });
  });

  it('accounts for every input object: written, or left out with the reason', () => {
    const ctx = contextOf(loaded);
    const result = generateManifests(ctx, new Map(reread(loaded.inventory).map((s) => [s.file, s.text])));
    expect(result.fates).toHaveLength(loaded.inventory.objects.length);
    for (const fate of result.fates) expect(fate.path ?? fate.leftOut).toBeTruthy();
    const leftOut = result.fates.filter((f) => f.leftOut).map((f) => `${f.item.ref.kind}/${f.item.ref.name}`);
    expect(leftOut.sort()).toEqual([
      'BackendConfig/storefront',
      'FrontendConfig/shop-https-redirect',
      'ManagedCertificate/shop-acme-example',
      'Secret/artifact-registry-pull',
      'Secret/catalog-db',
      'Secret/payments-api-keys',
      'Secret/postgres-credentials',
      // The plan maps them to gp3, gp3-retain and efs, which platform/ creates.
      'StorageClass/filestore-shared',
      'StorageClass/pd-balanced-retain',
      'StorageClass/standard-rwo',
    ]);
    // Each written object is in the file the fate names.
    const files = byPath(result.artifacts);
    for (const fate of result.fates.filter((f) => f.path))
      expect(files.get(fate.path!)).toContain(fate.item.ref.name);
  });

  it('writes no Secret value anywhere, and lists the Secrets by name, type and keys', async () => {
    const secretFiles = [
      'data/postgres/secret.yaml',
      'payments/payments-api/secret.yaml',
      'shop/catalog-api/secret.yaml',
      'shop/storefront/pull-secret.yaml',
    ];
    const values: string[] = [];
    for (const file of secretFiles) {
      const doc = parse(readFileSync(join(ROOT, 'examples/gke-shop', file), 'utf8'));
      for (const v of Object.values({ ...doc.data, ...doc.stringData }) as string[]) {
        // Values short enough to be ordinary words (POSTGRES_USER: acme) would match anywhere.
        const decoded = doc.data ? Buffer.from(v, 'base64').toString('utf8') : v;
        for (const value of new Set([v, decoded])) if (value.length >= 12) values.push(value);
      }
    }
    expect(values.length).toBeGreaterThan(4);
    for (const a of artifacts)
      for (const v of values) expect(a.content.includes(v), `${a.path} holds a Secret value`).toBe(false);
    const secrets = byPath(artifacts).get('manifests/SECRETS.md')!;
    expect(secrets).toContain(
      '| `payments` | `payments-api-keys` | Opaque | `stripe-secret-key`, `stripe-webhook-secret` |',
    );
  });

  it('is byte-identical on a second run', () => {
    const again = generate(samplePlan(), loaded.inventory, loaded.result.findings, {
      sources: reread(loaded.inventory),
      registry: REGISTRY,
      toolVersion: '0.1.0',
    });
    expect(again).toEqual(artifacts);
  });
});

function contextOf(
  loaded: { inventory: Inventory; result: AssessResult },
  registry?: string,
): GenerateContext {
  return {
    plan: samplePlan(),
    inventory: loaded.inventory,
    findings: loaded.result.findings,
    options: {
      iac: 'eksctl',
      copier: 'crane',
      as: 'files',
      toolVersion: '0.1.0',
      ...(registry ? { registry } : {}),
    },
  };
}

describe('a repository file with comments, a Secret and a removed API', () => {
  const FILE = 'test/fixtures/generate/repo/app.yaml';

  it('keeps comments, quoting and flow style; drops the Secret document with its comments', async () => {
    const loaded = await load([FILE]);
    const result = generateManifests(
      contextOf(loaded, REGISTRY),
      new Map(reread(loaded.inventory).map((s) => [s.file, s.text])),
    );
    const text = result.artifacts.find((a) => a.path === 'manifests/app.yaml')!.content;
    expect(text).toContain('# Web tier of the shop. Owned by team-web.');
    expect(text).toContain('name: web # the public storefront');
    expect(text).toContain(`image: ${REGISTRY}/gcr.io/acme/web:1.0.0 # pinned by CI`);
    expect(text).toContain('args: ["--port", "8080"]');
    expect(text).toContain('matchLabels: {app: web}');
    // The untouched ConfigMap document is the source text, byte for byte.
    expect(text).toContain(
      "---\n# Keep this exactly as it is.\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  namespace: shop\ndata:\n  LOG_LEVEL: 'debug'   # single quotes on purpose\n",
    );
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('kind: Secret');
    expect(parse(text.split('---\n').at(-1)!)).toMatchObject({
      apiVersion: 'networking.k8s.io/v1',
      spec: { ingressClassName: 'alb' },
    });
  });

  it('writes the objects as assessed, without comments, when the file changed since it was read', async () => {
    const loaded = await load([FILE]);
    const changed = readFileSync(join(ROOT, FILE), 'utf8').replace('replicas: 2', 'replicas: 5');
    const result = generateManifests(contextOf(loaded), new Map([[FILE, changed]]));
    expect(result.notes[0]).toMatch(/app\.yaml changed since kube2eks read it/);
    const text = result.artifacts.find((a) => a.path === 'manifests/app.yaml')!.content;
    expect(text).toContain('replicas: 2');
    expect(text).not.toContain('hunter2');
  });

  it('writes objects read from stdin without comments, and says so', async () => {
    const loaded = await load(['-'], readFileSync(join(ROOT, FILE), 'utf8'));
    const result = generateManifests(contextOf(loaded), new Map());
    expect(result.notes).toEqual([expect.stringMatching(/standard input .*without their comments/)]);
    const text = result.artifacts.find((a) => a.path === 'manifests/stdin.yaml')!.content;
    expect(text.startsWith('# Written by kube2eks from standard input: comments are not kept.')).toBe(true);
    expect(text).not.toContain('hunter2');
    expect(text.match(/^kind: /gm)).toEqual(['kind: ', 'kind: ', 'kind: ']);
  });
});

describe('objects read back from a server (kubectl dump)', () => {
  it('cleans what the server set and leaves out what the cluster makes itself', async () => {
    const loaded = await load(['test/fixtures/generate/dump/kubectl-get-all.yaml']);
    const result = generateManifests(
      contextOf(loaded),
      new Map(reread(loaded.inventory).map((s) => [s.file, s.text])),
    );
    const text = result.artifacts.find((a) => a.path === 'manifests/kubectl-get-all.yaml')!.content;
    const list = parse(text);
    expect(list.items.map((i: { kind: string }) => i.kind)).toEqual([
      'Deployment',
      'Service',
      'PersistentVolumeClaim',
    ]);
    const [deployment, service, claim] = list.items;
    expect(deployment.metadata).toEqual({ name: 'web', namespace: 'shop' });
    expect(deployment.status).toBeUndefined();
    expect(deployment.spec.template.metadata).toEqual({ labels: { app: 'web' } });
    expect(service.spec).toEqual({
      ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
      selector: { app: 'web' },
      type: 'NodePort',
    });
    expect(claim.metadata.annotations).toBeUndefined();
    expect(claim.spec.volumeName).toBeUndefined();
    expect(text).not.toMatch(/c3VwZXIt|super-secret/);
    const reasons = Object.fromEntries(
      result.fates.filter((f) => f.leftOut).map((f) => [`${f.item.ref.kind}/${f.item.ref.name}`, f.leftOut]),
    );
    expect(Object.keys(reasons).sort()).toEqual([
      'PersistentVolume/pvc-8f0c3c1e',
      'ReplicaSet/web-7d4b9c',
      'Secret/web-tls',
      'Service/kubernetes',
    ]);
    expect(reasons['ReplicaSet/web-7d4b9c']).toBe(
      'made by its controller Deployment/web, which is written instead',
    );
  });

  it('says so when a Pod’s controller is not in the input, rather than claiming it is written', async () => {
    const pods = `apiVersion: v1
kind: Pod
metadata:
  name: web-7d4b9c-x2x9q
  namespace: shop
  uid: 6c1f
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4b9c, controller: true, uid: 1a2b}]
spec:
  containers: [{name: web, image: nginx:1.27}]
`;
    const loaded = await load(['-'], pods);
    const result = generateManifests(contextOf(loaded), new Map());
    expect(result.fates.map((f) => f.leftOut)).toEqual([
      'made by its controller ReplicaSet/web-7d4b9c, which is not in the input: written alone it would run with nothing to recreate it; move ReplicaSet/web-7d4b9c itself (add it to the input and generate again)',
    ]);
  });
});

describe('helpers', () => {
  it('splits documents only at markers in column 0', () => {
    expect(internals.splitChunks('a: 1\n---\nb: |\n  ---\n  x\n--- # c\nc: 3\n')).toEqual([
      'a: 1\n',
      '---\nb: |\n  ---\n  x\n',
      '--- # c\nc: 3\n',
    ]);
  });
  it('finds the folder the inputs share', () => {
    expect(internals.commonFolder(['k8s/a/x.yaml', 'k8s/b/y.yaml'])).toBe('k8s');
    expect(internals.commonFolder(['x.yaml'])).toBe('.');
  });
  it('tells flush sequences from indented ones', () => {
    expect(internals.indentsSequences('a:\n- x\n')).toBe(false);
    expect(internals.indentsSequences('a:\n  - x\n')).toBe(true);
  });
});
