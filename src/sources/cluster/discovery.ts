// API discovery: every group at its preferred version, every listable resource of it.
// Aggregated discovery (one request for all groups, Kubernetes 1.26+) with the legacy documents as fallback.
import { isRecord } from '../../model/kinds.js';

/** One resource type to list. */
export interface ResourceType {
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

export const AGGREGATED_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

const DNS_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const VERSION = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;

/** A DNS-1123 subdomain: what the API allows as a group name. */
function isGroupName(group: string): boolean {
  return group.length <= 253 && group.split('.').every((label) => DNS_LABEL.test(label));
}

/**
 * Why a group, version or resource name the server sent cannot be used, or undefined. Everything a server
 * sends is untrusted: these names become request paths and file names of the bundle, so they must be what
 * the API's own grammar allows (a resource is a DNS-1123 label, a version a DNS-1035 label, a group a
 * DNS-1123 subdomain or empty for the core group).
 */
export function invalidName(type: { group: string; version: string; resource?: string }): string | undefined {
  if (type.group !== '' && !isGroupName(type.group)) return 'its API group is not a DNS-1123 subdomain';
  if (!VERSION.test(type.version)) return 'its API version is not a DNS-1035 label';
  if (type.resource !== undefined && !DNS_LABEL.test(type.resource))
    return 'its resource name is not a DNS-1123 label';
  return undefined;
}

/** A name the server sent, shortened and quoted for a message. */
export function quoteServerName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

/** `resource.group` as kubectl and Velero name a resource type (`pods`, `deployments.apps`). */
export function resourceName(type: Pick<ResourceType, 'group' | 'resource'>): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}

/** The API path of a resource type, optionally inside a namespace. */
export function resourcePath(
  type: Pick<ResourceType, 'group' | 'version' | 'resource'>,
  namespace?: string,
): string {
  const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  return namespace
    ? `${base}/namespaces/${encodeURIComponent(namespace)}/${type.resource}`
    : `${base}/${type.resource}`;
}

/** Reads an aggregated discovery document (APIGroupDiscoveryList); undefined when it is not one. */
export function parseAggregated(doc: unknown): ResourceType[] | undefined {
  if (!isRecord(doc) || doc.kind !== 'APIGroupDiscoveryList' || !Array.isArray(doc.items)) return undefined;
  const out: ResourceType[] = [];
  for (const group of doc.items) {
    if (!isRecord(group) || !Array.isArray(group.versions)) continue;
    const name =
      isRecord(group.metadata) && typeof group.metadata.name === 'string' ? group.metadata.name : '';
    // Versions are listed in preference order: the first is the preferred one.
    const preferred = group.versions.find((v) => isRecord(v) && v.freshness !== 'Stale') ?? group.versions[0];
    if (!isRecord(preferred) || typeof preferred.version !== 'string' || !Array.isArray(preferred.resources))
      continue;
    for (const r of preferred.resources) {
      if (!isRecord(r) || typeof r.resource !== 'string') continue;
      const kind =
        isRecord(r.responseKind) && typeof r.responseKind.kind === 'string' ? r.responseKind.kind : '';
      out.push({
        group: name,
        version: preferred.version,
        resource: r.resource,
        kind,
        namespaced: r.scope === 'Namespaced',
        verbs: Array.isArray(r.verbs) ? r.verbs.filter((v): v is string => typeof v === 'string') : [],
      });
    }
  }
  return out;
}

/** Reads a legacy APIResourceList (`/api/v1`, `/apis/<group>/<version>`), skipping subresources. */
export function parseResourceList(doc: unknown, group: string, version: string): ResourceType[] {
  if (!isRecord(doc) || !Array.isArray(doc.resources)) return [];
  const out: ResourceType[] = [];
  for (const r of doc.resources) {
    if (!isRecord(r) || typeof r.name !== 'string' || r.name.includes('/')) continue;
    out.push({
      group,
      version,
      resource: r.name,
      kind: typeof r.kind === 'string' ? r.kind : '',
      namespaced: r.namespaced === true,
      verbs: Array.isArray(r.verbs) ? r.verbs.filter((v): v is string => typeof v === 'string') : [],
    });
  }
  return out;
}

/** The preferred `group/version` of every group in a legacy APIGroupList. */
export function preferredGroupVersions(doc: unknown): Array<{ group: string; version: string }> {
  if (!isRecord(doc) || !Array.isArray(doc.groups)) return [];
  const out: Array<{ group: string; version: string }> = [];
  for (const g of doc.groups) {
    if (!isRecord(g) || typeof g.name !== 'string') continue;
    const preferred = isRecord(g.preferredVersion) ? g.preferredVersion.version : undefined;
    const first = Array.isArray(g.versions) && isRecord(g.versions[0]) ? g.versions[0].version : undefined;
    const version = typeof preferred === 'string' ? preferred : typeof first === 'string' ? first : undefined;
    if (version) out.push({ group: g.name, version });
  }
  return out;
}
