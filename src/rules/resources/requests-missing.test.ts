import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { cpuMillicores, memoryMiB } from '../../model/quantity.js';
import { DEFAULT_CPU_REQUEST_MILLICORES, DEFAULT_MEMORY_REQUEST_MIB } from '../../model/requests.js';
import requestsMissing from './requests-missing.js';

const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-no-requests, namespace: shop}
spec:
  template:
    spec:
      initContainers:
      - {name: migrate, image: app:1}
      containers:
      - name: app
        image: app:1
        resources: {requests: {cpu: 250m}}
      - name: sidecar
        image: proxy:1
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-limits-only, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        resources: {limits: {cpu: "1", memory: 1Gi}}
---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: batch}
spec:
  limits:
  - type: Container
    defaultRequest: {cpu: 100m, memory: 256Mi}
---
apiVersion: batch/v1
kind: Job
metadata: {name: dont-fire-limitrange-defaults, namespace: batch}
spec:
  template:
    spec:
      containers: [{name: job, image: job:1}]
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-controlled-pod
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: fires-no-requests, controller: true, uid: x}]
spec:
  containers: [{name: app, image: app:1}]
`;

describe('resources/requests-missing', () => {
  const findings = runRule(requestsMissing, FIXTURE);

  it('reports workloads whose long-running containers lack requests', () => {
    expect(summarize(findings)).toEqual([
      'info resources/requests-missing Deployment/fires-no-requests@shop :10',
    ]);
  });

  it('says what the plan assumes', () => {
    expect(findings[0]?.message).toBe(
      'Deployment fires-no-requests has containers without CPU or memory requests: app (memory) and sidecar (cpu, memory).',
    );
    expect(findings[0]?.explanation).toContain('the plan assumes 100m CPU and 128 MiB memory each');
    expect(DEFAULT_CPU_REQUEST_MILLICORES).toBe(100);
    expect(DEFAULT_MEMORY_REQUEST_MIB).toBe(128);
  });
});

describe('resources/requests-missing on values that are no quantity', () => {
  const findings = runRule(
    requestsMissing,
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-placeholder, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        resources:
          requests: {cpu: "$(CPU)", memory: 256Mi}
          limits: {cpu: "1", memory: 1 GB}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-quantities, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        resources: {requests: {cpu: 0.5, memory: 1e3Mi}, limits: {cpu: 2, memory: 2Gi}}
`,
  );

  it('warns with each unreadable value, located at the first one', () => {
    expect(summarize(findings)).toEqual([
      'warning resources/requests-missing Deployment/fires-placeholder@shop :11',
    ]);
    expect(findings[0]?.message).toBe(
      'Deployment fires-placeholder has resource values that are no Kubernetes quantity: app requests.cpu "$(CPU)" and app limits.memory "1 GB".',
    );
    expect(findings[0]?.explanation).toContain('the plan assumes 100m CPU or 128 MiB memory');
  });
});

describe('quantities', () => {
  it('reads CPU and memory the way Kubernetes writes them', () => {
    expect(cpuMillicores('250m')).toBe(250);
    expect(cpuMillicores(0.15)).toBe(150);
    expect(cpuMillicores('2')).toBe(2000);
    expect(memoryMiB('0.5Gi')).toBe(512);
    expect(memoryMiB('128Mi')).toBe(128);
    expect(memoryMiB('1G')).toBeCloseTo(953.67, 2);
    expect(memoryMiB('lots')).toBeUndefined();
  });
});
