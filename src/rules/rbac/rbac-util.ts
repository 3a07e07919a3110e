// Reading RBAC objects: subjects, role rules and whether a distribution manages the object.
import { isRecord } from '../../model/kinds.js';
import type { Inventory, KubeObject } from '../../model/types.js';
import { inventoryIndex } from '../inventory-index.js';
import { MANAGED_OBJECT_LABELS } from './access-policies.table.js';

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

/** The Role or ClusterRole a binding's roleRef names, when it is in the inventory. */
export function resolveRole(inventory: Inventory, binding: KubeObject): KubeObject | undefined {
  const ref = binding.roleRef;
  if (!isRecord(ref) || typeof ref.name !== 'string') return undefined;
  const kind = ref.kind === 'Role' ? 'Role' : 'ClusterRole';
  const namespace = binding.metadata?.namespace;
  return inventoryIndex(inventory)
    .named(kind, ref.name)
    .find((o) => kind === 'ClusterRole' || !namespace || !o.ref.namespace || o.ref.namespace === namespace)
    ?.object;
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
