import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import albCount from './alb-count.js';

const ingress = (name: string, extra = '') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  annotations: {kubernetes.io/ingress.class: nginx${extra}}
spec:
  rules: [{host: ${name}.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}, {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}}]
`;

describe('ingress/alb-count', () => {
  it('counts ALBs with and without group.name, and Ingresses kept on their controller', () => {
    const text = [
      ingress('fires-first'),
      ingress('second'),
      ingress('internal-one', ', alb.ingress.kubernetes.io/scheme: internal'),
      ingress('kept', ', nginx.ingress.kubernetes.io/server-snippet: "x"'),
    ].join('---\n');
    const findings = runRule(albCount, text, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual(['info ingress/alb-count Ingress/fires-first :1']);
    expect(findings[0]?.message).toBe(
      '3 Ingresses become 3 Application Load Balancers on EKS (one per Ingress), or 2 when they share alb.ingress.kubernetes.io/group.name; 1 more Ingress stays on its own controller behind an NLB (Ingress kept).',
    );
    expect(findings[0]?.remediation).toContain('one group per scheme: internet-facing and internal');
    expect(findings[0]?.data).toMatchObject({ albsWithoutGroup: 3, albsWithGroup: 2 });
  });

  it('stays quiet for a single Ingress', () => {
    expect(runRule(albCount, ingress('dont-fire-alone'))).toEqual([]);
  });
});
