// security/pod-security-policy: PodSecurityPolicies are gone from EKS; map each to a Pod Security Admission level.
import { compareMinor } from '../../catalog/versions.js';
import type { Inventory } from '../../model/types.js';
import { defineRule } from '../define.js';
import { rulesOf, subjectsOf } from '../rbac/rbac-util.js';
import { describeUnlessRequested, describeVerdict, evaluatePolicy, pspPolicy } from './psa.js';

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
  inventory: Inventory,
  pspName: string,
  resource = 'podsecuritypolicies',
): string[] {
  const grants = (o: Inventory['objects'][number]): boolean =>
    (o.ref.kind === 'Role' || o.ref.kind === 'ClusterRole') &&
    rulesOf(o.object).some(
      (r) =>
        (r.verbs.includes('use') || r.verbs.includes('*')) &&
        (r.resources.includes(resource) || r.resources.includes('*')) &&
        (r.resourceNames.length === 0 || r.resourceNames.includes(pspName)),
    );
  const roles = inventory.objects.filter(grants);
  const namespaces = new Set<string>();
  for (const b of inventory.objects) {
    if (b.ref.kind !== 'RoleBinding' && b.ref.kind !== 'ClusterRoleBinding') continue;
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

export default defineRule({
  meta: {
    id: 'security/pod-security-policy',
    category: 'security-context',
    severity: 'blocker',
    description: 'PodSecurityPolicies, removed in Kubernetes 1.25, mapped to a Pod Security Admission level.',
    fixable: false,
    messages: {
      removed: {
        message:
          'PodSecurityPolicy {{name}} is not enforced on EKS {{target}}: use Pod Security Admission at the {{level}} level{{unless}} instead.',
        explanation:
          'Kubernetes removed PodSecurityPolicy in 1.25, so EKS {{target}} neither serves nor enforces it: pods this policy used to reject would be admitted. EKS has Pod Security Admission (PSA) built in, with the three Pod Security Standards levels. This policy {{verdict}}.',
        remediation:
          'Label the namespaces whose pods used this policy{{namespaces}} with pod-security.kubernetes.io/enforce: {{level}}{{orLower}} (add pod-security.kubernetes.io/audit and warn first to see what would be rejected), put checks PSA has no level for in Kyverno or OPA Gatekeeper, then delete the policy and the RBAC granting use of it. The removed apiVersion itself is reported by api/removed.',
      },
      deprecated: {
        message:
          'PodSecurityPolicy {{name}} still works on EKS {{target}} but is removed in 1.25: plan Pod Security Admission at the {{level}} level{{unless}}.',
        explanation:
          'EKS {{target}} still enforces PodSecurityPolicy, but the next upgrades remove it (Kubernetes 1.25). This policy {{verdict}}.',
        remediation:
          'Before upgrading to 1.25, label the namespaces whose pods use this policy{{namespaces}} with pod-security.kubernetes.io/enforce: {{level}}{{orLower}} (audit and warn first) and retire the policy.',
      },
    },
  },
  checkObject(item, ctx, report) {
    if (item.ref.kind !== 'PodSecurityPolicy') return;
    const verdict = evaluatePolicy(pspPolicy(item.object));
    const namespaces = namespacesUsing(ctx.inventory, item.ref.name);
    const removed = compareMinor(ctx.targetVersion, '1.25') >= 0;
    report({
      item,
      messageId: removed ? 'removed' : 'deprecated',
      severity: removed ? 'blocker' : 'warning',
      data: {
        name: item.ref.name,
        target: ctx.targetVersion,
        level: verdict.level,
        unless: describeUnlessRequested(verdict),
        orLower: describeUnlessRequested(verdict, 'or'),
        verdict: describeVerdict(verdict),
        namespaces: namespaces.length ? ` (${namespaces.join(', ')})` : '',
      },
      path: ['spec'],
      facts: { psaLevel: verdict.level, reasons: verdict.reasons, namespaces },
    });
  },
});
