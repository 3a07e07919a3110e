// The live collector: discovery, then every listable resource once at its preferred version, page by
// page, a few at a time, surviving a flaky API server. GET only (the Transport cannot send anything else).
import { isRecord } from '../../model/kinds.js';
import type { ClusterFacts, KubeObject, NodeFact } from '../../model/types.js';
import { sanitizeObject } from '../sanitize.js';
import { DUPLICATE_RESOURCES, METRICS_GROUP } from './aliases.js';
import {
  AGGREGATED_ACCEPT,
  invalidName,
  parseAggregated,
  parseResourceList,
  preferredGroupVersions,
  quoteServerName,
  type ResourceType,
  resourceName,
  resourcePath,
} from './discovery.js';
import { nodeFactOf, usageOf } from './facts.js';
import { ClusterAccessError, type HttpResponse, type Transport } from './transport.js';

export interface CollectProgress {
  /** Resource lists finished (a namespaced type counts once per namespace when namespaces are given). */
  done: number;
  total: number;
  objects: number;
  elapsedMs: number;
  /** The list that just advanced, e.g. `deployments.apps`. */
  resource?: string;
}

export interface CollectOptions {
  /** Only these namespaces (cluster-scoped resources are always read). @default all */
  namespaces?: readonly string[];
  /** Items per page (`limit`). @default 500 */
  pageSize?: number;
  /** Lists read at the same time. @default 6 */
  concurrency?: number;
  /** Attempts per request on 429, 5xx and network errors. @default 8 */
  maxAttempts?: number;
  onProgress?: (progress: CollectProgress) => void;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** @default () => new Date() */
  now?: () => Date;
}

export interface CollectedResource {
  type: ResourceType;
  /** Sanitized objects with apiVersion and kind set. */
  objects: KubeObject[];
}

export interface Collection {
  server: string;
  serverVersion?: string;
  collectedAt: string;
  resources: CollectedResource[];
  nodes: NodeFact[];
  usage?: NonNullable<ClusterFacts['usage']>;
  /** Lists the credentials may not read (403), with the server's reason. */
  forbidden: Array<{ resource: string; reason: string }>;
  /** Lists or groups that failed for another reason after retries. */
  failed: Array<{ resource: string; reason: string }>;
  stats: { requests: number; retries: number; restarts: number; objects: number; elapsedMs: number };
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const MAX_RETRY_DELAY_MS = 30_000;
const MAX_LIST_RESTARTS = 5;

/** A list that failed for a reason other than credentials. */
class ListFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The reason a Status body gives, else the HTTP status. */
function statusMessage(res: HttpResponse): string {
  try {
    const doc: unknown = JSON.parse(res.body);
    if (isRecord(doc) && typeof doc.message === 'string' && doc.message) return doc.message;
  } catch {
    // not JSON: fall through
  }
  return `HTTP ${res.status}`;
}

/** Retry-After in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

export async function collectCluster(
  transport: Transport,
  options: CollectOptions = {},
): Promise<Collection> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const pageSize = options.pageSize ?? 500;
  const maxAttempts = options.maxAttempts ?? 8;
  const started = now();
  const stats = { requests: 0, retries: 0, restarts: 0, objects: 0, elapsedMs: 0 };
  const forbidden: Collection['forbidden'] = [];
  const failed: Collection['failed'] = [];
  let aborted: Error | undefined;
  let answered = false;

  /** GET with retries on 429/5xx/network errors (honouring Retry-After); 401 is fatal. */
  const get = async (path: string, accept?: string): Promise<HttpResponse> => {
    for (let attempt = 1; ; attempt++) {
      if (aborted) throw aborted;
      let res: HttpResponse | undefined;
      let networkError: Error | undefined;
      try {
        stats.requests++;
        res = await transport.get(path, accept);
      } catch (error) {
        if (error instanceof ClusterAccessError) throw error;
        networkError = error as Error;
        // Never reached: fail now rather than after minutes of backoff.
        if (!answered) {
          throw new ClusterAccessError(
            `cannot reach the API server ${transport.server}: ${networkError.message}`,
          );
        }
      }
      answered = true;
      if (res?.status === 401) {
        throw new ClusterAccessError(
          `the API server ${transport.server} rejected the credentials (401 Unauthorized: ${statusMessage(res)}). ` +
            'Log in again or refresh the token of this context (kubectl get ns shows the same error), then retry.',
        );
      }
      if (res && !RETRY_STATUSES.has(res.status)) return res;
      if (attempt >= maxAttempts) {
        if (res) return res;
        throw new ListFailure(`no answer from ${transport.server}: ${networkError?.message}`, 0);
      }
      stats.retries++;
      const backoff = Math.min(MAX_RETRY_DELAY_MS, 200 * 2 ** (attempt - 1)) * (0.75 + Math.random() / 2);
      const wait = retryAfterMs(res?.headers['retry-after'], now());
      await sleep(Math.min(MAX_RETRY_DELAY_MS, wait ?? backoff));
    }
  };

