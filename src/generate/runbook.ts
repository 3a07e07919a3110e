// RUNBOOK.md: the move in the order a team carries it out — what to resolve first, building the cluster,
// add-ons, images, the waves of workloads, data, DNS cutover, verification, rollback, and cost afterwards —
// with this cluster's names and the kit's own commands.
import { describeRef } from '../model/kinds.js';
import { type Finding, type Inventory, SEVERITY_RANK } from '../model/types.js';
import { escapeMarkdown, escapeTerminal, code as inline } from '../report/escape.js';
import type { ManifestsResult, ObjectFate } from './manifests.js';
import { AUTOSCALER_ADDONS, chartVersion, HELM_CHARTS, versionComment } from './platform.js';
import { shellQuote } from './shell.js';
import type { GenerateContext } from './types.js';
import { namespacesOf } from './velero.js';

/** The shape of a checklist step (src/plan/checklist.ts), read structurally. */
export interface RunbookChecklistItem {
  step: string;
  title: string;
  lines: Array<{ text: string }>;
}

export interface RunbookInput {
  ctx: GenerateContext;
  manifests: ManifestsResult;
  /** Every path of the kit (including what the caller adds after generate), for the file table. */
  paths: ReadonlySet<string>;
  /** The migration checklist (`buildChecklist(assessment, plan)`), when available. */
  checklist?: readonly RunbookChecklistItem[];
  /** Source provider name for the title (`gke`, `aks` …). */
  sourceName?: string;
}

// Every name, path, host or message that comes from the input goes through report/escape.ts: `md` for
// prose, `cell` for table cells, `inline` for code spans; commands in fenced blocks are one line each
// (control characters shown as escapes) with input text shell-quoted.

function code(lines: string[]): string[] {
  return ['```sh', ...lines.map((l) => escapeTerminal(l)), '```', ''];
}

function md(text: string): string {
  return escapeMarkdown(text);
}

function cell(text: string): string {
  return escapeMarkdown(text, true);
}

/** Findings the kit did not fix, grouped by rule, blockers first. */
function openFindings(findings: readonly Finding[], fates: readonly ObjectFate[]): Map<string, Finding[]> {
  const fixedOrGone = new Set<Finding>();
  const applied = new Set<string>();
  for (const fate of fates)
    for (const edit of fate.applied) applied.add(`${edit.source} ${describeRef(fate.item.ref)}`);
  const leftOut = new Set(fates.filter((f) => f.leftOut).map((f) => describeRef(f.item.ref)));
  for (const f of findings) {
    if (f.fix && applied.has(`${f.ruleId} ${describeRef(f.resource)}`)) fixedOrGone.add(f);
    else if (leftOut.has(describeRef(f.resource)) && f.resource.kind !== 'Secret') fixedOrGone.add(f);
  }
  const groups = new Map<string, Finding[]>();
  for (const f of [...findings].sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.ruleId.localeCompare(b.ruleId),
  )) {
    if (fixedOrGone.has(f) || f.severity === 'info') continue;
    const list = groups.get(f.ruleId);
    if (list) list.push(f);
    else groups.set(f.ruleId, [f]);
  }
  return groups;
}

/**
 * Kit files of manifests/ in apply order: cluster-wide objects and CRDs, then the namespaces without
 * persistent data, then those with it (Velero restores whole namespaces, so a namespace waits for its data).
 */
export function waves(
  fates: readonly ObjectFate[],
  inventory: Inventory,
): Array<{ title: string; files: string[] }> {
  const { withVolumes } = namespacesOf(inventory);
  const waveOf = new Map<string, number>();
  const namespacesIn: Array<Set<string>> = [new Set(), new Set(), new Set()];
  for (const fate of fates) {
    if (!fate.path) continue;
    const { kind, namespace } = fate.item.ref;
    const wave =
      kind === 'CustomResourceDefinition' || kind === 'Namespace' || !namespace
        ? 0
        : withVolumes.has(namespace)
          ? 2
          : 1;
    if (namespace && wave > 0) namespacesIn[wave]!.add(namespace);
    // A file goes with its latest object: nothing in it is applied before what it needs.
    waveOf.set(fate.path, Math.max(waveOf.get(fate.path) ?? 0, wave));
  }
  const listed = (wave: number): string => [...namespacesIn[wave]!].sort().join(', ');
  const titles = [
    'Wave 1: namespaces, CRDs and cluster-wide objects (operators find their kinds)',
    `Wave 2: namespaces without persistent data (${listed(1)})`,
    `Wave 3: namespaces with persistent data (${listed(2)}), after their data is restored`,
  ];
  return titles
    .map((title, i) => ({
      title,
      files: [...waveOf.entries()]
        .filter(([, w]) => w === i)
        .map(([p]) => p)
        .sort(),
    }))
    .filter((w) => w.files.length > 0);
}

