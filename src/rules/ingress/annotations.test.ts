import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import annotations from './annotations.js';

const FIXTURE = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-translatable
  annotations:
    kubernetes.io/ingress.class: nginx
    nginx.ingress.kubernetes.io/backend-protocol: "GRPC"
    nginx.ingress.kubernetes.io/affinity: "cookie"
    nginx.ingress.kubernetes.io/session-cookie-max-age: "3600"
    nginx.ingress.kubernetes.io/load-balance: "ewma"
    nginx.ingress.kubernetes.io/whitelist-source-range: "10.0.0.0/8"
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-keep-nginx
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /$2
    nginx.ingress.kubernetes.io/proxy-body-size: "0"
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-gke
  annotations:
    kubernetes.io/ingress.class: gce
    kubernetes.io/ingress.global-static-ip-name: web-ip
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dont-fire-alb
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "true"
spec:
  ingressClassName: alb
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dont-fire-no-controller-annotations
  annotations: {external-dns.alpha.kubernetes.io/hostname: web.example.com}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
`;

describe('ingress/annotations', () => {
  const findings = runRule(annotations, FIXTURE, { targetVersion: '1.31' });
  const byName = (name: string) => findings.find((f) => f.resource.name === name)!;

  it('reports controller annotations of Ingresses that move off their controller', () => {
    expect(summarize(findings)).toEqual([
      'warning ingress/annotations Ingress/fires-translatable :7',
      'warning ingress/annotations Ingress/fires-keep-nginx :21',
      'warning ingress/annotations Ingress/fires-gke :32',
    ]);
  });

  it('translates what ALB can do, merging target group attributes', () => {
    const f = byName('fires-translatable');
    expect(f.message).toBe(
      'Ingress fires-translatable (class nginx via kubernetes.io/ingress.class) carries ingress-nginx and cert-manager annotations that an ALB ignores: nginx.ingress.kubernetes.io/backend-protocol, nginx.ingress.kubernetes.io/affinity, nginx.ingress.kubernetes.io/session-cookie-max-age, nginx.ingress.kubernetes.io/load-balance, nginx.ingress.kubernetes.io/whitelist-source-range and cert-manager.io/cluster-issuer.',
    );
    expect(f.data?.albAnnotations).toEqual({
      'alb.ingress.kubernetes.io/backend-protocol-version': 'GRPC',
      'alb.ingress.kubernetes.io/target-group-attributes':
        'stickiness.enabled=true,stickiness.type=lb_cookie,stickiness.lb_cookie.duration_seconds=3600,load_balancing.algorithm.type=least_outstanding_requests',
      'alb.ingress.kubernetes.io/inbound-cidrs': '10.0.0.0/8',
    });
    expect(f.remediation).toContain('set by hand an ACM certificate for the hosts');
    // cert-manager's annotation needs an ACM ARN, so the fix leaves it in place.
    expect(f.fix?.map((op) => op.path)).not.toContain(
      '/metadata/annotations/cert-manager.io~1cluster-issuer',
    );
    expect(f.fix).toContainEqual({
      op: 'remove',
      path: '/metadata/annotations/nginx.ingress.kubernetes.io~1affinity',
    });
  });

  it('says when an annotation has no ALB equivalent and offers to keep the controller', () => {
    const f = byName('fires-keep-nginx');
    expect(f.message).toBe(
      'Ingress fires-keep-nginx (no ingress class) uses ingress-nginx annotations with no ALB equivalent (nginx.ingress.kubernetes.io/rewrite-target), besides nginx.ingress.kubernetes.io/proxy-body-size.',
    );
    expect(f.remediation).toContain(
      'install ingress-nginx on EKS and expose its controller Service as an NLB',
    );
    expect(f.fixable).toBe(false);
    expect(byName('fires-gke').message).toContain('kubernetes.io/ingress.global-static-ip-name');
    expect(byName('fires-gke').explanation).toContain('ALBs have no static addresses');
  });
  it('knows the annotations of AGIC, HAProxy, Traefik, Skipper and the ingress-nginx client-certificate family', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-agic-prefix
  annotations:
    kubernetes.io/ingress.class: azure/application-gateway
    appgw.ingress.kubernetes.io/backend-path-prefix: "/test/"
spec:
  rules:
  - http:
      paths:
      - {path: /hello/, pathType: Prefix, backend: {service: {name: go-server, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-zalando-weights
  annotations:
    zalando.org/backend-weights: |
      {"app-v1": 80, "app-v2": 20}
spec:
  defaultBackend: {service: {name: app-v1, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-mixed-controllers
  annotations:
    kubernetes.io/ingress.class: haproxy
    haproxy.org/timeout-client: 45s
    haproxy-ingress.github.io/ssl-redirect: "true"
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-traefik-acme
  annotations:
    traefik.ingress.kubernetes.io/router.tls.certresolver: le
spec:
  ingressClassName: traefik
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-client-certs
  annotations:
    nginx.ingress.kubernetes.io/auth-tls-verify-client: "on"
    nginx.ingress.kubernetes.io/auth-tls-secret: default/ca
    nginx.ingress.kubernetes.io/auth-tls-verify-depth: "1"
    nginx.ingress.kubernetes.io/auth-tls-pass-certificate-to-upstream: "true"
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: web, port: {number: 80}}}
`;
    const found = runRule(annotations, text, { targetVersion: '1.31' });
    const named = (name: string) => found.find((f) => f.resource.name === name)!;
    expect(named('fires-agic-prefix').remediation).toBe(
      'Set by hand a url-rewrite transform per backend Service (alb.ingress.kubernetes.io/transforms.go-server: [{"type": "url-rewrite", "urlRewriteConfig": {"rewrites": [{"regex": "^/hello/(.*)$", "replace": "/test/$1"}]}}], recent AWS Load Balancer Controller versions), then remove the old annotations.',
    );
    const zalando = named('fires-zalando-weights');
    expect(zalando.message).toContain('Skipper (Zalando kube-ingress-aws-controller) annotations');
    expect(zalando.explanation).toContain(
      'zalando.org/backend-weights: {"app-v1": 80, "app-v2": 20} -> weighted target groups in a forward action',
    );
    expect(named('fires-mixed-controllers').data?.albAnnotations).toEqual({
      'alb.ingress.kubernetes.io/load-balancer-attributes': 'idle_timeout.timeout_seconds=45',
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}, {"HTTPS": 443}]',
    });
    expect(named('fires-traefik-acme').remediation).toContain('an ACM certificate for the hosts');
    const certs = named('fires-client-certs');
    expect(certs.explanation).not.toContain('not known to kube2eks');
    expect(certs.remediation).toContain(
      'mutual-authentication (passthrough mode forwards the client certificate',
    );
    // Each manual step appears once even when several annotations lead to it.
    expect(certs.remediation.match(/mutual-authentication \(mutual TLS\)/g)?.length).toBe(1);
  });
});
