// kube2eks plan: read the inputs, assess them, design the EKS cluster and its cost, print the plan.
import { assess, resolveTargetVersion } from '../../assess.js';
import { type Catalog, loadCatalog } from '../../catalog/index.js';
import { type AssessResult, type Inventory, SEVERITY_RANK } from '../../model/types.js';
import { buildChecklist } from '../../plan/checklist.js';
import { plan } from '../../plan/index.js';
import type { Plan } from '../../plan/types.js';
import { escapeTerminal } from '../../report/escape.js';
import { renderHtmlReport } from '../../report/index.js';
import { type PlanFormat, planFormatters } from '../../report/plan.js';
import { registry, ruleInfos } from '../../rules/index.js';
import { loadInventory } from '../../sources/index.js';
import { type FailOn, findConfigFile, loadConfig, resolveRuleSettings } from '../config.js';
import { ExitCode, UserError } from '../errors.js';
import { writeOutput } from '../output.js';
import { preferFastSolverStartup, type RawPlanOptions, resolvePlanOptions } from '../plan-options.js';
import { createProgress } from '../progress.js';
import { targetSupport } from './assess.js';

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
