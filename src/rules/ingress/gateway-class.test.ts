import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import gatewayClass from './gateway-class.js';

const FIXTURE = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: fires-gke, namespace: web}
spec:
  gatewayClassName: gke-l7-global-external-managed
  listeners: [{name: http, protocol: HTTP, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: fires-istio}
spec:
  controllerName: istio.io/gateway-controller
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: fires-on-istio}
spec:
  gatewayClassName: fires-istio
  listeners: [{name: http, protocol: HTTP, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: aws-alb}
spec:
  controllerName: gateway.k8s.aws/alb
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: dont-fire-alb}
spec:
  gatewayClassName: aws-alb
  listeners: [{name: http, protocol: HTTP, port: 80}]
`;

describe('ingress/gateway-class', () => {
  const findings = runRule(gatewayClass, FIXTURE, { targetVersion: '1.31' });

  it('reports Gateways and GatewayClasses of controllers EKS does not run', () => {
    expect(summarize(findings)).toEqual([
      'warning ingress/gateway-class Gateway/fires-gke@web :5',
      'warning ingress/gateway-class GatewayClass/fires-istio :12',
      'warning ingress/gateway-class Gateway/fires-on-istio :18',
    ]);
    expect(findings[0]?.message).toBe(
      'Gateway web/fires-gke uses GatewayClass gke-l7-global-external-managed (GKE Gateway controller (Google Cloud load balancers)), which EKS does not provide; on EKS use a GatewayClass of the AWS Load Balancer Controller.',
    );
    expect(findings[0]?.remediation).toContain('controllerName gateway.k8s.aws/alb for HTTPRoute/GRPCRoute');
    expect(findings[1]?.remediation).toContain('or install Istio on EKS');
  });
});
