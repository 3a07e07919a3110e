import { describe, expect, it } from 'vitest';
import { firedNames, runRule, summarize } from '../../../test/support/rule-tester.js';
import replicasInvalid from './replicas-invalid.js';

// Objects named fires-* must be reported, dont-fire-* must not.
const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-negative, namespace: shop}
spec:
  replicas: -5
  template:
    spec:
      containers: [{name: app, image: app:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-quoted, namespace: shop}
spec:
  selector: {matchLabels: {app: quoted}}
  replicas: "3"
  template:
    spec:
      containers: [{name: app, image: app:1}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: fires-word, namespace: shop}
spec:
  replicas: three
  template:
    spec:
      containers: [{name: db, image: db:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-fraction, namespace: shop}
spec:
  replicas: 1.5
  template:
    spec:
      containers: [{name: app, image: app:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-placeholder, namespace: shop}
spec:
  replicas: "{{ .Values.replicaCount }}"
  template:
    spec:
      containers: [{name: app, image: app:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-three, namespace: shop}
spec:
  replicas: 3
  template:
    spec:
      containers: [{name: app, image: app:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-zero, namespace: shop}
spec:
  replicas: 0
  template:
    spec:
      containers: [{name: app, image: app:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-unset, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: app, image: app:1}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: dont-fire-job, namespace: shop}
spec:
  replicas: nonsense
  template:
    spec:
      containers: [{name: job, image: job:1}]
`;

describe('resources/replicas-invalid', () => {
  const findings = runRule(replicasInvalid, FIXTURE);

  it('reports each spec.replicas the API server rejects, at the replicas line, and nothing else', () => {
    expect(firedNames(findings).sort()).toEqual([
      'fires-fraction',
      'fires-negative',
      'fires-placeholder',
      'fires-quoted',
      'fires-word',
    ]);
    expect(summarize(findings)).toEqual([
      'warning resources/replicas-invalid Deployment/fires-negative@shop :5',
      'warning resources/replicas-invalid Deployment/fires-quoted@shop :15',
      'warning resources/replicas-invalid StatefulSet/fires-word@shop :24',
      'warning resources/replicas-invalid Deployment/fires-fraction@shop :33',
      'warning resources/replicas-invalid Deployment/fires-placeholder@shop :42',
    ]);
    expect(findings[1]?.location).toMatchObject({ file: 'fixture.yaml', line: 15 });
  });

  it('says what is wrong and the count the plan uses', () => {
    expect(findings.map((f) => f.message)).toEqual([
      'Deployment fires-negative has spec.replicas -5, which is negative; the plan counts it as 1 replica, the Kubernetes default.',
      'Deployment fires-quoted has spec.replicas "3", which is text, not a number; the plan reads it as 3 replicas.',
      'StatefulSet fires-word has spec.replicas "three", which is no number (an unrendered template placeholder?); the plan counts it as 1 replica, the Kubernetes default.',
      'Deployment fires-fraction has spec.replicas 1.5, which is no whole number; the plan rounds it up to 2 replicas.',
      'Deployment fires-placeholder has spec.replicas "{{ .Values.replicaCount }}", which is no number (an unrendered template placeholder?); the plan counts it as 1 replica, the Kubernetes default.',
    ]);
    expect(findings.map((f) => f.data?.assumedReplicas)).toEqual([1, 3, 1, 2, 1]);
    expect(findings[0]?.explanation).toContain('the API server rejects any other value');
  });
});
