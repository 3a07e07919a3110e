// Types of the fake API server (plain JavaScript so the bench runs it without a build step).

export interface ResourceDef {
  /** '' for the core group. */
  group: string;
  /** The preferred version (objects are stored and listed at it). */
  version: string;
  /** Versions also served (discovery lists them; the collector must not list them). */
  otherVersions?: string[];
  resource: string;
  kind: string;
  namespaced: boolean;
  /** @default create, delete, deletecollection, get, list, patch, update, watch */
  verbs?: string[];
  shortNames?: string[];
  /** e.g. ['status', 'log'] (served in discovery as `pods/status`). */
  subresources?: string[];
  /** A custom resource: list items keep apiVersion and kind. */
  custom?: boolean;
}

export interface FakeKubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface FakeFaults {
  /** Every request answers 401. */
  unauthorized?: boolean;
  /** Resource keys (`secrets`, `roles.rbac.authorization.k8s.io`) answering 403. */
  forbidden?: string[];
  /** Resource keys whose first continue request answers 410 Expired. */
  expireContinue?: string[];
  /** Resource keys whose first request answers 429 with Retry-After. */
  tooManyRequests?: Array<{ resource: string; retryAfterSeconds: number }>;
  /** Resource keys whose first request answers 500. */
  serverErrorOnce?: string[];
}

export interface FakeApiServerOptions {
  key: string;
  cert: string;
  /** Accepted bearer token. */
  token?: string;
  /** CA whose client certificates are accepted. */
  clientCa?: string;
  resources: ResourceDef[];
  objects: FakeKubeObject[];
  /** Answer aggregated discovery when asked. @default true */
  aggregatedDiscovery?: boolean;
  /** @default v1.29.4 */
  serverVersion?: string;
  faults?: FakeFaults;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string;
}

export interface FakeApiServer {
  url: string;
  requests: RecordedRequest[];
  /** Items served by list requests, per resource key. */
  listed: Map<string, number>;
  objectCount(): number;
  close(): Promise<void>;
}

export function resourceKey(def: Pick<ResourceDef, 'group' | 'resource'>): string;
export function startFakeApiServer(options: FakeApiServerOptions): Promise<FakeApiServer>;
