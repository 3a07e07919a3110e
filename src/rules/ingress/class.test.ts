import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import ingressClass from './class.js';

const FIXTURE = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-nginx-annotation
  namespace: shop
  annotations:
    kubernetes.io/ingress.class: "nginx"
    nginx.ingress.kubernetes.io/ssl-redirect: "true"
spec:
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fires-aks-app-routing}
spec:
  ingressClassName: webapprouting.kubernetes.azure.com
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-no-class-keep-nginx
  annotations:
    nginx.ingress.kubernetes.io/configuration-snippet: "more_set_headers X: y;"
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: dont-fire-alb
  annotations: {kubernetes.io/ingress.class: alb}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: dont-fire-alb-class-object}
spec:
  ingressClassName: public
  defaultBackend: {service: {name: web, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: public}
spec: {controller: ingress.k8s.aws/alb}
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: fires-nginx-class}
spec: {controller: k8s.io/ingress-nginx}
`;

describe('ingress/class', () => {
  const findings = runRule(ingressClass, FIXTURE, { targetVersion: '1.31' });
  const byName = (name: string) => findings.find((f) => f.resource.name === name)!;

  it('reports Ingresses not served by ALB and non-ALB IngressClasses', () => {
    expect(summarize(findings)).toEqual([
      'warning ingress/class Ingress/fires-nginx-annotation@shop :7',
      'warning ingress/class Ingress/fires-aks-app-routing :17',
      'warning ingress/class Ingress/fires-no-class-keep-nginx :26',
      'warning ingress/class IngressClass/fires-nginx-class :52',
    ]);
  });

  it('names the class, how it is set, the TLS Secrets and the ALB rewrite', () => {
    const f = byName('fires-nginx-annotation');
    expect(f.message).toBe(
      'Ingress shop/fires-nginx-annotation uses ingress class nginx (ingress-nginx, set by the kubernetes.io/ingress.class annotation); on EKS the AWS Load Balancer Controller serves class alb.',
    );
    expect(f.explanation).toContain('Its TLS certificates come from Secrets (shop-tls)');
    expect(f.explanation).toContain('(nginx.ingress.kubernetes.io/ssl-redirect) need translating too');
    expect(f.remediation).toContain('Alternatively install ingress-nginx on EKS');
    expect(f.fix).toEqual([
      { op: 'add', path: '/spec/ingressClassName', value: 'alb' },
      { op: 'remove', path: '/metadata/annotations/kubernetes.io~1ingress.class' },
      {
        op: 'add',
        path: '/metadata/annotations/alb.ingress.kubernetes.io~1scheme',
        value: 'internet-facing',
      },
      { op: 'add', path: '/metadata/annotations/alb.ingress.kubernetes.io~1target-type', value: 'ip' },
    ]);
    expect(byName('fires-aks-app-routing').message).toContain(
      'ingress class webapprouting.kubernetes.azure.com (AKS application routing add-on (managed NGINX), set by spec.ingressClassName)',
    );
  });

  it('recommends keeping the controller when the Ingress needs features ALB lacks', () => {
    const f = byName('fires-no-class-keep-nginx');
    expect(f.message).toContain('names no ingress class');
    expect(f.remediation).toContain(
      'relies on ingress-nginx features an ALB lacks (nginx.ingress.kubernetes.io/configuration-snippet)',
    );
    expect(f.fixable).toBe(false);
    expect(byName('fires-nginx-class').message).toBe(
      'IngressClass fires-nginx-class names controller k8s.io/ingress-nginx (ingress-nginx), which EKS does not run; the AWS Load Balancer Controller serves IngressClass alb (controller ingress.k8s.aws/alb).',
    );
  });
  it('points out ALB annotations already on a class-less Ingress and the resource IDs they name', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fires-old-alb-controller
  annotations:
    alb.ingress.kubernetes.io/scheme: internal
    alb.ingress.kubernetes.io/subnets: subnet-0a1, subnet-0b2
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
`;
    const [f] = runRule(ingressClass, text, { targetVersion: '1.31' });
    expect(f?.explanation).toContain(
      'It already carries AWS Load Balancer Controller annotations (alb.ingress.kubernetes.io/scheme and alb.ingress.kubernetes.io/subnets), which take effect once its class is alb; alb.ingress.kubernetes.io/subnets: subnet-0a1, subnet-0b2 names resources of the old account or VPC',
    );
    expect(f?.remediation).toContain('alb.ingress.kubernetes.io/scheme: internal');
  });
});