  const getJson = async (path: string, accept?: string): Promise<unknown> => {
    const res = await get(path, accept);
    if (res.status !== 200) throw new ListFailure(statusMessage(res), res.status);
    try {
      return JSON.parse(res.body);
    } catch {
      throw new ListFailure(`GET ${path} answered with something that is not JSON`, res.status);
    }
  };

  // Server version (also proves the credentials before the fan-out).
  let serverVersion: string | undefined;
  const versionRes = await get('/version');
  if (versionRes.status === 200) {
    try {
      const doc: unknown = JSON.parse(versionRes.body);
      if (isRecord(doc) && typeof doc.gitVersion === 'string') serverVersion = doc.gitVersion;
    } catch {
      // unreadable version: leave it unknown
    }
  } else if (versionRes.status === 403) {
    forbidden.push({ resource: '/version', reason: statusMessage(versionRes) });
  }

  let types: ResourceType[];
  try {
    types = await discover(getJson, failed, options.concurrency ?? 6);
  } catch (error) {
    if (error instanceof ClusterAccessError) throw error;
    throw new ClusterAccessError(`API discovery at ${transport.server} failed: ${(error as Error).message}`);
  }
  const served = new Set(types.map(resourceName));
  const listable = types.filter((t) => {
    if (!t.verbs.includes('list') || t.group === METRICS_GROUP) return false;
    const alias = DUPLICATE_RESOURCES[resourceName(t)];
    return !(alias && served.has(alias));
  });

  // Units of work: one list per type, or per type and namespace with --namespace.
  const namespaces = options.namespaces?.length ? [...new Set(options.namespaces)] : undefined;
  const units: Array<{ type: ResourceType; namespace?: string }> = [];
  for (const type of listable) {
    if (type.namespaced && namespaces) for (const namespace of namespaces) units.push({ type, namespace });
    else units.push({ type });
  }
  const results = new Map<ResourceType, KubeObject[][]>();
  let done = 0;
  const progress = (resource?: string) => {
    const p: CollectProgress = {
      done,
      total: units.length,
      objects: stats.objects,
      elapsedMs: now().getTime() - started.getTime(),
    };
    if (resource) p.resource = resource;
    options.onProgress?.(p);
  };

  const listAll = async (type: ResourceType, namespace: string | undefined): Promise<KubeObject[]> => {
    const path = resourcePath(type, namespace);
    const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
    for (let restarts = 0; ; restarts++) {
      const items: KubeObject[] = [];
      let next: string | undefined;
      let expired = false;
      do {
        const query = new URLSearchParams({ limit: String(pageSize) });
        if (next) query.set('continue', next);
        const res = await get(`${path}?${query}`);
        if (res.status === 410 && next) {
          // The continue token outlived etcd's compaction window: start this list again.
          expired = true;
          break;
        }
        if (res.status !== 200) throw new ListFailure(statusMessage(res), res.status);
        let doc: unknown;
        try {
          doc = JSON.parse(res.body);
        } catch {
          throw new ListFailure(`the list answer is not JSON`, res.status);
        }
        if (!isRecord(doc) || !Array.isArray(doc.items))
          throw new ListFailure('the answer is not a list', res.status);
        // Built-in list items come bare: their kind is the list's kind without "List".
        const listKind =
          typeof doc.kind === 'string' && doc.kind.endsWith('List') ? doc.kind.slice(0, -4) : '';
        const kind = listKind || type.kind;
        for (const item of doc.items) {
          if (!isRecord(item)) continue;
          const obj = item as KubeObject;
          if (!obj.apiVersion) obj.apiVersion = apiVersion;
          if (!obj.kind) obj.kind = kind;
          items.push(sanitizeObject(obj));
        }
        stats.objects += doc.items.length;
        const meta = isRecord(doc.metadata) ? doc.metadata : {};
        next = typeof meta.continue === 'string' && meta.continue ? meta.continue : undefined;
        progress(resourceName(type));
      } while (next);
      if (!expired) return items;
      stats.objects -= items.length;
      stats.restarts++;
      if (restarts + 1 >= MAX_LIST_RESTARTS) {
        throw new ListFailure(
          `the list expired ${MAX_LIST_RESTARTS} times while paging; the cluster changes faster than it can be read`,
          410,
        );
      }
    }
  };

