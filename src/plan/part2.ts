// Part 2 of the plan: network and IPs, endpoint access and egress, autoscaling, identities and access
// entries, add-ons, storage classes and the notes a reviewer asks about. Pure: everything it needs comes
// in as arguments (the compute side of part 1 included); `plan()` calls it and merges the result.
// `findings` must be those of every rule, whatever the user's configuration disabled or re-rated:
// severity settings shape the report, not the design.
import type { Catalog } from '../catalog/index.js';
import type { Finding, Inventory } from '../model/types.js';
import { planAccess } from './access.js';
import { planAddons } from './addons.js';
import { planAutoscaling } from './autoscaling.js';
import { planEndpoints } from './endpoints.js';
import {
  claimFacts,
  countKind,
  loadBalancerFacts,
  serviceAccountsOfWorkloads,
  sourceRanges,
} from './facts.js';
import { planIdentities } from './identities.js';
import { planNetwork } from './network.js';
import { planNotes } from './notes.js';
import { planStorageClasses } from './storage-classes.js';
import type {
  IdentityMechanism,
  Plan,
  PlanFargateProfile,
  PlanNodeGroup,
  PlanOptions,
  PlanPlacement,
  PlanReason,
} from './types.js';

export interface Part2Input {
  inventory: Inventory;
  findings: Finding[];
  options: PlanOptions;
  catalog: Catalog;
  now: Date;
  compute: {
    nodeGroups: PlanNodeGroup[];
    fargateProfiles: PlanFargateProfile[];
    placements: PlanPlacement[];
  };
  /** The AZs part 1 chose; default `<region>a`, `b`, … for `options.azs`. */
  azs?: string[];
}

export type Part2 = Pick<
  Plan,
  | 'network'
  | 'addons'
  | 'autoscaling'
  | 'identities'
  | 'accessEntries'
  | 'identityProvider'
  | 'vpcEndpoints'
  | 'storageClasses'
  | 'notes'
  | 'reasons'
> & {
  monthly: { natGateways: number; vpcEndpoints: number };
  /** Cost lines (NAT gateways, VPC endpoints) with each price's source and date. */
  costAssumptions: string[];
};

/** Add-ons that call AWS APIs with credentials of their own (EKS Pod Identity or IRSA, per --identity). */
const ADDONS_WITH_AWS_ACCESS = new Set([
  'aws-ebs-csi-driver',
  'aws-efs-csi-driver',
  'aws-fsx-csi-driver',
  'aws-load-balancer-controller',
  'cluster-autoscaler',
  'karpenter',
  'amazon-cloudwatch-observability',
  'adot',
]);

export function defaultAzs(region: string, count: number): string[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => `${region}${String.fromCharCode(97 + i)}`);
}

export function planPart2(input: Part2Input): Part2 {
  const { inventory, findings, options, catalog, compute } = input;
  const azs = input.azs?.length ? input.azs : defaultAzs(options.region, options.azs);
  const lb = loadBalancerFacts(inventory, findings);
  const claims = claimFacts(inventory);
  const reasons: PlanReason[] = [];

  const identities = planIdentities(
    findings,
    options,
    compute.placements,
    serviceAccountsOfWorkloads(inventory),
  );
  const storage = planStorageClasses(inventory, findings, claims);
  const access = planAccess(findings, options, compute.nodeGroups);
  const autoscaling = planAutoscaling(options, catalog, compute.nodeGroups);
  const { network, reasons: networkReasons } = planNetwork({
    options,
    catalog,
    nodeGroups: compute.nodeGroups,
    fargateProfiles: compute.fargateProfiles,
    placements: compute.placements,
    azs,
    loadBalancers: lb,
    sources: sourceRanges(inventory),
    needsNat: options.endpoint !== 'private',
  });

  // Add-ons first decide which credentials mechanisms the cluster needs; endpoints follow from them.
  const needsFor = (podIdentity: boolean) => ({
    network,
    storageClasses: storage.storageClasses,
    networkPolicies: countKind(inventory, 'NetworkPolicy', 'networking.k8s.io'),
    hpas: countKind(inventory, 'HorizontalPodAutoscaler'),
    snapshots: countKind(inventory, 'VolumeSnapshot', 'snapshot.storage.k8s.io'),
    loadBalancerServices: lb.nlbInternal + lb.nlbInternetFacing,
    ingresses: lb.ingressInternal + lb.ingressInternetFacing,
    podIdentity,
  });
  const draft = planAddons(findings, options, catalog, needsFor(false));
  const mechanisms = new Set<IdentityMechanism>(identities.identities.map((i) => i.mechanism));
  if (draft.addons.some((a) => ADDONS_WITH_AWS_ACCESS.has(a.name))) mechanisms.add(options.identity);
  const addons = mechanisms.has('pod-identity')
    ? planAddons(findings, options, catalog, needsFor(true))
    : draft;

  const endpoints = planEndpoints(options, catalog, {
    mechanisms,
    loadBalancerController: addons.addons.some((a) => a.name === 'aws-load-balancer-controller'),
    cloudWatch: addons.addons.some((a) => a.name === 'amazon-cloudwatch-observability'),
    azs: azs.length,
  });

  reasons.push(
    ...networkReasons,
    ...endpoints.reasons,
    { subject: 'autoscaling', why: autoscaling.why },
    ...identities.reasons,
    ...access.reasons,
    ...addons.reasons,
    ...storage.reasons,
  );
  const notes = [
    ...planNotes(
      inventory,
      options,
      compute.nodeGroups,
      addons.addons,
      catalog.provenance.eksAddons?.date ?? 'unknown',
    ),
    ...identities.notes,
  ];
  return {
    network,
    addons: addons.addons,
    autoscaling,
    identities: identities.identities,
    accessEntries: access.accessEntries,
    identityProvider: access.identityProvider,
    vpcEndpoints: endpoints.vpcEndpoints,
    storageClasses: storage.storageClasses,
    notes,
    reasons,
    monthly: endpoints.monthly,
    costAssumptions: endpoints.costAssumptions,
  };
}
