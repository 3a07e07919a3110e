// The live collector against an in-process HTTPS API server, through a real kubeconfig and
// @kubernetes/client-node: discovery, paging, faults, credentials, and what must never happen.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Collection, collectCluster } from '../../src/sources/cluster/collector.js';
import { resourceName } from '../../src/sources/cluster/discovery.js';
import { ClusterAccessError, kubeConfigTransport } from '../../src/sources/cluster/transport.js';
import { readContext } from '../../src/sources/live.js';
import {
  CLUSTER_RESOURCES,
  type FakeApiServer,
  type FakeApiServerOptions,
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

const TOKEN = 'test-token-0123';
const haveOpenssl = hasCommand('openssl');
let certs: TestCerts;
const servers: FakeApiServer[] = [];

beforeAll(() => {
  if (haveOpenssl) certs = makeCerts();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(
  overrides: Partial<FakeApiServerOptions> & { noToken?: boolean } = {},
  objects: FakeKubeObject[] = sampleCluster(),
) {
  const { noToken, ...rest } = overrides;
  const server = await startFakeApiServer({
    key: certs.key,
    cert: certs.cert,
    ...(noToken ? {} : { token: TOKEN }),
    resources: CLUSTER_RESOURCES,
    objects,
    ...rest,
  });
  servers.push(server);
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-kc-'));
  return { server, kubeconfig: writeKubeconfig(dir, server.url, certs.ca, { token: TOKEN }), dir };
}

/** `Kind ns/name` of every collected object. */
function names(collection: Collection): string[] {
  return collection.resources.flatMap((r) =>
    r.objects.map(
      (o) => `${o.kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`,
    ),
  );
}

/** The objects the server holds that a collector should return (PodMetrics go to usage instead). */
function expectedNames(objects: FakeKubeObject[], namespaces?: string[]): string[] {
  return objects
    .filter((o) => o.kind !== 'PodMetrics')
    .filter((o) => !namespaces || !o.metadata.namespace || namespaces.includes(o.metadata.namespace))
    .map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);
}

describe.skipIf(!haveOpenssl)('collectCluster over HTTPS with a kubeconfig', () => {
  test('reads every listable resource once, at its preferred version, and survives 403, 410, 429 and 500', async () => {
    const objects = sampleCluster(700); // 705 ConfigMaps per namespace: several pages of 500
    const { server, kubeconfig } = await serve(
      {
        faults: {
          forbidden: ['roles.rbac.authorization.k8s.io'],
          expireContinue: ['configmaps'],
          tooManyRequests: [{ resource: 'deployments.apps', retryAfterSeconds: 2 }],
          serverErrorOnce: ['services'],
        },
      },
      objects,
    );
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const slept: number[] = [];
    const collection = await collectCluster(transport, {
      sleep: async (ms) => void slept.push(ms),
    });
    transport.close?.();

    // Only GET, ever.
    expect(new Set(server.requests.map((r) => r.method))).toEqual(new Set(['GET']));

    // Every served object arrived exactly once (Roles were forbidden).
    const got = names(collection);
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual(expectedNames(objects.filter((o) => o.kind !== 'Role')).sort());

    // Faults were survived: 429 honoured Retry-After (2 s), the 500 retried, the 410 list restarted.
    expect(slept).toContain(2000);
    expect(collection.stats.retries).toBe(2);
    expect(collection.stats.restarts).toBe(1);
    const cmRequests = server.requests.filter((r) => r.path === '/api/v1/configmaps');
    expect(cmRequests.filter((r) => !r.query.continue)).toHaveLength(2);
    expect(cmRequests.every((r) => r.query.limit === '500')).toBe(true);

    // The forbidden resource is named with the server's reason.
    expect(collection.forbidden).toEqual([
      {
        resource: 'roles.rbac.authorization.k8s.io',
        reason:
          'roles.rbac.authorization.k8s.io is forbidden: User "system:serviceaccount:ci:reader" cannot list resource "roles" in API group "rbac.authorization.k8s.io" at the cluster scope',
      },
    ]);
    expect(collection.failed).toEqual([]);

    // Not listed: non-preferred versions, the duplicate events.k8s.io Events, create-only types, subresources.
    const listed = server.requests.filter((r) => r.query.limit).map((r) => r.path);
    expect(listed).not.toContain('/apis/autoscaling/v1/horizontalpodautoscalers');
    expect(listed).not.toContain('/apis/events.k8s.io/v1/events');
    expect(
      listed.some((p) => p.includes('bindings') || p.includes('tokenreviews') || p.includes('/log')),
    ).toBe(false);
    expect(collection.resources.map((r) => resourceName(r.type))).toContain(
      'horizontalpodautoscalers.autoscaling',
    );
    expect(
      collection.resources.find((r) => r.type.resource === 'horizontalpodautoscalers')?.type.version,
    ).toBe('v2');
  });

  test('sets apiVersion and kind on bare built-in items, keeps custom resources as sent, drops managedFields', async () => {
    const { kubeconfig } = await serve();
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const collection = await collectCluster(transport);
    transport.close?.();
    const byResource = (r: string) =>
      collection.resources.find((x) => resourceName(x.type) === r)?.objects ?? [];
    const deploy = byResource('deployments.apps')[0];
    expect(deploy?.apiVersion).toBe('apps/v1');
    expect(deploy?.kind).toBe('Deployment');
    expect(byResource('horizontalpodautoscalers.autoscaling')[0]?.apiVersion).toBe('autoscaling/v2');
    expect(byResource('configmaps')[0]?.kind).toBe('ConfigMap');
    expect(byResource('widgets.example.com')[0]).toMatchObject({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
    });
    for (const r of collection.resources)
      for (const o of r.objects) expect(o.metadata).not.toHaveProperty('managedFields');
  });

  test('replaces Secret values at the source: keys and type kept, last-applied dropped, nothing of the value anywhere', async () => {
    const { kubeconfig } = await serve();
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const collection = await collectCluster(transport);
    transport.close?.();
    const secret = collection.resources.find((r) => r.type.resource === 'secrets')?.objects[0];
    expect(secret).toMatchObject({ kind: 'Secret', type: 'Opaque', data: { password: '', user: '' } });
    expect(secret?.metadata?.annotations).toEqual({ team: 'payments' });
    const everything = JSON.stringify(collection);
    expect(everything).not.toContain(SECRET_VALUE);
    expect(everything).not.toContain(SECRET_B64);
  });

  test('cluster facts: server version, nodes with instance type, taints and shape, usage from metrics-server', async () => {
    const { kubeconfig } = await serve({ serverVersion: 'v1.28.9-gke.1000' });
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const collection = await collectCluster(transport);
    transport.close?.();
    expect(collection.serverVersion).toBe('v1.28.9-gke.1000');
    expect(collection.nodes.map((n) => [n.name, n.instanceType, n.architecture, n.kubeletVersion])).toEqual([
      ['node-a', 'n2-standard-4', 'amd64', 'v1.29.4-gke.100'],
      ['node-b', 'e2-medium', 'amd64', 'v1.29.4-gke.100'],
    ]);
    expect(collection.nodes[0]?.taints).toEqual([{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }]);
    expect(collection.nodes[0]?.allocatable).toEqual({ cpu: '3920m', memory: '13Gi', pods: '110' });
    expect(collection.usage?.['shop/api']).toEqual({ c: { cpu: '12m', memory: '34Mi' } });
    expect(Object.keys(collection.usage ?? {})).toHaveLength(6);
    // PodMetrics are usage, not inventory objects.
    expect(collection.resources.some((r) => r.type.group === 'metrics.k8s.io')).toBe(false);
  });

  test('no metrics-server: the collection goes on, without usage, and the gap is named', async () => {
    const { kubeconfig } = await serve(
      { resources: CLUSTER_RESOURCES.filter((r) => r.group !== 'metrics.k8s.io') },
      sampleCluster().filter((o) => o.kind !== 'PodMetrics'),
    );
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const collection = await collectCluster(transport);
    transport.close?.();
    expect(collection.usage).toBeUndefined();
    expect(collection.failed).toEqual([
      {
        resource: 'pods.metrics.k8s.io',
        reason:
          'metrics-server is not installed (the API server serves no metrics.k8s.io pods): no usage was collected',
      },
    ]);
    expect(names(collection).sort()).toEqual(expectedNames(sampleCluster()).sort());
  });

  test('PodMetrics forbidden (403): no usage, the gap is named with the reason, the rest is collected', async () => {
    const { kubeconfig } = await serve({ faults: { forbidden: ['pods.metrics.k8s.io'] } });
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const collection = await collectCluster(transport);
    transport.close?.();
    expect(collection.usage).toBeUndefined();
    expect(collection.forbidden.map((f) => f.resource)).toEqual(['pods.metrics.k8s.io']);
    expect(collection.failed).toEqual([]);
    expect(names(collection).sort()).toEqual(expectedNames(sampleCluster()).sort());
  });

  test('legacy discovery (no aggregated documents) finds the same resources', async () => {
    const { server, kubeconfig } = await serve({ aggregatedDiscovery: false });
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const collection = await collectCluster(transport);
    transport.close?.();
    expect(names(collection).sort()).toEqual(expectedNames(sampleCluster()).sort());
    expect(server.requests.map((r) => r.path)).toContain('/apis/apps/v1');
    // Only each group's preferred version document is read.
    expect(server.requests.map((r) => r.path)).not.toContain('/apis/autoscaling/v1');
  });

  test('-n limits namespaced lists to those namespaces and still reads cluster-scoped resources', async () => {
    const { server, kubeconfig } = await serve();
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const collection = await collectCluster(transport, { namespaces: ['shop'] });
    transport.close?.();
    expect(names(collection).sort()).toEqual(expectedNames(sampleCluster(), ['shop']).sort());
    expect(server.requests.some((r) => r.path === '/api/v1/namespaces/shop/configmaps')).toBe(true);
    expect(server.requests.some((r) => r.path === '/api/v1/configmaps')).toBe(false);
    expect(Object.keys(collection.usage ?? {}).sort()).toEqual(['shop/api', 'shop/web-1', 'shop/web-2']);
  });

  test('401: a clear error about the credentials, and the run stops', async () => {
    const { server, kubeconfig } = await serve({ faults: { unauthorized: true } });
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const error = await collectCluster(transport).catch((e: unknown) => e);
    transport.close?.();
    expect(error).toBeInstanceOf(ClusterAccessError);
    expect((error as Error).message).toMatch(
      /rejected the credentials \(401 Unauthorized: Unauthorized\)\. Log in again/,
    );
    expect(server.requests).toHaveLength(1);
  });

  test('a context missing from the kubeconfig is named with the ones that exist', async () => {
    const { kubeconfig } = await serve();
    await expect(kubeConfigTransport({ kubeconfig, context: 'prod' })).rejects.toThrow(
      'context "prod" is not in the kubeconfig (contexts: fake, other)',
    );
  });

  test('client certificates from the kubeconfig authenticate (no token)', async () => {
    const { server, dir } = await serve({ clientCa: certs.ca, noToken: true });
    const kubeconfig = writeKubeconfig(dir, server.url, certs.ca, {
      clientCert: certs.clientCert,
      clientKey: certs.clientKey,
    });
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const collection = await collectCluster(transport);
    transport.close?.();
    expect(collection.stats.objects).toBe(expectedNames(sampleCluster()).length);
  });

  test('exec credential plugins run as kubectl runs them', async () => {
    const { server, dir } = await serve();
    const credential = JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { token: TOKEN },
    });
    const kubeconfig = writeKubeconfig(dir, server.url, certs.ca, {
      exec: {
        command: process.execPath,
        args: ['-e', `process.stdout.write(${JSON.stringify(credential)})`],
      },
    });
    const transport = await kubeConfigTransport({ kubeconfig, context: 'fake' });
    const collection = await collectCluster(transport);
    transport.close?.();
    expect(collection.stats.objects).toBe(expectedNames(sampleCluster()).length);
  });

  test('context:NAME input: collected in memory, located by API path, Secrets redacted, last-applied parsed', async () => {
    const { server, kubeconfig } = await serve();
    const result = await readContext('fake', { kubeconfig });
    expect(result.errors).toEqual([]);
    expect(result.objects).toHaveLength(expectedNames(sampleCluster()).length);
    const deploy = result.objects.find((o) => o.ref.kind === 'Deployment' && o.ref.namespace === 'shop');
    expect(deploy?.location).toEqual({
      cluster: 'fake',
      resourcePath: '/apis/apps/v1/namespaces/shop/deployments/web',
    });
    expect(deploy?.origin).toBe('cluster');
    expect(deploy?.lastApplied?.apiVersion).toBe('extensions/v1beta1');
    const node = result.objects.find((o) => o.ref.kind === 'Node');
    expect(node?.location.resourcePath).toBe('/api/v1/nodes/node-a');
    const secret = result.objects.find((o) => o.ref.kind === 'Secret');
    expect(secret?.lastApplied).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain(SECRET_VALUE);
    expect(result.cluster).toMatchObject({ context: 'fake', serverVersion: 'v1.29.4', forbidden: [] });
    expect(result.cluster?.nodes).toHaveLength(2);
    expect(new Set(server.requests.map((r) => r.method))).toEqual(new Set(['GET']));
  });

  test('context:NAME that cannot be read at all rejects with the cause (loadInventory makes it exit 2)', async () => {
    const { kubeconfig } = await serve({ faults: { unauthorized: true } });
    await expect(readContext('fake', { kubeconfig })).rejects.toThrow(
      /rejected the credentials \(401 Unauthorized/,
    );
    await expect(readContext('staging', { kubeconfig })).rejects.toThrow(
      'context "staging" is not in the kubeconfig',
    );
  });
});
