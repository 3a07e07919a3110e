import { describe, expect, it } from 'vitest';
import { refOf } from '../model/kinds.js';
import type { Inventory, KubeObject } from '../model/types.js';
import { imageChecks, kitImages, parseEcrRegistry } from './images.js';

const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const D = (c: string) => `sha256:${c.repeat(64)}`;

function inventory(objects: KubeObject[]): Inventory {
  return {
    objects: objects.map((object) => ({
      ref: refOf(object),
      object,
      location: { file: 'manifests/apps.yaml' },
      origin: 'manifest' as const,
    })),
    errors: [],
    notes: [],
    cluster: { nodes: [], forbidden: [] },
  };
}

const deployment = (name: string, images: string[]): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) },
    },
  },
});

describe('parseEcrRegistry', () => {
  it('reads account, Region and path prefix, and refuses what is not ECR', () => {
    expect(parseEcrRegistry(`${HOST}/`)).toEqual({
      host: HOST,
      registryId: '123456789012',
      region: 'eu-west-1',
      prefix: '',
    });
    expect(parseEcrRegistry('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/mirror')).toEqual({
      host: '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn',
      registryId: '123456789012',
      region: 'cn-north-1',
      prefix: 'mirror',
    });
    expect(parseEcrRegistry('<account>.dkr.ecr.<region>.amazonaws.com')).toBeUndefined();
    expect(parseEcrRegistry('ghcr.io/acme')).toBeUndefined();
  });
});

describe('kitImages', () => {
  it('lists each image of the registry once, with tag, digest and users; latest where none is written', () => {
    const registry = parseEcrRegistry(HOST)!;
    const images = kitImages(
      inventory([
        deployment('web', [`${HOST}/docker.io/library/nginx:1.27@${D('a')}`, 'docker.io/library/busybox:1']),
        deployment('api', [`${HOST}/ghcr.io/acme/api`, `${HOST}/docker.io/library/nginx:1.27@${D('a')}`]),
        deployment('job', [`${HOST}/quay.io/x/tool@${D('b')}`]),
      ]),
      registry,
    );
    expect(images).toEqual([
      {
        image: `${HOST}/docker.io/library/nginx:1.27@${D('a')}`,
        repository: 'docker.io/library/nginx',
        tag: '1.27',
        digest: D('a'),
        usedBy: ['shop/Deployment/web', 'shop/Deployment/api'],
      },
      {
        image: `${HOST}/ghcr.io/acme/api`,
        repository: 'ghcr.io/acme/api',
        tag: 'latest',
        usedBy: ['shop/Deployment/api'],
      },
      {
        image: `${HOST}/quay.io/x/tool@${D('b')}`,
        repository: 'quay.io/x/tool',
        digest: D('b'),
        usedBy: ['shop/Deployment/job'],
      },
    ]);
  });

  it('keeps the path prefix of --registry in the repository name', () => {
    const registry = parseEcrRegistry(`${HOST}/mirror`)!;
    const images = kitImages(
      inventory([deployment('web', [`${HOST}/mirror/docker.io/library/redis:7`, `${HOST}/other/redis:7`])]),
      registry,
    );
    expect(images.map((i) => i.repository)).toEqual(['mirror/docker.io/library/redis']);
  });
});

describe('imageChecks', () => {
  const registry = parseEcrRegistry(HOST)!;
  const img = (repository: string, tag?: string, digest?: string) => ({
    image: `${HOST}/${repository}`,
    repository,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
    usedBy: ['shop/Deployment/web'],
  });

  it('one check per image, a digest other than the pinned one a gap, a fatal error one gap for all', () => {
    const checks = imageChecks(
      [
        img('docker.io/library/nginx', '1.27', D('a')),
        img('docker.io/library/redis', '7', D('a')),
        img('quay.io/x/tool', undefined, D('b')),
        img('ghcr.io/acme/api', 'latest'),
        img('ghcr.io/acme/worker', '2'),
        img('ghcr.io/acme/denied', '3'),
      ],
      [
        { state: 'found', digest: D('a') },
        { state: 'found', digest: D('c') },
        { state: 'found', digest: D('b') },
        { state: 'no-image' },
        { state: 'no-repository' },
        {
          state: 'error',
          reason: 'access denied: the caller needs ecr:DescribeImages on ghcr.io/acme/denied',
          fatal: false,
        },
      ],
      registry,
    );
    expect(checks.map((c) => [c.status, c.resource.kind, c.resource.name, c.detail])).toEqual([
      [
        'ok',
        'Image',
        `docker.io/library/nginx:1.27@${D('a')}`,
        'docker.io/library/nginx:1.27 is in ECR (sha256:aaaaaaaaaaaa…).',
      ],
      [
        'gap',
        'Image',
        `docker.io/library/redis:7@${D('a')}`,
        'docker.io/library/redis:7 is sha256:cccccccccccc… in ECR, but the manifests pin sha256:aaaaaaaaaaaa…: copy it again keeping digests (images/copy.sh) (used by shop/Deployment/web).',
      ],
      [
        'ok',
        'Image',
        `quay.io/x/tool@${D('b')}`,
        'quay.io/x/tool@sha256:bbbbbbbbbbbb… is in ECR (sha256:bbbbbbbbbbbb…).',
      ],
      [
        'gap',
        'Image',
        'ghcr.io/acme/api:latest',
        'ghcr.io/acme/api:latest is not in ECR: copy it (images/copy.sh, or pull it once through the pull-through cache) (used by shop/Deployment/web).',
      ],
      [
        'gap',
        'Image',
        'ghcr.io/acme/worker:2',
        `repository ghcr.io/acme/worker does not exist in ${HOST}: create it and copy the image (images/copy.sh) (used by shop/Deployment/web).`,
      ],
      [
        'gap',
        'Image',
        'ghcr.io/acme/denied:3',
        'ghcr.io/acme/denied:3 could not be checked: access denied: the caller needs ecr:DescribeImages on ghcr.io/acme/denied.',
      ],
    ]);

    const fatal = { state: 'error', reason: 'no AWS credentials were found', fatal: true } as const;
    expect(imageChecks([img('a/b', '1'), img('c/d', '2')], [fatal, fatal], registry)).toEqual([
      {
        kind: 'image',
        resource: { apiVersion: '', kind: 'Registry', name: HOST },
        status: 'gap',
        detail: `2 images in ${HOST} could not be checked: no AWS credentials were found.`,
      },
    ]);
  });
});
