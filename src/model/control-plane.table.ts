// Control-plane components a source cluster may show, and what replaces each on EKS.
// Sources: Kubernetes "Kubernetes Components" and kubeadm static Pod manifests (names, `component` and
// `tier: control-plane` labels); Amazon EKS User Guide "Amazon EKS architecture" (control plane across three AZs),
// "Amazon EKS add-ons" (kube-proxy, coredns, vpc-cni), "Send control plane logs to CloudWatch Logs";
// kubernetes/autoscaler cluster-autoscaler FAQ and cloudprovider/aws README (--cloud-provider, auto-discovery,
// --aws-use-static-instance-list); CoreDNS default Corefile as shipped by kubeadm and the EKS coredns add-on.

export interface ControlPlaneComponent {
  /** Name prefix of the static Pod / workload and value of its `component` label. */
  component: string;
  /** What to do instead on EKS. */
  advice: string;
  /** Why it does not carry over, when the generic "AWS runs the control plane" does not say it. */
  why?: string;
}

export const CONTROL_PLANE_COMPONENTS: readonly ControlPlaneComponent[] = [
  {
    component: 'kube-apiserver',
    advice:
      'Leave it behind. Carry its settings over as EKS settings: OIDC flags become an associated OIDC identity provider, the audit policy becomes EKS control-plane logging to CloudWatch Logs (api, audit, authenticator), extra admission plugins become admission webhooks, and who may call the API becomes access entries and the endpoint access mode (public, public and private, private).',
  },
  {
    component: 'kube-controller-manager',
    advice:
      'Leave it behind: EKS runs it. Flags you tuned (e.g. node eviction timings, terminated-pod GC) cannot be set on EKS; check nothing depends on them.',
  },
  {
    component: 'kube-scheduler',
    advice:
      'Leave it behind: EKS runs the default scheduler. If you relied on custom scheduler profiles, run a second scheduler as a Deployment and select it with spec.schedulerName.',
  },
  {
    component: 'etcd',
    advice:
      'Leave it behind: EKS runs etcd in every Availability Zone and backs it up. Move the objects with kube2eks generate (manifests) or Velero, never with an etcd snapshot, which EKS cannot restore.',
  },
  {
    component: 'cloud-controller-manager',
    why: "A cloud controller manager initialises nodes, labels their zones and instance types, programs routes and creates load balancers through its cloud's API. On EKS the AWS cloud controller does this inside the managed control plane; a copy of this one would call the source cloud's API with credentials EKS nodes do not have.",
    advice:
      'Leave it behind: EKS runs the AWS cloud controller inside its managed control plane. Install the AWS Load Balancer Controller for LoadBalancer Services and Ingresses.',
  },
  {
    component: 'cloud-node-manager',
    why: "The cloud node manager sets each node's addresses, zone and instance type from the source cloud's metadata service, which EC2 nodes do not have.",
    advice:
      "Leave it behind: it is the node half of the source cloud's controller manager (node addresses, zones, instance types). On EKS the AWS cloud controller in the managed control plane and the kubelet on EKS AMIs set these node fields themselves.",
  },
  {
    component: 'konnectivity-agent',
    advice:
      "Leave it behind: it tunnels the provider's control plane to the nodes. EKS places network interfaces of the control plane in your subnets instead.",
  },
];

/** Other names of the control-plane tunnel agents of managed Kubernetes services. */
export const TUNNEL_AGENTS: Readonly<Record<string, string>> = {
  'konnectivity-agent': 'konnectivity-agent',
  tunnelfront: 'konnectivity-agent',
  'aks-link': 'konnectivity-agent',
};

/** Namespaces that only hold control-plane pods (kubeadm, OpenShift). */
export const CONTROL_PLANE_NAMESPACES = new Set([
  'kube-system',
  'openshift-etcd',
  'openshift-kube-apiserver',
  'openshift-kube-controller-manager',
  'openshift-kube-scheduler',
]);

/** Plugins of the default Corefile (kubeadm, EKS, GKE/AKS variants); anything else is a customization. */
export const DEFAULT_COREFILE_PLUGINS = new Set([
  'errors',
  'health',
  'ready',
  'kubernetes',
  'prometheus',
  'forward',
  'proxy',
  'cache',
  'loop',
  'reload',
  'loadbalance',
  'log',
  'import',
  'autopath',
  'ttl',
  'fallthrough',
  'pods',
  'upstream',
]);
