import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { corefileCustomizations } from '../../model/corefile.js';
import rule from './component.js';

const FIXTURE = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver-master-1
  namespace: kube-system
  labels: {component: kube-apiserver, tier: control-plane}
spec:
  hostNetwork: true
  containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.28.4, command: [kube-apiserver]}]
---
apiVersion: v1
kind: Pod
metadata: {name: etcd-master-1, namespace: kube-system}
spec:
  containers: [{name: etcd, image: registry.k8s.io/etcd:3.5.9-0}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: dont-fire-app-etcd, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: etcd, image: quay.io/coreos/etcd:v3.5.9}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: fires-etcd-backup, namespace: kube-system}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: backup
            image: bitnami/etcd:3.5
            command: [sh, -c, "etcdctl snapshot save /backup/etcd-$(date +%s).db"]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: openstack-cloud-controller-manager, namespace: kube-system}
spec:
  template:
    spec:
      containers: [{name: ccm, image: registry.k8s.io/provider-os/openstack-cloud-controller-manager:v1.28.0}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cluster-autoscaler, namespace: kube-system}
spec:
  template:
    spec:
      containers:
      - name: cluster-autoscaler
        image: registry.k8s.io/autoscaling/cluster-autoscaler:v1.28.2
        command: [./cluster-autoscaler, --cloud-provider=gce, --nodes=1:10:mig-1]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-aws-autoscaler, namespace: kube-system}
spec:
  template:
    spec:
      containers:
      - name: cluster-autoscaler
        image: registry.k8s.io/autoscaling/cluster-autoscaler:v1.28.2
        command: [./cluster-autoscaler, --cloud-provider=aws]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-proxy, namespace: kube-system}
spec:
  template:
    spec:
      containers: [{name: kube-proxy, image: registry.k8s.io/kube-proxy:v1.28.4, command: [kube-proxy, --proxy-mode=ipvs]}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  Corefile: |
    .:53 {
        errors
        health {
           lameduck 5s
        }
        kubernetes cluster.local in-addr.arpa ip6.arpa {
           pods insecure
           fallthrough in-addr.arpa ip6.arpa
        }
        hosts {
           10.0.0.5 legacy.corp
           fallthrough
        }
        forward . /etc/resolv.conf
        cache 30
    }
    corp.example:53 {
        forward . 10.1.0.2
    }
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dont-fire-app-config, namespace: shop}
data: {mode: ipvs}
`;

describe('control-plane/component', () => {
  it('reports control-plane pieces that EKS runs or replaces', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning control-plane/component Pod/kube-apiserver-master-1@kube-system :4',
      'warning control-plane/component Pod/etcd-master-1@kube-system :13',
      'warning control-plane/component CronJob/fires-etcd-backup@kube-system :35',
      'warning control-plane/component DaemonSet/openstack-cloud-controller-manager@kube-system :41',
      'warning control-plane/component Deployment/cluster-autoscaler@kube-system :54',
      'warning control-plane/component DaemonSet/kube-proxy@kube-system :71',
      'warning control-plane/component ConfigMap/coredns@kube-system :80',
    ]);
    const byName = Object.fromEntries(findings.map((f) => [f.resource.name, f]));
    expect(byName['kube-apiserver-master-1']?.explanation).toContain('three Availability Zones');
    expect(byName['etcd-master-1']?.remediation).toContain('Velero');
    expect(byName['openstack-cloud-controller-manager']?.remediation).toContain(
      'AWS Load Balancer Controller',
    );
    expect(byName['cluster-autoscaler']?.message).toBe(
      'Deployment cluster-autoscaler runs Cluster Autoscaler for Google Compute Engine / GKE; it does not scale EKS node groups.',
    );
    expect(byName['cluster-autoscaler']?.remediation).toContain('--aws-use-static-instance-list=true');
    expect(byName['cluster-autoscaler']?.remediation).toContain('Karpenter');
    expect(byName['kube-proxy']?.message).toContain('kube-proxy (ipvs mode)');
    expect(byName.coredns?.message).toBe(
      'ConfigMap coredns customizes cluster DNS: server block corp.example:53 (forwards to 10.1.0.2) and plugin hosts.',
    );
  });

  it('reports mirror pods of static pods, and one kube-proxy pod for all nodes', () => {
    const pod = (name: string, image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: kube-system
  ownerReferences: [{apiVersion: v1, kind: Node, name: node-a, controller: true, uid: u}]
spec:
  containers: [{name: c, image: ${image}}]
`;
    const text = [
      pod('kube-scheduler-node-a', 'registry.k8s.io/kube-scheduler:v1.29.0'),
      pod('kube-proxy-node-a', 'gke.gcr.io/kube-proxy-amd64:v1.29.0-gke.1'),
      pod('kube-proxy-node-b', 'gke.gcr.io/kube-proxy-amd64:v1.29.0-gke.1'),
    ].join('---\n');
    const findings = runRule(rule, text);
    expect(findings.map((f) => f.resource.name)).toEqual(['kube-scheduler-node-a', 'kube-proxy-node-a']);
  });

  it('leaves a default Corefile alone', () => {
    const corefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;
    expect(corefileCustomizations(corefile)).toEqual([]);
  });

  it('names the cloud of a cloud controller manager and tells its node manager apart', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-ccm, namespace: kube-system}
spec:
  template:
    spec:
      containers:
      - name: cloud-controller-manager
        image: mcr.microsoft.com/oss/kubernetes/azure-cloud-controller-manager:v1.34.1
        args: [--cloud-provider=azure]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-cloud-node-manager, namespace: kube-system}
spec:
  template:
    spec:
      containers: [{name: cloud-node-manager, image: mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v1.28.0}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-gce-ccm, namespace: kube-system}
spec:
  template:
    spec:
      containers: [{name: ccm, image: registry.k8s.io/cloud-controller-manager:v1.23.0, command: [/cloud-controller-manager, --cloud-provider=gce]}]
`;
    const [ccm, nodeManager, gce] = runRule(rule, text);
    expect(ccm?.message).toBe(
      "Deployment fires-ccm is the source cluster's cloud-controller-manager for Azure; it is not migrated to EKS.",
    );
    expect(nodeManager?.message).toBe(
      "DaemonSet fires-cloud-node-manager is the source cluster's cloud-node-manager for Azure; it is not migrated to EKS.",
    );
    expect(nodeManager?.remediation).toContain('kubelet on EKS AMIs');
    expect(gce?.message).toContain('cloud-controller-manager for Google Cloud');
  });

  it('attributes forwarders to their zones and names the Route 53 Resolver rules that replace stub domains', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  Corefile: |
    .:53 {
        errors
        kubernetes cluster.local in-addr.arpa ip6.arpa
        forward corp.internal 10.0.0.53
        forward . 172.16.0.1
        cache 30
    }
    consul.local:53 {
        errors
        cache 30
        forward . 10.150.0.1
    }
`;
    const [dns] = runRule(rule, text);
    expect(dns?.message).toBe(
      'ConfigMap coredns customizes cluster DNS: upstream 172.16.0.1 for all other names, forward rule corp.internal (forwards to 10.0.0.53) and server block consul.local:53 (forwards to 10.150.0.1).',
    );
    expect(dns?.remediation).toContain(
      'Route 53 Resolver outbound endpoint with forwarding rules for corp.internal to 10.0.0.53 and consul.local to 10.150.0.1',
    );
  });
});
