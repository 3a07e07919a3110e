// What the kit never writes to manifests/, and why. Data only; leave-out.ts applies it.
// Sources: Kubernetes docs "Namespaces" (kube-system, kube-public, kube-node-lease), "Garbage collection"
// (owner references), GKE / AKS / OpenShift documentation of their system namespaces.

/** Rules whose finding on an object means: the object belongs to the old platform; EKS does it another way. */
export const OLD_PLATFORM_RULES: Readonly<Record<string, string>> = {
  'lb/metallb': 'MetalLB configuration: on EKS the AWS Load Balancer Controller gives NLBs their addresses',
  'ingress/custom-resources':
    'a setting of the old platform’s load balancer; its EKS counterpart is in the finding',
  'control-plane/component': 'a control-plane component of the source cluster: EKS runs the control plane',
};

/** Kinds a server read returns that no one writes: they are made by the cluster itself. */
export const SERVER_MADE_KINDS: Readonly<Record<string, string>> = {
  Event: 'an event of the old cluster',
  Node: 'a node of the old cluster: the plan sizes the EKS node groups',
  Endpoints: 'kept up to date by the cluster from its Service',
  EndpointSlice: 'kept up to date by the cluster from its Service',
  ControllerRevision: 'history kept by its controller',
  Lease: 'a lock of a running component',
  ComponentStatus: 'status of the old control plane',
  CertificateSigningRequest: 'a certificate request of the old cluster',
};

/** Objects every cluster makes for itself (namespace/name or name). */
export const BUILT_IN_OBJECTS: Readonly<Record<string, string>> = {
  'Service default/kubernetes': 'the API server’s own Service: every cluster has it',
  'Namespace default': 'every cluster has it',
};
export const BUILT_IN_CONFIGMAPS: ReadonlySet<string> = new Set(['kube-root-ca.crt']);
