// OpenShift-only API kinds and their EKS counterparts.
// Sources: OpenShift Container Platform docs (Routes, DeploymentConfigs, ImageStreams, Builds and BuildConfigs,
// Templates, Managing SCCs, Projects, ClusterResourceQuota, EgressNetworkPolicy, user.openshift.io) and the Amazon
// EKS User Guide / AWS Load Balancer Controller docs for the counterparts (ALB Ingress, Gateway API via the AWS
// Gateway API Controller, ECR, CodeBuild, Pod Security Admission, access entries).

export interface OpenShiftKind {
  kind: string;
  /** API group (OpenShift 3 also served these kinds under the legacy `v1` of /oapi). */
  group: string;
  counterpart: string;
  /** Why it does not carry over, one sentence. */
  why: string;
  /** What to do on EKS. */
  advice: string;
}

export const OPENSHIFT_KINDS: readonly OpenShiftKind[] = [
  {
    kind: 'Route',
    group: 'route.openshift.io',
    counterpart: 'an Ingress served by an ALB (AWS Load Balancer Controller) or a Gateway API HTTPRoute',
    why: 'Routes are served by the OpenShift router (HAProxy), which EKS does not have.',
    advice:
      'Write an Ingress with ingressClassName: alb (host and path from the Route, alb.ingress.kubernetes.io/group.name to share one ALB) or an HTTPRoute for the AWS Gateway API Controller. TLS edge termination becomes an ACM certificate on the ALB (alb.ingress.kubernetes.io/certificate-arn), re-encrypt becomes backend-protocol HTTPS, passthrough needs an NLB TCP listener (a LoadBalancer Service) instead of an ALB.',
  },
  {
    kind: 'DeploymentConfig',
    group: 'apps.openshift.io',
    counterpart: 'a Deployment',
    why: 'DeploymentConfig is an OpenShift controller (deprecated by Red Hat since 4.14).',
    advice:
      'Rewrite it as an apps/v1 Deployment: spec.selector becomes matchLabels, Rolling/Recreate strategies map to Deployment strategies, lifecycle hooks become Jobs or Helm hooks, and ImageChange/ConfigChange triggers become your CI/CD pipeline (or Argo CD Image Updater / Flux image automation) updating the image tag.',
  },
  {
    kind: 'ImageStream',
    group: 'image.openshift.io',
    counterpart: 'Amazon ECR repositories and tags',
    why: 'ImageStreams live in the OpenShift integrated registry and its image metadata API.',
    advice:
      'Create an ECR repository per stream, copy the tags it tracks (kube2eks generate writes the copy list), and point workloads at the ECR image references instead of image-registry.openshift-image-registry.svc:5000/… or stream tags.',
  },
  {
    kind: 'ImageStreamTag',
    group: 'image.openshift.io',
    counterpart: 'an Amazon ECR image tag',
    why: 'ImageStreamTags exist only in the OpenShift image API.',
    advice: 'Copy the tagged image to ECR and reference it by ECR URI and tag (or digest).',
  },
  {
    kind: 'BuildConfig',
    group: 'build.openshift.io',
    counterpart: 'an AWS CodeBuild project or your CI pipeline',
    why: 'Builds run inside the OpenShift cluster by its build controller (S2I, Docker or pipeline strategies).',
    advice:
      "Move the build to AWS CodeBuild (or GitHub Actions, GitLab CI, Tekton on EKS) pushing to ECR; Source-to-Image builds become a Dockerfile or Cloud Native Buildpacks, webhook triggers become the CI system's triggers.",
  },
  {
    kind: 'Build',
    group: 'build.openshift.io',
    counterpart: 'a CodeBuild build or CI run',
    why: 'A Build is a run of an OpenShift BuildConfig.',
    advice: 'Nothing to move; recreate the BuildConfig as a CI pipeline.',
  },
  {
    kind: 'Template',
    group: 'template.openshift.io',
    counterpart: 'a Helm chart (or Kustomize overlays)',
    why: 'Templates are processed by OpenShift (oc process); EKS has no template API.',
    advice:
      'Turn the template into a Helm chart (parameters become values) or Kustomize overlays; then review the objects it creates like any other manifest{{objects}}.',
  },
  {
    kind: 'SecurityContextConstraints',
    group: 'security.openshift.io',
    counterpart: 'Pod Security Admission',
    why: "SecurityContextConstraints are OpenShift's admission control for pods; EKS does not enforce them.",
    advice:
      'Label the namespaces whose service accounts used it{{namespaces}} with pod-security.kubernetes.io/enforce: {{level}} ({{reasons}}); checks PSA has no level for (UID ranges, SELinux types) go to Kyverno or OPA Gatekeeper.',
  },
  {
    kind: 'Project',
    group: 'project.openshift.io',
    counterpart: 'a Namespace',
    why: "Projects are OpenShift's view of namespaces with request/approval workflow and annotations.",
    advice:
      'Create a plain Namespace; openshift.io/node-selector becomes nodeSelector on the workloads (or a Karpenter NodePool), display names become labels, and project request templates become your namespace provisioning (GitOps, Terraform) with ResourceQuota, LimitRange and NetworkPolicy defaults.',
  },
  {
    kind: 'ProjectRequest',
    group: 'project.openshift.io',
    counterpart: 'a Namespace',
    why: "ProjectRequest is OpenShift's self-service project creation.",
    advice: 'Create the Namespace directly (with its quotas and policies).',
  },
  {
    kind: 'ClusterResourceQuota',
    group: 'quota.openshift.io',
    counterpart: 'one ResourceQuota per namespace',
    why: 'Quotas spanning several projects are OpenShift-only.',
    advice: 'Split the quota into ResourceQuota objects in each selected namespace.',
  },
  {
    kind: 'EgressNetworkPolicy',
    group: 'network.openshift.io',
    counterpart: 'NetworkPolicy egress rules (with an enforcer) or security groups for pods',
    why: 'EgressNetworkPolicy is enforced by OpenShift SDN.',
    advice:
      'Express the egress rules as NetworkPolicy egress with ipBlock (enforced by the VPC CNI network policy agent or Calico) or use security groups for pods; DNS-name rules need Calico or Cilium DNS policies.',
  },
  {
    kind: 'User',
    group: 'user.openshift.io',
    counterpart: 'an IAM identity mapped by an EKS access entry',
    why: 'OpenShift users come from its OAuth server, which EKS does not run.',
    advice:
      'Map the person to an IAM role (through IAM Identity Center or your IdP) and an EKS access entry.',
  },
  {
    kind: 'Group',
    group: 'user.openshift.io',
    counterpart: 'a Kubernetes group on EKS access entries',
    why: 'OpenShift groups are objects of its user API; on EKS group membership comes from IAM.',
    advice:
      "Give the group's members an IAM role whose access entry carries this group name as a Kubernetes group, so the RoleBindings to it keep working.",
  },
  ...['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].map((kind) => ({
    kind,
    group: 'authorization.openshift.io',
    counterpart: `an rbac.authorization.k8s.io/v1 ${kind}`,
    why: `OpenShift's authorization.openshift.io ${kind} is an alias of the Kubernetes RBAC kind that only OpenShift serves.`,
    advice: `Rewrite it as apiVersion rbac.authorization.k8s.io/v1 ${kind}${kind.endsWith('Binding') ? ' (userNames and groupNames become subjects of kind User and Group, and rbac/identity-binding lists the access entries they need)' : ''}.`,
  })),
  {
    kind: 'OAuthClient',
    group: 'oauth.openshift.io',
    counterpart: 'an OIDC application in your identity provider',
    why: 'The OpenShift OAuth server does not exist on EKS.',
    advice:
      'Register the application with your identity provider (or Amazon Cognito) and use an OIDC proxy in front of it.',
  },
];

