import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './cni.js';

const FIXTURE = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: calico-node, namespace: kube-system}
spec:
  template:
    metadata: {labels: {k8s-app: calico-node}}
    spec:
      hostNetwork: true
      containers: [{name: calico-node, image: docker.io/calico/node:v3.27.0}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-flannel-by-image, namespace: kube-flannel}
spec:
  template:
    spec:
      containers: [{name: kube-flannel, image: docker.io/flannel/flannel:v0.24.0}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cilium, namespace: kube-system}
spec:
  template:
    spec:
      containers: [{name: cilium-agent, image: quay.io/cilium/cilium:v1.15.0}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cilium-envoy, namespace: kube-system}
spec:
  template:
    spec:
      containers: [{name: envoy, image: quay.io/cilium/cilium-envoy:v1.29}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: aws-node, namespace: kube-system}
spec:
  template:
    spec:
      containers: [{name: aws-node, image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.0}]
---
apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata: {name: fires-macvlan, namespace: telco}
spec:
  config: '{"cniVersion": "0.3.1", "type": "macvlan", "master": "eth1"}'
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-multus-pod, namespace: telco}
spec:
  template:
    metadata:
      annotations: {k8s.v1.cni.cncf.io/networks: fires-macvlan}
    spec:
      containers: [{name: app, image: app:1}]
---
apiVersion: operator.tigera.io/v1
kind: Installation
metadata: {name: default}
spec:
  cni: {type: AmazonVPC}
`;

describe('network/cni', () => {
  it("reports the source cluster's CNI agents and Multus attachments", () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning network/cni DaemonSet/calico-node@kube-system :3',
      'warning network/cni DaemonSet/fires-flannel-by-image@kube-flannel :13',
      'warning network/cni DaemonSet/cilium@kube-system :21',
      'warning network/cni NetworkAttachmentDefinition/fires-macvlan@telco :47',
      'warning network/cni Deployment/fires-multus-pod@telco :55',
    ]);
    const [calico, flannel, cilium, nad, pod] = findings;
    expect(calico?.message).toBe(
      "DaemonSet calico-node is the node agent of Calico, the source cluster's CNI plugin; it is not migrated to EKS.",
    );
    expect(calico?.explanation).toContain('Amazon VPC CNI');
    expect(calico?.remediation).toContain('policy only');
    expect(flannel?.message).toContain('Flannel');
    expect(cilium?.remediation).toContain('chaining');
    expect(nad?.message).toBe(
      'NetworkAttachmentDefinition fires-macvlan defines a Multus network attachment (CNI type macvlan).',
    );
    expect(pod?.message).toBe(
      'Deployment fires-multus-pod attaches extra networks through Multus: fires-macvlan.',
    );
    expect(nad?.explanation).toContain('use ipvlan on a secondary ENI');
  });

  it('recognises renamed CNI agents by their containers and images (RKE2 Canal, mirrored Flannel)', () => {
    const ds = (name: string, containers: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: kube-system}
spec:
  template:
    spec:
      hostNetwork: true
      containers: ${containers}
`;
    const text = [
      ds(
        'fires-rke2-canal',
        '[{name: calico-node, image: rancher/hardened-calico:v3.26.3}, {name: kube-flannel, image: rancher/hardened-flannel:v0.23.0}]',
      ),
      ds(
        'fires-flannel-mirror',
        '[{name: flanneld, image: docker.io/rancher/mirrored-flannelcni-flannel:v0.19.2}]',
      ),
      ds('fires-calico-by-container', '[{name: calico-node, image: registry.example.com/net/node:v3.27.0}]'),
      ds('dont-fire-log-agent', '[{name: fluent-bit, image: cr.fluentbit.io/fluent/fluent-bit:3.0}]'),
    ].join('---\n');
    const findings = runRule(rule, text);
    expect(findings.map((f) => [f.resource.name, f.data?.cni])).toEqual([
      ['fires-rke2-canal', 'canal'],
      ['fires-flannel-mirror', 'flannel'],
      ['fires-calico-by-container', 'calico'],
    ]);
    expect(findings[0]?.message).toContain('Canal (Calico policy on Flannel networking)');
  });

  it('tells Multus apart from the pod network and lists the networks a pod asks for', () => {
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-multus, namespace: kube-system}
spec:
  template:
    spec:
      hostNetwork: true
      containers: [{name: kube-multus, image: ghcr.io/k8snetworkplumbingwg/multus-cni:v4.0.2}]
---
apiVersion: v1
kind: Pod
metadata:
  name: fires-json-networks
  annotations:
    k8s.v1.cni.cncf.io/networks: '[ { "name": "macvlan-a" },
      { "name": "sriov-b", "namespace": "telco" } ]'
spec:
  containers: [{name: app, image: app:1}]
---
apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata: {name: fires-sriov}
spec:
  config: '{"type": "sriov", "vlan": 1000}'
`;
    const [multus, pod, sriov] = runRule(rule, text);
    expect(multus?.message).toBe(
      'DaemonSet fires-multus runs Multus, which adds extra network interfaces to pods; on EKS it runs as the AWS build on top of the Amazon VPC CNI, not with this configuration.',
    );
    expect(multus?.message).not.toContain('not migrated');
    expect(pod?.message).toBe(
      'Pod fires-json-networks attaches extra networks through Multus: macvlan-a and telco/sriov-b.',
    );
    expect(sriov?.explanation).toContain('AWS provides no SR-IOV CNI plugin for EKS');
  });

  it('reports a Tigera operator Installation that is not already on the VPC CNI', () => {
    const text = `apiVersion: operator.tigera.io/v1
kind: Installation
metadata: {name: fires-calico-operator}
spec:
  calicoNetwork: {ipPools: [{cidr: 192.168.0.0/16}]}
`;
    const findings = runRule(rule, text);
    expect(summarize(findings)).toEqual(['warning network/cni Installation/fires-calico-operator :4']);
    expect(findings[0]?.message).toContain('CNI type Calico');
  });
});
