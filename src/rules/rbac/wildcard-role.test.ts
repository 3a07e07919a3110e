import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './wildcard-role.js';

const FIXTURE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: fires-operator}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list]
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: fires-scale-all, namespace: shop}
rules:
- {apiGroups: [apps], resources: ["*/scale"], verbs: [update]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-narrow}
rules:
- {apiGroups: [networking.k8s.io], resources: [ingresses], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:dont-fire-system"}
rules:
- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: dont-fire-aggregated}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}}]
rules: []
`;

describe('rbac/wildcard-role', () => {
  it('reports roles with wildcards, pointing at the first wildcard rule', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning rbac/wildcard-role ClusterRole/fires-operator :8',
      'warning rbac/wildcard-role Role/fires-scale-all@shop :16',
    ]);
    expect(findings[0]?.message).toBe(
      'ClusterRole fires-operator grants wildcards: rule 2 (verbs *, apiGroups *, resources *).',
    );
    expect(findings[1]?.message).toContain('rule 1 (resources */scale)');
    expect(findings[0]?.remediation).toContain('AmazonEKSEditPolicy');
  });
});
