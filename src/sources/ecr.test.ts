import { afterEach, describe, expect, it } from 'vitest';
import { type FakeEcr, startFakeEcr } from '../../test/support/fake-ecr.js';
import { type EcrSettings, lookupEcrImages } from './ecr.js';

const ACCOUNT = '123456789012';
const D = (c: string) => `sha256:${c.repeat(64)}`;
const credentials = { accessKeyId: 'AKIAFAKEFAKEFAKE0000', secretAccessKey: 'fake/secret/key' };

let fake: FakeEcr | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const settings = (f: FakeEcr, extra: Partial<EcrSettings> = {}): EcrSettings => ({
  region: 'eu-west-1',
  registryId: ACCOUNT,
  endpoint: f.endpoint,
  credentials,
  maxAttempts: 1,
  ...extra,
});

describe('lookupEcrImages (ECR DescribeImages over the AWS JSON 1.1 protocol)', () => {
  it('finds images by tag and by digest, names the missing ones and the missing repository', async () => {
    fake = await startFakeEcr(ACCOUNT, {
      'docker.io/library/redis': [{ digest: D('a'), tags: ['7.2', 'latest'] }],
      'quay.io/x/app': [{ digest: D('b'), tags: [] }],
    });
    const progress: string[] = [];
    const answers = await lookupEcrImages(
      [
        { repository: 'docker.io/library/redis', tag: '7.2' },
        { repository: 'docker.io/library/redis', tag: '6.0' },
        { repository: 'docker.io/library/redis', tag: 'latest' },
        { repository: 'quay.io/x/app', digest: D('b') },
        { repository: 'quay.io/x/app', digest: D('c') },
        { repository: 'ghcr.io/y/tool', tag: '1.0' },
      ],
      settings(fake),
      (m) => progress.push(m),
    );
    expect(answers).toEqual([
      { state: 'found', digest: D('a') },
      { state: 'no-image' },
      { state: 'found', digest: D('a') },
      { state: 'found', digest: D('b') },
      { state: 'no-image' },
      { state: 'no-repository' },
    ]);
    // Every call is a signed DescribeImages for one repository of the registry, with the image ids.
    for (const call of fake.calls) {
      expect(call.target).toBe('AmazonEC2ContainerRegistry_V20150921.DescribeImages');
      expect(call.headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(call.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKE0000\/\d{8}\/eu-west-1\/ecr\/aws4_request/,
      );
      expect(call.body.registryId).toBe(ACCOUNT);
    }
    // The redis batch of 3 fails on 6.0 and is halved until the missing tag is alone.
    expect(fake.calls.map((c) => [c.body.repositoryName, c.body.imageIds?.length])).toEqual([
      ['docker.io/library/redis', 3],
      ['docker.io/library/redis', 2],
      ['docker.io/library/redis', 1],
      ['docker.io/library/redis', 1],
      ['docker.io/library/redis', 1],
      ['quay.io/x/app', 2],
      ['quay.io/x/app', 1],
      ['quay.io/x/app', 1],
      ['ghcr.io/y/tool', 1],
    ]);
    expect(progress.at(-1)).toBe('ECR: 6/6 images checked');
  });

  it('asks at most 100 image ids a call', async () => {
    const images = Array.from({ length: 150 }, (_, i) => ({
      digest: `sha256:${i.toString(16).padStart(64, '0')}`,
      tags: [`v${i}`],
    }));
    fake = await startFakeEcr(ACCOUNT, { 'docker.io/x/many': images });
    const answers = await lookupEcrImages(
      images.map((_, i) => ({ repository: 'docker.io/x/many', tag: `v${i}` })),
      settings(fake),
    );
    expect(answers.every((a) => a.state === 'found')).toBe(true);
    expect(answers[149]).toEqual({ state: 'found', digest: images[149]!.digest });
    expect(fake.calls.map((c) => c.body.imageIds?.length)).toEqual([100, 50]);
  });

  it('turns AccessDenied into a reason per repository and goes on', async () => {
    fake = await startFakeEcr(ACCOUNT, { 'docker.io/library/redis': [{ digest: D('a'), tags: ['7'] }] });
    fake.failWith = {
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::${ACCOUNT}:user/ci is not authorized to perform: ecr:DescribeImages`,
    };
    const answers = await lookupEcrImages(
      [
        { repository: 'docker.io/library/redis', tag: '7' },
        { repository: 'quay.io/x/app', tag: '1' },
      ],
      settings(fake),
    );
    expect(answers).toEqual([
      {
        state: 'error',
        fatal: false,
        reason: `access denied: the caller needs ecr:DescribeImages on docker.io/library/redis (User: arn:aws:iam::${ACCOUNT}:user/ci is not authorized to perform: ecr:DescribeImages)`,
      },
      {
        state: 'error',
        fatal: false,
        reason: `access denied: the caller needs ecr:DescribeImages on quay.io/x/app (User: arn:aws:iam::${ACCOUNT}:user/ci is not authorized to perform: ecr:DescribeImages)`,
      },
    ]);
    expect(fake.calls).toHaveLength(2);
  });

  it('stops at throttling once the SDK has retried, and at rejected credentials', async () => {
    fake = await startFakeEcr(ACCOUNT, {});
    fake.failWith = { code: 'ThrottlingException', message: 'Rate exceeded' };
    const throttled = await lookupEcrImages(
      [
        { repository: 'a/b', tag: '1' },
        { repository: 'c/d', tag: '1' },
      ],
      settings(fake, { maxAttempts: 2 }),
    );
    const reason = 'ECR throttled the calls (ThrottlingException after 2 attempts): run it again in a minute';
    expect(throttled).toEqual([
      { state: 'error', fatal: true, reason },
      { state: 'error', fatal: true, reason },
    ]);
    // Two attempts at the first repository, none at the second.
    expect(fake.calls.map((c) => c.body.repositoryName)).toEqual(['a/b', 'a/b']);

    fake.calls.length = 0;
    fake.failWith = {
      code: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
    const rejected = await lookupEcrImages([{ repository: 'a/b', tag: '1' }], settings(fake));
    expect(rejected).toEqual([
      {
        state: 'error',
        fatal: true,
        reason:
          'AWS rejected the credentials (UnrecognizedClientException: The security token included in the request is invalid.)',
      },
    ]);
  });

  it('says so when there are no credentials, without calling ECR', async () => {
    fake = await startFakeEcr(ACCOUNT, {});
    const saved = { ...process.env };
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    Object.assign(process.env, {
      AWS_CONFIG_FILE: '/nonexistent/kube2eks-test/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/kube2eks-test/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    try {
      const { credentials: _none, ...rest } = settings(fake);
      const answers = await lookupEcrImages(
        [
          { repository: 'a/b', tag: '1' },
          { repository: 'c/d', tag: '1' },
        ],
        rest,
      );
      const reason =
        'no AWS credentials were found: set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run aws sso login';
      expect(answers).toEqual([
        { state: 'error', fatal: true, reason },
        { state: 'error', fatal: true, reason },
      ]);
      expect(fake.calls).toEqual([]);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
