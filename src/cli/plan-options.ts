// The options of `plan` (and `generate`, which takes the same): declared once on a command, resolved once
// into PlanOptions with every default of the command line (`kube2eks plan --help`). Bad values name the flag and what it takes.
import { setFlagsFromString } from 'node:v8';
import { type Command, Option } from 'commander';
import type { Arch, PlanOptions } from '../plan/types.js';
import { UserError } from './errors.js';

/** What commander hands over for the plan flags (strings, before checking). */
export interface RawPlanOptions {
  region: string;
  name?: string;
  /** Undefined when not given: the default then moves off the source cluster's ranges. */
  vpcCidr?: string;
  endpoint: PlanOptions['endpoint'];
  spot: string;
  spotDiscount: string;
  fargate: PlanOptions['fargate'];
  arch: Arch | 'any';
  azs: string;
  headroom: string;
  instanceTypes?: string;
  autoscaler: PlanOptions['autoscaler'];
  identity: PlanOptions['identity'];
  podSecurityGroups?: boolean;
  amiFamily: PlanOptions['amiFamily'];
  nodeGroupKind: PlanOptions['nodeGroupKind'];
  sizing: PlanOptions['sizing'];
  registry?: string;
}

export const DEFAULT_VPC_CIDR = '10.0.0.0/16';

/** Adds every plan flag, with its default, to a command. */
export function addPlanOptions(command: Command): Command {
  return command
    .option('--region <region>', 'AWS region of the EKS cluster', 'us-east-1')
    .option('--name <name>', 'EKS cluster name (default: the source context, else "migrated")')
    .option(
      '--vpc-cidr <cidr>',
      "CIDR of the new VPC, /16 to /28 (default: 10.0.0.0/16, or the first free /16 when it overlaps the source cluster's pod, service or node ranges)",
    )
    .addOption(
      new Option(
        '--endpoint <access>',
        'API server endpoint access; private = no internet egress, VPC endpoints',
      )
        .choices(['public', 'public-private', 'private'])
        .default('public-private'),
    )
    .option(
      '--spot <mode>',
      'auto (every interruption-tolerant workload on spot), none, or a share 0-1 of their pods',
      'auto',
    )
    .option('--spot-discount <fraction>', 'spot price = on-demand × (1 − fraction)', '0.65')
    .addOption(
      new Option('--fargate <mode>', 'none; all eligible workloads; or auto (bursty Jobs, or where cheaper)')
        .choices(['auto', 'none', 'all'])
        .default('none'),
    )
    .addOption(
      new Option('--arch <arch>', 'node architecture (any: whichever is cheaper)')
        .choices(['x86_64', 'arm64', 'any'])
        .default('x86_64'),
    )
    .option('--azs <n>', 'Availability Zones to spread nodes over', '3')
    .option('--headroom <fraction>', 'spare capacity on top of the requests (0.2 = 20%)', '0.2')
    .option(
      '--instance-types <globs>',
      'comma-separated globs of instance types to search, e.g. "m7i.*,c7i.*" (default: current generation, no burstable)',
    )
    .addOption(
      new Option('--autoscaler <engine>', 'node autoscaler')
        .choices(['cluster-autoscaler', 'karpenter'])
        .default('cluster-autoscaler'),
    )
    .addOption(
      new Option('--identity <mechanism>', 'how pods get AWS credentials')
        .choices(['irsa', 'pod-identity'])
        .default('pod-identity'),
    )
    .option('--pod-security-groups', 'security groups for pods (VPC CNI branch ENIs)')
    .addOption(
      new Option('--ami-family <family>', 'node operating system')
        .choices(['al2023', 'bottlerocket'])
        .default('al2023'),
    )
    .addOption(
      new Option('--node-group-kind <kind>', 'EKS managed node groups or self-managed Auto Scaling groups')
        .choices(['managed', 'self-managed'])
        .default('managed'),
    )
    .addOption(
      new Option(
        '--sizing <basis>',
        "size pods by their requests, or by a collect bundle's metrics-server usage: each container at max(usage × 1.3, 10m/32Mi) where below its request",
      )
        .choices(['requests', 'observed'])
        .default('requests'),
    );
}

