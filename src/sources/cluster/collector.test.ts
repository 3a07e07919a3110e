// The collector with an injected in-memory transport: retry and restart decisions, exactly.
import { describe, expect, test } from 'vitest';
import { collectCluster, pool, retryAfterMs } from './collector.js';
import type { HttpResponse, Transport } from './transport.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers,
  body: JSON.stringify(body),
});

const CORE = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'configmaps', namespaced: true, kind: 'ConfigMap', verbs: ['get', 'list'] },
    { name: 'configmaps/status', namespaced: true, kind: 'ConfigMap', verbs: ['get'] },
  ],
};

/** A transport answering from a script: each path maps to a list of answers used in turn (the last one repeats). */
function scripted(script: Record<string, Array<HttpResponse | Error>>): Transport & { log: string[] } {
  const log: string[] = [];
  const used = new Map<string, number>();
  return {
    server: 'https://fake.invalid',
    log,
    async get(path) {
      log.push(path);
      const answers = script[path] ?? [json(404, { kind: 'Status', message: 'not found' })];
      const n = used.get(path) ?? 0;
      used.set(path, n + 1);
      const answer = answers[Math.min(n, answers.length - 1)] as HttpResponse | Error;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const base = {
  '/version': [json(200, { gitVersion: 'v1.30.1' })],
  '/api': [json(200, { kind: 'APIVersions', versions: ['v1'] })],
  '/apis': [json(200, { kind: 'APIGroupList', groups: [] })],
  '/api/v1': [json(200, CORE)],
};
const page = (items: unknown[], cont?: string) =>
  json(200, {
    kind: 'ConfigMapList',
    apiVersion: 'v1',
    metadata: { resourceVersion: '9', ...(cont ? { continue: cont } : {}) },
    items,
  });

describe('collectCluster with an injected transport', () => {
  test('network errors and 503 are retried with growing backoff; Retry-After as an HTTP date is honoured', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const transport = scripted({
      ...base,
      '/api/v1/configmaps?limit=500': [
        new Error('socket hang up'),
        json(503, { message: 'unavailable' }),
        json(429, {}, { 'retry-after': new Date(now.getTime() + 3000).toUTCString() }),
        page([{ metadata: { name: 'a', namespace: 'x' } }]),
      ],
    });
    const slept: number[] = [];
    const c = await collectCluster(transport, { sleep: async (ms) => void slept.push(ms), now: () => now });
    expect(c.resources[0]?.objects).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' } },
    ]);
    expect(slept).toHaveLength(3);
    expect(slept[0]).toBeGreaterThanOrEqual(150);
    expect(slept[0]).toBeLessThanOrEqual(250);
    expect(slept[1]).toBeGreaterThanOrEqual(300);
    expect(slept[1]).toBeLessThanOrEqual(500);
    expect(slept[2]).toBe(3000);
    expect(c.stats.retries).toBe(3);
  });

  test('an API server that never answers is a clear error at once, not minutes of retries', async () => {
    const transport = scripted({ '/version': [new Error('connect ECONNREFUSED 10.0.0.1:443')] });
    await expect(collectCluster(transport, { sleep: async () => {} })).rejects.toThrow(
      'cannot reach the API server https://fake.invalid: connect ECONNREFUSED 10.0.0.1:443',
    );
    expect(transport.log).toEqual(['/version']);
  });

  test('a list that keeps failing is skipped and named after the attempts run out', async () => {
    const transport = scripted({
      ...base,
      '/api/v1/configmaps?limit=500': [json(500, { message: 'etcd is down' })],
    });
    const c = await collectCluster(transport, { sleep: async () => {}, maxAttempts: 3 });
    expect(c.resources).toEqual([]);
    expect(c.failed).toEqual([
      { resource: 'configmaps', reason: 'etcd is down' },
      {
        resource: 'pods.metrics.k8s.io',
        reason:
          'metrics-server is not installed (the API server serves no metrics.k8s.io pods): no usage was collected',
      },
    ]);
    expect(transport.log.filter((p) => p.startsWith('/api/v1/configmaps'))).toHaveLength(3);
  });

  test('410 on a continue restarts the list from the first page, and the partial page is not kept', async () => {
    const transport = scripted({
      ...base,
      '/api/v1/configmaps?limit=500': [
        page([{ metadata: { name: 'a' } }], 'tok1'),
        page([{ metadata: { name: 'a' } }], 'tok2'),
      ],
      '/api/v1/configmaps?limit=500&continue=tok1': [json(410, { reason: 'Expired', message: 'too old' })],
      '/api/v1/configmaps?limit=500&continue=tok2': [page([{ metadata: { name: 'b' } }])],
    });
    const c = await collectCluster(transport, { sleep: async () => {} });
    expect(c.resources[0]?.objects.map((o) => o.metadata?.name)).toEqual(['a', 'b']);
    expect(c.stats).toMatchObject({ restarts: 1, objects: 2 });
  });

  test('a group whose discovery document fails is named; the others are still read', async () => {
    const transport = scripted({
      ...base,
      '/apis': [
        json(200, {
          kind: 'APIGroupList',
          groups: [
            {
              name: 'metrics.k8s.io',
              preferredVersion: { version: 'v1beta1' },
              versions: [{ version: 'v1beta1' }],
            },
          ],
        }),
      ],
      '/apis/metrics.k8s.io/v1beta1': [json(503, { message: 'service unavailable' })],
      '/api/v1/configmaps?limit=500': [page([])],
    });
    const c = await collectCluster(transport, { sleep: async () => {}, maxAttempts: 2 });
    expect(c.failed).toEqual([{ resource: 'metrics.k8s.io/v1beta1', reason: 'service unavailable' }]);
    expect(c.resources.map((r) => r.type.resource)).toEqual(['configmaps']);
    expect(c.usage).toBeUndefined();
  });

  test('discovery that cannot be read at all is a clear error', async () => {
    const transport = scripted({
      ...base,
      '/api': [json(403, { message: 'forbidden: User "x" cannot get path "/api"' })],
    });
    await expect(collectCluster(transport, { sleep: async () => {} })).rejects.toThrow(
      'API discovery at https://fake.invalid failed: forbidden: User "x" cannot get path "/api"',
    );
  });

  test('progress reports lists done, the total and objects', async () => {
    const transport = scripted({
      ...base,
      '/api/v1/configmaps?limit=500': [page([{ metadata: { name: 'a' } }])],
    });
    const seen: string[] = [];
    await collectCluster(transport, { onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.objects}`) });
    expect(seen).toEqual(['0/1 1', '1/1 1']);
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  test.each([
    ['5', 5000],
    ['0', 0],
    ['Thu, 01 Jan 2026 00:00:07 GMT', 7000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s -> %s', (header, ms) => expect(retryAfterMs(header, now)).toBe(ms));
});

test('pool runs at most `limit` at a time and every item once', async () => {
  let running = 0;
  let peak = 0;
  const seen: number[] = [];
  await pool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, 5));
    seen.push(n);
    running--;
  });
  expect(peak).toBe(3);
  expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
});
