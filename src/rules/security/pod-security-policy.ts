// security/pod-security-policy: PodSecurityPolicies are gone from EKS; map each to a Pod Security Admission level.
import { compareMinor } from '../../catalog/versions.js';
import {
  describeUnlessRequested,
  describeVerdict,
  evaluatePolicy,
  pspPolicy,
} from '../../model/pod-security.js';
import { namespacesUsing, rbacObjectsOf } from '../../model/rbac.js';
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'security/pod-security-policy',
    targets: ['PodSecurityPolicy'],
    category: 'security-context',
    severity: 'blocker',
    description: 'PodSecurityPolicies, removed in Kubernetes 1.25, mapped to a Pod Security Admission level.',
    fixable: false,
    severityNote: 'warning when the target is older than 1.25',
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
  index: rbacObjectsOf,
  checkObject(item, ctx, report) {
    if (item.ref.kind !== 'PodSecurityPolicy') return;
    const verdict = evaluatePolicy(pspPolicy(item.object));
    const namespaces = namespacesUsing(ctx.index, item.ref.name);
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