function number(flag: string, value: string, min: number, max: number, what: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new UserError(`${flag} '${value}': expected ${what}.`);
  return n;
}

/** An EKS cluster name: letters, digits, - and _, starting with a letter, at most 100 characters. */
export function clusterNameFrom(context: string | undefined): string {
  if (!context) return 'migrated';
  const cleaned = context
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[^A-Za-z]+/, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return cleaned === '' ? 'migrated' : cleaned;
}

/** Checks the flags and applies the defaults that depend on the input (the cluster name). */
export function resolvePlanOptions(
  raw: RawPlanOptions,
  targetVersion: string,
  sourceContext: string | undefined,
): PlanOptions {
  const name = raw.name ?? clusterNameFrom(sourceContext);
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,99}$/.test(name))
    throw new UserError(
      `--name '${name}': an EKS cluster name starts with a letter and holds only letters, digits, - and _ (at most 100).`,
    );
  const vpcCidr = raw.vpcCidr ?? DEFAULT_VPC_CIDR;
  const vpcMatch = /^(\d{1,3}\.){3}\d{1,3}\/(\d{1,2})$/.exec(vpcCidr);
  const vpcPrefix = Number(vpcMatch?.[2]);
  if (
    !vpcMatch ||
    vpcCidr
      .split(/[./]/)
      .slice(0, 4)
      .some((o) => Number(o) > 255)
  )
    throw new UserError(`--vpc-cidr '${vpcCidr}': expected an IPv4 CIDR such as 10.0.0.0/16.`);
  if (vpcPrefix < 16 || vpcPrefix > 28)
    throw new UserError(
      `--vpc-cidr '${vpcCidr}': a VPC's CIDR block is between /16 and /28 (AWS); use e.g. 10.0.0.0/16.`,
    );
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(raw.region))
    throw new UserError(`--region '${raw.region}': expected an AWS region such as us-east-1 or eu-west-1.`);
  let spot: PlanOptions['spot'];
  if (raw.spot === 'auto' || raw.spot === 'none') spot = raw.spot;
  else spot = number('--spot', raw.spot, 0, 1, 'auto, none, or a share between 0 and 1 such as 0.5');
  const options: PlanOptions = {
    targetVersion,
    region: raw.region,
    name,
    vpcCidr,
    vpcCidrGiven: raw.vpcCidr !== undefined,
    endpoint: raw.endpoint,
    spot,
    spotDiscount: number(
      '--spot-discount',
      raw.spotDiscount,
      0,
      0.95,
      'a fraction between 0 and 0.95, such as 0.65',
    ),
    fargate: raw.fargate,
    arch: raw.arch,
    azs: number('--azs', raw.azs, 1, 6, 'a whole number of Availability Zones from 1 to 6'),
    headroom: number(
      '--headroom',
      raw.headroom,
      0,
      4,
      'a fraction of spare capacity from 0 to 4, such as 0.2',
    ),
    instanceTypes: (raw.instanceTypes ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    autoscaler: raw.autoscaler,
    identity: raw.identity,
    podSecurityGroups: raw.podSecurityGroups === true,
    amiFamily: raw.amiFamily,
    nodeGroupKind: raw.nodeGroupKind,
    sizing: raw.sizing,
  };
  if (!Number.isInteger(options.azs))
    throw new UserError(`--azs '${raw.azs}': expected a whole number from 1 to 6.`);
  if (raw.registry !== undefined) options.registry = raw.registry;
  return options;
}

let fastStartup = false;

/**
 * Runs WebAssembly in V8's baseline compiler only. A plan solves a few MIPs in HiGHS (WebAssembly) once per
 * process: compiling the solver with the optimising tier costs seconds that a short run never wins back
 * (docs/performance.md). Process-wide, so only the CLI calls it, before the solver loads.
 */
export function preferFastSolverStartup(): void {
  if (fastStartup) return;
  fastStartup = true;
  setFlagsFromString('--liftoff-only');
}
