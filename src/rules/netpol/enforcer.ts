// netpol/enforcer: network policies are only enforced on EKS when something enforces them: the Amazon VPC CNI
// network policy agent for Kubernetes NetworkPolicy, Calico or Cilium for their own policy kinds.
import { groupOf } from '../../model/kinds.js';
import { calicoFeatures, ciliumFeatures } from '../../model/network-policy.js';
import { defineRule, joinList } from '../define.js';

const CALICO_GROUPS = new Set(['crd.projectcalico.org', 'projectcalico.org']);
const CALICO_KINDS = new Set([
  'NetworkPolicy',
  'GlobalNetworkPolicy',
  'StagedNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'StagedKubernetesNetworkPolicy',
]);
const CILIUM_KINDS = new Set(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']);
const ANTREA_GROUPS = new Set(['crd.antrea.io', 'security.antrea.tanzu.vmware.com']);
const ANTREA_KINDS = new Set(['NetworkPolicy', 'ClusterNetworkPolicy']);
/** Cluster-scoped policies of the Kubernetes network policy API (SIG Network), not served by EKS itself. */
const ADMIN_KINDS = new Set(['AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy']);

const uses = (features: string[], what: string): string =>
  features.length
    ? ` It uses ${joinList(features)}, which Kubernetes NetworkPolicy cannot express.`
    : ` Its rules only use selectors, ports and CIDRs, so they map to Kubernetes NetworkPolicies (${what}).`;

export default defineRule({
  meta: {
    id: 'netpol/enforcer',
    targets: [
      'NetworkPolicy',
      ...CALICO_KINDS,
      ...CILIUM_KINDS,
      ...ANTREA_KINDS,
      ...ADMIN_KINDS,
      'FQDNNetworkPolicy',
    ],
    category: 'network-policy',
    severity: 'warning',
    description:
      'NetworkPolicies (and Calico, Cilium, Antrea, admin and GKE FQDN policies) that nothing enforces on EKS until a policy engine is turned on.',
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
          '{{apiVersion}} {{kind}} is a Calico policy kind: only Calico enforces it. The VPC CNI network policy agent enforces plain Kubernetes NetworkPolicies only.{{features}}',
        remediation:
          'Install Calico in policy-only mode on top of the Amazon VPC CNI (Tigera operator, with the Calico CRDs) before applying it, or rewrite it as Kubernetes NetworkPolicies enforced by the VPC CNI network policy agent (global and deny-rule semantics have no direct equivalent). Security groups for pods are the AWS-native option for traffic to AWS services.{{hostAdvice}}',
      },
      cilium: {
        message:
          'Cilium {{kind}} {{name}} needs Cilium on EKS; the VPC CNI network policy agent does not read it.',
        explanation:
          '{{apiVersion}} {{kind}} is a Cilium policy kind: only Cilium enforces it. The VPC CNI network policy agent enforces plain Kubernetes NetworkPolicies only.{{features}}',
        remediation:
          'Install Cilium on EKS (chaining mode with the Amazon VPC CNI, or ENI mode) before applying it, or rewrite its L3/L4 rules as Kubernetes NetworkPolicies enforced by the VPC CNI network policy agent. Security groups for pods are the AWS-native option for traffic to AWS services.{{hostAdvice}}',
      },
      antrea: {
        message:
          'Antrea {{kind}} {{name}} needs Antrea on EKS; the VPC CNI network policy agent does not read it.',
        explanation:
          '{{apiVersion}} {{kind}} is an Antrea policy kind (tiers, priorities, Drop/Reject actions, cluster-wide scope): only Antrea enforces it.',
        remediation:
          'Install Antrea in networkPolicyOnly mode on top of the Amazon VPC CNI before applying it, or rewrite it as Kubernetes NetworkPolicies enforced by the VPC CNI network policy agent. Security groups for pods are the AWS-native option for traffic to AWS services.',
      },
      admin: {
        message:
          '{{kind}} {{name}} is a cluster-wide admin policy that the VPC CNI network policy agent does not enforce.',
        explanation:
          '{{apiVersion}} {{kind}} belongs to the Kubernetes network policy API of SIG Network, a CRD that EKS does not install. It is enforced only by plugins that implement it (Calico, Antrea, OVN-Kubernetes); the VPC CNI network policy agent reads plain NetworkPolicies.',
        remediation:
          'Install the policy API CRDs and Calico or Antrea in policy-only mode on top of the Amazon VPC CNI, or turn it into NetworkPolicies in every namespace it selects (a default-deny or default-allow per namespace) enforced by the VPC CNI network policy agent.',
      },
      gkeFqdn: {
        message: 'GKE {{kind}} {{name}} (DNS-name egress policy) has no counterpart on EKS.',
        explanation:
          '{{apiVersion}} {{kind}} is enforced by GKE Dataplane V2 only. Neither EKS nor the VPC CNI network policy agent reads it, and Kubernetes NetworkPolicy only matches IP blocks.',
        remediation:
          'Use a CiliumNetworkPolicy with toFQDNs (Cilium in chaining mode with the Amazon VPC CNI), an egress proxy with a domain allow list, or AWS Network Firewall domain filtering on the VPC egress path.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    const { kind, apiVersion, name } = item.ref;
    const group = groupOf(apiVersion);
    const data = { kind, name, apiVersion };
    const hostAdvice = (features: string[]): string =>
      features.some((f) => f.startsWith('host'))
        ? ' Rules for the nodes themselves become the security groups of the EKS node groups.'
        : '';
    if (kind === 'NetworkPolicy' && (group === 'networking.k8s.io' || group === 'extensions')) {
      report({ item, messageId: 'kubernetes', data, facts: { enforcer: 'vpc-cni' } });
    } else if (CALICO_GROUPS.has(group) && CALICO_KINDS.has(kind)) {
      const features = calicoFeatures(item.object);
      const what = kind.includes('Global') ? 'one per namespace it selects' : 'in the same namespace';
      report({
        item,
        messageId: 'calico',
        data: { ...data, features: uses(features, what), hostAdvice: hostAdvice(features) },
        facts: { enforcer: 'calico', features },
      });
    } else if (group === 'cilium.io' && CILIUM_KINDS.has(kind)) {
      const features = ciliumFeatures(item.object);
      const what = kind.includes('Clusterwide') ? 'one per namespace it selects' : 'in the same namespace';
      report({
        item,
        messageId: 'cilium',
        data: { ...data, features: uses(features, what), hostAdvice: hostAdvice(features) },
        facts: { enforcer: 'cilium', features },
      });
    } else if (ANTREA_GROUPS.has(group) && ANTREA_KINDS.has(kind)) {
      report({ item, messageId: 'antrea', data, facts: { enforcer: 'antrea' } });
    } else if (group === 'policy.networking.k8s.io' && ADMIN_KINDS.has(kind)) {
      report({ item, messageId: 'admin', data, facts: { enforcer: 'admin-network-policy' } });
    } else if (group === 'networking.gke.io' && kind === 'FQDNNetworkPolicy') {
      report({ item, messageId: 'gkeFqdn', data, facts: { enforcer: 'gke-dataplane-v2' } });
    }
  },
});
