import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import deprecated from './deprecated.js';
import removed from './removed.js';

const FIXTURE = `apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: fires-old-deployment, namespace: shop}
spec:
  template: {metadata: {labels: {app: a}}, spec: {containers: [{name: a, image: a}]}}
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: fires-psp}
spec: {}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-current}
---
apiVersion: cert-manager.io/v1alpha2
kind: Certificate
metadata: {name: dont-fire-other-component}
---
apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata: {name: fires-from-1-32}
`;

describe('api/removed', () => {
  it('reports removed APIs with their replacement against the target', () => {
    const findings = runRule(removed, FIXTURE, { targetVersion: '1.32' });
    expect(summarize(findings)).toEqual([
      'blocker api/removed Deployment/fires-old-deployment@shop :1',
      'blocker api/removed PodSecurityPolicy/fires-psp :7',
      'blocker api/removed FlowSchema/fires-from-1-32 :20',
    ]);
    const [deploy, psp] = findings;
    expect(deploy?.message).toBe(
      'extensions/v1beta1 Deployment was removed in Kubernetes 1.16; use apps/v1.',
    );
    // apps/v1 requires the selector extensions/v1beta1 defaulted from the template labels.
    expect(deploy?.fix).toEqual([
      { op: 'replace', path: '/apiVersion', value: 'apps/v1' },
      { op: 'add', path: '/spec/selector', value: { matchLabels: { app: 'a' } } },
    ]);
    expect(deploy?.fixable).toBe(true);
    expect(psp?.remediation).toContain('Pod Security Admission');
    expect(psp?.fixable).toBe(false);
  });

  it('follows the target version', () => {
    const names = runRule(removed, FIXTURE, { targetVersion: '1.31' }).map((f) => f.resource.name);
    expect(names).toEqual(['fires-old-deployment', 'fires-psp']);
  });

  it('honours the ignore annotation', () => {
    const text = `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: dont-fire-ignored
  annotations: {kube2eks.io/ignore: "api/*"}
`;
    expect(runRule(removed, text, { targetVersion: '1.31' })).toEqual([]);
  });
});

describe('api/deprecated', () => {
  it('reports APIs deprecated but still served by the target', () => {
    const text = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata: {name: fires-deprecated}
`;
    const findings = runRule(deprecated, text, { targetVersion: '1.29' });
    expect(summarize(findings)).toEqual(['warning api/deprecated FlowSchema/fires-deprecated :1']);
    expect(findings[0]?.message).toContain('will be removed in 1.32');
    expect(runRule(deprecated, text, { targetVersion: '1.32' })).toEqual([]);
  });
});

describe('api/removed on objects read back from a server', () => {
  it('judges a kubectl dump by its last-applied-configuration and says so', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-written-as-v1beta1
  namespace: shop
  resourceVersion: "1234"
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"extensions/v1beta1","kind":"Ingress","metadata":{"name":"fires-written-as-v1beta1"}}'
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dont-fire-plain-manifest
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"extensions/v1beta1","kind":"Ingress"}'
`;
    const findings = runRule(removed, text, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual(['blocker api/removed Ingress/fires-written-as-v1beta1@shop :1']);
    expect(findings[0]?.message).toBe(
      'extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1.',
    );
    expect(findings[0]?.explanation).toContain('last-applied-configuration');
    // The object itself is already at the replacement version: nothing to patch.
    expect(findings[0]?.fixable).toBe(false);
  });
});

describe('api/removed field rewrites', () => {
  const text = `apiVersion: autoscaling/v2beta1
kind: HorizontalPodAutoscaler
metadata: {name: fires-hpa-v2beta1}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: nginx}
  maxReplicas: 5
  metrics:
  - type: External
    external:
      metricName: nginx.net.request_per_s
      metricSelector: {matchLabels: {kube_container_name: nginx}}
      targetAverageValue: 9
  - type: Resource
    resource: {name: cpu, targetAverageUtilization: 70}
---
apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: {name: fires-ingress-v1beta1}
spec:
  backend: {serviceName: default, servicePort: 80}
  rules:
  - http:
      paths:
      - path: /api
        backend: {serviceName: api, servicePort: http}
---
apiVersion: apps/v1beta2
kind: Deployment
metadata: {name: fires-with-selector}
spec:
  selector: {matchLabels: {app: b}}
  template: {metadata: {labels: {app: b}}, spec: {containers: [{name: b, image: b}]}}
`;
  const findings = runRule(removed, text, { targetVersion: '1.31' });
  const byName = (n: string) => findings.find((f) => f.resource.name === n);

  it('nests v2beta1 HPA metrics the way autoscaling/v2 wants them', () => {
    const hpa = byName('fires-hpa-v2beta1');
    expect(hpa?.remediation).toContain('metricName becomes metric.name');
    expect(hpa?.fix).toEqual([
      { op: 'replace', path: '/apiVersion', value: 'autoscaling/v2' },
      {
        op: 'replace',
        path: '/spec/metrics/0',
        value: {
          type: 'External',
          external: {
            metric: {
              name: 'nginx.net.request_per_s',
              selector: { matchLabels: { kube_container_name: 'nginx' } },
            },
            target: { type: 'AverageValue', averageValue: 9 },
          },
        },
      },
      {
        op: 'replace',
        path: '/spec/metrics/1',
        value: {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      },
    ]);
  });

  it('moves Ingress backends to service.name / service.port and adds a pathType', () => {
    expect(byName('fires-ingress-v1beta1')?.fix).toEqual([
      { op: 'replace', path: '/apiVersion', value: 'networking.k8s.io/v1' },
      { op: 'remove', path: '/spec/backend' },
      {
        op: 'add',
        path: '/spec/defaultBackend',
        value: { service: { name: 'default', port: { number: 80 } } },
      },
      {
        op: 'replace',
        path: '/spec/rules/0/http/paths/0/backend',
        value: { service: { name: 'api', port: { name: 'http' } } },
      },
      { op: 'add', path: '/spec/rules/0/http/paths/0/pathType', value: 'ImplementationSpecific' },
    ]);
  });

  it('leaves a selector that is already there alone', () => {
    expect(byName('fires-with-selector')?.fix).toEqual([
      { op: 'replace', path: '/apiVersion', value: 'apps/v1' },
    ]);
  });
});
