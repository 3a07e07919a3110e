// The AWS SDK for ECR loads for `verify --preflight --check-images` alone. The SDK packages are CommonJS,
// so once anything imports them Node keeps them in its module cache (require.cache): this test runs the
// other commands' code paths in one process, checks the cache holds no @aws-sdk module, then runs
// --check-images and sees the ECR client arrive (which proves the check can see it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/cli/commands/verify.js';
import { startFakeEcr } from '../support/fake-ecr.js';
import { runCli } from '../support/run-cli.js';

const root = join(import.meta.dirname, '..', '..');
const example = join(root, 'examples', 'gke-shop');
const loaded = (pattern: RegExp) =>
  Object.keys(createRequire(import.meta.url).cache).filter((file) =>
    pattern.test(file.replaceAll('\\', '/')),
  );
const SDK = /\/node_modules\/@aws-sdk\//;
const ECR = /\/node_modules\/@aws-sdk\/client-ecr\//;

const dir = mkdtempSync(join(tmpdir(), 'k2e-lazy-sdk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the AWS SDK loads only when asked', () => {
  it('no command but --check-images (and catalog refresh) loads an @aws-sdk module', async () => {
    expect(loaded(SDK)).toEqual([]);
    const runs: [string[], number][] = [
      [['--help'], 0],
      [['verify', '--help'], 0],
      [['assess', example, '--format', 'json', '--output', join(dir, 'findings.json')], 1],
      [['plan', example, '--format', 'json', '--output', join(dir, 'plan.json')], 0],
      [
        [
          'generate',
          example,
          '--out',
          join(dir, 'kit'),
          '--registry',
          '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
        ],
        0,
      ],
      [
        [
          'verify',
          '--preflight',
          '--target',
          example,
          '--plan',
          join(dir, 'kit', 'plan.json'),
          '--format',
          'json',
          '--output',
          join(dir, 'pre.json'),
        ],
        1,
      ],
      [['maxpods', 'm5.large'], 0],
      [['versions'], 0],
      [['rules', '--format', 'json'], 0],
      [['catalog', 'info'], 0],
    ];
    for (const [argv, code] of runs) {
      const r = await runCli(argv);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(code);
      expect(loaded(SDK), argv.join(' ')).toEqual([]);
    }

    // --check-images does load the ECR client (and only then).
    mkdirSync(join(dir, 'ecr-kit', 'manifests'), { recursive: true });
    writeFileSync(join(dir, 'ecr-kit', 'plan.json'), '{"addons": [], "storageClasses": []}');
    writeFileSync(
      join(dir, 'ecr-kit', 'manifests', 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: c, image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker.io/library/redis:7}\n',
    );
    const fake = await startFakeEcr('123456789012', {
      'docker.io/library/redis': [{ digest: `sha256:${'a'.repeat(64)}`, tags: ['7'] }],
    });
    try {
      const code = await runVerify(
        {
          preflight: true,
          checkImages: true,
          target: example,
          plan: join(dir, 'ecr-kit', 'plan.json'),
          registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
          format: 'json',
          output: join(dir, 'images.json'),
          color: false,
        },
        {
          ecr: { endpoint: fake.endpoint, credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' } },
        },
      );
      expect(code).toBe(0);
    } finally {
      await fake.close();
    }
    expect(loaded(ECR).length).toBeGreaterThan(0);
  });
});
