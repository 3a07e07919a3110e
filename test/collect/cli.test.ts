// `kube2eks collect` and `kube2eks verify` as a user runs them (in process, through main()), against the fake server.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tarGz } from '../../src/sources/cluster/tar-writer.js';
import {
  CLUSTER_RESOURCES,
  type FakeApiServer,
  type FakeKubeObject,
  hasCommand,
  makeCerts,
  SECRET_B64,
  SECRET_VALUE,
  sampleCluster,
  startFakeApiServer,
  type TestCerts,
  writeKubeconfig,
} from '../support/fake-apiserver.js';

const TOKEN = 'cli-token';
const haveOpenssl = hasCommand('openssl');
let certs: TestCerts;
const servers: FakeApiServer[] = [];

async function serve(objects: FakeKubeObject[], faults = {}) {
  const server = await startFakeApiServer({
    key: certs.key,
    cert: certs.cert,
    token: TOKEN,
    resources: CLUSTER_RESOURCES,
    objects,
    faults,
  });
  servers.push(server);
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-cli-'));
  return { server, dir, kubeconfig: writeKubeconfig(dir, server.url, certs.ca, { token: TOKEN }) };
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Every file under `dir`, concatenated. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => join(dir, rel))
    .filter((p) => statSync(p).isFile())
    .map((p) => readFileSync(p, 'utf8'))
    .join('\n');
}

