// kube2eks plan: read the inputs, assess them, design the EKS cluster and its cost, print the plan.
import { type Command, Option } from 'commander';
import { assess, resolveTargetVersion } from '../../assess.js';
import { type Catalog, loadCatalog } from '../../catalog/index.js';
import { type AssessResult, type Inventory, SEVERITY_RANK } from '../../model/types.js';
import { buildChecklist } from '../../plan/checklist.js';
import { plan } from '../../plan/index.js';
import type { Plan } from '../../plan/types.js';
import { escapeTerminal } from '../../report/escape.js';
import { renderHtmlReport } from '../../report/index.js';
import { PLAN_FORMATS, type PlanFormat, planFormatters } from '../../report/plan.js';
import { registry, ruleInfos } from '../../rules/index.js';
import { loadInventory } from '../../sources/index.js';
import { FAIL_ON_LEVELS, type FailOn, findConfigFile, loadConfig, resolveRuleSettings } from '../config.js';
import { ExitCode, UserError } from '../errors.js';
import { writeOutput } from '../output.js';
import {
  addPlanOptions,
  preferFastSolverStartup,
  type RawPlanOptions,
  resolvePlanOptions,
} from '../plan-options.js';
import { createProgress } from '../progress.js';
import { targetSupport } from './assess.js';
import type { RegisterCommand } from './index.js';

export interface PlanCommandOptions extends RawPlanOptions {
  targetVersion?: string;
  format: PlanFormat | 'html';
  output?: string;
  failOn?: FailOn;
  config?: string;
  catalog?: string;
  debug?: boolean;
  color: boolean;
}

/** Reads, assesses and plans; returns the plan and the assessment (for the exit code). */
export async function buildPlanFromInputs(
  inputs: string[],
  options: PlanCommandOptions,
  now: Date,
  /** Leaves objects out before assessing (generate drops its own output folder's files). */
  keep?: (item: Inventory['objects'][number]) => boolean,
): Promise<{ plan: Plan; result: AssessResult; failOn: FailOn; catalog: Catalog; inventory: Inventory }> {
  const cwd = process.cwd();
  const ruleIds = registry.map((r) => r.meta.id);
  const configFile = findConfigFile(options.config, cwd);
  const config = configFile ? loadConfig(configFile, ruleIds, cwd) : undefined;
  const settings = resolveRuleSettings(config?.rules ?? {}, ruleIds);
  const catalog = loadCatalog(options.catalog ? { userCatalogFile: options.catalog } : {});
  const targetVersion = resolveTargetVersion(catalog, options.targetVersion ?? config?.targetVersion, now);
  const progress = createProgress();
  let built: Awaited<ReturnType<typeof buildPlanFromInputs>>;
  let designed: Plan;
  try {
    let inventory: Awaited<ReturnType<typeof loadInventory>>;
    try {
      inventory = await loadInventory(inputs, { onProgress: (m) => progress.update(m), cwd });
    } catch (error) {
      if (error instanceof Error && error.name === 'InputPathError') throw new UserError(error.message);
      throw error;
    }
    if (keep) inventory = { ...inventory, objects: inventory.objects.filter(keep) };
    const planOptions = resolvePlanOptions(options, targetVersion, inventory.cluster.context);
    progress.update(`assessing ${inventory.objects.length} objects`);
    // Every rule runs for the plan: severity settings shape the report, not the design.
    const result = assess(inventory, {
      targetVersion,
      catalog,
      now,
      severityOverrides: settings.severityOverrides,
    });
    progress.update('sizing node groups');
    preferFastSolverStartup();
    designed = await plan(inventory, result.findings, planOptions, catalog, now);
    built = { plan: designed, result, failOn: options.failOn ?? 'never', catalog, inventory };
  } finally {
    progress.done();
  }
  const warning = observedSizingWarning(built.plan, built.inventory);
  if (warning) process.stderr.write(warning);
  return built;
}

/** `--sizing observed` that sized nothing: a warning (the plan stands, by requests), never an error. */
function observedSizingWarning(designed: Plan, inventory: Inventory): string | undefined {
  if (designed.sizing.basis !== 'observed' || designed.sizing.sizedFromUsage) return undefined;
  const hasUsage = Object.keys(inventory.cluster.usage ?? {}).length > 0;
  return `kube2eks: warning: --sizing observed: ${
    hasUsage
      ? 'no workload could be sized from the usage in the input (sizing.fellBackToRequests says why)'
      : "the input holds no metrics-server usage (a bundle from 'kube2eks collect' of a cluster running metrics-server has it)"
  }; every workload is sized by its requests\n`;
}

function useColor(options: PlanCommandOptions): boolean {
  if (!options.color || options.output !== undefined) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return process.stdout.isTTY === true;
}

export async function runPlan(inputs: string[], options: PlanCommandOptions): Promise<number> {
  const now = new Date();
  const { plan: designed, result, failOn, catalog } = await buildPlanFromInputs(inputs, options, now);
  for (const e of result.errors) {
    const where = [e.file, e.entry, e.line].filter((p) => p !== undefined).join(':');
    process.stderr.write(
      `kube2eks: ${escapeTerminal(where)}: ${escapeTerminal(e.message)} (left out of the plan)\n`,
    );
  }
  const text =
    options.format === 'html'
      ? renderHtmlReport({
          // The checklist, rebuilt with the plan: its add-on versions, roles, access entries and classes win.
          result: { ...result, checklist: buildChecklist(result, designed) },
          rules: ruleInfos(registry),
          plan: designed,
          support: targetSupport(catalog, designed.cluster.version, now),
          generatedAt: now,
        })
      : planFormatters[options.format](designed, { color: useColor(options) });
  const written = writeOutput(options.output, text);
  if (written === 'file') {
    const groups = designed.nodeGroups.reduce((s, g) => s + g.desiredSize, 0);
    process.stderr.write(
      `kube2eks: wrote ${options.output}: ${designed.nodeGroups.length} node groups (${groups} nodes), ${designed.fargateProfiles.length} Fargate profiles, $${designed.cost.monthly.total} a month\n`,
    );
  }
  if (failOn === 'never') return ExitCode.Ok;
  if (result.errors.length > 0) return ExitCode.Findings;
  return result.findings.some((f) => SEVERITY_RANK[f.severity] <= SEVERITY_RANK[failOn])
    ? ExitCode.Findings
    : ExitCode.Ok;
}

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
      setExit(await runPlan(inputs, options));
    });
};
