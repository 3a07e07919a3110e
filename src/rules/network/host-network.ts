// network/host-network: pods on the node's network namespace, and host ports, behave differently on the VPC CNI.
import { cniOfDaemonSet } from '../../model/cni.js';
import { replacedComponentOf } from '../../model/control-plane.js';
import { containersOf } from '../../model/kinds.js';
import type { FieldPath } from '../../model/types.js';
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'network/host-network',
    targets: ['workload'],
    category: 'host-network',
    severity: 'warning',
    description:
      'Workloads with hostNetwork: true (warning) or host ports (info), which use the node IP on the VPC CNI.',
    fixable: false,
    severityNote: 'info for host ports only',
    messages: {
      hostNetwork: {
        message: "{{kind}} {{name}} sets hostNetwork: true: its pods use the node's IP address and ports.",
        explanation:
          "With the Amazon VPC CNI, a hostNetwork pod takes the node's primary ENI address instead of a VPC IP of its own. It uses no pod IP (and is not limited by the per-ENI IP count behind max pods), but every port it listens on{{ports}} is a port of the node: two such pods on one node conflict, the node's security group applies instead of security groups for pods, NetworkPolicies do not isolate it, and Fargate cannot run it.",
        remediation:
          'Run it on EC2 node groups (managed or self-managed, not Fargate) and allow its ports in the node security group. If it only needs to be reachable, drop hostNetwork and expose it through a Service: the pod then gets its own VPC IP.',
      },
      hostNetworkReplaced: {
        message: "{{kind}} {{name}} sets hostNetwork: true: its pods use the node's IP address and ports.",
        explanation:
          "It is the source cluster's {{component}}, which is not moved to EKS as is ({{rule}} says what replaces it), so its host networking does not need a place on EKS nodes.",
        remediation:
          'Nothing to schedule for it on EKS. Whatever replaces it on EKS and still needs hostNetwork runs on EC2 node groups (not Fargate), with its ports open in the node security group.',
      },
      hostPort: {
        message: '{{kind}} {{name}} binds host ports {{ports}} on its node.',
        explanation:
          "The Amazon VPC CNI supports hostPort through its portmap plugin (on by default in aws-node): traffic to the node's IP on that port reaches the pod. Only one such pod fits per node and port, the node security group must allow the port, and Fargate does not support host ports.",
        remediation:
          'Allow {{ports}} in the node security group and keep it on EC2 node groups, or drop hostPort and expose the pods through a Service (an NLB with target type ip reaches pod IPs directly).',
      },
    },
  },
  checkObject(item, ctx, report) {
    const obj = item.object;
    const view = ctx.pod;
    const ports: string[] = [];
    let firstHostPort: FieldPath | undefined;
    const containerPorts: string[] = [];
    for (const c of containersOf(view)) {
      const list = c.container.ports;
      if (!Array.isArray(list)) continue;
      list.forEach((p, i) => {
        if (typeof p?.containerPort === 'number')
          containerPorts.push(`${p.containerPort}/${p.protocol ?? 'TCP'}`);
        if (typeof p?.hostPort === 'number' && p.hostPort > 0) {
          ports.push(`${p.hostPort}/${p.protocol ?? 'TCP'}`);
          firstHostPort ??= [...c.path, 'ports', i, 'hostPort'];
        }
      });
    }
    const data = { kind: item.ref.kind, name: item.ref.name };
    if (view.spec.hostNetwork === true) {
      const unique = [...new Set(containerPorts)];
      const cni = item.ref.kind === 'DaemonSet' ? cniOfDaemonSet(obj) : undefined;
      const component = cni ? undefined : replacedComponentOf(obj);
      if (cni || component) {
        report({
          item,
          messageId: 'hostNetworkReplaced',
          data: {
            ...data,
            component: cni ? `${cni.name} agent` : String(component),
            rule: cni ? 'network/cni' : 'control-plane/component',
          },
          path: [...view.specPath, 'hostNetwork'],
          facts: {
            hostNetwork: true,
            ports: unique,
            replacedBy: cni ? 'network/cni' : 'control-plane/component',
          },
        });
        return;
      }
      report({
        item,
        messageId: 'hostNetwork',
        data: { ...data, ports: unique.length ? ` (${unique.join(', ')})` : '' },
        path: [...view.specPath, 'hostNetwork'],
        facts: { hostNetwork: true, ports: unique },
      });
      return;
    }
    if (firstHostPort) {
      const unique = [...new Set(ports)];
      report({
        item,
        messageId: 'hostPort',
        severity: 'info',
        data: { ...data, ports: unique },
        path: firstHostPort,
        facts: { hostPorts: unique },
      });
    }
  },
});
