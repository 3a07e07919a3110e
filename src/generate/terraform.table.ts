// The Terraform modules the kit uses, pinned to the major (and the minor whose inputs are checked in
// test/data/terraform/, each list read from the module's variables.tf at that tag).
// Sources: registry.terraform.io/modules/terraform-aws-modules/{eks,vpc,eks-pod-identity}/aws.

export const TERRAFORM_MODULES = {
  vpc: { source: 'terraform-aws-modules/vpc/aws', version: '~> 6.6' },
  vpcEndpoints: { source: 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints', version: '~> 6.6' },
  eks: { source: 'terraform-aws-modules/eks/aws', version: '~> 21.19' },
  karpenter: { source: 'terraform-aws-modules/eks/aws//modules/karpenter', version: '~> 21.19' },
  podIdentity: { source: 'terraform-aws-modules/eks-pod-identity/aws', version: '~> 2.8' },
} as const;

/** Terraform and AWS provider versions the modules above require (eks v21 needs AWS provider 6). */
export const TERRAFORM_VERSIONS = { terraform: '>= 1.5.7', aws: '>= 6.0' } as const;

/** EKS managed node group AMI types (eks-managed-node-group `ami_type`) by AMI family and architecture. */
export const AMI_TYPES: Readonly<Record<string, string>> = {
  'al2023/x86_64': 'AL2023_x86_64_STANDARD',
  'al2023/arm64': 'AL2023_ARM_64_STANDARD',
  'bottlerocket/x86_64': 'BOTTLEROCKET_x86_64',
  'bottlerocket/arm64': 'BOTTLEROCKET_ARM_64',
};

/** Pod identity module switches for the add-ons that call AWS (their namespace: model/addon-installs.table.ts). */
export const ADDON_POLICIES: Readonly<Record<string, { serviceAccount: string; attach: string }>> = {
  'aws-ebs-csi-driver': {
    serviceAccount: 'ebs-csi-controller-sa',
    attach: 'attach_aws_ebs_csi_policy',
  },
  'aws-efs-csi-driver': {
    serviceAccount: 'efs-csi-controller-sa',
    attach: 'attach_aws_efs_csi_policy',
  },
  'aws-load-balancer-controller': {
    serviceAccount: 'aws-load-balancer-controller',
    attach: 'attach_aws_lb_controller_policy',
  },
  'cluster-autoscaler': {
    serviceAccount: 'cluster-autoscaler',
    attach: 'attach_cluster_autoscaler_policy',
  },
  'external-dns': {
    serviceAccount: 'external-dns',
    attach: 'attach_external_dns_policy',
  },
};
