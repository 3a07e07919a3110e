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

describe('pdb/drain on pods an operator creates', () => {
  const findings = runRule(
    drain,
    `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  replicas: 2
  podMetadata:
    labels: {app.kubernetes.io/component: prometheus, app.kubernetes.io/name: prometheus}
---
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec:
  replicas: 3
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: fires-prometheus, namespace: monitoring}
spec:
  minAvailable: 1
  selector: {matchLabels: {app.kubernetes.io/component: prometheus, app.kubernetes.io/name: prometheus}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: fires-alertmanager, namespace: monitoring}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {alertmanager: main}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: fires-unmatched, namespace: monitoring}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: nothing}}
`,
  );
  const byName = Object.fromEntries(findings.map((f) => [f.resource.name, f]));

  it('counts the replicas of the custom resource behind the selected pods', () => {
    expect(byName['fires-prometheus']?.message).toBe(
      'PodDisruptionBudget fires-prometheus (minAvailable: 1) gates node drains on EKS for the pods its operator creates for Prometheus k8s (2 replicas).',
    );
    expect(byName['fires-prometheus']?.explanation).toContain('This budget allows 1 pod down at a time.');
    expect(byName['fires-alertmanager']?.message).toContain('for Alertmanager main (3 replicas)');
  });

  it('writes singular counts in the singular', () => {
    expect(byName['fires-unmatched']?.explanation).toContain(
      'evictions while at least 1 pod stays available',
    );
  });
});

describe('pdb/drain with a CronJob that shares a StatefulSet’s labels', () => {
  // A MySQL StatefulSet and its backup CronJob labelled alike (as in GoogleCloudPlatform
  // kubernetes-engine-samples gke-stateful-mysql, where the backup pods reuse app: mysql).
  const text = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: mysql, namespace: db}
spec:
  replicas: 3
  selector: {matchLabels: {app: mysql}}
  template:
    metadata: {labels: {app: mysql}}
    spec: {containers: [{name: mysql, image: mysql:8.0}]}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: mysql-backup, namespace: db}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: mysql}}
        spec: {restartPolicy: OnFailure, containers: [{name: backup, image: mysql:8.0}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: fires-mysql-pdb, namespace: db}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: mysql}}
`;

  it('counts only the StatefulSet’s replicas', () => {
    const [finding] = runRule(drain, text);
    expect(finding?.message).toBe(
      'PodDisruptionBudget fires-mysql-pdb (minAvailable: 2) gates node drains on EKS for StatefulSet db/mysql (3 replicas).',
    );
    expect(finding?.data?.selected).toEqual(['StatefulSet/mysql']);
  });
});
