import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import customResources from './custom-resources.js';

const FIXTURE = `apiVersion: cloud.google.com/v1
kind: BackendConfig
metadata: {name: fires-backend, namespace: web}
spec:
  timeoutSec: 40
  healthCheck: {requestPath: /healthz}
  securityPolicy: {name: armor}
---
apiVersion: networking.gke.io/v1beta1
kind: FrontendConfig
metadata: {name: fires-frontend, namespace: web}
spec:
  redirectToHttps: {enabled: true}
---
apiVersion: networking.gke.io/v1
kind: ManagedCertificate
metadata: {name: fires-cert, namespace: web}
spec:
  domains: [shop.example.com]
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: fires-traefik}
spec: {routes: []}
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: web
  annotations: {cloud.google.com/backend-config: '{"default": "fires-backend"}'}
spec: {ports: [{port: 80}]}
---
apiVersion: example.com/v1
kind: BackendConfig
metadata: {name: dont-fire-other-group}
`;

describe('ingress/custom-resources', () => {
  const findings = runRule(customResources, FIXTURE, { targetVersion: '1.31' });

  it('reports the ingress resources of GKE and other controllers', () => {
    expect(summarize(findings)).toEqual([
      'warning ingress/custom-resources BackendConfig/fires-backend@web :2',
      'warning ingress/custom-resources FrontendConfig/fires-frontend@web :10',
      'warning ingress/custom-resources ManagedCertificate/fires-cert@web :16',
      'warning ingress/custom-resources IngressRoute/fires-traefik :22',
    ]);
  });

  it('maps each setting to its ALB counterpart and names who uses it', () => {
    const [backend, frontend, cert, route] = findings;
    expect(backend?.message).toBe(
      'BackendConfig fires-backend (cloud.google.com/v1) configures GKE Ingress, which EKS does not run; on EKS it becomes target group attributes and health checks of the ALB.',
    );
    expect(backend?.remediation).toContain(
      'timeoutSec -> alb.ingress.kubernetes.io/load-balancer-attributes',
    );
    expect(backend?.remediation).toContain('securityPolicy -> an AWS WAF web ACL');
    expect(backend?.explanation).toContain('It is used by Service web.');
    expect(frontend?.remediation).toContain(
      'redirectToHttps -> alb.ingress.kubernetes.io/ssl-redirect: "443"',
    );
    expect(cert?.remediation).toContain('an AWS Certificate Manager certificate for shop.example.com');
    expect(route?.remediation).toContain('an Ingress of class alb');
  });
  it('fills BackendConfig values in, and knows Traefik TLS options and AGIC resources', () => {
    const text = `apiVersion: cloud.google.com/v1
kind: BackendConfig
metadata: {name: fires-cdn}
spec:
  timeoutSec: 42
  connectionDraining: {drainingTimeoutSec: 62}
  cdn: {enabled: true}
---
apiVersion: traefik.io/v1alpha1
kind: TLSOption
metadata: {name: fires-tls-option}
spec: {minVersion: VersionTLS12}
---
apiVersion: appgw.ingress.k8s.io/v1
kind: AzureIngressProhibitedTarget
metadata: {name: fires-prohibited}
spec: {host: ftp.contoso.com}
---
apiVersion: networking.gke.io/v1
kind: MultiClusterIngress
metadata: {name: fires-mci}
spec: {template: {spec: {backend: {serviceName: zone-mcs, servicePort: 8080}}}}
---
apiVersion: approuting.kubernetes.azure.com/v1alpha1
kind: NginxIngressController
metadata: {name: fires-app-routing}
spec: {ingressClassName: nginx-internal}
`;
    const [cdn, tls, agic, mci, approuting] = runRule(customResources, text, { targetVersion: '1.31' });
    expect(mci?.remediation).toContain('an Ingress of class alb in each EKS cluster');
    expect(approuting?.message).toContain('configures AKS application routing add-on');
    expect(cdn?.remediation).toContain(
      'timeoutSec -> alb.ingress.kubernetes.io/load-balancer-attributes: idle_timeout.timeout_seconds=42',
    );
    expect(cdn?.remediation).toContain('deregistration_delay.timeout_seconds=62');
    expect(cdn?.remediation).toContain('cdn -> Amazon CloudFront in front of the ALB');
    expect(tls?.remediation).toContain(
      'an ELB security policy in alb.ingress.kubernetes.io/ssl-policy (minVersion VersionTLS12',
    );
    expect(agic?.message).toBe(
      'AzureIngressProhibitedTarget fires-prohibited (appgw.ingress.k8s.io/v1) configures Azure Application Gateway Ingress (AGIC), which EKS does not run; on EKS it is not needed.',
    );
    expect(agic?.remediation).toMatch(/^Drop the AzureIngressProhibitedTarget: it only tells AGIC/);
  });
});
