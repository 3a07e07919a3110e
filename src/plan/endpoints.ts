// Endpoint access and egress. `private` is an EKS private cluster: no internet egress (no NAT), images
// only from the registry inside the VPC, and the VPC endpoints the cluster's parts call, each priced per
// AZ. Otherwise nodes in private subnets leave through one NAT gateway per AZ.
// @see https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html
import type { Catalog } from '../catalog/index.js';
import type { IdentityMechanism, PlanOptions, PlanReason, PlanVpcEndpoint } from './types.js';
import { countOf } from './words.js';

export const HOURS_PER_MONTH = 730;

/** What the endpoint list depends on, decided by the other sections. */
export interface EndpointNeeds {
  /** Mechanisms workloads and add-ons get AWS credentials through. */
  mechanisms: ReadonlySet<IdentityMechanism>;
  loadBalancerController: boolean;
  cloudWatch: boolean;
  azs: number;
}

interface EndpointRow {
  id: string;
  serviceName: string;
  type: 'Interface' | 'Gateway';
}

function endpointRow(catalog: Catalog, id: string, region: string): EndpointRow {
  const list = catalog.privateClusterEndpoints.endpoints;
  const row = Array.isArray(list)
    ? (list as Array<Record<string, unknown>>).find((e) => e.id === id)
    : undefined;
  const name = typeof row?.serviceName === 'string' ? row.serviceName : `com.amazonaws.{region}.${id}`;
  const type = typeof row?.type === 'string' && row.type.startsWith('Gateway') ? 'Gateway' : 'Interface';
  return { id, serviceName: name.replace('{region}', region), type };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function planEndpoints(
  options: PlanOptions,
  catalog: Catalog,
  needs: EndpointNeeds,
): {
  vpcEndpoints: PlanVpcEndpoint[];
  monthly: { natGateways: number; vpcEndpoints: number };
  reasons: PlanReason[];
  /** Cost lines with the price's source and date, for `cost.assumptions`. */
  costAssumptions: string[];
} {
  const reasons: PlanReason[] = [];
  const hourly = catalog.servicePrices['vpc-endpoint-interface-hour'];
  const nat = catalog.servicePrices['nat-gateway-hour'];
  const priceNote =
    options.region === 'us-east-1' ? '' : ' (us-east-1 price; no price for this region in the catalog)';
  const interfaceMonthly = round2((hourly?.usd ?? 0) * HOURS_PER_MONTH * needs.azs);
  const endpoints: PlanVpcEndpoint[] = [];
  const add = (id: string, why: string, requires?: string[]) => {
    const row = endpointRow(catalog, id, options.region);
    endpoints.push({
      service: row.serviceName,
      type: row.type,
      why,
      monthlyUsd: row.type === 'Gateway' ? 0 : interfaceMonthly,
      ...(requires?.length ? { requires } : {}),
    });
  };

  if (options.endpoint !== 'private') {
    add(
      's3',
      'image layers (ECR serves them from S3) and backups stay on the AWS network instead of the NAT gateways; gateway endpoints are free',
    );
    const natMonthly = round2((nat?.usd ?? 0) * HOURS_PER_MONTH * needs.azs);
    reasons.push({
      subject: 'egress',
      why: `${countOf(needs.azs, 'NAT gateway')} (one per AZ, so one AZ failing does not cut the others off): $${natMonthly}/month before data processing ($${nat?.usd ?? '?'}/h each, ${nat?.source ?? 'no source'}, ${nat?.date ?? ''})${priceNote}; endpoint access ${options.endpoint}`,
    });
    const costAssumptions = [
      `${countOf(needs.azs, 'NAT gateway')} (one per AZ) at $${nat?.usd ?? '?'}/h (${nat?.source ?? 'no source'}, ${nat?.date ?? 'undated'}); data processing not included`,
    ];
    return {
      vpcEndpoints: endpoints,
      monthly: { natGateways: natMonthly, vpcEndpoints: 0 },
      reasons,
      costAssumptions,
    };
  }

  add(
    'ecr.api',
    'pull images from ECR (authentication and manifests): a private cluster reaches no other registry',
  );
  add('ecr.dkr', 'pull images from ECR (the Docker registry API)');
  add('s3', 'ECR serves image layers from S3; a gateway endpoint is free');
  add(
    'ec2',
    'always needed: the EKS AMI sets the node name from EC2 at boot and the VPC CNI attaches ENIs and addresses through the EC2 API',
  );
  const autoscaler = options.autoscaler;
  const sts =
    needs.mechanisms.has('irsa') || autoscaler === 'cluster-autoscaler' || autoscaler === 'karpenter';
  if (sts)
    add(
      'sts',
      `${[needs.mechanisms.has('irsa') ? 'IRSA (AssumeRoleWithWebIdentity)' : '', autoscaler === 'cluster-autoscaler' ? 'Cluster Autoscaler' : 'Karpenter'].filter(Boolean).join(' and ')} ${needs.mechanisms.has('irsa') ? 'call' : 'calls'} STS; SDKs must use the regional endpoint (AWS_STS_REGIONAL_ENDPOINTS=regional)`,
    );
  if (needs.mechanisms.has('pod-identity'))
    add(
      'eks-auth',
      'EKS Pod Identity: the pod identity agent exchanges service account tokens for credentials through EKS Auth',
    );
  if (needs.cloudWatch)
    add('logs', 'CloudWatch Logs: the CloudWatch Observability agent ships node and pod logs');
  if (needs.loadBalancerController)
    add(
      'elasticloadbalancing',
      'the AWS Load Balancer Controller creates NLBs and ALBs through the ELB API',
      [
        'aws-load-balancer-controller --enable-shield=false --enable-waf=false --enable-wafv2=false (Shield and WAF have no VPC endpoints)',
        'certificates named by ARN (alb.ingress.kubernetes.io/certificate-arn): ACM has no VPC endpoint, so discovery from Ingress hosts fails',
      ],
    );
  if (autoscaler === 'cluster-autoscaler')
    add('autoscaling', 'Cluster Autoscaler resizes the node groups through EC2 Auto Scaling', [
      'cluster-autoscaler --aws-use-static-instance-list=true (the Pricing and DescribeInstanceTypes calls have no endpoint)',
    ]);
  if (autoscaler === 'karpenter') {
    add('sqs', 'Karpenter reads spot interruption and rebalance events from its SQS queue');
    add('ssm', 'Karpenter resolves the AMI alias through SSM parameters');
    add('eks', 'Karpenter discovers the cluster endpoint and CA through the EKS API', [
      'EC2NodeClass spec.instanceProfile instead of spec.role: there is no IAM endpoint, so Karpenter cannot create instance profiles',
      'Karpenter settings.isolatedVPC=true (no Pricing API: on-demand prices come from its built-in table)',
    ]);
  }
  const interfaces = endpoints.filter((e) => e.type === 'Interface').length;
  const monthly = round2(interfaces * interfaceMonthly);
  reasons.push({
    subject: 'egress',
    why: `private cluster: no NAT gateways ($0), ${countOf(interfaces, 'interface endpoint')} × ${countOf(needs.azs, 'AZ')} at $${hourly?.usd ?? '?'}/h each (${hourly?.source ?? 'no source'}, ${hourly?.date ?? ''}) = $${monthly}/month before data processing${priceNote}; gateway endpoints are free. Images come only from ${options.registry ?? 'the ECR registry you copy them to (--registry)'}; reach nodes with SSM Session Manager only after adding the ssm, ssmmessages and ec2messages endpoints`,
  });
  const costAssumptions = [
    'no NAT gateways: a private cluster has no internet egress',
    `${countOf(interfaces, 'interface VPC endpoint')} × ${countOf(needs.azs, 'AZ')} at $${hourly?.usd ?? '?'}/h (${hourly?.source ?? 'no source'}, ${hourly?.date ?? 'undated'}); data processing ($${catalog.servicePrices['vpc-endpoint-interface-gb']?.usd ?? '?'}/GB) not included; gateway endpoints are free`,
  ];
  return {
    vpcEndpoints: endpoints,
    monthly: { natGateways: 0, vpcEndpoints: monthly },
    reasons,
    costAssumptions,
  };
}
