// Monthly cost (730 hours) of the planned cluster, each line with the price's source and date.
import { type Catalog, priceOf, type ServicePrice, WINDOWS_LICENSE_PRICE } from '../catalog/index.js';
import { controlPlaneUsdPerHour, findVersion, supportWindow } from '../catalog/versions.js';
import { getPath, isRecord } from '../model/kinds.js';
import { isPlatformNamespace } from '../model/platform-namespaces.js';
import type { Inventory } from '../model/types.js';
import type { ClaimDemand } from './demand.js';
import { HOURS_PER_MONTH } from './nodegroups.js';
import type { PlanCost, PlanNodeGroup, PlanOptions } from './types.js';
import { countOf } from './words.js';

/** Root volume of each node: the managed node group default (20 GiB gp3). */
export const NODE_ROOT_VOLUME_GIB = 20;
/** Provisioners of shared file storage: their claims move to Amazon EFS. */
const FILE_PROVISIONER = /efs|nfs|filestore|file\.csi\.azure|azure-file|azurefile|cephfs|glusterfs/i;
const ALB_GROUP_ANNOTATION = 'alb.ingress.kubernetes.io/group.name';

const round2 = (n: number) => Math.round(n * 100) / 100;

function servicePrice(catalog: Catalog, id: string): ServicePrice | undefined {
  return Object.hasOwn(catalog.servicePrices, id) ? catalog.servicePrices[id] : undefined;
}

export interface LoadBalancerCount {
  nlbs: number;
  albs: number;
  /** Ingresses that would each get an ALB; `albs` counts one per group.name. */
  ingresses: number;
  /** ALBs if every ungrouped Ingress shared one through group.name. */
  albsIfGrouped: number;
}

export function countLoadBalancers(inventory: Inventory): LoadBalancerCount {
  let nlbs = 0;
  let ingresses = 0;
  const groups = new Set<string>();
  let ungrouped = 0;
  for (const o of inventory.objects) {
    if (isPlatformNamespace(o.ref.namespace ?? 'default')) continue;
    if (o.ref.kind === 'Service' && getPath(o.object, ['spec', 'type']) === 'LoadBalancer') nlbs++;
    if (o.ref.kind === 'Ingress') {
      ingresses++;
      const group = o.object.metadata?.annotations?.[ALB_GROUP_ANNOTATION];
      if (typeof group === 'string' && group !== '') groups.add(group);
      else ungrouped++;
    }
  }
  return {
    nlbs,
    albs: groups.size + ungrouped,
    ingresses,
    albsIfGrouped: groups.size + (ungrouped > 0 ? 1 : 0),
  };
}

/** Whether a claim is shared file storage (EFS on EKS): ReadWriteMany, or a file provisioner's class. */
export function isFileClaim(claim: ClaimDemand, inventory: Inventory): boolean {
  if (claim.shared) return true;
  if (!claim.storageClass) return false;
  const sc = inventory.objects.find(
    (o) => o.ref.kind === 'StorageClass' && o.ref.name === claim.storageClass,
  );
  const provisioner = sc && isRecord(sc.object) ? sc.object.provisioner : undefined;
  if (typeof provisioner === 'string') return FILE_PROVISIONER.test(provisioner);
  return /efs|nfs|file|rwx/i.test(claim.storageClass);
}

export interface CostInput {
  inventory: Inventory;
  options: PlanOptions;
  catalog: Catalog;
  now: Date;
  nodeGroups: readonly PlanNodeGroup[];
  computeOnDemand: number;
  computeSpot: number;
  fargate: number;
  lowerBound: number;
  claims: readonly ClaimDemand[];
  /** From plan part 2 when present; else NAT gateways per AZ (0 for a private cluster) and no endpoints. */
  natGateways?: number;
  vpcEndpoints?: number;
}

