// kube2eks generate: assess, plan, and write the migration kit into --out DIR without losing a user's file.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { generate } from '../../generate/index.js';
import type { Artifact, SourceText } from '../../generate/types.js';
import type { Inventory } from '../../model/types.js';
import { buildChecklist } from '../../plan/checklist.js';
import { type KitFile, renderHtmlReport } from '../../report/index.js';
import { registry, ruleInfos } from '../../rules/index.js';
import { TOOL_VERSION } from '../../version.js';
import { ExitCode, UserError } from '../errors.js';
import { describeKit, KIT_MANIFEST, writeKit } from '../kit.js';
import { buildPlanFromInputs, type PlanCommandOptions } from './plan.js';

export interface GenerateCommandOptions extends Omit<PlanCommandOptions, 'format' | 'output'> {
  out: string;
  iac: 'eksctl' | 'terraform' | 'both';
  copier: 'crane' | 'skopeo';
  as: 'files' | 'kustomize';
  dryRun?: boolean;
  force?: boolean;
}

/** Another stage's extra files for the kit (the HTML report), given what generate was built from. */
export type ExtraArtifacts = (input: {
  plan: Awaited<ReturnType<typeof buildPlanFromInputs>>['plan'];
  result: Awaited<ReturnType<typeof buildPlanFromInputs>>['result'];
}) => Artifact[];

/** Extra artifact makers registered by other modules (e.g. the report adds `report.html`). */
export const EXTRA_ARTIFACTS: ExtraArtifacts[] = [];

function inside(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

const SOURCE_NAMES: Record<string, string> = {
  gke: 'GKE',
  aks: 'AKS',
  eks: 'EKS',
  openshift: 'OpenShift',
  'on-premises': 'on-premises',
};

/** The text of every input file again, for a rewrite that keeps comments (generate checks it is unchanged). */
function rereadSources(inventory: Inventory, cwd: string, outDir: string): SourceText[] {
  const files = new Set<string>();
  for (const item of inventory.objects)
    if (
      item.origin === 'manifest' &&
      item.location.file &&
      item.location.file !== '-' &&
      !item.location.entry
    )
      files.add(item.location.file);
  const texts: SourceText[] = [];
  for (const file of files) {
    try {
      const path = resolve(cwd, file);
      const fromKit = relative(outDir, path).split(sep).join('/');
      texts.push({
        file,
        text: readFileSync(path, 'utf8'),
        // --as kustomize lists the file by this path; none across drives (an absolute one).
        ...(isAbsolute(fromKit) ? {} : { fromKit }),
      });
    } catch {
      // Gone since it was read: generate writes its objects as assessed and the runbook says so.
    }
  }
  return texts;
}

export async function runGenerate(inputs: string[], options: GenerateCommandOptions): Promise<number> {
  const cwd = process.cwd();
  if (options.registry !== undefined && !/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._/-]+)?$/.test(options.registry))
    throw new UserError(
      `--registry ${options.registry}: give an ECR registry like 123456789012.dkr.ecr.eu-west-1.amazonaws.com (no scheme, lowercase).`,
    );
  const outDir = resolve(cwd, options.out);
  // The kit is not an input: a rerun over a folder that holds it must not read its own output.
  const keep = (item: Inventory['objects'][number]) =>
    !(
      item.origin === 'manifest' &&
      item.location.file &&
      item.location.file !== '-' &&
      inside(outDir, resolve(cwd, item.location.file))
    );
  const { plan, result, inventory } = await buildPlanFromInputs(
    inputs,
    { ...options, format: 'json' } as PlanCommandOptions,
    new Date(),
    keep,
  );
  for (const e of result.errors) {
    const where = [e.file, e.entry, e.line].filter((p) => p !== undefined).join(':');
    process.stderr.write(`kube2eks: ${where}: ${e.message} (not in the kit)\n`);
  }
  const extra = EXTRA_ARTIFACTS.flatMap((make) => make({ plan, result }));
  const artifacts = generate(plan, inventory, result.findings, {
    iac: options.iac,
    copier: options.copier,
    as: options.as,
    ...(options.registry ? { registry: options.registry } : {}),
    sources: rereadSources(inventory, cwd, outDir),
    checklist: buildChecklist(result, plan),
    ...(result.source.provider === 'unknown' ? {} : { sourceName: SOURCE_NAMES[result.source.provider] }),
    extraArtifacts: extra,
    // Written after generate: the report (made from the kit's list) and the kit's list of hashes.
    laterPaths: ['report.html', KIT_MANIFEST],
    toolVersion: TOOL_VERSION,
  });
  // Notes about files of an earlier kit (its YAML is not input) would make a rerun's report differ.
  const ownNote = (file: string) => file !== '-' && inside(outDir, resolve(cwd, file));
  const reported = { ...result, notes: result.notes.filter((n) => !ownNote(n.file)) };
  artifacts.push(reportArtifact(plan, reported, artifacts));
  const kit = writeKit(outDir, artifacts, {
    force: options.force === true,
    dryRun: options.dryRun === true,
    toolVersion: TOOL_VERSION,
  });
  process.stderr.write(describeKit(kit, options.out, options.dryRun === true));
  if (kit.conflicts.length > 0) return ExitCode.Usage;
  if (!options.dryRun) process.stderr.write(`Next: read ${options.out}/RUNBOOK.md.\n`);
  return ExitCode.Ok;
}

/** One line per top folder of the kit, for the report's list of files. */
const KIT_PARTS: Record<string, string> = {
  eksctl: 'the planned cluster as eksctl code (eksctl create cluster -f)',
  terraform: 'the same cluster with terraform-aws-modules',
  autoscaler: 'Cluster Autoscaler values and IAM policy, or Karpenter NodePools',
  platform: 'what EKS needs before the workloads: StorageClasses, IngressClass alb, add-on values',
  manifests: 'your objects transformed for EKS, comments kept; SECRETS.md lists the Secrets to recreate',
  images: 'the images to copy to ECR and the copy script',
  velero: 'backup of the old cluster and the ordered restore on EKS',
  'RUNBOOK.md': 'the move step by step, with the commands in order',
  'plan.json': 'the plan (kube2eks verify --preflight --plan)',
  'report.html': 'this report',
};

/**
 * The migration report of the kit (report.html): the same view as `plan --format html`, plus the kit's
 * files. No clock reading goes in, so reruns on the same inputs stay byte-identical.
 */
function reportArtifact(
  plan: Awaited<ReturnType<typeof buildPlanFromInputs>>['plan'],
  result: Awaited<ReturnType<typeof buildPlanFromInputs>>['result'],
  artifacts: readonly Artifact[],
): Artifact {
  const kitFiles: KitFile[] = [...artifacts.map((a) => a.path), 'report.html']
    .sort()
    .map((path) => ({ path, description: KIT_PARTS[path.split('/')[0] ?? ''] ?? '' }));
  const content = renderHtmlReport({
    result: { ...result, checklist: buildChecklist(result, plan) },
    rules: ruleInfos(registry),
    plan,
    kitFiles,
  });
  return { path: 'report.html', content };
}
