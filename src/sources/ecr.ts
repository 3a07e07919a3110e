// Which images are in Amazon ECR, for `verify --preflight --check-images`: DescribeImages with the
// images' ids, at most 100 a call, per repository. The AWS SDK loads here only, with `await import()`, so
// no other command pays for it (or needs it installed to start). Credentials and region come from the
// SDK's default chain unless the caller passes them (tests point `endpoint` at a local server).
// @see https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImages.html
import type { ECRClient, ImageIdentifier } from '@aws-sdk/client-ecr';
import type { EcrImageQuery, EcrLookup } from '../model/ecr.js';

export interface EcrSettings {
  region: string;
  /** The registry's account id (the first label of `ACCOUNT.dkr.ecr.REGION.amazonaws.com`). */
  registryId?: string;
  /** Endpoint override; tests use a local server. */
  endpoint?: string;
  /** Static credentials; by default the SDK's chain (environment, profile, SSO, instance or pod role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** @default the SDK's (3, with backoff on throttling) */
  maxAttempts?: number;
}

/** DescribeImages takes at most 100 image ids. */
export const ECR_BATCH = 100;

const ERROR_CODES_OF_NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT']);

/** A clear reason for a failed call, and whether any other call would fail the same way. */
export function describeEcrError(error: unknown, repository: string, region: string): EcrLookup {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { attempts?: number } };
  const name = e?.name ?? 'Error';
  const message = (e?.message ?? String(error)).split('\n')[0]!.trim();
  const fail = (reason: string, fatal: boolean): EcrLookup => ({ state: 'error', reason, fatal });
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message))
    return fail(
      'no AWS credentials were found: set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run aws sso login',
      true,
    );
  if (
    [
      'UnrecognizedClientException',
      'InvalidSignatureException',
      'ExpiredTokenException',
      'InvalidClientTokenId',
    ].includes(name)
  )
    return fail(`AWS rejected the credentials (${name}: ${message})`, true);
  if (name === 'AccessDeniedException' || name === 'AccessDenied')
    return fail(`access denied: the caller needs ecr:DescribeImages on ${repository} (${message})`, false);
  if (
    name === 'ThrottlingException' ||
    name === 'TooManyRequestsException' ||
    name === 'LimitExceededException'
  )
    return fail(
      `ECR throttled the calls (${name}${e.$metadata?.attempts ? ` after ${e.$metadata.attempts} attempts` : ''}): run it again in a minute`,
      true,
    );
  if ((e?.code && ERROR_CODES_OF_NETWORK.has(e.code)) || name === 'TimeoutError')
    return fail(
      `cannot reach Amazon ECR in ${region} (${e.code ?? name}): check the network and --region`,
      true,
    );
  return fail(`${name !== 'Error' ? `${name}: ` : ''}${message}`, false);
}

const idOf = (q: EcrImageQuery): ImageIdentifier =>
  q.tag ? { imageTag: q.tag } : { imageDigest: q.digest! };

/**
 * Looks every query up; the answer at index i is for query i. Never throws: a failed call becomes an
 * `error` lookup for the images it asked about, and after a fatal one the rest are not asked.
 */
export async function lookupEcrImages(
  queries: readonly EcrImageQuery[],
  settings: EcrSettings,
  onProgress: (message: string) => void = () => {},
): Promise<EcrLookup[]> {
  const answers: EcrLookup[] = new Array(queries.length);
  const byRepository = new Map<string, number[]>();
  queries.forEach((q, i) => {
    byRepository.set(q.repository, [...(byRepository.get(q.repository) ?? []), i]);
  });
  let client: ECRClient;
  let DescribeImagesCommand: typeof import('@aws-sdk/client-ecr').DescribeImagesCommand;
  try {
    const sdk = await import('@aws-sdk/client-ecr');
    DescribeImagesCommand = sdk.DescribeImagesCommand;
    client = new sdk.ECRClient({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
    });
  } catch (error) {
    const reason = `the AWS SDK for ECR could not be loaded (${(error as Error).message})`;
    return queries.map(() => ({ state: 'error', reason, fatal: true }));
  }
  let fatal: EcrLookup | undefined;
  let asked = 0;

  /** One DescribeImages call; an ImageNotFoundException names no image, so a batch is halved until it does. */
  const describe = async (repository: string, indexes: number[]): Promise<'no-repository' | undefined> => {
    if (fatal) {
      for (const i of indexes) answers[i] = fatal;
      return undefined;
    }
    try {
      const out = await client.send(
        new DescribeImagesCommand({
          repositoryName: repository,
          ...(settings.registryId ? { registryId: settings.registryId } : {}),
          imageIds: indexes.map((i) => idOf(queries[i]!)),
        }),
      );
      const details = out.imageDetails ?? [];
      for (const i of indexes) {
        const q = queries[i]!;
        const hit = details.find((d) =>
          q.tag ? (d.imageTags ?? []).includes(q.tag) : d.imageDigest === q.digest,
        );
        answers[i] = hit?.imageDigest ? { state: 'found', digest: hit.imageDigest } : { state: 'no-image' };
      }
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'RepositoryNotFoundException') return 'no-repository';
      if ((name === 'ImageNotFoundException' || name === 'InvalidParameterException') && indexes.length > 1) {
        const half = Math.ceil(indexes.length / 2);
        await describe(repository, indexes.slice(0, half));
        await describe(repository, indexes.slice(half));
        return undefined;
      }
      if (name === 'ImageNotFoundException') {
        answers[indexes[0]!] = { state: 'no-image' };
        return undefined;
      }
      const lookup = describeEcrError(error, repository, settings.region);
      if (lookup.state === 'error' && lookup.fatal) fatal = lookup;
      for (const i of indexes) answers[i] = lookup;
    }
    return undefined;
  };

  try {
    for (const [repository, indexes] of byRepository) {
      for (let start = 0; start < indexes.length; start += ECR_BATCH) {
        const batch = indexes.slice(start, start + ECR_BATCH);
        if ((await describe(repository, batch)) === 'no-repository') {
          for (const i of indexes) answers[i] = { state: 'no-repository' };
          break;
        }
      }
      asked += indexes.length;
      onProgress(`ECR: ${asked}/${queries.length} images checked`);
    }
  } finally {
    client.destroy();
  }
  return answers;
}
