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
    expect(deploy?.message).toBe('extensions/v1beta1 Deployment was removed in Kubernetes 1.16; use apps/v1.');
    expect(deploy?.fix).toEqual([{ op: 'replace', path: '/apiVersion', value: 'apps/v1' }]);
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
