// kube2eks plan: the command's arguments, options and help (its code loads when it runs).
import { type Command, Option } from 'commander';
import { PLAN_FORMATS } from '../../report/formats.js';
import { FAIL_ON_LEVELS } from '../choices.js';
import type { PlanCommandOptions } from '../commands/plan.js';
import { addPlanOptions } from '../plan-options.js';
import type { RegisterCommand } from './index.js';

const HELP = `
How it decides:
  Demand is each workload's replicas (the HPA or KEDA minimum; the maximum sizes the node groups'
  maxSize) × its pod's requests. Pods are grouped into pools by what they need of a node (Windows,
  arm64, GPUs, node labels and taints carried from the source's pools, spot or on-demand). For each
  pool the HiGHS solver picks the instance types and counts of least monthly cost whose allocatable
  CPU, memory and pod slots (as the EKS AL2023 AMI computes them, less the DaemonSets on every node)
  cover the demand × (1 + headroom); every pod is then placed to prove the mix packs. The cost is
  compared with its lower bound (the cheapest fractional mix: docs/plan.md). Every choice has a reason.

Spot (--spot auto): workloads with 2+ replicas, owned by a controller, without node-bound storage and
  behind a PodDisruptionBudget that allows one down, on spot groups of 3+ same-shape instance types.
Fargate (--fargate auto): eligible Jobs and CronJobs, and workloads Fargate runs for less.
Prices: us-east-1 on-demand as of 2026-07; other regions date from 2022 and are flagged.

Exit codes:
  0  the plan was written (or findings below --fail-on)
  1  findings at or above --fail-on (default: never)
  2  bad usage, or no input could be read

Examples:
  kube2eks plan ./k8s
  kube2eks plan ./k8s --region eu-west-1 --azs 3 --spot none --format markdown --output plan.md
  kube2eks plan prod-bundle.tar.gz --sizing observed --fargate auto --format json --output plan.json
  kube2eks plan ./k8s --instance-types 'm7i.*,c7i.*,r7i.*' --headroom 0.3
  kube2eks plan ./k8s --arch arm64 --endpoint private --autoscaler karpenter
  kube2eks plan ./k8s --format html --output migration.html   # the report for the people who approve the move
`;

export const registerPlan: RegisterCommand = (program: Command, setExit) => {
  const command = program
    .command('plan')
    .summary('design the EKS cluster for these workloads, with its monthly cost')
    .description(
      'Read what runs today and design the EKS cluster that runs it: node groups chosen by optimisation ' +
        '(instance types and counts of least cost that hold every pod), spot and Fargate where they fit, ' +
        'and the monthly cost line by line, each decision with its reason.',
    )
    .argument('<inputs...>', 'files, folders, globs, - for stdin, backups or bundles, context:NAME')
    .option(
      '--target-version <version>',
      'target EKS version, e.g. 1.33 (default: the newest in standard support today)',
    );
  addPlanOptions(command)
    .addOption(
      new Option('-o, --format <format>', 'plan format (html: the whole migration report, findings included)')
        .choices([...PLAN_FORMATS, 'html'])
        .default('table'),
    )
    .option('--output <file>', 'write the plan to this file (replacing it) instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 on findings at or above this severity').choices([
        ...FAIL_ON_LEVELS,
      ]),
    )
    .option('--config <file>', 'settings file (default: .kube2eks.yaml when present)')
    .option('--catalog <file>', 'a catalog file merged over the shipped data (instance types, prices)')
    .option('--debug', 'show stack traces of internal errors')
    .option('--no-color', 'no colors in the table (also NO_COLOR=1)')
    .addHelpText('after', HELP)
    .action(async (inputs: string[], options: PlanCommandOptions) => {
      const { runPlan } = await import('../commands/plan.js');
      setExit(await runPlan(inputs, options));
    });
};
