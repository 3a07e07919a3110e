import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import drain from './drain.js';

const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: web, image: web:1}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db:1}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: fires-gates, namespace: shop}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: fires-blocks-max-zero, namespace: shop}
spec:
  maxUnavailable: 0
  selector:
    matchExpressions:
    - {key: tier, operator: In, values: [front]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: fires-blocks-min-equal, namespace: shop}
spec:
  minAvailable: 3
  selector: {matchLabels: {app: db}}
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata: {name: fires-blocks-percent, namespace: shop}
spec:
  minAvailable: 67%
  selector: {matchLabels: {app: db}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: fires-other-namespace, namespace: blog}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
`;

describe('pdb/drain', () => {
  const findings = runRule(drain, FIXTURE);

  it('reports every PodDisruptionBudget, as a warning when it blocks drains', () => {
    expect(summarize(findings)).toEqual([
      'warning pdb/drain PodDisruptionBudget/fires-blocks-max-zero@shop :31',
      'warning pdb/drain PodDisruptionBudget/fires-blocks-min-equal@shop :40',
      'warning pdb/drain PodDisruptionBudget/fires-blocks-percent@shop :47',
      'info pdb/drain PodDisruptionBudget/fires-gates@shop :24',
      'info pdb/drain PodDisruptionBudget/fires-other-namespace@blog :54',
    ]);
  });

  it('names the budget and the workloads it selects', () => {
    const byName = Object.fromEntries(findings.map((f) => [f.resource.name, f]));
    expect(byName['fires-gates']?.message).toBe(
      'PodDisruptionBudget fires-gates (maxUnavailable: 1) gates node drains on EKS for Deployment shop/web (3 replicas).',
    );
    expect(byName['fires-gates']?.explanation).toContain('This budget allows 1 pod down at a time.');
    expect(byName['fires-blocks-percent']?.message).toBe(
      'PodDisruptionBudget fires-blocks-percent (minAvailable: 67%) allows no voluntary disruption of StatefulSet shop/db (3 replicas): it blocks node drains on EKS.',
    );
    expect(byName['fires-blocks-percent']?.explanation).toContain('PodEvictionFailure');
    expect(byName['fires-other-namespace']?.message).toContain('no workload in the input matches it');
  });
});
