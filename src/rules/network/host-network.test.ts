import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './host-network.js';

const FIXTURE = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-host-network, namespace: monitoring}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: true
      containers:
      - name: agent
        image: agent:1
        ports: [{containerPort: 9100}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-host-port}
spec:
  template:
    spec:
      containers:
      - name: web
        image: web:1
        ports:
        - containerPort: 8080
        - {containerPort: 80, hostPort: 80}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-commented}
spec:
  template:
    spec:
      # hostNetwork: true
      hostNetwork: false
      containers: [{name: web, image: web:1, ports: [{containerPort: 80}]}]
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: dont-fire-policy}
spec: {hostNetwork: true, hostPorts: [{min: 80, max: 80}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-owned-pod
  namespace: monitoring
  ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: fires-host-network, controller: true, uid: x}]
spec:
  hostNetwork: true
  containers: [{name: agent, image: agent:1}]
`;

// A Pod whose ReplicaSet was not collected is the only trace of its workload: it is reported like the
// other rules report it (one definition of which pods count, model/workloads.ts).
const ORPHAN = `apiVersion: v1
kind: Pod
metadata:
  name: fires-orphan-pod
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d4f, controller: true, uid: x}]
spec:
  hostNetwork: true
  containers: [{name: web, image: web:1}]
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: api-6c7d, namespace: shop}
spec:
  template:
    spec:
      hostNetwork: true
      containers: [{name: api, image: api:1}]
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-pod-of-listed-replicaset
  namespace: shop
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: api-6c7d, controller: true, uid: y}]
spec:
  hostNetwork: true
  containers: [{name: api, image: api:1}]
`;

describe('network/host-network', () => {
  it('reports a hostNetwork Pod whose controller is not in the input, not one whose controller is', () => {
    expect(summarize(runRule(rule, ORPHAN))).toEqual([
      'warning network/host-network Pod/fires-orphan-pod@shop :8',
      'warning network/host-network ReplicaSet/api-6c7d@shop :17',
    ]);
  });

  it('warns on hostNetwork and notes host ports, never on policies', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning network/host-network DaemonSet/fires-host-network@monitoring :9',
      'info network/host-network Deployment/fires-host-port :26',
    ]);
    const [hostNetwork, hostPort] = findings;
    expect(hostNetwork?.message).toBe(
      "DaemonSet fires-host-network sets hostNetwork: true: its pods use the node's IP address and ports.",
    );
    expect(hostNetwork?.explanation).toContain('every port it listens on (9100/TCP) is a port of the node');
    expect(hostPort?.message).toBe('Deployment fires-host-port binds host ports 80/TCP on its node.');
    expect(hostPort?.explanation).toContain('portmap');
    // A hostPort-only workload must not be described as hostNetwork.
    const text = `${hostPort?.message} ${hostPort?.explanation} ${hostPort?.remediation}`;
    expect(text).not.toContain('hostNetwork');
  });

  it('does not tell to re-host the CNI agents and control-plane pods that EKS replaces', () => {
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-weave-net, namespace: kube-system}
spec:
  template:
    spec:
      hostNetwork: true
      containers: [{name: weave-npc, image: example/weave-npc:2.8}]
---
apiVersion: v1
kind: Pod
metadata:
  name: fires-kube-scheduler
  namespace: kube-system
  labels: {component: kube-scheduler, tier: control-plane}
spec:
  hostNetwork: true
  containers: [{name: kube-scheduler, image: registry.k8s.io/kube-scheduler:v1.29.0}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-node-agent, namespace: kube-system}
spec:
  template:
    spec:
      hostNetwork: true
      containers: [{name: agent, image: example/agent:1}]
`;
    const [weave, scheduler, agent] = runRule(rule, text);
    expect(weave?.message).toContain('hostNetwork: true');
    expect(weave?.explanation).toContain("source cluster's Weave Net agent");
    expect(weave?.explanation).toContain('network/cni');
    expect(weave?.remediation).not.toContain('drop hostNetwork');
    expect(scheduler?.explanation).toContain("source cluster's kube-scheduler");
    expect(scheduler?.data?.replacedBy).toBe('control-plane/component');
    expect(agent?.remediation).toContain('drop hostNetwork');
  });
});
