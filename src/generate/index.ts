// generate(plan, inventory, findings, options) → Artifact[]: the migration kit as files, without writing any.
// Pure: the CLI re-reads the input files (options.sources) and writes the artifacts.
import type { Finding, Inventory } from '../model/types.js';
import type { Plan } from '../plan/types.js';
import { TOOL_VERSION } from '../version.js';
import { autoscalerArtifacts } from './autoscaler.js';
import { eksctlArtifacts } from './eksctl.js';
import { imageArtifacts } from './images.js';
import { kustomizeManifests } from './kustomize.js';
import { generateManifests } from './manifests.js';
import { platformArtifacts } from './platform.js';
import { runbook } from './runbook.js';
import { secretsArtifact } from './secrets.js';
import { terraformArtifacts } from './terraform.js';
import type { Artifact, GenerateContext, GenerateOptions } from './types.js';
import { veleroArtifacts } from './velero.js';

export type { Artifact, Copier, GenerateOptions, IacTool, SourceText } from './types.js';

/**
 * The migration kit for `plan`: eksctl (or Terraform), platform/, manifests/ (the inputs transformed by the
 * findings' fixes), images/, velero/, RUNBOOK.md and plan.json, sorted by path. The same inputs give the
 * same bytes.
 */
export function generate(
  plan: Plan,
  inventory: Inventory,
  findings: readonly Finding[],
  options: GenerateOptions = {},
): Artifact[] {
  const ctx: GenerateContext = {
    plan,
    inventory,
    findings: [...findings],
    options: {
      iac: options.iac ?? 'eksctl',
      copier: options.copier ?? 'crane',
      as: options.as ?? 'files',
      toolVersion: options.toolVersion ?? TOOL_VERSION,
      ...(options.registry ? { registry: options.registry } : {}),
    },
  };
  const sources = new Map((options.sources ?? []).map((s) => [s.file, s.text]));
  const manifests = generateManifests(ctx, sources);
  if (ctx.options.as === 'kustomize') {
    const fromKit = new Map(
      (options.sources ?? []).filter((s) => s.fromKit !== undefined).map((s) => [s.file, s.fromKit!]),
    );
    const overlay = kustomizeManifests(manifests, sources, fromKit);
    manifests.artifacts = overlay.artifacts;
    manifests.notes.push(...overlay.notes);
    manifests.overlay = overlay.overlay;
    manifests.separate = overlay.separate;
  }
  const artifacts: Artifact[] = [...manifests.artifacts];
  const secrets = secretsArtifact(inventory.objects);
  if (secrets) artifacts.push(secrets);
  if (ctx.options.iac !== 'terraform') artifacts.push(...eksctlArtifacts(plan));
  if (ctx.options.iac !== 'eksctl') artifacts.push(...terraformArtifacts(plan));
  artifacts.push(...autoscalerArtifacts(plan, inventory));
  artifacts.push(...platformArtifacts(plan));
  artifacts.push(...imageArtifacts(findings, plan, ctx.options.copier, ctx.options.registry));
  artifacts.push(...veleroArtifacts(plan, inventory));
  artifacts.push({ path: 'plan.json', content: `${JSON.stringify(plan, null, 2)}\n` });
  // Extra artifacts (the HTML report) are added as given.
  for (const extra of options.extraArtifacts ?? []) artifacts.push(extra);
  const paths = new Set([...artifacts.map((a) => a.path), 'RUNBOOK.md', ...(options.laterPaths ?? [])]);
  artifacts.push({
    path: 'RUNBOOK.md',
    content: runbook({
      ctx,
      manifests,
      paths,
      ...(options.checklist ? { checklist: options.checklist } : {}),
      ...(options.sourceName ? { sourceName: options.sourceName } : {}),
    }),
  });
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
