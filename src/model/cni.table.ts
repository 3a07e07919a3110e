// The CNI plugins a source cluster may run, how to recognise their node agent, and what to do on EKS.
// Sources: each project's install manifests (DaemonSet names, k8s-app/app labels, image repositories):
// projectcalico/calico manifests/calico.yaml and canal.yaml, cilium/cilium install/kubernetes,
// flannel-io/flannel Documentation/kube-flannel.yml, weaveworks/weave prog/weave-kube, cloudnativelabs/kube-router
// daemonset/, antrea-io/antrea build/yamls, k8snetworkplumbingwg/multus-cni deployments/, ovn-org/ovn-kubernetes,
// kubeovn/kube-ovn; GKE Dataplane V2 (anetd), Azure CNI (azure-cns), OpenShift SDN and VMware NCP from the
// providers' docs. EKS side: "Attach multiple network interfaces to Pods with Multus", Tigera's "Amazon VPC CNI"
// install of Calico (policy only), Cilium "CNI chaining: AWS VPC CNI".

export interface CniSpec {
  id: string;
  /** Name used in messages. */
  name: string;
  /** DaemonSet names of the node agent (exact, or a prefix ending in '-'). */
  daemonSets: string[];
  /** Values of app.kubernetes.io/name, app, k8s-app or name that identify the node agent. */
  labels: string[];
  /** Image repositories (without registry host) of the node agent, including distributions' rebuilds. */
  images: string[];
  /** Container names of the node agent (distributions rename the DaemonSet but keep these). */
  containers: string[];
  /** What to do on EKS, one or two sentences. */
  advice: string;
}

export const CNI_PLUGINS: readonly CniSpec[] = [
  {
    id: 'canal',
    name: 'Canal (Calico policy on Flannel networking)',
    daemonSets: ['canal', 'canal-node', 'rke2-canal'],
    labels: ['canal'],
    images: [],
    containers: [],
    advice:
      'Drop Canal. If you rely on its network policies, enforce them with the Amazon VPC CNI network policy agent (enableNetworkPolicy on the vpc-cni add-on) or install Calico in policy-only mode on top of the Amazon VPC CNI.',
  },
  {
    id: 'calico',
    name: 'Calico',
    daemonSets: ['calico-node', 'calico-node-'],
    labels: ['calico-node', 'calico-node-windows'],
    images: ['calico/node', 'calico/node-windows', 'rancher/hardened-calico', 'rancher/mirrored-calico-node'],
    containers: ['calico-node'],
    advice:
      'Do not move calico-node as the pod network. Calico can stay for network policy only: install it with the Tigera operator configured for the Amazon VPC CNI (cni.type AmazonVPC), or use the VPC CNI network policy agent for plain NetworkPolicies. Calico IP pools, BGP peers and IPAM settings have no meaning on the VPC CNI.',
  },
  {
    id: 'cilium',
    name: 'Cilium',
    daemonSets: ['cilium', 'cilium-agent'],
    labels: ['cilium', 'cilium-agent'],
    images: ['cilium/cilium', 'rancher/mirrored-cilium-cilium'],
    containers: ['cilium-agent'],
    advice:
      'Run the Amazon VPC CNI for pod IPs; if you need Cilium network policies, Hubble or its kube-proxy replacement, run Cilium in CNI chaining mode on top of the Amazon VPC CNI (cni.chainingMode aws-cni). Cilium in ENI mode replacing the VPC CNI works but is not supported by AWS.',
  },
  {
    id: 'gke-dataplane-v2',
    name: 'GKE Dataplane V2 (anetd, Cilium-based)',
    daemonSets: ['anetd'],
    labels: ['cilium', 'anetd'],
    images: ['gke-release/cilium/cilium'],
    containers: [],
    advice:
      'GKE manages anetd; nothing to move. Enforce the NetworkPolicies it enforced with the VPC CNI network policy agent, Calico policy-only mode or Cilium chaining on EKS.',
  },
  {
    id: 'azure-cni',
    name: 'Azure CNI (azure-cns)',
    daemonSets: ['azure-cns', 'azure-cni-networkmonitor'],
    labels: ['azure-cns', 'azure-cni-networkmonitor'],
    images: ['containernetworking/azure-cns', 'containernetworking/networkmonitor'],
    containers: [],
    advice:
      'AKS manages it; nothing to move. Its counterpart, the Amazon VPC CNI, also gives pods VPC addresses: size the subnets for them (kube2eks plan does).',
  },
  {
    id: 'flannel',
    name: 'Flannel',
    daemonSets: ['kube-flannel-ds', 'kube-flannel-ds-', 'kube-flannel', 'flannel'],
    labels: ['flannel'],
    images: [
      'flannel/flannel',
      'coreos/flannel',
      'flannel-io/flannel',
      'flannelcni/flannel',
      'rancher/hardened-flannel',
      'rancher/mirrored-flannelcni-flannel',
      'rancher/mirrored-flannel-flannel',
    ],
    containers: ['kube-flannel'],
    advice:
      'Drop it: Flannel builds an overlay (VXLAN) that the Amazon VPC CNI makes unnecessary. Flannel never enforced NetworkPolicies; if you have some, they start being enforced once you enable the VPC CNI network policy agent.',
  },
  {
    id: 'weave',
    name: 'Weave Net',
    daemonSets: ['weave-net'],
    labels: ['weave-net'],
    images: ['weaveworks/weave-kube', 'weaveworks/weave-npc'],
    containers: ['weave-npc'],
    advice:
      'Drop it (Weave Net is no longer maintained). Its NetworkPolicy enforcement (weave-npc) moves to the VPC CNI network policy agent or Calico policy-only mode; its encryption to VPC encryption in transit on Nitro instances.',
  },
  {
    id: 'kube-router',
    name: 'kube-router',
    daemonSets: ['kube-router'],
    labels: ['kube-router'],
    images: ['cloudnativelabs/kube-router'],
    containers: ['kube-router'],
    advice:
      'Drop it: routing moves to the VPC (pods have VPC IPs), Service proxying to the kube-proxy EKS add-on, network policies to the VPC CNI network policy agent, and BGP advertisement of Service IPs to NLBs from the AWS Load Balancer Controller.',
  },
  {
    id: 'antrea',
    name: 'Antrea',
    daemonSets: ['antrea-agent'],
    labels: ['antrea'],
    images: ['antrea/antrea-agent', 'antrea/antrea-ubuntu', 'antrea/antrea-agent-ubuntu'],
    containers: ['antrea-agent'],
    advice:
      'Drop it as the pod network; Antrea can run in networkPolicyOnly mode on top of the Amazon VPC CNI (its EKS install) if you need Antrea policies.',
  },
  {
    id: 'ovn-kubernetes',
    name: 'OVN-Kubernetes',
    daemonSets: ['ovnkube-node', 'ovnkube-master'],
    labels: ['ovnkube-node', 'ovnkube-master'],
    images: ['ovn-org/ovn-kubernetes/ovn-kube-ubuntu', 'ovn-kubernetes/ovn-kube-u'],
    containers: ['ovnkube-node', 'ovnkube-controller'],
    advice:
      'Drop it (on OpenShift the cluster network operator manages it): pod IPs come from the VPC with the Amazon VPC CNI, EgressIPs become NAT gateways or security groups for pods, and NetworkPolicies need the VPC CNI network policy agent or Calico.',
  },
  {
    id: 'openshift-sdn',
    name: 'OpenShift SDN',
    daemonSets: ['sdn'],
    labels: ['sdn'],
    images: [],
    containers: [],
    advice:
      'Drop it: OpenShift manages it. Pod IPs come from the VPC with the Amazon VPC CNI; EgressNetworkPolicies and egress IPs need NetworkPolicies with an enforcer, NAT gateways or security groups for pods.',
  },
  {
    id: 'kube-ovn',
    name: 'Kube-OVN',
    daemonSets: ['kube-ovn-cni', 'ovs-ovn'],
    labels: ['kube-ovn-cni', 'ovs'],
    images: ['kubeovn/kube-ovn'],
    containers: ['cni-server'],
    advice:
      'Drop it: subnets, VPCs and static IPs of Kube-OVN do not exist on the VPC CNI; pods get VPC IPs, and NetworkPolicies need the VPC CNI network policy agent or Calico.',
  },
  {
    id: 'nsx',
    name: 'VMware NSX Container Plugin',
    daemonSets: ['nsx-node-agent', 'nsx-ncp-bootstrap'],
    labels: ['nsx-node-agent'],
    images: [],
    containers: ['nsx-node-agent'],
    advice:
      'Drop it: NSX segments, distributed firewall rules and load balancers become VPC subnets, security groups (for pods, with the VPC CNI) and NLBs/ALBs from the AWS Load Balancer Controller.',
  },
  {
    id: 'multus',
    name: 'Multus',
    daemonSets: ['kube-multus-ds', 'kube-multus-ds-', 'multus'],
    labels: ['multus'],
    images: [
      'k8snetworkplumbingwg/multus-cni',
      'nfvpe/multus',
      'intel/multus-cni',
      'rancher/hardened-multus-cni',
      'rancher/mirrored-nfvpe-multus',
    ],
    containers: ['kube-multus'],
    advice:
      'On EKS, install the AWS build of Multus with the Amazon VPC CNI as the default delegate; secondary interfaces come from extra ENIs on the nodes (ipvlan or host-device, tagged node.k8s.amazonaws.com/no_manage=true), and SR-IOV/DPDK plugins are not provided by AWS.',
  },
];

