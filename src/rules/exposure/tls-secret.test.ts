import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './tls-secret.js';

// Shapes from cert-manager's ingress-shim tutorial (cert-manager.io/cluster-issuer on an nginx Ingress),
// kubernetes/ingress-nginx docs/examples/tls-termination, and an ALB Ingress that already names an ACM ARN.
const FIXTURE = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-cert-manager
  namespace: web
  annotations: {cert-manager.io/cluster-issuer: letsencrypt-prod}
spec:
  ingressClassName: nginx
  tls:
  - hosts: [www.example.com, example.com]
    secretName: example-com-tls
  rules:
  - host: www.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-acm-named
  annotations:
    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc
spec:
  ingressClassName: alb
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: dont-fire-plain-http}
spec:
  rules: [{host: a.example.com}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dont-fire-stays-on-nginx
  annotations: {nginx.ingress.kubernetes.io/configuration-snippet: "more_set_headers X-Frame-Options: DENY;"}
spec:
  ingressClassName: nginx
  tls: [{hosts: [c.example.com], secretName: c-tls}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: dont-fire-tls-without-secret}
spec:
  tls: [{hosts: [b.example.com]}]
`;

describe('exposure/tls-secret', () => {
  it('asks for ACM certificates for Ingress TLS Secrets', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'info exposure/tls-secret Ingress/fires-cert-manager@web :11',
      'info exposure/tls-secret Ingress/fires-acm-named :24',
    ]);
    const [cm, acm] = findings;
    expect(cm?.message).toBe(
      'Ingress web/fires-cert-manager terminates TLS for www.example.com and example.com with Secret example-com-tls, issued by cert-manager (letsencrypt-prod).',
    );
    expect(cm?.explanation).toContain('imported into ACM are not renewed');
    expect(cm?.remediation).toContain('alb.ingress.kubernetes.io/certificate-arn');
    expect(cm?.remediation).toContain('discover them by host');
    expect(acm?.message).toBe('Ingress fires-acm-named names Secret shop-tls and an ACM certificate.');
  });
});
