// Reading RBAC objects: subjects, role rules, whether a distribution manages the object, and which
// namespaces may use a pod security policy (PSP or OpenShift SCC) through RBAC.

import { inventoryIndex } from './inventory-index.js';
import { isRecord } from './kinds.js';
import type { Inventory, InventoryObject, KubeObject } from './types.js';

/** Labels of objects a distribution creates and reconciles itself: they are not the team's to migrate. */
export const MANAGED_OBJECT_LABELS: Readonly<Record<string, string | undefined>> = {
  'kubernetes.io/bootstrapping': 'rbac-defaults',
  // GKE/AKS/kOps add-on manager: any value (Reconcile, EnsureExists).
  'addonmanager.kubernetes.io/mode': undefined,
  'eks.amazonaws.com/component': undefined,
};

/** One access entry the plan creates for a subject of a binding: rbac/identity-binding puts it in the finding's facts, plan/access.ts reads it. */
export interface AccessEntryFact {
  principal: string;
  /** EKS access policy name, or `kubernetes-group:<name>` / `kubernetes-username:<name>` to keep the binding. */
  policy: string;
  policyArn?: string;
  kubernetesGroups?: string[];
  username?: string;
  scope: { type: 'cluster' | 'namespace'; namespaces?: string[] };
  from: string;
  origin: string;
}

/** RBAC API groups: Kubernetes, OpenShift's own, and '' for the OpenShift 3 `v1` kinds. */
export const RBAC_GROUPS = new Set(['rbac.authorization.k8s.io', 'authorization.openshift.io', '']);

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
  index: number;
}

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);

export function subjectsOf(obj: KubeObject): Subject[] {
  const list = obj.subjects;
  const out: Subject[] = [];
  if (!Array.isArray(list)) {
    // OpenShift 3 bindings (authorization.openshift.io, or v1) list plain userNames and groupNames.
    strings(obj.userNames).forEach((name, index) => {
      out.push({ kind: name.startsWith('system:serviceaccount:') ? 'ServiceAccount' : 'User', name, index });
    });
    strings(obj.groupNames).forEach((name, index) => {
      out.push({ kind: 'Group', name, index });
    });
    return out;
  }
  list.forEach((s, index) => {
    if (!isRecord(s) || typeof s.kind !== 'string' || typeof s.name !== 'string') return;
    const subject: Subject = { kind: s.kind, name: s.name, index };
    if (typeof s.namespace === 'string') subject.namespace = s.namespace;
    if (typeof s.apiGroup === 'string') subject.apiGroup = s.apiGroup;
    out.push(subject);
  });
  return out;
}

export function rulesOf(obj: KubeObject): PolicyRule[] {
  const list = obj.rules;
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((r) => ({
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  }));
}

/** Objects the distribution creates and reconciles (default roles, add-on manager): not migrated by the team. */
export function isManagedByDistribution(obj: KubeObject): boolean {
  const labels = obj.metadata?.labels ?? {};
  return Object.entries(MANAGED_OBJECT_LABELS).some(
    ([key, value]) => key in labels && (value === undefined || labels[key] === value),
  );
}

/** The Roles and ClusterRoles of an inventory by `Kind/name`, in inventory order: what `resolveRole` reads. */
export type RoleIndex = ReadonlyMap<
  string,
  ReadonlyArray<{ namespace: string | undefined; object: KubeObject }>
>;

export function roleIndexOf(inventory: Inventory): RoleIndex {
  const index = new Map<string, Array<{ namespace: string | undefined; object: KubeObject }>>();
  for (const o of inventory.objects) {
    if (o.ref.kind !== 'Role' && o.ref.kind !== 'ClusterRole') continue;
    const key = `${o.ref.kind}/${o.ref.name}`;
    const list = index.get(key) ?? [];
    list.push({ namespace: o.ref.namespace, object: o.object });
    index.set(key, list);
  }
  return index;
}

