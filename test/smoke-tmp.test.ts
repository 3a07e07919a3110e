import { test } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLUSTER_RESOURCES, makeCerts, sampleCluster, startFakeApiServer, writeKubeconfig } from './support/fake-apiserver.js';
const ex = promisify(execFile);
test('smoke', async () => {
  const certs = makeCerts();
  const server = await startFakeApiServer({ key: certs.key, cert: certs.cert, token: 't0k', resources: CLUSTER_RESOURCES, objects: sampleCluster() });
  const kc = writeKubeconfig(certs.dir, server.url, certs.ca, { token: 't0k' });
  const run = async (...args: string[]) => { try { const r = await ex('kubectl', ['--kubeconfig', kc, '--context', 'fake', '--cache-dir', certs.dir + '/cache', ...args], { encoding: 'utf8' }); return r.stdout + r.stderr; } catch (e: any) { return 'ERR ' + e.stderr + e.stdout; } };
  console.log(await run('api-resources', '-v=8'));
  console.log(server.requests.map(r => r.method + ' ' + r.path + ' ' + JSON.stringify(r.query) + ' ' + r.accept).join('\n'));
  await server.close();
});
