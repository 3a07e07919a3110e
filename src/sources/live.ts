// `context:NAME` inputs: collect from a live cluster in memory (read-only), then the same pipeline as files.
import type { InputNote, InventoryObject } from '../model/types.js';
import { type Collection, type CollectProgress, collectCluster } from './cluster/collector.js';
import { resourcePath } from './cluster/discovery.js';
import { kubeConfigTransport, type Transport } from './cluster/transport.js';
import type { SourceResult } from './result.js';
import { toInventoryObject } from './sanitize.js';

export interface LiveOptions {
  kubeconfig?: string;
  namespaces?: string[];
  onProgress?: (message: string) => void;
  /** A transport to use instead of the kubeconfig's (tests). */
  transport?: Transport;
}

/** One line of progress: `context:prod: 34/120 lists, 12,345 objects (4,100/s)`. */
export function formatProgress(label: string, p: CollectProgress): string {
  const perSecond = p.elapsedMs > 0 ? Math.round((p.objects * 1000) / p.elapsedMs) : 0;
  return `${label}: ${p.done}/${p.total} lists, ${p.objects.toLocaleString('en-US')} objects (${perSecond.toLocaleString('en-US')}/s)`;
}

/** Inventory objects of a collection, located by their API path on the cluster. */
export function collectionToSource(collection: Collection, contextName: string): SourceResult {
  const objects: InventoryObject[] = [];
  for (const { type, objects: list } of collection.resources) {
    for (const object of list) {
      const name = object.metadata?.name ?? '';
      const path = `${resourcePath(type, type.namespaced ? object.metadata?.namespace : undefined)}/${encodeURIComponent(name)}`;
      objects.push(toInventoryObject(object, { cluster: contextName, resourcePath: path }, 'cluster'));
    }
  }
  const file = `context:${contextName}`;
  const notes: InputNote[] = [
    ...collection.forbidden.map((f) => ({
      file,
      message: `${f.resource} could not be read (forbidden: ${f.reason})`,
    })),
    ...collection.failed.map((f) => ({ file, message: `${f.resource} could not be read: ${f.reason}` })),
  ];
  const cluster: SourceResult['cluster'] = {
    collectedAt: collection.collectedAt,
    context: contextName,
    nodes: collection.nodes,
    forbidden: collection.forbidden,
  };
  if (collection.serverVersion) cluster.serverVersion = collection.serverVersion;
  if (collection.usage) cluster.usage = collection.usage;
  return { objects, errors: [], notes, cluster };
}

/**
 * Collects a cluster in memory. Rejects (with a ClusterAccessError naming the cause) when the cluster
 * cannot be read at all: no kubeconfig, an unknown context, rejected credentials, failed discovery.
 * Lists that fail one by one become notes, and the rest is read.
 */
export async function readContext(context: string, options: LiveOptions = {}): Promise<SourceResult> {
  const file = `context:${context}`;
  let transport: Transport | undefined = options.transport;
  try {
    if (!transport) {
      const kubeOptions: { context: string; kubeconfig?: string } = { context };
      if (options.kubeconfig) kubeOptions.kubeconfig = options.kubeconfig;
      transport = await kubeConfigTransport(kubeOptions);
    }
    const collectOptions: Parameters<typeof collectCluster>[1] = {};
    if (options.namespaces) collectOptions.namespaces = options.namespaces;
    const onProgress = options.onProgress;
    if (onProgress) collectOptions.onProgress = (p) => onProgress(formatProgress(file, p));
    const collection = await collectCluster(transport, collectOptions);
    return collectionToSource(collection, context);
  } finally {
    if (!options.transport) transport?.close?.();
  }
}