/** The Role or ClusterRole a binding's roleRef names, when it is in the inventory. */
export function resolveRole(roles: RoleIndex, binding: KubeObject): KubeObject | undefined {
  const ref = binding.roleRef;
  if (!isRecord(ref) || typeof ref.name !== 'string') return undefined;
  const kind = ref.kind === 'Role' ? 'Role' : 'ClusterRole';
  const namespace = binding.metadata?.namespace;
  return roles
    .get(`${kind}/${ref.name}`)
    ?.find((o) => kind === 'ClusterRole' || !namespace || !o.namespace || o.namespace === namespace)?.object;
}

/** True when every rule of the role only grants `use` of PodSecurityPolicies or SecurityContextConstraints. */
export function onlyGrantsPolicyUse(role: KubeObject): boolean {
  const rules = rulesOf(role);
  return (
    rules.length > 0 &&
    rules.every(
      (r) =>
        r.verbs.length > 0 &&
        r.verbs.every((v) => v === 'use') &&
        r.resources.length > 0 &&
        r.resources.every((res) => res === 'podsecuritypolicies' || res === 'securitycontextconstraints'),
    )
  );
}

/** The Roles, ClusterRoles and their bindings of an inventory: what `namespacesUsing` follows. */
export interface RbacObjects {
  roles: InventoryObject[];
  bindings: InventoryObject[];
}

export function rbacObjectsOf(inventory: Inventory): RbacObjects {
  const index = inventoryIndex(inventory);
  return {
    roles: [...index.ofKind('Role'), ...index.ofKind('ClusterRole')],
    bindings: inventory.objects.filter(
      (o) => o.ref.kind === 'RoleBinding' || o.ref.kind === 'ClusterRoleBinding',
    ),
  };
}

/** Namespaces whose service accounts are named by a user or group (`system:serviceaccount:ns:sa`, `system:serviceaccounts:ns`). */
export function namespacesOfIdentities(users: string[], groups: string[]): string[] {
  const out = new Set<string>();
  for (const u of users) {
    const m = /^system:serviceaccount:([^:]+):/.exec(u);
    if (m?.[1]) out.add(m[1]);
  }
  for (const g of groups) {
    if (g.startsWith('system:serviceaccounts:')) out.add(g.slice(23));
    else if (g === 'system:serviceaccounts' || g === 'system:authenticated') out.add('every namespace');
  }
  return [...out];
}

/**
 * Namespaces whose pods may use the policy, following Roles that grant `use` of it and their bindings.
 * `resource` is podsecuritypolicies, or securitycontextconstraints for OpenShift SCCs.
 */
export function namespacesUsing(
  rbac: RbacObjects,
  pspName: string,
  resource = 'podsecuritypolicies',
): string[] {
  const grants = (o: InventoryObject): boolean =>
    rulesOf(o.object).some(
      (r) =>
        (r.verbs.includes('use') || r.verbs.includes('*')) &&
        (r.resources.includes(resource) || r.resources.includes('*')) &&
        (r.resourceNames.length === 0 || r.resourceNames.includes(pspName)),
    );
  const roles = rbac.roles.filter(grants);
  const namespaces = new Set<string>();
  for (const b of rbac.bindings) {
    const ref = b.object.roleRef as { kind?: string; name?: string } | undefined;
    const bound = roles.some(
      (r) =>
        r.ref.kind === ref?.kind &&
        r.ref.name === ref?.name &&
        (r.ref.kind === 'ClusterRole' || r.ref.namespace === b.ref.namespace),
    );
    if (!bound) continue;
    if (b.ref.kind === 'RoleBinding' && b.ref.namespace) {
      namespaces.add(b.ref.namespace);
      continue;
    }
    const subjects = subjectsOf(b.object);
    for (const s of subjects) if (s.kind === 'ServiceAccount' && s.namespace) namespaces.add(s.namespace);
    const names = (kind: string): string[] => subjects.filter((s) => s.kind === kind).map((s) => s.name);
    for (const ns of namespacesOfIdentities([...names('User'), ...names('ServiceAccount')], names('Group')))
      namespaces.add(ns);
  }
  return [...namespaces].sort();
}
