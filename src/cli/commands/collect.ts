// kube2eks collect: read a live cluster (GET only, Secret values replaced) into a bundle other commands take as INPUT.
import { escapeTerminal } from '../../report/escape.js';
import { type Collection, collectCluster } from '../../sources/cluster/collector.js';
import { ClusterAccessError, kubeConfigTransport, type Transport } from '../../sources/cluster/transport.js';
import { BundleTargetError, bundleFiles, writeBundle } from '../../sources/cluster/write-bundle.js';
import { formatProgress } from '../../sources/live.js';
import { UserError } from '../errors.js';
import { createProgress } from '../progress.js';

export interface CollectCommandOptions {
  context?: string;
  kubeconfig?: string;
  namespace?: string[];
  out: string;
  debug?: boolean;
}

export interface CollectDeps {
  /** A transport instead of the kubeconfig's (tests). */
  transport?: Transport & { contextName?: string };
  write?: (text: string) => void;
}

/** What the run read and what it could not, for the terminal. */
export function collectSummary(collection: Collection, context: string, out: string): string {
  const { objects, elapsedMs, retries, restarts } = collection.stats;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(objects / seconds) : objects;
  const lines = [
    `Collected ${objects.toLocaleString('en-US')} objects of ${collection.resources.length} resource types from context ${context}` +
      `${collection.serverVersion ? ` (Kubernetes ${collection.serverVersion})` : ''} in ${seconds.toFixed(1)} s` +
      ` (${rate.toLocaleString('en-US')} objects/s) into ${out}.`,
    'Secret values were replaced at the source: the bundle holds their keys and types only.',
  ];
  if (retries || restarts) {
    lines.push(
      `The API server asked to slow down or failed ${retries} time(s); ${restarts} expired list(s) were restarted.`,
    );
  }
  if (collection.forbidden.length) {
    lines.push('', 'Not readable with these credentials (skipped):');
    for (const f of collection.forbidden) lines.push(`  ${f.resource}: ${f.reason}`);
  }
  if (collection.failed.length) {
    lines.push('', 'Could not be read (skipped):');
    for (const f of collection.failed) lines.push(`  ${f.resource}: ${f.reason}`);
  }
  // Resource names and reasons come from the API server.
  return `${escapeTerminal(lines.join('\n'), true)}\n`;
}

export async function runCollect(options: CollectCommandOptions, deps: CollectDeps = {}): Promise<number> {
  const namespaces = options.namespace ?? [];
  let transport = deps.transport;
  const progress = createProgress();
  try {
    if (!transport) {
      const kubeOptions: { context?: string; kubeconfig?: string } = {};
      if (options.context) kubeOptions.context = options.context;
      if (options.kubeconfig) kubeOptions.kubeconfig = options.kubeconfig;
      transport = await kubeConfigTransport(kubeOptions);
    }
    const context = transport.contextName ?? options.context ?? 'current';
    const collection = await collectCluster(transport, {
      namespaces,
      onProgress: (p) => progress.update(formatProgress(`collecting from ${context}`, p)),
    });
    progress.done();
    await writeBundle(bundleFiles(collection, { context, namespaces }), options.out);
    (deps.write ?? ((t: string) => process.stdout.write(t)))(
      collectSummary(collection, context, options.out),
    );
    return 0;
  } catch (error) {
    if (error instanceof ClusterAccessError || error instanceof BundleTargetError)
      throw new UserError(error.message);
    throw error;
  } finally {
    progress.done();
    if (!deps.transport) transport?.close?.();
  }
}