export function planCost(input: CostInput): PlanCost {
  const { catalog, options, now } = input;
  const assumptions: string[] = [`${HOURS_PER_MONTH} hours per month`];
  const describe = (what: string, p: ServicePrice | undefined) => {
    if (p) assumptions.push(`${what}: $${p.usd} per ${p.unit}, ${p.source} (${p.date})`);
  };
  const outsideUsEast1 = options.region !== 'us-east-1';

  // Control plane: standard or extended support for the version today.
  const version = findVersion(catalog.eksVersions, options.targetVersion);
  const window = version ? supportWindow(version, now) : 'standard';
  const controlPlaneHourly = controlPlaneUsdPerHour(catalog.eksVersions, options.targetVersion, now);
  const controlPlane = round2(controlPlaneHourly * HOURS_PER_MONTH);
  describe(
    `EKS control plane (${window === 'extended' ? 'extended' : 'standard'} support for ${options.targetVersion} on ${now.toISOString().slice(0, 10)})`,
    servicePrice(
      catalog,
      window === 'extended' ? 'eks-control-plane-extended' : 'eks-control-plane-standard',
    ),
  );

  // Compute prices.
  const sample = input.nodeGroups[0]?.instanceTypes[0];
  const price = sample ? priceOf(catalog, sample, options.region) : undefined;
  if (price) {
    assumptions.push(
      `on-demand EC2 prices ${options.region} as of ${price.date} (${price.source})${price.historical ? ' — historical: refresh with kube2eks catalog refresh' : ''}`,
    );
  }
  if (input.nodeGroups.some((g) => g.capacityType === 'SPOT')) {
    assumptions.push(
      `spot at ${Math.round(options.spotDiscount * 100)}% off on-demand (--spot-discount): an estimate, spot prices move`,
    );
  }
  const license = Object.hasOwn(catalog.servicePrices, WINDOWS_LICENSE_PRICE)
    ? catalog.servicePrices[WINDOWS_LICENSE_PRICE]
    : undefined;
  if (license && input.nodeGroups.some((g) => g.os === 'windows'))
    assumptions.push(
      `Windows nodes: the Linux price + the Windows Server license at $${license.usd} per vCPU-hour, on-demand license included, as of ${license.date} (${license.source})`,
    );

  // Storage: claims (gp3 or EFS) and node root volumes (gp3).
  const gp3 = servicePrice(catalog, 'ebs-gp3-gb-month');
  const efs = servicePrice(catalog, 'efs-standard-gb-month');
  let blockGiB = 0;
  let fileGiB = 0;
  for (const claim of input.claims) {
    if (isFileClaim(claim, input.inventory)) fileGiB += claim.sizeGiB;
    else blockGiB += claim.sizeGiB;
  }
  const nodes = input.nodeGroups.reduce((s, g) => s + g.desiredSize, 0);
  const rootGiB = nodes * NODE_ROOT_VOLUME_GIB;
  const storage = round2((blockGiB + rootGiB) * (gp3?.usd ?? 0) + fileGiB * (efs?.usd ?? 0));
  if (blockGiB + rootGiB > 0) {
    describe(
      `EBS gp3 for ${round2(blockGiB)} GiB of claims and ${nodes} node root volumes of ${NODE_ROOT_VOLUME_GIB} GiB (baseline 3,000 IOPS, 125 MiB/s)`,
      gp3,
    );
  }
  if (fileGiB > 0) describe(`EFS Standard for ${round2(fileGiB)} GiB of shared claims`, efs);

  // Load balancers: an NLB per LoadBalancer Service, an ALB per Ingress (one per group.name).
  const lbs = countLoadBalancers(input.inventory);
  const nlb = servicePrice(catalog, 'nlb-hour');
  const alb = servicePrice(catalog, 'alb-hour');
  const loadBalancers = round2((lbs.nlbs * (nlb?.usd ?? 0) + lbs.albs * (alb?.usd ?? 0)) * HOURS_PER_MONTH);
  if (lbs.nlbs > 0) describe(`${countOf(lbs.nlbs, 'NLB')} (LoadBalancer Services), hourly charge only`, nlb);
  if (lbs.ingresses > 0) {
    describe(`${countOf(lbs.albs, 'ALB')} for ${countOf(lbs.ingresses, 'Ingress')}, hourly charge only`, alb);
    if (lbs.albsIfGrouped < lbs.albs) {
      const saving = round2((lbs.albs - lbs.albsIfGrouped) * (alb?.usd ?? 0) * HOURS_PER_MONTH);
      assumptions.push(
        `sharing one ALB through alb.ingress.kubernetes.io/group.name would need ${countOf(lbs.albsIfGrouped, 'ALB')} and save $${saving} a month`,
      );
    }
  }
  if (lbs.nlbs + lbs.ingresses > 0)
    assumptions.push('load balancer capacity units (LCU/NLCU) depend on traffic and are not included');

  // NAT gateways: one per AZ, none for a private cluster (no internet egress).
  const nat = servicePrice(catalog, 'nat-gateway-hour');
  const natGateways =
    input.natGateways ??
    (options.endpoint === 'private' ? 0 : round2(options.azs * (nat?.usd ?? 0) * HOURS_PER_MONTH));
  if (natGateways > 0 && input.natGateways === undefined) {
    describe(`${countOf(options.azs, 'NAT gateway')} (one per AZ), data processing not included`, nat);
  }
  if (input.fargate > 0) {
    describe('Fargate vCPU', servicePrice(catalog, 'fargate-linux-x86-vcpu-hour'));
    describe('Fargate memory', servicePrice(catalog, 'fargate-linux-x86-gb-hour'));
  }
  if (outsideUsEast1) {
    assumptions.push(
      `service prices (Fargate, EBS, EFS, load balancers, NAT) are us-east-1's: no ${options.region} figures in the catalog`,
    );
  }

  const computeOnDemand = round2(input.computeOnDemand);
  const computeSpot = round2(input.computeSpot);
  const compute = round2(computeOnDemand + computeSpot);
  const fargate = round2(input.fargate);
  const vpcEndpoints = round2(input.vpcEndpoints ?? 0);
  const total = round2(
    controlPlane + compute + fargate + storage + loadBalancers + natGateways + vpcEndpoints,
  );
  const lowerBound = round2(input.lowerBound);
  return {
    currency: 'USD',
    hoursPerMonth: HOURS_PER_MONTH,
    monthly: {
      controlPlane,
      computeOnDemand,
      computeSpot,
      compute,
      fargate,
      storage,
      loadBalancers,
      natGateways,
      vpcEndpoints,
      total,
    },
    computeLowerBound: lowerBound,
    computeToLowerBound: lowerBound > 0 ? Math.round((compute / lowerBound) * 1000) / 1000 : 1,
    assumptions,
  };
}
