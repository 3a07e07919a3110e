// The fake API server speaks the real protocol: the real kubectl discovers and pages through it.
// Skipped where kubectl (or openssl, for the certificates) is absent.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CLUSTER_RESOURCES,
  type FakeApiServer,
  hasCommand,
  makeCerts,
  sampleCluster,
  startFakeApiServer,
  writeKubeconfig,
} from '../support/fake-apiserver.js';

const run = promisify(execFile);
const TOKEN = 'kubectl-token';
const ready = hasCommand('kubectl') && hasCommand('openssl');

describe.skipIf(!ready).each([true, false])(
  'kubectl against the fake server (aggregated discovery: %s)',
  (aggregated) => {
    let server: FakeApiServer;
    let kubectl: (...args: string[]) => Promise<string>;

    beforeAll(async () => {
      const certs = makeCerts();
      server = await startFakeApiServer({
        key: certs.key,
        cert: certs.cert,
        token: TOKEN,
        resources: CLUSTER_RESOURCES,
        objects: sampleCluster(),
        aggregatedDiscovery: aggregated,
      });
      const dir = mkdtempSync(join(tmpdir(), 'kube2eks-kubectl-'));
      const kubeconfig = writeKubeconfig(dir, server.url, certs.ca, { token: TOKEN });
      kubectl = async (...args) =>
        (
          await run(
            'kubectl',
            ['--kubeconfig', kubeconfig, '--context', 'fake', '--cache-dir', join(dir, 'cache'), ...args],
            {
              encoding: 'utf8',
            },
          )
        ).stdout;
    });
    afterAll(() => server.close());

    test('kubectl api-resources lists every type with its group, version and scope', async () => {
      const lines = (await kubectl('api-resources', '--no-headers')).trim().split('\n');
      const rows = lines.map((l) => l.trim().split(/\s+/));
      expect(rows).toContainEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
      expect(rows).toContainEqual([
        'horizontalpodautoscalers',
        'hpa',
        'autoscaling/v2',
        'true',
        'HorizontalPodAutoscaler',
      ]);
      expect(rows).toContainEqual(['nodes', 'no', 'v1', 'false', 'Node']);
      expect(rows).toContainEqual(['widgets', 'example.com/v1', 'true', 'Widget']);
      expect(rows).toHaveLength(CLUSTER_RESOURCES.length);
    });

    test('kubectl get deploy -A --chunk-size=2 pages with limit and continue', async () => {
      server.requests.length = 0;
      const out = await kubectl('get', 'deploy', '-A', '--chunk-size=2');
      expect(
        out
          .trim()
          .split('\n')
          .map((l) => l.split(/\s+/).slice(0, 2)),
      ).toEqual([
        ['NAMESPACE', 'NAME'],
        ['pay', 'web'],
        ['shop', 'web'],
      ]);
      server.requests.length = 0;
      const cms = await kubectl('get', 'configmaps', '-A', '--chunk-size=3', '-o', 'name');
      expect(cms.trim().split('\n')).toHaveLength(10);
      const pages = server.requests.filter((r) => r.path === '/api/v1/configmaps');
      expect(pages.map((r) => r.query.limit)).toEqual(['3', '3', '3', '3']);
      expect(pages.filter((r) => r.query.continue)).toHaveLength(3);
    });

    test('kubectl -o json gets the bare list items back with apiVersion and kind', async () => {
      const list = JSON.parse(await kubectl('get', 'hpa', '-n', 'shop', '-o', 'json'));
      expect(
        list.items.map((i: { apiVersion: string; kind: string }) => `${i.apiVersion} ${i.kind}`),
      ).toEqual(['autoscaling/v2 HorizontalPodAutoscaler']);
    });

    test('kubectl is refused without the token', async () => {
      const error = await run(
        'kubectl',
        ['--server', server.url, '--insecure-skip-tls-verify', '--token', 'wrong', 'get', 'ns'],
        {
          encoding: 'utf8',
        },
      ).catch((e: { stderr: string }) => e);
      expect((error as { stderr: string }).stderr).toMatch(/Unauthorized|must be logged in/);
    });
  },
);
