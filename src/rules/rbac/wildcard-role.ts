// rbac/wildcard-role: Roles and ClusterRoles granting `*`, a least-privilege review the move is a chance for.
import { groupOf } from '../../model/kinds.js';
import { isManagedByDistribution, RBAC_GROUPS, rulesOf } from '../../model/rbac.js';
import { defineRule } from '../define.js';

const isWild = (value: string): boolean => value === '*' || value.endsWith('/*') || value.startsWith('*/');

export default defineRule({
  meta: {
    id: 'rbac/wildcard-role',
    targets: ['Role', 'ClusterRole'],
    category: 'rbac',
    severity: 'warning',
    description: 'Roles and ClusterRoles with `*` in verbs, resources, apiGroups or nonResourceURLs.',
    fixable: false,
    messages: {
      wildcard: {
        message: '{{kind}} {{name}} grants wildcards: {{wildcards}}.',
        explanation:
          "A wildcard also covers every API added later. On EKS that includes the AWS add-ons' resources (TargetGroupBinding, SecurityGroupPolicy, ENIConfig, Pod Identity associations through the API, …), so whoever holds this role through an access entry or a service account can reconfigure AWS networking and load balancing from inside the cluster.",
        remediation:
          'List the verbs, API groups and resources the holders really use (kubectl auth can-i --list, or the audit log in CloudWatch once on EKS) and replace the wildcards. For people, prefer an EKS access policy (AmazonEKSAdminPolicy, AmazonEKSEditPolicy, AmazonEKSViewPolicy) scoped to their namespaces over a custom wildcard role.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    const obj = item.object;
    if (item.ref.kind !== 'Role' && item.ref.kind !== 'ClusterRole') return;
    if (!RBAC_GROUPS.has(groupOf(item.ref.apiVersion))) return;
    if (isManagedByDistribution(obj) || item.ref.name.startsWith('system:')) return;
    // Aggregated ClusterRoles get their rules from others; the wildcards (if any) live there.
    if (obj.aggregationRule !== undefined) return;
    const wildcards: string[] = [];
    let firstIndex = -1;
    rulesOf(obj).forEach((rule, index) => {
      const found: string[] = [];
      if (rule.verbs.some(isWild)) found.push('verbs *');
      if (rule.apiGroups.some(isWild)) found.push('apiGroups *');
      const res = rule.resources.filter(isWild);
      if (res.length) found.push(`resources ${res.join(', ')}`);
      const urls = rule.nonResourceURLs.filter((u) => u === '*' || u.endsWith('*'));
      if (urls.length) found.push(`nonResourceURLs ${urls.join(', ')}`);
      if (found.length) {
        if (firstIndex === -1) firstIndex = index;
        wildcards.push(`rule ${index + 1} (${found.join(', ')})`);
      }
    });
    if (firstIndex === -1) return;
    report({
      item,
      messageId: 'wildcard',
      data: { kind: item.ref.kind, name: item.ref.name, wildcards },
      path: ['rules', firstIndex],
    });
  },
});