  await pool(units, options.concurrency ?? 6, async ({ type, namespace }) => {
    if (aborted) return;
    const name = resourceName(type) + (namespace ? ` in namespace ${namespace}` : '');
    try {
      const objects = await listAll(type, namespace);
      const lists = results.get(type) ?? [];
      lists.push(objects);
      results.set(type, lists);
    } catch (error) {
      if (error instanceof ClusterAccessError) {
        aborted ??= error;
        throw error;
      }
      const failure = error as ListFailure;
      if (failure.status === 403) forbidden.push({ resource: name, reason: failure.message });
      else failed.push({ resource: name, reason: failure.message });
    }
    done++;
    progress();
  });

  // Usage from metrics-server, when it is installed and answering.
  let usage: Collection['usage'];
  const podMetrics = types.find(
    (t) => t.group === METRICS_GROUP && t.resource === 'pods' && t.verbs.includes('list'),
  );
  if (!podMetrics && !failed.some((f) => f.resource.startsWith(`${METRICS_GROUP}/`))) {
    // Not an error: many clusters run without metrics-server. Said, so `plan --sizing observed` is not a surprise.
    failed.push({
      resource: `pods.${METRICS_GROUP}`,
      reason:
        'metrics-server is not installed (the API server serves no metrics.k8s.io pods): no usage was collected',
    });
  }
  if (podMetrics) {
    const pods: KubeObject[] = [];
    try {
      for (const namespace of namespaces ?? [undefined]) {
        const doc = await getJson(resourcePath(podMetrics, namespace));
        if (isRecord(doc) && Array.isArray(doc.items)) pods.push(...(doc.items as KubeObject[]));
      }
      usage = usageOf(pods);
    } catch (error) {
      if (error instanceof ClusterAccessError) throw error;
      const reason = (error as Error).message;
      if ((error as ListFailure).status === 403)
        forbidden.push({ resource: resourceName(podMetrics), reason });
      else failed.push({ resource: resourceName(podMetrics), reason });
    }
  }

  const resources: CollectedResource[] = [...results]
    .map(([type, lists]) => ({ type, objects: lists.flat() }))
    .sort((a, b) => resourceName(a.type).localeCompare(resourceName(b.type)));
  const nodeType = resources.find((r) => r.type.group === '' && r.type.resource === 'nodes');
  stats.elapsedMs = now().getTime() - started.getTime();
  const collection: Collection = {
    server: transport.server,
    collectedAt: started.toISOString(),
    resources,
    nodes: (nodeType?.objects ?? []).map(nodeFactOf),
    forbidden: forbidden.sort((a, b) => a.resource.localeCompare(b.resource)),
    failed: failed.sort((a, b) => a.resource.localeCompare(b.resource)),
    stats,
  };
  if (serverVersion) collection.serverVersion = serverVersion;
  if (usage) collection.usage = usage;
  return collection;
}

/** Aggregated discovery when the server offers it, else /api/v1 and each group's preferred version. */
async function discover(
  getJson: (path: string, accept?: string) => Promise<unknown>,
  failed: Collection['failed'],
  concurrency: number,
): Promise<ResourceType[]> {
  const core = await getJson('/api', AGGREGATED_ACCEPT);
  const groups = await getJson('/apis', AGGREGATED_ACCEPT);
  const aggregatedCore = parseAggregated(core);
  const aggregatedGroups = parseAggregated(groups);
  // Names from the server become request paths and bundle file names: only valid ones are used.
  const valid = <T extends { group: string; version: string; resource?: string }>(type: T): boolean => {
    const why = invalidName(type);
    if (why === undefined) return true;
    const name = [type.resource, type.group, type.version].filter((p) => p !== undefined).join(' ');
    failed.push({ resource: quoteServerName(name), reason: `skipped: ${why}` });
    return false;
  };
  if (aggregatedCore && aggregatedGroups) return [...aggregatedCore, ...aggregatedGroups].filter(valid);

  const out: ResourceType[] = [];
  const coreVersions = isRecord(core) && Array.isArray(core.versions) ? core.versions : ['v1'];
  const coreVersion = coreVersions.includes('v1') ? 'v1' : String(coreVersions[0] ?? 'v1');
  const groupVersions = [{ group: '', version: coreVersion }, ...preferredGroupVersions(groups)].filter(
    valid,
  );
  const lists = new Map<string, ResourceType[]>();
  await pool(groupVersions, concurrency, async ({ group, version }) => {
    const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
    try {
      lists.set(path, parseResourceList(await getJson(path), group, version));
    } catch (error) {
      if (error instanceof ClusterAccessError) throw error;
      failed.push({ resource: group ? `${group}/${version}` : version, reason: (error as Error).message });
    }
  });
  for (const { group, version } of groupVersions) {
    out.push(...(lists.get(group ? `/apis/${group}/${version}` : `/api/${version}`) ?? []).filter(valid));
  }
  return out;
}

/** Runs `work` over `items`, at most `limit` at a time; the first rejection rejects the whole. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let index = 0;
  const worker = async () => {
    while (index < items.length) {
      const item = items[index++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
