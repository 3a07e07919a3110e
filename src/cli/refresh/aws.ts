// Settings shared by the three AWS clients `catalog refresh` uses. No SDK import here: the SDK modules
// are loaded with `await import()` inside each fetcher, only when `catalog refresh` runs.

export interface AwsClientSettings {
  /** Endpoint overrides per service; tests point these at a local server. */
  endpoints?: { ec2?: string; pricing?: string; eks?: string };
  /** Static credentials; by default the SDK's default chain (environment, profile, SSO, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** @default the SDK's (3) */
  maxAttempts?: number;
}

export type Progress = (message: string) => void;

/** Client configuration for one service: its region plus the overrides that apply. */
export function clientConfig(
  settings: AwsClientSettings,
  service: 'ec2' | 'pricing' | 'eks',
  region: string,
) {
  const endpoint = settings.endpoints?.[service];
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
  };
}

/** Names the AWS call that failed and keeps the SDK's message (which says what was denied or missing). */
export class AwsCallError extends Error {
  override name = 'AwsCallError';
  constructor(
    readonly call: string,
    cause: unknown,
  ) {
    const reason =
      cause instanceof Error
        ? `${cause.name !== 'Error' ? `${cause.name}: ` : ''}${cause.message}`
        : String(cause);
    super(`${call} failed: ${reason}`);
  }
}
