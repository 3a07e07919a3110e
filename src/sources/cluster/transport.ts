// How the collector reaches an API server. The interface has no method parameter on purpose:
// everything the collector can send is a GET. Tests pass their own transport.

import { existsSync } from 'node:fs';
import type { Agent as HttpAgent, IncomingMessage, RequestOptions } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { plainFsError } from '../files.js';
import { readLimitedSync, TooLargeError } from '../read-limited.js';

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
}

export interface Transport {
  /** The API server, for messages. */
  readonly server: string;
  /** Sends `GET path` (path includes the query string). Network failures reject. */
  get(path: string, accept?: string): Promise<HttpResponse>;
  /** Releases kept-alive connections. */
  close?(): void;
}

/** A kubeconfig problem or a rejection by the API server the user has to fix (not retried). */
export class ClusterAccessError extends Error {
  override name = 'ClusterAccessError';
}

export interface KubeConfigTransportOptions {
  /** A kubeconfig file; otherwise `$KUBECONFIG` or `~/.kube/config`, as kubectl reads them. */
  kubeconfig?: string;
  /** A context of the kubeconfig; otherwise its current context. */
  context?: string;
  /** Concurrent connections kept alive. @default 8 */
  maxSockets?: number;
  /** Per-request timeout. @default 60000 */
  timeoutMs?: number;
}

export interface KubeConfigTransport extends Transport {
  readonly contextName: string;
}

/**
 * A transport using the user's kubeconfig through @kubernetes/client-node, which resolves the
 * context as kubectl does: bearer tokens, token files, client certificates, basic auth, exec
 * credential plugins and auth providers. Loaded lazily: only `collect`, `verify` and `context:` inputs pay for it.
 */
export async function kubeConfigTransport(
  options: KubeConfigTransportOptions = {},
): Promise<KubeConfigTransport> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  // Read here, with a size limit, so that a kubeconfig named /dev/zero ends, and so that a parse error
  // never prints the library's snippet of the file (tokens and client keys live there).
  const load = (into: InstanceType<typeof KubeConfig>, file: string): void => {
    let text: string;
    try {
      text = readLimitedSync(file, MAX_KUBECONFIG_BYTES).toString('utf8');
    } catch (error) {
      const why = error instanceof TooLargeError ? error.message : plainFsError(error);
      throw new ClusterAccessError(`cannot read the kubeconfig ${file}: ${why}`);
    }
    try {
      into.loadFromString(text);
      into.makePathsAbsolute(dirname(file));
    } catch (error) {
      throw new ClusterAccessError(`cannot read the kubeconfig ${file}: ${kubeconfigProblem(error)}`);
    }
  };
  const files = options.kubeconfig ? [options.kubeconfig] : defaultKubeconfigFiles();
  if (files.length > 0) {
    const [first, ...rest] = files as [string, ...string[]];
    load(kc, first);
    for (const file of rest) {
      const more = new KubeConfig();
      load(more, file);
      kc.mergeConfig(more);
    }
  } else {
    try {
      kc.loadFromDefault();
    } catch (error) {
      throw new ClusterAccessError(`cannot read the default kubeconfig: ${kubeconfigProblem(error)}`);
    }
  }
  // With no kubeconfig anywhere, the library falls back to an unauthenticated localhost:8080.
  const contexts = kc.getContexts();
  if (!options.kubeconfig && contexts.length === 1 && contexts[0]?.name === 'loaded-context') {
    if (kc.getClusters()[0]?.server === 'http://localhost:8080') {
      throw new ClusterAccessError(
        'no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config (kubectl config view shows what kubectl uses)',
      );
    }
  }
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new ClusterAccessError(
        `context "${options.context}" is not in the kubeconfig${known.length ? ` (contexts: ${known.join(', ')})` : ''}`,
      );
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  const contextName = kc.getCurrentContext();
  if (!cluster || !contextName) {
    throw new ClusterAccessError(
      'no current context in the kubeconfig: pass --context, or --kubeconfig with a file that has one',
    );
  }
  const server = cluster.server.replace(/\/+$/, '');
  const isHttp = server.startsWith('http:');
  const timeoutMs = options.timeoutMs ?? 60_000;
  let sharedAgent: HttpAgent | undefined;

  const get = async (path: string, accept = 'application/json'): Promise<HttpResponse> => {
    // Asked per request: exec plugins and token files refresh expiring credentials; the library caches them.
    const opts: https.RequestOptions = {};
    try {
      await kc.applyToHTTPSOptions(opts);
    } catch (error) {
      throw new ClusterAccessError(
        `cannot get credentials for context "${contextName}": ${(error as Error).message}`,
      );
    }
    if (!sharedAgent) {
      // One kept-alive agent with the TLS material of the context; a proxy agent from the library as-is.
      sharedAgent = cluster.proxyUrl
        ? (opts.agent as HttpAgent)
        : isHttp
          ? new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 8 })
          : new https.Agent({
              keepAlive: true,
              maxSockets: options.maxSockets ?? 8,
              ...(pick(opts, [
                'ca',
                'cert',
                'key',
                'pfx',
                'passphrase',
                'rejectUnauthorized',
                'servername',
              ]) as https.AgentOptions),
            });
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(opts.headers ?? {})) {
      if (typeof value === 'string' || typeof value === 'number') headers[key] = String(value);
      else if (Array.isArray(value)) headers[key] = value.join(', ');
    }
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    headers.Accept = accept;
    headers['User-Agent'] = 'kube2eks-collect';
    return request(new URL(server + path), {
      method: 'GET',
      headers,
      agent: sharedAgent,
      timeout: timeoutMs,
    });
  };
  return {
    server,
    contextName,
    get,
    close: () => sharedAgent?.destroy(),
  };
}

/** A kubeconfig is a few kilobytes (certificates included); anything far larger is not one. */
export const MAX_KUBECONFIG_BYTES = 16 * 1024 * 1024;

/** The files kubectl reads: $KUBECONFIG's list, else ~/.kube/config when it exists. */
function defaultKubeconfigFiles(): string[] {
  const env = process.env.KUBECONFIG;
  if (env) return env.split(delimiter).filter((f) => f !== '');
  const home = join(homedir(), '.kube', 'config');
  return existsSync(home) ? [home] : [];
}

/** Why a kubeconfig could not be loaded: for YAML, the position only (never the library's snippet). */
export function kubeconfigProblem(error: unknown): string {
  const e = error as { name?: string; mark?: { line?: number; column?: number }; message?: string };
  if (e?.name === 'YAMLException') {
    const at =
      e.mark?.line !== undefined ? ` at line ${e.mark.line + 1}, column ${(e.mark.column ?? 0) + 1}` : '';
    return `not valid YAML${at}`;
  }
  // Other messages name fields ("clusters[0].name is missing"); only their first line, escaped by the CLI.
  return String(e?.message ?? error).split('\n')[0] ?? 'not a kubeconfig';
}

function pick<T extends object>(obj: T, keys: Array<keyof T>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}

/** One GET with node:http(s); the body is read whole (list pages are bounded by `limit`). */
export function request(url: URL, options: RequestOptions): Promise<HttpResponse> {
  const lib = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { ...options, method: 'GET' }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const headers: Record<string, string | undefined> = {};
        for (const [key, value] of Object.entries(res.headers)) {
          headers[key] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('timeout', () =>
      req.destroy(new Error(`no answer from ${url.host} within ${options.timeout} ms`)),
    );
    req.on('error', reject);
    req.end();
  });
}