/** What each kit file is, by exact path first, then by folder. */
const FILE_WHAT: Readonly<Record<string, string>> = {
  'RUNBOOK.md': 'this file',
  'plan.json': 'the plan this kit was generated from (`kube2eks verify --preflight --plan`)',
  'report.html': 'the assessment, checklist, plan and cost as one page',
  '.kube2eks-kit.json':
    'the hash of every file kube2eks wrote: a rerun replaces only these, and only unedited',
  'eksctl/cluster.yaml': 'the cluster as an eksctl ClusterConfig (`eksctl create cluster -f`)',
  'eksctl/eniconfigs.yaml': 'ENIConfigs of custom networking (pod subnets per AZ)',
  'terraform/main.tf': 'the cluster, its VPC and identities with terraform-aws-modules',
  'terraform/variables.tf': 'Terraform inputs',
  'terraform/outputs.tf': 'Terraform outputs',
  'terraform/versions.tf': 'Terraform and AWS provider versions',
  'platform/storageclasses.yaml': 'the StorageClasses of the plan (apply before any claim)',
  'platform/ingressclass.yaml': 'IngressClass `alb`',
  'autoscaler/karpenter.yaml': 'Karpenter EC2NodeClass and NodePools, limits from the plan',
  'autoscaler/cluster-autoscaler.values.yaml': 'Cluster Autoscaler Helm values',
  'autoscaler/cluster-autoscaler-iam-policy.json': 'IAM policy of the Cluster Autoscaler',
  'autoscaler/security-group-policies.yaml': 'SecurityGroupPolicy per namespace (security groups for pods)',
  'images/images.md': 'every image, its ECR repository and who uses it',
  'images/copy.sh': 'copies the images to ECR, digests kept',
  'images/pull-through-cache.sh': 'ECR pull-through cache rules, an alternative to copying',
  'images/ecr-repositories.tf': 'the ECR repositories as Terraform',
  'velero/install.sh': 'installs Velero on both clusters',
  'velero/iam-policy.json': 'IAM policy of Velero (the migration bucket)',
  'velero/backup.sh': 'backups of the old cluster, one per namespace',
  'velero/restore.sh': 'restores on EKS: Secrets, claims and their data',
  'velero/storage-class-mapping.yaml': 'Velero storage-class mapping (source class → EKS class)',
  'manifests/SECRETS.md': 'the Secrets to recreate (names, types and keys; never values)',
  'manifests/kustomization.yaml': 'the kustomize overlay: your files as resources, the fixes as patches',
};

function describeFile(path: string, sources: ReadonlyMap<string, string[]>): string {
  const exact = FILE_WHAT[path];
  if (exact) return exact;
  if (path.startsWith('platform/helm/'))
    return `Helm values of ${inline(path.slice('platform/helm/'.length).replace(/\.values\.yaml$/, ''), true)}`;
  if (path.startsWith('manifests/')) {
    const from = sources.get(path) ?? [];
    return from.length > 0
      ? `objects of ${from.map((f) => inline(f, true)).join(', ')}, transformed for EKS`
      : 'objects transformed for EKS';
  }
  return '';
}

/** One row per file of the kit, sorted: the table lists exactly what the folder holds. */
function kitTable(paths: ReadonlySet<string>, fates: readonly ObjectFate[]): string[] {
  const sources = new Map<string, string[]>();
  for (const fate of fates) {
    if (!fate.path) continue;
    const loc = fate.item.location;
    const from = loc.file ?? loc.cluster ?? fate.item.origin;
    const text = loc.entry ? `${from} (${loc.entry})` : from === '-' ? 'standard input' : from;
    const list = sources.get(fate.path) ?? [];
    if (!list.includes(text)) list.push(text);
    sources.set(fate.path, list);
  }
  return [
    '| File | What it is |',
    '| --- | --- |',
    ...[...paths]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((p) => `| ${inline(p, true)} | ${describeFile(p, sources)} |`),
    '',
  ];
}

