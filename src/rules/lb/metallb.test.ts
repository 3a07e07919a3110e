import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import metallb from './metallb.js';

const FIXTURE = `apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata: {name: fires-pool, namespace: metallb-system}
spec:
  addresses: [192.168.10.0/24, 192.168.9.1-192.168.9.5]
---
apiVersion: metallb.io/v1beta1
kind: L2Advertisement
metadata: {name: fires-l2, namespace: metallb-system}
spec:
  ipAddressPools: [fires-pool]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: config, namespace: metallb-system}
data:
  config: |
    address-pools:
    - name: default
      protocol: layer2
      addresses: [10.0.0.10-10.0.0.20]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dont-fire-app-config}
data:
  config: "log-level: debug"
---
apiVersion: example.com/v1
kind: IPAddressPool
metadata: {name: dont-fire-other-group}
`;

describe('lb/metallb', () => {
  it('reports MetalLB pools, advertisements and the legacy ConfigMap', () => {
    const findings = runRule(metallb, FIXTURE, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual([
      'warning lb/metallb IPAddressPool/fires-pool@metallb-system :5',
      'warning lb/metallb ConfigMap/config@metallb-system :17',
      'info lb/metallb L2Advertisement/fires-l2@metallb-system :8',
    ]);
    expect(findings[0]?.message).toBe(
      'MetalLB IPAddressPool fires-pool (192.168.10.0/24 and 192.168.9.1-192.168.9.5) is not needed on EKS: AWS Network Load Balancers take their addresses from the VPC subnets.',
    );
    expect(findings[0]?.remediation).toContain(
      'service.beta.kubernetes.io/aws-load-balancer-eip-allocations',
    );
    expect(findings[2]?.message).toBe(
      'MetalLB L2Advertisement fires-l2 (announces pool addresses with ARP/NDP) is not needed on EKS.',
    );
  });
});
