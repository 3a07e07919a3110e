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

  it('says what a Calico or Cilium policy uses beyond NetworkPolicy, and when it would port as is', () => {
    const text = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: fires-fqdn-l7}
spec:
  endpointSelector: {matchLabels: {app: web}}
  egress:
  - toPorts: [{ports: [{port: "53", protocol: ANY}], rules: {dns: [{matchPattern: "*"}]}}]
  - toFQDNs: [{matchName: api.example.com}]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: fires-host-policy}
spec:
  nodeSelector: {matchLabels: {type: worker}}
  ingress: [{fromEntities: [cluster]}]
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: fires-plain-l4, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: db}}
  ingress: [{fromEndpoints: [{matchLabels: {app: web}}], toPorts: [{ports: [{port: "5432"}]}]}]
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: fires-calico-deny, namespace: shop}
spec:
  selector: app == "db"
  ingress:
  - {action: Deny, source: {serviceAccounts: {names: [attacker]}}}
---
apiVersion: crd.antrea.io/v1beta1
kind: ClusterNetworkPolicy
metadata: {name: fires-antrea}
spec: {priority: 5, tier: securityops}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: fires-anp}
spec: {priority: 10}
---
apiVersion: networking.gke.io/v1alpha3
kind: FQDNNetworkPolicy
metadata: {name: fires-gke-fqdn, namespace: shop}
spec: {podSelector: {}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: dont-fire-twice, namespace: shop}
spec: {podSelector: {}}
`;
    const findings = runRule(enforcer, text);
    const byName = Object.fromEntries(findings.map((f) => [f.resource.name, f]));
    expect(findings.map((f) => f.data?.enforcer)).toEqual([
      'cilium',
      'cilium',
      'cilium',
      'calico',
      'antrea',
      'admin-network-policy',
      'gke-dataplane-v2',
      'vpc-cni',
    ]);
    expect(byName['fires-fqdn-l7']?.explanation).toContain(
      'It uses DNS-name egress rules (toFQDNs) and layer 7 rules (HTTP, DNS or Kafka), which Kubernetes NetworkPolicy cannot express.',
    );
    expect(byName['fires-host-policy']?.remediation).toContain('security groups of the EKS node groups');
    expect(byName['fires-plain-l4']?.explanation).toContain(
      'Its rules only use selectors, ports and CIDRs, so they map to Kubernetes NetworkPolicies (in the same namespace).',
    );
    expect(byName['fires-calico-deny']?.explanation).toContain('Deny actions and service-account selectors');
    expect(byName['fires-antrea']?.message).toContain('needs Antrea on EKS');
    expect(byName['fires-anp']?.remediation).toContain('Calico or Antrea');
    expect(byName['fires-gke-fqdn']?.remediation).toContain('toFQDNs');
  });
});