/**
 * What becomes of a NetworkAttachmentDefinition's CNI type on EKS. Source: Amazon EKS User Guide "Attach multiple
 * network interfaces to Pods with Multus" (no SR-IOV or DPDK plugins from AWS; host-device and ipvlan to ENA
 * interfaces); an ENI receives only frames for its own MAC address, and the VPC carries no VLAN tags.
 */
export const ATTACHMENT_TYPE_NOTES: Readonly<Record<string, string>> = {
  macvlan:
    'macvlan does not work on EC2 as is: an ENI only receives frames for its own MAC address, so interfaces with a MAC of their own get no traffic; use ipvlan on a secondary ENI.',
  bridge:
    'A Linux bridge on the node reaches nothing in the VPC beyond that node (an ENI only carries its own MAC address); use ipvlan or host-device on a secondary ENI.',
  vlan: 'The VPC carries no VLAN tags: put each VLAN in a subnet of its own and attach it as a secondary ENI (ipvlan or host-device).',
  sriov:
    'AWS provides no SR-IOV CNI plugin for EKS: move a whole secondary ENI into the pod with host-device (ENA, with DPDK if needed) instead of SR-IOV virtual functions.',
  'host-device':
    'host-device works on EKS: point it at a secondary ENI tagged node.k8s.amazonaws.com/no_manage=true.',
  ipvlan: 'ipvlan works on EKS: set master to a secondary ENI tagged node.k8s.amazonaws.com/no_manage=true.',
};

/** Pod annotation that attaches Multus networks. */
export const MULTUS_NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';
/** API group of NetworkAttachmentDefinition. */
export const MULTUS_GROUP = 'k8s.cni.cncf.io';
