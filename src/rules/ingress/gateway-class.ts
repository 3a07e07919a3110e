// ingress/gateway-class: Gateway API GatewayClasses and Gateways served by a controller EKS does not run
// (GKE Gateway, Azure Application Gateway for Containers, Istio, Cilium, Envoy Gateway, …).

import { AWS_GATEWAY_CONTROLLERS, GATEWAY_IMPLEMENTATIONS } from '../../model/ingress.table.js';
import { getPath } from '../../model/kinds.js';
import { defineRule } from '../define.js';

const AWS_ADVICE =
  "Create a GatewayClass for the AWS Load Balancer Controller — controllerName gateway.k8s.aws/alb for HTTPRoute/GRPCRoute (an ALB) or gateway.k8s.aws/nlb for TCPRoute/UDPRoute/TLSRoute (an NLB) — and point the Gateways at it; load balancer settings move to the controller's LoadBalancerConfiguration and TargetGroupConfiguration resources";

function implementationOf(value: string): { product: string; keep?: string } | undefined {
  return GATEWAY_IMPLEMENTATIONS.find((g) => g.match.test(value));
}

export default defineRule({
  meta: {
    id: 'ingress/gateway-class',
    targets: ['GatewayClass', 'Gateway'],
    category: 'ingress',
    severity: 'warning',
    description:
      'Gateway API GatewayClasses and Gateways served by a controller EKS does not run (GKE Gateway, Azure Application Gateway for Containers, Istio, Cilium, Envoy Gateway, …).',
    fixable: false,
    messages: {
      gatewayClass: {
        message:
          'GatewayClass {{name}} names controller {{controller}} ({{product}}), which EKS does not run; the AWS Load Balancer Controller serves gateway.k8s.aws/alb and gateway.k8s.aws/nlb.',
        explanation:
          'A GatewayClass only routes Gateways to a controller that must run in the cluster; without it the Gateways get no load balancer.{{keepNote}}',
        remediation: '{{advice}}.',
      },
      gateway: {
        message:
          'Gateway {{ref}} uses GatewayClass {{className}} ({{product}}), which EKS does not provide; on EKS use a GatewayClass of the AWS Load Balancer Controller.',
        explanation:
          'The Gateway gets its load balancer from the controller of its class. {{product}} is not part of EKS, so the Gateway and its routes stay unprogrammed.{{keepNote}}',
        remediation: '{{advice}}.',
      },
    },
  },
  /** `spec.controllerName` of the input's GatewayClasses by name (the first of a name wins). */
  index: (inventory) => {
    const controllers = new Map<string, unknown>();
    for (const o of inventory.objects) {
      if (o.ref.kind === 'GatewayClass' && !controllers.has(o.ref.name))
        controllers.set(o.ref.name, getPath(o.object, ['spec', 'controllerName']));
    }
    return controllers;
  },
  checkObject(item, ctx, report) {
    const group = item.ref.apiVersion.split('/')[0];
    if (group !== 'gateway.networking.k8s.io') return;
    if (item.ref.kind === 'GatewayClass') {
      const controller = getPath(item.object, ['spec', 'controllerName']);
      if (typeof controller !== 'string' || AWS_GATEWAY_CONTROLLERS.has(controller)) return;
      const impl = implementationOf(controller) ?? implementationOf(item.ref.name);
      report({
        item,
        messageId: 'gatewayClass',
        data: {
          name: item.ref.name,
          controller,
          product: impl?.product ?? 'a Gateway API implementation',
          keepNote: impl?.keep ? ` ${impl.product} can also run on EKS.` : '',
          advice: impl?.keep ? `${AWS_ADVICE}; or ${impl.keep}` : AWS_ADVICE,
        },
        path: ['spec', 'controllerName'],
        facts: { controller, product: impl?.product ?? null },
      });
      return;
    }
    if (item.ref.kind !== 'Gateway') return;
    const className = getPath(item.object, ['spec', 'gatewayClassName']);
    if (typeof className !== 'string') return;
    const controller = ctx.index.get(className);
    if (typeof controller === 'string' && AWS_GATEWAY_CONTROLLERS.has(controller)) return;
    const impl =
      (typeof controller === 'string' ? implementationOf(controller) : undefined) ??
      implementationOf(className);
    // A class of the input with an unknown controller is reported on the GatewayClass itself.
    if (!impl) return;
    report({
      item,
      messageId: 'gateway',
      data: {
        ref: item.ref.namespace ? `${item.ref.namespace}/${item.ref.name}` : item.ref.name,
        className,
        product: impl.product,
        keepNote: impl.keep ? ` ${impl.product} can also be installed on EKS.` : '',
        advice: impl.keep ? `${AWS_ADVICE}; or ${impl.keep}` : AWS_ADVICE,
      },
      path: ['spec', 'gatewayClassName'],
      facts: { gatewayClassName: className, product: impl.product },
    });
  },
});
