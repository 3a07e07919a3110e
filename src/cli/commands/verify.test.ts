import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeEcr, startFakeEcr } from '../../../test/support/fake-ecr.js';
import { UserError } from '../errors.js';
import { runVerify, type VerifyCommandOptions } from './verify.js';

const ACCOUNT = '123456789012';
const HOST = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com`;
const D = (c: string) => `sha256:${c.repeat(64)}`;
const credentials = { accessKeyId: 'AKIAFAKEFAKEFAKE0000', secretAccessKey: 'fake/secret/key' };

let dir: string;
let fake: FakeEcr | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'k2e-check-images-'));
  // A kit: plan.json and manifests/ with the images rewritten to the registry (as generate --registry writes them).
  mkdirSync(join(dir, 'kit', 'manifests'), { recursive: true });
  writeFileSync(join(dir, 'kit', 'plan.json'), JSON.stringify({ addons: [], storageClasses: [] }));
  writeFileSync(
    join(dir, 'kit', 'manifests', 'apps.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: nginx
          image: ${HOST}/docker.io/library/nginx:1.27@${D('a')}
        - name: sidecar
          image: ${HOST}/ghcr.io/acme/sidecar:2
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: report
              image: ${HOST}/quay.io/acme/report:1.0
`,
  );
  writeFileSync(join(dir, 'target.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system}\n');
});

afterEach(async () => {
  await fake?.close();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The options of a run; a key set to undefined is left out. */
function options(extra: { [K in keyof VerifyCommandOptions]?: VerifyCommandOptions[K] | undefined } = {}) {
  const all: Record<string, unknown> = {
    preflight: true,
    checkImages: true,
    target: join(dir, 'target.yaml'),
    plan: join(dir, 'kit', 'plan.json'),
    registry: HOST,
    format: 'json',
    output: join(dir, 'out.json'),
    color: false,
    ...extra,
  };
  for (const [key, value] of Object.entries(all)) if (value === undefined) delete all[key];
  return all as unknown as VerifyCommandOptions;
}

describe('verify --preflight --check-images', () => {
  it("checks every image of the kit's manifests in ECR and exits 1 on a gap", async () => {
    fake = await startFakeEcr(ACCOUNT, {
      'docker.io/library/nginx': [{ digest: D('c'), tags: ['1.27'] }],
      'ghcr.io/acme/sidecar': [{ digest: D('b'), tags: ['2'] }],
    });
    const code = await runVerify(options(), {
      ecr: { endpoint: fake.endpoint, credentials, maxAttempts: 1 },
    });
    expect(code).toBe(1);
    const result = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(result.summary).toEqual({ checked: 3, ok: 1, gaps: 2 });
    expect(result.checks.map((c: { status: string; detail: string }) => [c.status, c.detail])).toEqual([
      [
        'gap',
        'docker.io/library/nginx:1.27 is sha256:cccccccccccc… in ECR, but the manifests pin sha256:aaaaaaaaaaaa…: copy it again keeping digests (images/copy.sh) (used by shop/Deployment/web).',
      ],
      ['ok', 'ghcr.io/acme/sidecar:2 is in ECR (sha256:bbbbbbbbbbbb…).'],
      [
        'gap',
        `repository quay.io/acme/report does not exist in ${HOST}: create it and copy the image (images/copy.sh) (used by shop/CronJob/report).`,
      ],
    ]);
    // The registry's account and Region come from --registry.
    expect(fake.calls.every((c) => c.body.registryId === ACCOUNT)).toBe(true);
    expect(String(fake.calls[0]?.headers.authorization)).toContain('/eu-west-1/ecr/aws4_request');
  });

  it('exits 0 when every image is there, with the digest the manifests pin', async () => {
    fake = await startFakeEcr(ACCOUNT, {
      'docker.io/library/nginx': [{ digest: D('a'), tags: ['1.27'] }],
      'ghcr.io/acme/sidecar': [{ digest: D('b'), tags: ['2'] }],
      'quay.io/acme/report': [{ digest: D('d'), tags: ['1.0'] }],
    });
    const code = await runVerify(options({ region: 'eu-west-1' }), {
      ecr: { endpoint: fake.endpoint, credentials, maxAttempts: 1 },
    });
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).summary).toEqual({
      checked: 3,
      ok: 3,
      gaps: 0,
    });
  });

  it('reads the images from --images-from (what a kustomize overlay builds) instead of the kit', async () => {
    fake = await startFakeEcr(ACCOUNT, { 'ghcr.io/acme/built': [{ digest: D('e'), tags: ['3'] }] });
    writeFileSync(
      join(dir, 'built.yaml'),
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n    - {name: c, image: ${HOST}/ghcr.io/acme/built:3}\n`,
    );
    const code = await runVerify(options({ plan: undefined, imagesFrom: join(dir, 'built.yaml') }), {
      ecr: { endpoint: fake.endpoint, credentials, maxAttempts: 1 },
    });
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(result.checks.map((c: { detail: string }) => c.detail)).toEqual([
      'ghcr.io/acme/built:3 is in ECR (sha256:eeeeeeeeeeee…).',
    ]);
  });

  it('an ECR error is a gap line, not a stack trace', async () => {
    fake = await startFakeEcr(ACCOUNT, {});
    fake.failWith = {
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
    const code = await runVerify(options({ format: 'table' }), {
      ecr: { endpoint: fake.endpoint, credentials, maxAttempts: 1 },
    });
    expect(code).toBe(1);
    const text = readFileSync(join(dir, 'out.json'), 'utf8');
    expect(text).toContain(
      `3 images in ${HOST} could not be checked: AWS rejected the credentials (UnrecognizedClientException: The security token included in the request is invalid.).`,
    );
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('refuses, before reading any cluster, what it cannot check', async () => {
    const refused = (extra: Parameters<typeof options>[0]) =>
      runVerify(options(extra), {
        load: () => {
          throw new Error('no input is read');
        },
      }).then(
        () => 'ran',
        (e: unknown) => (e instanceof UserError ? e.message : `not a UserError: ${e}`),
      );
    expect(await refused({ registry: undefined })).toMatch(/^--check-images needs --registry/);
    expect(await refused({ registry: 'ghcr.io/acme' })).toBe(
      '--registry ghcr.io/acme is not an Amazon ECR registry (ACCOUNT.dkr.ecr.REGION.amazonaws.com): --check-images checks ECR only.',
    );
    expect(await refused({ region: 'Ireland' })).toBe(
      "--region 'Ireland' is not an AWS Region name; use one like us-east-1.",
    );
    expect(await refused({ plan: undefined })).toMatch(
      /^--check-images reads the images from the kit: pass --plan/,
    );
    expect(await refused({ preflight: false })).toMatch(/^--check-images works with --preflight/);
    writeFileSync(join(dir, 'kit', 'manifests', 'kustomization.yaml'), 'resources: [../../apps.yaml]\n');
    expect(await refused({})).toBe(
      `${join(dir, 'kit', 'manifests')} is a kustomize overlay (generate --as kustomize): build it, then check what it builds: kubectl kustomize ${join(dir, 'kit', 'manifests')} > kit-built.yaml, and add --images-from kit-built.yaml.`,
    );
  });
});
