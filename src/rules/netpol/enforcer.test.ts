import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import enforcer from './enforcer.js';

const FIXTURE = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: fires-default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: crd.projectcalico.org/v1
kind: GlobalNetworkPolicy
metadata: {name: fires-calico-global}
spec:
  selector: all()
  types: [Egress]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: fires-cilium-l7, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: dont-fire-networkpolicies.crd.projectcalico.org}
spec:
  group: crd.projectcalico.org
  names: {kind: NetworkPolicy, plural: networkpolicies}
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-service, namespace: shop}
`;

describe('netpol/enforcer', () => {
  const findings = runRule(enforcer, FIXTURE);

  it('reports Kubernetes, Calico and Cilium policies', () => {
    expect(summarize(findings)).toEqual([
      'warning netpol/enforcer NetworkPolicy/fires-default-deny@shop :1',
      'warning netpol/enforcer GlobalNetworkPolicy/fires-calico-global :8',
      'warning netpol/enforcer CiliumNetworkPolicy/fires-cilium-l7@shop :15',
    ]);
  });

  it('names the enforcer each needs on EKS', () => {
    const [plain, calico, cilium] = findings;
    expect(plain?.message).toBe(
      'NetworkPolicy fires-default-deny is not enforced on EKS until the VPC CNI network policy agent (or Calico or Cilium) is enabled.',
    );
    expect(plain?.remediation).toContain('enableNetworkPolicy');
    expect(plain?.remediation).toContain('security groups for pods');
    expect(calico?.message).toContain('Calico GlobalNetworkPolicy fires-calico-global needs Calico on EKS');
    expect(cilium?.message).toContain('Cilium CiliumNetworkPolicy fires-cilium-l7 needs Cilium on EKS');
  });
});