export function runbook(input: RunbookInput): string {
  const { ctx, manifests, paths } = input;
  const { plan, inventory, findings } = ctx;
  const name = plan.cluster.name;
  const out: string[] = [];
  const has = (prefix: string) => [...paths].some((p) => p.startsWith(prefix));
  out.push(
    `# Runbook: moving ${input.sourceName ? `${md(input.sourceName)} workloads` : 'the workloads'} to EKS cluster ${inline(name)}`,
    '',
    `Generated by kube2eks ${ctx.options.toolVersion} from ${inventory.objects.length} objects and ${findings.length} findings. EKS ${md(plan.cluster.version)} in ${md(plan.cluster.region)}, endpoint ${plan.cluster.endpointAccess}, about $${plan.cost.monthly.total.toFixed(2)} a month (plan.json, cost).`,
    'Rerunning `kube2eks generate` replaces only the files it wrote and you did not edit.',
    '',
    '## The files of this kit',
    '',
    ...kitTable(paths, manifests.fates),
  );

  // ---- Phase 1
  out.push('## Phase 1: resolve what the kit cannot', '');
  if (input.checklist && input.checklist.length > 0) {
    out.push('### Checklist', '');
    for (const item of input.checklist) {
      out.push(`- **${md(item.title)}**`);
      for (const line of item.lines) out.push(`  - ${md(line.text)}`);
    }
    out.push('');
  }
  const fixed = new Map<string, number>();
  for (const fate of manifests.fates)
    for (const e of fate.applied) fixed.set(e.source, (fixed.get(e.source) ?? 0) + 1);
  if (fixed.size > 0) {
    out.push(
      'Already done in `manifests/` (each changed document says so in a comment):',
      '',
      ...[...fixed.entries()]
        .sort()
        .map(([source, n]) => `- ${md(source)}: ${n} object${n === 1 ? '' : 's'}`),
      '',
    );
  }
  const open = openFindings(findings, manifests.fates);
  if (open.size > 0) {
    out.push('Still to do by hand (blockers first; `kube2eks assess` explains each):', '');
    for (const [ruleId, list] of open) {
      const first = list[0]!;
      const objects = list.map(
        (f) =>
          `${inline(describeRef(f.resource))}${f.location.file ? ` (${md(`${f.location.file}${f.location.line ? `:${f.location.line}` : ''}`)})` : ''}`,
      );
      out.push(
        `- **${first.severity} ${md(ruleId)}** — ${objects.slice(0, 5).join('; ')}${objects.length > 5 ? `; and ${objects.length - 5} more` : ''}`,
        `  - ${md(first.remediation)}`,
      );
    }
    out.push('');
  }
  const failed = manifests.fates.filter((f) => f.failed.length > 0);
  if (failed.length > 0) {
    out.push('Fixes that did not apply to the written files (apply them by hand):', '');
    for (const f of failed)
      for (const e of f.failed)
        out.push(`- ${inline(describeRef(f.item.ref))}: ${md(e.edit.source)} (${md(e.why)})`);
    out.push('');
  }
  for (const note of manifests.notes) out.push(`> ${md(note)}`, '');

  // ---- Phase 2
  out.push('## Phase 2: build the cluster', '');
  out.push('### 1. The cluster', '');
  if (has('eksctl/'))
    out.push(
      ...code([
        `eksctl create cluster -f eksctl/cluster.yaml`,
        `aws eks update-kubeconfig --region ${shellQuote(plan.cluster.region)} --name ${shellQuote(name)} --alias ${shellQuote(name)}`,
      ]),
    );
  if (has('terraform/'))
    out.push(
      ...code([
        'cd terraform && terraform init && terraform plan -out eks.tfplan && terraform apply eks.tfplan',
        `aws eks update-kubeconfig --region ${shellQuote(plan.cluster.region)} --name ${shellQuote(name)} --alias ${shellQuote(name)}`,
      ]),
    );
  if (plan.cluster.endpointAccess === 'private')
    out.push(
      'The API endpoint is private: creating the cluster works from anywhere (it calls AWS APIs), but every `kubectl`, `helm` and `kube2eks verify` below must run inside the VPC: a bastion host, AWS Systems Manager Session Manager, a VPN or Direct Connect (plan.json, notes: endpoint-access).',
      '',
    );
  if (paths.has('eksctl/eniconfigs.yaml'))
    out.push(
      'Custom networking: fill in the pod subnets, then `kubectl apply -f eksctl/eniconfigs.yaml` and roll the nodes.',
      '',
    );
  const nodeLines = plan.nodeGroups.map(
    (g) =>
      `- node group ${inline(g.name)}: ${md(g.instanceTypes.join(', '))} ${g.capacityType.toLowerCase().replace('_', '-')}, ${g.minSize}–${g.maxSize} nodes (${g.desiredSize} to start), max ${g.maxPodsPerNode} pods per node`,
  );
  const fargateLines = plan.fargateProfiles.map(
    (p) =>
      `- Fargate profile ${inline(p.name)}: namespaces ${p.selectors.map((s) => inline(s.namespace)).join(', ')}`,
  );
  out.push(...nodeLines, ...fargateLines, '');

  out.push('### 2. Add-ons', '');
  const eksAddons = plan.addons.filter((a) => a.installedBy === 'eks-addon');
  if (eksAddons.length > 0)
    out.push(
      `EKS add-ons (created with the cluster): ${eksAddons.map((a) => `${inline(a.name)} ${md(a.version)}`).join(', ')}.`,
      '',
    );
  const helm = plan.addons.filter((a) => a.installedBy === 'helm' && !AUTOSCALER_ADDONS.has(a.name));
  if (helm.length > 0) {
    const lines: string[] = [];
    for (const a of helm) {
      const chart = HELM_CHARTS[a.name];
      if (!chart) {
        lines.push(
          `# ${a.name} ${a.version}: install it with its chart and platform/helm/${a.name}.values.yaml`,
        );
        continue;
      }
      lines.push(`# ${versionComment(a)}`);
      if (!chart.repo.startsWith('oci://'))
        lines.push(`helm repo add ${chart.chart.split('/')[0]} ${chart.repo}`);
      lines.push(
        `helm upgrade --install ${a.name} ${chart.chart}${chartVersion(a.version) ? ` --version ${a.version}` : ''} -n ${chart.namespace} --create-namespace -f platform/helm/${a.name}.values.yaml`,
      );
    }
    out.push(...code(lines));
  }
  if (has('autoscaler/')) {
    out.push('### Node autoscaling', '');
    if (paths.has('autoscaler/karpenter.yaml'))
      out.push(
        'Karpenter (its roles and queue come with the cluster; install its chart, then its NodePools):',
        '',
        ...code([`kubectl --context ${shellQuote(name)} apply -f autoscaler/karpenter.yaml`]),
      );
    if (paths.has('autoscaler/cluster-autoscaler.values.yaml'))
      out.push(
        'Cluster Autoscaler (role: autoscaler/cluster-autoscaler-iam-policy.json for kube-system/cluster-autoscaler):',
        '',
        ...code([
          'helm repo add autoscaler https://kubernetes.github.io/autoscaler',
          'helm upgrade --install cluster-autoscaler autoscaler/cluster-autoscaler -n kube-system -f autoscaler/cluster-autoscaler.values.yaml',
        ]),
      );
    if (paths.has('autoscaler/security-group-policies.yaml'))
      out.push(
        'Security groups for pods: fill in the group ids, then `kubectl apply -f autoscaler/security-group-policies.yaml`.',
        '',
      );
  }
  out.push('### 3. What the workloads need first', '');
  const platformFiles = [...paths]
    .filter((p) => p.startsWith('platform/') && p.endsWith('.yaml') && !p.startsWith('platform/helm/'))
    .sort();
  if (platformFiles.length > 0)
    out.push(
      ...code(platformFiles.map((p) => `kubectl --context ${shellQuote(name)} apply -f ${shellQuote(p)}`)),
    );
  if (plan.identities.length > 0) {
    out.push(
      "Workload identities (roles are created by eksctl/Terraform; fill in each policy's `<resource ARN>` first):",
      '',
    );
    for (const i of plan.identities)
      out.push(
        `- ${inline(`${i.namespace}/${i.serviceAccount}`)}: ${i.mechanism === 'irsa' ? 'IRSA' : 'EKS Pod Identity'} role ${inline(i.roleName ?? '?')}, replacing ${inline(i.from)}${i.policyHints.length > 0 ? `; it needs ${md(i.policyHints.join(', '))}` : ''}`,
      );
    out.push('');
  }
  if (plan.accessEntries.length > 0) {
    out.push('Access entries (who may use the cluster; replace the placeholders with IAM role ARNs):', '');
    for (const e of plan.accessEntries)
      out.push(
        `- ${inline(e.principalArn)}: ${md(e.policies.map((p) => `${p.policy} (${p.scope === 'cluster' ? 'cluster' : `namespaces ${(p.namespaces ?? []).join(', ')}`})`).join(', ') || e.kubernetesGroups.join(', '))} — from ${md(e.from)}`,
      );
    out.push('');
  }
  out.push('### 4. Images', '');
  if (has('images/')) {
    out.push(
      ctx.options.registry
        ? `\`manifests/\` points at ${inline(ctx.options.registry)}. Copy the images before the first wave (images/images.md lists them):`
        : 'Copy the images to ECR, then rerun `kube2eks generate … --registry <your ECR registry>` so that `manifests/` points at them:',
      '',
      ...code([
        `REGISTRY=${ctx.options.registry ? shellQuote(ctx.options.registry) : '<account>.dkr.ecr.<region>.amazonaws.com'} bash images/copy.sh`,
        ...(paths.has('images/pull-through-cache.sh')
          ? ['# or, for the registries ECR can cache: bash images/pull-through-cache.sh']
          : []),
      ]),
    );
  } else out.push('No image to move: every image is already in Amazon ECR.', '');
  out.push('### 5. Preflight', '');
  out.push(
    'Before any restore, check the new cluster has what the kit assumes (classes, CRDs, IngressClass, controllers, add-ons):',
    '',
  );
  out.push(
    ...code([
      `kube2eks verify --preflight --target ${shellQuote(`context:${name}`)} --plan plan.json${ctx.options.registry ? ` --registry ${shellQuote(ctx.options.registry)} --check-images` : ''}`,
    ]),
  );

  // ---- Phase 3
  out.push('## Phase 3: move the workloads', '');
  out.push('### Secrets', '');
  const secrets = manifests.fates.filter((f) => f.item.ref.kind === 'Secret' && f.leftOut).length;
  out.push(
    secrets > 0
      ? `${secrets} Secret${secrets === 1 ? ' is' : 's are'} not in \`manifests/\` (kube2eks never writes Secret values): \`manifests/SECRETS.md\` lists them. Velero brings them back (velero/restore.sh restores each namespace's Secrets), or recreate them from AWS Secrets Manager with the External Secrets Operator.`
      : 'No Secret in the input.',
    '',
  );
  if (has('velero/')) {
    out.push(
      '### Backup (old cluster)',
      '',
      'How the kit moves data: Velero restores only namespaces, Secrets, claims and their data (`--include-resources` in velero/restore.sh); every workload, Service and Ingress is deployed from `manifests/`, already transformed for EKS. So no restore resource modifiers are needed, and nothing of the old platform is restored.',
      '',
      ...code(['bash velero/install.sh', 'bash velero/backup.sh']),
    );
  }
  const w = manifests.overlay ? [] : waves(manifests.fates, inventory);
  if (manifests.overlay) {
    out.push(
      '### Workloads: the kustomize overlay',
      '',
      '`manifests/kustomization.yaml` lists your own files as resources (unchanged) and carries every change as a patch: the fixes above, the plan’s identities and classes, `images:` for ECR, and a `$patch: delete` for each object left out. Review the patches, then build it once and apply it. kustomize puts Namespaces and CRDs first; if a custom resource is refused because its CRD is not ready yet, apply again.',
      '',
    );
    if (has('velero/') && namespacesOf(inventory).withVolumes.size > 0)
      out.push(
        'Restore the data first: `bash velero/restore.sh` (claims and their data, then it deletes the pods that carried the data; the workloads come from the overlay).',
        '',
      );
    out.push(
      ...code([
        'kubectl kustomize --load-restrictor LoadRestrictionsNone manifests > eks-workloads.yaml',
        `kubectl --context ${shellQuote(name)} apply -f eks-workloads.yaml`,
      ]),
    );
    const separate = manifests.separate ?? [];
    if (separate.length > 0)
      out.push(
        'Then the rewritten copies outside the overlay (each defines an object another file defines too; the later file wins, as `kubectl apply` of your files would do):',
        '',
        ...code(separate.map((f) => `kubectl --context ${shellQuote(name)} apply -f ${shellQuote(f)}`)),
      );
  }
  for (const wave of w) {
    out.push(`### ${wave.title}`, '');
    if (wave.title.startsWith('Wave 3') && has('velero/'))
      out.push(
        'Restore the data first: `bash velero/restore.sh` (its last step restores these namespaces’ claims and data, then deletes the pods that carried the data; the workloads come from these files).',
        '',
      );
    out.push(
      ...code(wave.files.map((f) => `kubectl --context ${shellQuote(name)} apply -f ${shellQuote(f)}`)),
    );
  }
  out.push('### DNS cutover', '');
  const hosts = new Set<string>();
  for (const item of inventory.objects) {
    if (item.ref.kind !== 'Ingress') continue;
    const rules = (item.object.spec as { rules?: Array<{ host?: string }> } | undefined)?.rules;
    if (Array.isArray(rules)) for (const r of rules) if (typeof r?.host === 'string') hosts.add(r.host);
  }
  out.push(
    '1. Two days before: lower the TTL of the records to 60 seconds, so that the switch (and a rollback) takes effect within a minute.',
    `2. Find the new addresses: ${inline(`kubectl --context ${shellQuote(name)} get ingress,service -A | grep -E 'elb|amazonaws'`)}.`,
    `3. Point ${
      hosts.size > 0
        ? [...hosts]
            .sort()
            .map((h) => inline(h))
            .join(', ')
        : 'each record'
    } at the ALB / NLB names (Route 53 alias records where the zone is in Route 53).`,
    '4. Watch errors and latency on both sides until the old cluster gets no traffic; then raise the TTL again.',
    '',
  );
  out.push(
    '### Verify',
    '',
    ...code([
      `kube2eks verify --source <old cluster: context:OLD or a collect bundle> --target ${shellQuote(`context:${name}`)} --plan plan.json${ctx.options.registry ? ` --registry ${shellQuote(ctx.options.registry)}` : ''}`,
    ]),
  );
  out.push(
    '### Rollback',
    '',
    '- Until the DNS switch, nothing has changed for users: delete what was applied to EKS and start again.',
    '- After it: point the records back at the old load balancers (the low TTL makes it quick). Keep the old cluster running, unchanged, until the new one has carried a full business cycle.',
    '- Data written on EKS after the cutover is not in the old cluster: back it up (Velero on EKS) before switching back.',
    '',
  );

  // ---- After
  out.push('## After the cutover: cost', '');
  const m = plan.cost.monthly;
  out.push(
    `Planned: $${m.total.toFixed(2)} a month — compute $${m.compute.toFixed(2)} (on-demand $${m.computeOnDemand.toFixed(2)}, spot $${m.computeSpot.toFixed(2)}), Fargate $${m.fargate.toFixed(2)}, control plane $${m.controlPlane.toFixed(2)}, storage $${m.storage.toFixed(2)}, load balancers $${m.loadBalancers.toFixed(2)}, NAT gateways $${m.natGateways.toFixed(2)}, VPC endpoints $${m.vpcEndpoints.toFixed(2)}.`,
    '',
    `- Compute is ${plan.cost.computeToLowerBound.toFixed(2)}× the cheapest fractional mix ($${plan.cost.computeLowerBound.toFixed(2)}). After two weeks of real load, rerun \`kube2eks plan\` on a collect bundle of EKS with \`--sizing observed\` and resize the node groups.`,
    `- ${plan.sizing.workloadsWithoutRequests > 0 ? `${plan.sizing.workloadsWithoutRequests} workloads have no resource requests: set them, or the nodes are sized on guesses.` : 'Every workload sets requests: keep it that way.'}`,
    '- Move steady on-demand capacity to Savings Plans once its size is stable; keep stateless, interruption-tolerant workloads on spot.',
    '- Remove the migration bucket and the Velero IAM user of the old cluster; decommission the old cluster.',
    '',
  );
  for (const a of plan.cost.assumptions) out.push(`- Assumed: ${md(a)}`);
  if (plan.cost.assumptions.length > 0) out.push('');

  // ---- Accounting
  const leftOut = manifests.fates.filter((f) => f.leftOut);
  if (leftOut.length > 0) {
    out.push(
      '## Objects not in manifests/',
      '',
      'Every input object is either in `manifests/` or here, with the reason.',
      '',
      '| Object | Read from | Why |',
      '| --- | --- | --- |',
    );
    for (const f of leftOut) {
      const from = f.item.location.file
        ? `${f.item.location.file}${f.item.location.line ? `:${f.item.location.line}` : ''}`
        : (f.item.location.cluster ?? f.item.origin);
      out.push(`| ${inline(describeRef(f.item.ref), true)} | ${inline(from, true)} | ${cell(f.leftOut!)} |`);
    }
    out.push('');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
