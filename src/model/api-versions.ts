// Which written apiVersion an object has, and what the deprecated-API table says of it.
import type { DeprecatedApi } from '../catalog/index.js';
import { compareMinor } from '../catalog/versions.js';
import type { InventoryObject } from './types.js';

export interface WrittenApi {
  apiVersion: string;
  /** True when read from last-applied-configuration of a live or backed-up object. */
  fromLastApplied: boolean;
}

/**
 * Servers answer at the version the client asked for, so for objects from a cluster, a backup or a
 * `kubectl get` dump the version the team wrote is in last-applied-configuration (sources set
 * `lastApplied` for those only, never for Secrets).
 */
export function writtenApi(item: InventoryObject): WrittenApi {
  if (item.lastApplied?.apiVersion && item.lastApplied.kind === item.ref.kind) {
    return { apiVersion: item.lastApplied.apiVersion, fromLastApplied: true };
  }
  return { apiVersion: item.ref.apiVersion, fromLastApplied: false };
}

const kindsOf = new WeakMap<readonly DeprecatedApi[], Set<string>>();

/**
 * True when the table has a Kubernetes row for the kind at any apiVersion. Checked before `writtenApi`, so
 * an object's last-applied-configuration is parsed only when its kind ever had a deprecated version.
 */
export function kindHasDeprecations(apis: readonly DeprecatedApi[], kind: string): boolean {
  let kinds = kindsOf.get(apis);
  if (!kinds) {
    kinds = new Set(apis.filter((a) => a.component === 'k8s').map((a) => a.kind));
    kindsOf.set(apis, kinds);
  }
  return kinds.has(kind);
}

/** The Kubernetes row for this apiVersion and kind (cert-manager and istio rows are out of scope). */
export function deprecationOf(apis: readonly DeprecatedApi[], apiVersion: string, kind: string) {
  return apis.find((a) => a.component === 'k8s' && a.apiVersion === apiVersion && a.kind === kind);
}

export function isRemovedBy(api: DeprecatedApi, target: string): boolean {
  return api.removedIn !== null && compareMinor(api.removedIn, target) <= 0;
}

export function isDeprecatedBy(api: DeprecatedApi, target: string): boolean {
  return api.deprecatedIn !== null && compareMinor(api.deprecatedIn, target) <= 0;
}
