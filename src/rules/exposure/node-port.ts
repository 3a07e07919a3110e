// exposure/node-port: NodePort Services that are an application's entry point. EKS nodes usually sit in
// private subnets, so a node port is not reachable from outside the VPC.

import { inventoryIndex } from '../../model/inventory-index.js';
import { getPath, isRecord } from '../../model/kinds.js';
import type { InventoryObject } from '../../model/types.js';
import { defineRule } from '../define.js';

/** Services an Ingress sends traffic to, as `namespace/name` (GKE's ingress needs NodePort backends). */
function ingressBackends(ingresses: readonly InventoryObject[]): Set<string> {
  const out = new Set<string>();
  const add = (ns: string, backend: unknown): void => {
    if (!isRecord(backend)) return;
    const name = getPath(backend, ['service', 'name']) ?? backend.serviceName;
    if (typeof name === 'string') out.add(`${ns}/${name}`);
  };
  for (const ing of ingresses) {
    const ns = ing.ref.namespace ?? '';
    const spec = ing.object.spec;
    if (!isRecord(spec)) continue;
    add(ns, spec.defaultBackend ?? spec.backend);
    const rules = Array.isArray(spec.rules) ? spec.rules : [];
    for (const rule of rules) {
      const paths = getPath(rule, ['http', 'paths']);
      if (Array.isArray(paths)) for (const p of paths) add(ns, isRecord(p) ? p.backend : undefined);
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'exposure/node-port',
    targets: ['Service', 'Ingress'],
    category: 'exposure',
    severity: 'warning',
    description:
      'NodePort Services that are an entry point (not an Ingress backend): EKS nodes sit in private subnets, so clients need an NLB or ALB in front.',
    fixable: false,
    messages: {
      entry: {
        message: 'Service {{ref}} is reached on node port {{ports}} of every node.',
        explanation:
          'Clients of a NodePort Service connect to a node’s address. EKS node groups are usually placed in private subnets (the plan kube2eks writes does so), with no public address and security groups that do not open the 30000-32767 range, so these clients lose their way in; node addresses also change as nodes are replaced.',
        remediation:
          'Put a load balancer in front: change the Service to type LoadBalancer for the AWS Load Balancer Controller (an NLB with target type ip; set service.beta.kubernetes.io/aws-load-balancer-scheme to internet-facing only if clients outside the VPC use it), or expose HTTP through an Ingress with ingressClassName alb. Keep NodePort only for clients inside the VPC, and open the port in the node security group.',
      },
    },
  },
  checkInventory(inventory, _ctx, report) {
    const index = inventoryIndex(inventory);
    const backends = ingressBackends(index.ofKind('Ingress'));
    for (const item of index.ofKind('Service')) {
      if (item.ref.apiVersion !== 'v1' || getPath(item.object, ['spec', 'type']) !== 'NodePort') continue;
      const ns = item.ref.namespace ?? '';
      if (ns === 'kube-system') continue;
      if (backends.has(`${ns}/${item.ref.name}`)) continue;
      const list = getPath(item.object, ['spec', 'ports']);
      const ports = (Array.isArray(list) ? list : [])
        .filter(isRecord)
        .map((p) =>
          typeof p.nodePort === 'number'
            ? `${p.nodePort} (port ${p.port})`
            : `(allocated) for port ${p.port}`,
        );
      report({
        item,
        messageId: 'entry',
        data: {
          ref: item.ref.namespace ? `${item.ref.namespace}/${item.ref.name}` : item.ref.name,
          ports: ports.length ? ports : ['(none listed)'],
        },
        path: ['spec', 'type'],
        facts: { ports },
      });
    }
  },
});
