// An in-process Amazon ECR that speaks the service's wire protocol (AWS JSON 1.1): POST / with
// `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>`, `application/x-amz-json-1.1` bodies, and
// errors as HTTP 400 with `{"__type": "<Code>", "message": …}` and the `x-amzn-errortype` header, as the
// real endpoint answers. Only DescribeImages with imageIds is served: what verify --check-images calls.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeImage {
  digest: string;
  tags: string[];
}

export interface FakeEcrCall {
  target: string;
  headers: IncomingHttpHeaders;
  body: {
    repositoryName?: string;
    registryId?: string;
    imageIds?: { imageTag?: string; imageDigest?: string }[];
  };
}

export interface FakeEcr {
  endpoint: string;
  calls: FakeEcrCall[];
  /** Answer every call with this error (`AccessDeniedException`, `ThrottlingException`, …) instead. */
  failWith?: { code: string; message: string; status?: number };
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';

export async function startFakeEcr(
  registryId: string,
  repositories: Record<string, FakeImage[]>,
): Promise<FakeEcr> {
  const calls: FakeEcrCall[] = [];
  const fake: FakeEcr = { endpoint: '', calls, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, payload: unknown, errorType?: string) => {
        res.writeHead(status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': `req-${calls.length}`,
          ...(errorType
            ? { 'x-amzn-errortype': `${errorType}:http://internal.amazon.com/coral/com.amazonaws.ecr/` }
            : {}),
        });
        res.end(JSON.stringify(payload));
      };
      const error = (code: string, message: string, status = 400) =>
        send(status, { __type: code, message }, code);
      const target = String(req.headers['x-amz-target'] ?? '');
      let body: FakeEcrCall['body'];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        return error('SerializationException', 'body is not JSON');
      }
      calls.push({ target, headers: req.headers, body });
      if (req.method !== 'POST' || req.url !== '/' || !target.startsWith(TARGET_PREFIX))
        return error('UnknownOperationException', `unknown target ${target}`);
      if (req.headers['content-type'] !== 'application/x-amz-json-1.1')
        return error('SerializationException', `content-type ${req.headers['content-type']}`);
      if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 Credential='))
        return error('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      if (fake.failWith) return error(fake.failWith.code, fake.failWith.message, fake.failWith.status);
      if (target !== `${TARGET_PREFIX}DescribeImages`)
        return error('UnknownOperationException', `not served by the fake: ${target}`);
      const name = body.repositoryName ?? '';
      const registry = body.registryId ?? registryId;
      const images = registry === registryId ? repositories[name] : undefined;
      if (!images)
        return error(
          'RepositoryNotFoundException',
          `The repository with name '${name}' does not exist in the registry with id '${registry}'`,
        );
      const ids = body.imageIds ?? [];
      if (ids.length > 100)
        return error(
          'InvalidParameterException',
          "1 validation error detected: Value at 'imageIds' failed to satisfy constraint: Member must have length less than or equal to 100",
        );
      const details: Record<string, unknown>[] = [];
      for (const id of ids) {
        const image = images.find((i) =>
          id.imageTag ? i.tags.includes(id.imageTag) : i.digest === id.imageDigest,
        );
        // The real service fails the whole call on the first id it cannot find.
        if (!image)
          return error(
            'ImageNotFoundException',
            `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${name}' in the registry with id '${registry}'`,
          );
        if (!details.some((d) => d.imageDigest === image.digest))
          details.push({
            registryId: registry,
            repositoryName: name,
            imageDigest: image.digest,
            imageTags: image.tags,
            imageSizeInBytes: 31_457_280,
            imagePushedAt: 1_764_000_000,
            imageManifestMediaType: 'application/vnd.oci.image.index.v1+json',
          });
      }
      send(200, { imageDetails: details });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
