// netpol/enforcer: network policies are only enforced on EKS when something enforces them: the Amazon VPC CNI
// network policy agent for Kubernetes NetworkPolicy, Calico or Cilium for their own policy kinds.
import { groupOf } from '../../model/kinds.js';
import { defineRule } from '../define.js';

const CALICO_GROUPS = new Set(['crd.projectcalico.org', 'projectcalico.org']);
const CALICO_KINDS = new Set([
  'NetworkPolicy',
  'GlobalNetworkPolicy',
  'StagedNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
]);
const CILIUM_KINDS = new Set(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']);

export default defineRule({
  meta: {
    id: 'netpol/enforcer',
    category: 'network-policy',
    severity: 'warning',
    description:
      'NetworkPolicies (and Calico or Cilium policies) that nothing enforces on EKS until a policy engine is turned on.',
    fixable: false,
    messages: {
      kubernetes: {
        message:
          'NetworkPolicy {{name}} is not enforced on EKS until the VPC CNI network policy agent (or Calico or Cilium) is enabled.',
        explanation:
          'EKS accepts NetworkPolicy objects but, by default, nothing enforces them: the Amazon VPC CNI enforces Kubernetes NetworkPolicies only with its network policy agent turned on; otherwise all pod traffic is allowed.',
        remediation:
          'Set enableNetworkPolicy: "true" in the configuration of the vpc-cni EKS add-on (VPC CNI 1.14 or later, EKS 1.25 or later), or install Calico in policy-only mode or Cilium in chaining mode. For traffic to AWS services, security groups for pods (SecurityGroupPolicy) are the AWS-native control.',
      },
      calico: {
        message:
          'Calico {{kind}} {{name}} needs Calico on EKS; the VPC CNI network policy agent does not read it.',
        explanation:
          '{{apiVersion}} {{kind}} is a Calico policy kind: only Calico enforces it. The VPC CNI network policy agent enforces plain Kubernetes NetworkPolicies only.',
        remediation:
          'Install Calico in policy-only mode on top of the Amazon VPC CNI (Tigera operator, with the Calico CRDs) before applying it, or rewrite it as Kubernetes NetworkPolicies enforced by the VPC CNI network policy agent (global and deny-rule semantics have no direct equivalent). Security groups for pods are the AWS-native option for traffic to AWS services.',
      },
      cilium: {
        message:
          'Cilium {{kind}} {{name}} needs Cilium on EKS; the VPC CNI network policy agent does not read it.',
        explanation:
          '{{apiVersion}} {{kind}} is a Cilium policy kind (with L7 and DNS rules Kubernetes NetworkPolicy lacks): only Cilium enforces it.',
        remediation:
          'Install Cilium on EKS (chaining mode with the Amazon VPC CNI, or ENI mode) before applying it, or rewrite its L3/L4 rules as Kubernetes NetworkPolicies enforced by the VPC CNI network policy agent. Security groups for pods are the AWS-native option for traffic to AWS services.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    const { kind, apiVersion, name } = item.ref;
    const group = groupOf(apiVersion);
    const data = { kind, name, apiVersion };
    if (kind === 'NetworkPolicy' && (group === 'networking.k8s.io' || group === 'extensions')) {
      report({ item, messageId: 'kubernetes', data, facts: { enforcer: 'vpc-cni' } });
    } else if (CALICO_GROUPS.has(group) && CALICO_KINDS.has(kind)) {
      report({ item, messageId: 'calico', data, facts: { enforcer: 'calico' } });
    } else if (group === 'cilium.io' && CILIUM_KINDS.has(kind)) {
      report({ item, messageId: 'cilium', data, facts: { enforcer: 'cilium' } });
    }
  },
});
