// The headings of the migration method (the source talk's summary: control plane, data plane, security,
// networking, storage, cost) and which finding categories the report shows under each. Data, not logic.

export const AREAS = ['control-plane', 'data-plane', 'security', 'networking', 'storage', 'cost'] as const;
export type Area = (typeof AREAS)[number];

export const AREA_TITLES: Record<Area, string> = {
  'control-plane': 'Control plane',
  'data-plane': 'Data plane',
  security: 'Security',
  networking: 'Networking',
  storage: 'Storage',
  cost: 'Cost',
};

/** One line under each heading: what the area covers on EKS. */
export const AREA_SCOPES: Record<Area, string> = {
  'control-plane': 'Kubernetes version and APIs, CRDs and operators, control-plane components AWS now runs',
  'data-plane': 'Nodes and where pods run: node groups, Fargate, scheduling, images, autoscaling, drains',
  security: 'Authentication, RBAC, workload identities (Pod Identity, IRSA), Secrets, pod security',
  networking: 'VPC CNI and pod IPs, load balancers, ingress, network policies, exposure',
  storage: 'StorageClasses (EBS, EFS CSI) and the data in volumes',
  cost: 'The monthly cost of the planned cluster beside running the old one as is',
};

/** Finding category → area. Categories not listed (added later to the vocabulary) show under data plane. */
export const CATEGORY_AREAS: Record<string, Area> = {
  'removed-api': 'control-plane',
  'deprecated-api': 'control-plane',
  'version-support': 'control-plane',
  'control-plane-component': 'control-plane',
  'crd-present': 'control-plane',
  openshift: 'control-plane',
  gitops: 'control-plane',
  'fargate-incompatible': 'data-plane',
  'node-affinity-cloud-label': 'data-plane',
  'resources-missing': 'data-plane',
  'image-registry': 'data-plane',
  pdb: 'data-plane',
  hpa: 'data-plane',
  'platform-addon': 'data-plane',
  'container-runtime': 'data-plane',
  'host-network': 'data-plane',
  'cloud-service': 'data-plane',
  'missing-reference': 'data-plane',
  'workload-identity': 'security',
  rbac: 'security',
  'security-context': 'security',
  'secret-present': 'security',
  'load-balancer': 'networking',
  ingress: 'networking',
  'network-policy': 'networking',
  cni: 'networking',
  exposure: 'networking',
  'storage-class': 'storage',
};

export function areaOf(category: string): Area {
  return CATEGORY_AREAS[category] ?? 'data-plane';
}

/** Checklist step → area. The blockers step has no one area: each of its lines goes by its findings' category. */
export const STEP_AREAS: Record<string, Area | undefined> = {
  blockers: undefined,
  addons: 'data-plane',
  'access-entries': 'security',
  'iam-roles': 'security',
  crds: 'control-plane',
  images: 'data-plane',
  certificates: 'networking',
  secrets: 'security',
  data: 'storage',
  dns: 'networking',
};