/** OpenShift 3 served its kinds under `apiVersion: v1`; these names are never core kinds. */
export const LEGACY_V1_KINDS = new Set(
  OPENSHIFT_KINDS.filter(
    (k) => !['User', 'Group'].includes(k.kind) && k.group !== 'authorization.openshift.io',
  ).map((k) => k.kind),
);

/** SCCs every OpenShift 4 cluster creates (Managing security context constraints, default SCCs). */
export const BUILT_IN_SCCS: ReadonlySet<string> = new Set([
  'anyuid',
  'hostaccess',
  'hostmount-anyuid',
  'hostnetwork',
  'hostnetwork-v2',
  'machine-api-termination-handler',
  'node-exporter',
  'nonroot',
  'nonroot-v2',
  'privileged',
  'restricted',
  'restricted-v2',
]);

/** Annotation by which OpenShift 4 redeploys a Deployment when an ImageStream tag changes. */
export const IMAGE_TRIGGERS_ANNOTATION = 'image.openshift.io/triggers';

/** Service annotations by which the OpenShift service CA operator issues a serving certificate into a Secret. */
export const SERVING_CERT_ANNOTATIONS = [
  'service.beta.openshift.io/serving-cert-secret-name',
  'service.alpha.openshift.io/serving-cert-secret-name',
] as const;

/** Annotations by which the OpenShift service CA operator injects its CA bundle. */
export const INJECT_CABUNDLE_ANNOTATIONS = [
  'service.beta.openshift.io/inject-cabundle',
  'service.alpha.openshift.io/inject-cabundle',
] as const;

/** Where the service CA injects the bundle, per kind. Source: OpenShift "Securing service traffic using service serving certificate secrets". */
export const CABUNDLE_TARGETS: Readonly<Record<string, string>> = {
  ConfigMap: 'the service-ca.crt key of the ConfigMap',
  APIService: 'spec.caBundle of the APIService',
  CustomResourceDefinition: 'the caBundle of the conversion webhook',
  MutatingWebhookConfiguration: 'the caBundle of each webhook',
  ValidatingWebhookConfiguration: 'the caBundle of each webhook',
};