beforeAll(() => {
  if (haveOpenssl) certs = makeCerts();
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe.skipIf(!haveOpenssl)('kube2eks collect', () => {
  test('writes a bundle folder, names what it could not read, and no Secret value reaches the disk or the terminal', async () => {
    const { server, dir, kubeconfig } = await serve(sampleCluster(), {
      forbidden: ['roles.rbac.authorization.k8s.io'],
    });
    const out = join(dir, 'bundle');
    const r = await run(['collect', '--kubeconfig', kubeconfig, '--context', 'fake', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const objects = sampleCluster().filter((o) => o.kind !== 'PodMetrics' && o.kind !== 'Role').length;
    expect(r.stdout).toMatch(
      new RegExp(
        `^Collected ${objects} objects of 19 resource types from context fake \\(Kubernetes v1\\.29\\.4\\) in [\\d.]+ s \\([\\d,]+ objects/s\\) into ${out}\\.\\n`,
      ),
    );
    expect(r.stdout).toContain(
      '\nNot readable with these credentials (skipped):\n  roles.rbac.authorization.k8s.io: roles.rbac.authorization.k8s.io is forbidden',
    );
    const marker = JSON.parse(readFileSync(join(out, 'kube2eks-bundle.json'), 'utf8'));
    expect(marker.forbidden.map((f: { resource: string }) => f.resource)).toEqual([
      'roles.rbac.authorization.k8s.io',
    ]);
    expect(marker.context).toBe('fake');
    expect(
      readFileSync(join(out, 'resources/core/v1/secrets.ndjson'), 'utf8').trim().split('\n'),
    ).toHaveLength(2);
    const written = allText(out);
    for (const text of [written, r.stdout, r.stderr]) {
      expect(text).not.toContain(SECRET_VALUE);
      expect(text).not.toContain(SECRET_B64);
    }
    expect(written).not.toContain('managedFields');
    expect(new Set(server.requests.map((q) => q.method))).toEqual(new Set(['GET']));
  });

  test('-n and a .tar.gz output; a second run replaces its own bundle, never someone else’s file', async () => {
    const { dir, kubeconfig } = await serve(sampleCluster());
    const out = join(dir, 'shop.tar.gz');
    const args = ['collect', '--kubeconfig', kubeconfig, '--context', 'fake', '-n', 'shop', '--out', out];
    expect((await run(args)).code).toBe(0);
    expect((await run(args)).code).toBe(0);
    const taken = join(dir, 'taken.tar.gz');
    writeFileSync(taken, 'precious');
    const refused = await run([...args.slice(0, -1), taken]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `kube2eks: ${taken} exists and is not a kube2eks bundle; choose another --out or remove it\n`,
    );
    expect(readFileSync(taken, 'utf8')).toBe('precious');
    const folder = join(dir, 'notes');
    mkdirSync(folder);
    writeFileSync(join(folder, 'todo.txt'), 'x');
    expect((await run([...args.slice(0, -1), folder])).code).toBe(2);
  });

  test('401: exit 2 with a message about the credentials, no stack trace, nothing written', async () => {
    const { dir, kubeconfig } = await serve(sampleCluster(), { unauthorized: true });
    const out = join(dir, 'bundle');
    const r = await run(['collect', '--kubeconfig', kubeconfig, '--context', 'fake', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^kube2eks: the API server https:\/\/127\.0\.0\.1:\d+ rejected the credentials \(401 Unauthorized: Unauthorized\)\./,
    );
    expect(r.stderr).not.toContain('    at ');
    expect(readdirSync(dir)).toEqual(['kubeconfig']);
  });
});

describe.skipIf(!haveOpenssl)('kube2eks verify with bundles and context:NAME', () => {
  /** The cluster after the move: statuses as a running EKS cluster reports them. */
  const eksCluster = (readyReplicas: number): FakeKubeObject[] => [
    ...sampleCluster().map((o) => {
      if (o.kind === 'Deployment') return { ...o, status: { replicas: 2, readyReplicas } };
      if (o.kind === 'HorizontalPodAutoscaler')
        return { ...o, status: { currentMetrics: [{ type: 'Resource' }] } };
      return o;
    }),
    ...['shop', 'pay'].map((ns) => ({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: ns },
      subsets: [{ addresses: [{ ip: '10.0.1.5' }] }],
    })),
  ];

  test('source bundle vs target context: exit 0 when all is there, exit 1 and the gap named when not', async () => {
    const source = await serve(sampleCluster());
    const bundle = join(source.dir, 'source-bundle');
    expect(
      (await run(['collect', '--kubeconfig', source.kubeconfig, '--context', 'fake', '--out', bundle])).code,
    ).toBe(0);

    const healthy = await serve(eksCluster(2));
    process.env.KUBECONFIG = healthy.kubeconfig;
    try {
      const ok = await run(['verify', '--source', bundle, '--target', 'context:fake', '--format', 'json']);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      const result = JSON.parse(ok.stdout);
      expect(result.summary).toEqual({ checked: 7, ok: 7, gaps: 0 });
      expect(result.checks.map((c: { kind: string }) => c.kind)).toEqual([
        'workload',
        'workload',
        'service',
        'service',
        'crd',
        'hpa',
        'hpa',
      ]);
    } finally {
      delete process.env.KUBECONFIG;
    }

    const degraded = await serve(eksCluster(1));
    process.env.KUBECONFIG = degraded.kubeconfig;
    try {
      const bad = await run([
        'verify',
        '--source',
        bundle,
        '--target',
        'context:fake',
        '--format',
        'markdown',
      ]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toContain('| **gap** | workload | `Deployment pay/web` | 1 of 2 replicas ready |');
      expect(bad.stdout).toContain('| **gap** | workload | `Deployment shop/web` | 1 of 2 replicas ready |');
      expect(bad.stdout).toContain('| ok | hpa | `HorizontalPodAutoscaler shop/web` | 1 current metric |');
    } finally {
      delete process.env.KUBECONFIG;
    }
  });

  test('an input that cannot be read is exit 2, not a report full of gaps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube2eks-verify-'));
    const r = await run(['verify', '--source', join(dir, 'missing'), '--target', join(dir, 'missing-too')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kube2eks: --source /);
  });

  test('--plan, --registry and --output with two Velero backups', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube2eks-verify-'));
    const registry = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
    const pvc = (storageClassName: string) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'shop' },
      spec: { storageClassName },
      status: { phase: 'Bound' },
    });
    const web = (image: string) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', image }] } } },
      status: { readyReplicas: 1 },
    });
    const backup = (
      file: string,
      objects: Array<{ kind: string; metadata: { name: string; namespace: string } }>,
    ) =>
      writeFileSync(
        join(dir, file),
        tarGz(
          objects.map((o) => ({
            path: `resources/${o.kind === 'Deployment' ? 'deployments.apps' : 'persistentvolumeclaims'}/namespaces/${o.metadata.namespace}/${o.metadata.name}.json`,
            body: JSON.stringify(o),
          })),
        ),
      );
    backup('gke.tar.gz', [pvc('standard-rwo'), web('gcr.io/shop/web:1')]);
    backup('eks.tar.gz', [pvc('standard-rwo'), web(`${registry}/shop/web:1`)]);
    writeFileSync(
      join(dir, 'plan.json'),
      JSON.stringify({ schemaVersion: 1, storageClasses: [{ from: 'standard-rwo', to: 'gp3' }] }),
    );
    const out = join(dir, 'verify.json');
    const r = await run([
      'verify',
      '--source',
      join(dir, 'gke.tar.gz'),
      '--target',
      join(dir, 'eks.tar.gz'),
      '--plan',
      join(dir, 'plan.json'),
      '--registry',
      registry,
      '--format',
      'json',
      '--output',
      out,
    ]);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: '' });
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(
      result.checks.map(
        (c: { kind: string; status: string; detail: string }) => `${c.status} ${c.kind}: ${c.detail}`,
      ),
    ).toEqual([
      'ok workload: 1 of 1 replicas ready',
      'gap pvc: uses StorageClass standard-rwo; the plan expects gp3',
      `ok image: 1 image from ${registry}`,
    ]);
    const bad = await run([
      'verify',
      '--source',
      join(dir, 'gke.tar.gz'),
      '--target',
      join(dir, 'eks.tar.gz'),
      '--plan',
      join(dir, 'nope.json'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`kube2eks: --plan ${join(dir, 'nope.json')}: cannot read it (ENOENT).\n`);
  });
});
