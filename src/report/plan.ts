// The plan for people (table, markdown) and for programs (json). Plain functions of the Plan: they decide nothing.
import pc from 'picocolors';
import type { Plan, PlanCost } from '../plan/types.js';
import { terminalSafe } from './escape.js';
import { escapeMarkdown } from './markdown.js';

export const PLAN_FORMATS = ['table', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanFormatOptions {
  color: boolean;
}

const usd = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (n: number) => `${Math.round(n * 100)}%`;

function columns(header: string[], rows: string[][], indent = '  '): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The cost lines in display order, labelled. */
export function costLines(cost: PlanCost): Array<[string, number]> {
  const m = cost.monthly;
  return [
    ['EKS control plane', m.controlPlane],
    ['EC2 on-demand', m.computeOnDemand],
    ['EC2 spot', m.computeSpot],
    ['Fargate', m.fargate],
    ['Storage (EBS, EFS)', m.storage],
    ['Load balancers', m.loadBalancers],
    ['NAT gateways', m.natGateways],
    ['VPC endpoints', m.vpcEndpoints],
  ];
}

function nodeGroupRows(plan: Plan): string[][] {
  return plan.nodeGroups.map((g) => [
    g.name,
    g.capacityType === 'SPOT' ? 'spot' : 'on-demand',
    g.instanceTypes.join(','),
    `${g.minSize}/${g.desiredSize}/${g.maxSize}`,
    String(g.maxPodsPerNode),
    `${pct(g.utilization.cpu)} / ${pct(g.utilization.memory)} / ${pct(g.utilization.pods)}`,
    g.monthlyUsd === undefined ? '' : usd(g.monthlyUsd),
  ]);
}

const NODE_HEADER = [
  'NODE GROUP',
  'CAPACITY',
  'INSTANCE TYPES',
  'MIN/DESIRED/MAX',
  'MAX PODS',
  'CPU / MEM / PODS',
  'MONTHLY',
];

export function formatPlanTable(plan: Plan, options: PlanFormatOptions): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  const cl = plan.cluster;
  out.push(
    c.bold(`EKS cluster ${cl.name}`) +
      ` — Kubernetes ${cl.version}, ${cl.region} (${cl.azs.join(', ')}), endpoint ${cl.endpointAccess}, ${cl.amiFamily}`,
  );
  out.push('');
  out.push(c.bold(`Node groups (${plan.nodeGroups.length})`));
  if (plan.nodeGroups.length === 0) out.push('  none');
  else out.push(...columns(NODE_HEADER, nodeGroupRows(plan)));
  for (const g of plan.nodeGroups) {
    const extras = [
      Object.keys(g.labels).length > 0
        ? `labels ${Object.entries(g.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')}`
        : '',
      g.taints.length > 0
        ? `taints ${g.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(',')}`
        : '',
      g.gpus ? `${g.gpus} GPU per node` : '',
      g.os === 'windows' ? 'Windows' : '',
    ].filter(Boolean);
    if (extras.length > 0) out.push(`    ${g.name}: ${extras.join('; ')}`);
  }
  out.push('');
  if (plan.fargateProfiles.length > 0) {
    out.push(c.bold(`Fargate profiles (${plan.fargateProfiles.length})`));
    out.push(
      ...columns(
        ['PROFILE', 'SELECTORS', 'PODS', 'MONTHLY'],
        plan.fargateProfiles.map((p) => [
          p.name,
          p.selectors
            .map(
              (s) =>
                `${s.namespace}${
                  s.labels
                    ? ` {${Object.entries(s.labels)
                        .map(([k, v]) => `${k}=${v}`)
                        .join(',')}}`
                    : ''
                }`,
            )
            .join('; '),
          String(p.pods),
          p.monthlyUsd === undefined ? '' : usd(p.monthlyUsd),
        ]),
      ),
    );
    out.push('');
  }
  out.push(c.bold('Monthly cost (USD, 730 h)'));
  const lines = costLines(plan.cost).filter(([, v]) => v > 0);
  out.push(
    ...columns(
      ['LINE', 'MONTHLY'],
      [...lines.map(([k, v]) => [k, usd(v)]), ['Total', usd(plan.cost.monthly.total)]],
    ),
  );
  out.push(
    `  Compute against its lower bound: ${usd(plan.cost.monthly.compute)} / ${usd(plan.cost.computeLowerBound)} = ${plan.cost.computeToLowerBound}`,
  );
  out.push('');
  if (plan.sourceComparison) {
    const s = plan.sourceComparison;
    out.push(c.bold('Like for like (the old pools copied one for one)'));
    for (const n of s.nodes) out.push(`  ${n.from} → ${n.to}`);
    out.push(
      `  ${usd(s.monthly)} a month against this plan's ${usd(plan.cost.monthly.compute)} of nodes: ${s.why}`,
    );
    out.push('');
  }
  out.push(...partTwoSections(plan, (s) => c.bold(s)));
  if (plan.reasons.length > 0) {
    out.push(c.bold('Why'));
    for (const r of plan.reasons) out.push(`  ${c.cyan(r.subject)}: ${r.why}`);
    out.push('');
  }
  if (plan.notes.length > 0) {
    out.push(c.bold('Notes'));
    for (const n of plan.notes) out.push(`  ${c.cyan(n.topic)}: ${n.why}`);
    out.push('');
  }
  out.push(c.bold('Assumptions'));
  for (const a of plan.cost.assumptions) out.push(`  - ${a}`);
  return `${out.join('\n')}\n`;
}

/** Network, endpoints, identities, access and add-ons, when the plan has them. */
function partTwoSections(plan: Plan, bold: (s: string) => string): string[] {
  const out: string[] = [];
  const n = plan.network;
  if (n.subnets.length > 0) {
    out.push(bold('Network'));
    out.push(
      `  VPC ${n.vpcCidr}; prefix delegation ${n.prefixDelegation ? 'on' : 'off'}; ${n.podIps} pod IPs${n.customNetworking ? `; custom networking ${n.secondaryCidr ?? ''}` : ''}`,
    );
    for (const s of n.subnets) out.push(`  ${s.az}  ${s.cidr}  ${s.purpose}`);
    out.push('');
  }
  if (plan.vpcEndpoints.length > 0) {
    out.push(bold(`VPC endpoints (${plan.vpcEndpoints.length})`));
    for (const e of plan.vpcEndpoints) out.push(`  ${e.service} (${e.type}): ${e.why}`);
    out.push('');
  }
  if (plan.addons.length > 0) {
    out.push(bold(`Add-ons (${plan.addons.length})`));
    for (const a of plan.addons) out.push(`  ${a.name} ${a.version} (${a.installedBy}): ${a.why}`);
    out.push('');
  }
  if (plan.identities.length > 0) {
    out.push(bold(`Identities (${plan.identities.length})`));
    for (const i of plan.identities)
      out.push(`  ${i.namespace}/${i.serviceAccount}: ${i.mechanism}, from ${i.from}`);
    out.push('');
  }
  if (plan.accessEntries.length > 0) {
    out.push(bold(`Access entries (${plan.accessEntries.length})`));
    for (const a of plan.accessEntries)
      out.push(
        `  ${a.principalArn}: ${a.policies.map((p) => `${p.policy} (${p.scope})`).join(', ') || a.kubernetesGroups.join(', ')} — from ${a.from}`,
      );
    out.push('');
  }
  if (plan.storageClasses.length > 0) {
    out.push(bold(`Storage classes (${plan.storageClasses.length})`));
    for (const s of plan.storageClasses)
      out.push(`  ${s.from || '(no class)'} → ${s.to} (${s.provisioner}), ${s.claims} claims: ${s.why}`);
    out.push('');
  }
  return out;
}

export function formatPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

const md = (s: string) => escapeMarkdown(s);
const mdRow = (cells: string[]) => `| ${cells.map((x) => escapeMarkdown(x, true)).join(' | ')} |`;
function mdTable(header: string[], rows: string[][]): string[] {
  return [mdRow(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(mdRow)];
}

export function formatPlanMarkdown(plan: Plan): string {
  const cl = plan.cluster;
  const out: string[] = [
    `# EKS plan: ${md(cl.name)}`,
    '',
    `Kubernetes ${cl.version} in ${cl.region} (${cl.azs.join(', ')}), endpoint access \`${cl.endpointAccess}\`, ${cl.amiFamily} nodes. Monthly total **${usd(plan.cost.monthly.total)}**.`,
    '',
    '## Node groups',
    '',
  ];
  if (plan.nodeGroups.length === 0) out.push('None.');
  else out.push(...mdTable(NODE_HEADER, nodeGroupRows(plan)));
  out.push('');
  if (plan.fargateProfiles.length > 0) {
    out.push('## Fargate profiles', '');
    out.push(
      ...mdTable(
        ['Profile', 'Selectors', 'Pods', 'Monthly'],
        plan.fargateProfiles.map((p) => [
          p.name,
          p.selectors
            .map(
              (s) =>
                `${s.namespace}${
                  s.labels
                    ? ` {${Object.entries(s.labels)
                        .map(([k, v]) => `${k}=${v}`)
                        .join(',')}}`
                    : ''
                }`,
            )
            .join('; '),
          String(p.pods),
          p.monthlyUsd === undefined ? '' : usd(p.monthlyUsd),
        ]),
      ),
      '',
    );
  }
  out.push('## Monthly cost', '');
  out.push(
    ...mdTable(
      ['Line', 'USD / month'],
      [...costLines(plan.cost).map(([k, v]) => [k, usd(v)]), ['Total', usd(plan.cost.monthly.total)]],
    ),
  );
  out.push(
    '',
    `Compute is ${plan.cost.computeToLowerBound} × its lower bound (${usd(plan.cost.computeLowerBound)}: the cheapest fractional mix of instance types covering the demand; see docs/plan.md).`,
    '',
  );
  if (plan.sourceComparison) {
    const s = plan.sourceComparison;
    out.push('## Like for like', '', ...s.nodes.map((n) => `- ${md(n.from)} → ${md(n.to)}`), '');
    out.push(
      `Copying the old pools costs ${usd(s.monthly)} a month in nodes against ${usd(plan.cost.monthly.compute)}: ${md(s.why)}`,
      '',
    );
  }
  if (plan.placements.length > 0) {
    out.push(
      '## Placements',
      '',
      ...mdTable(
        ['Workload', 'Target', 'Pods'],
        plan.placements.map((p) => [p.workload, p.target, String(p.pods)]),
      ),
      '',
    );
  }
  if (plan.reasons.length > 0) {
    out.push('## Why', '', ...plan.reasons.map((r) => `- **${md(r.subject)}**: ${md(r.why)}`), '');
  }
  if (plan.notes.length > 0) {
    out.push('## Notes', '', ...plan.notes.map((n) => `- **${md(n.topic)}**: ${md(n.why)}`), '');
  }
  out.push('## Assumptions', '', ...plan.cost.assumptions.map((a) => `- ${md(a)}`), '');
  return out.join('\n');
}

export const planFormatters: Record<PlanFormat, (plan: Plan, options: PlanFormatOptions) => string> = {
  // Workload, namespace and class names come from the input: no control character reaches the terminal.
  table: (plan, options) => formatPlanTable(terminalSafe(plan), options),
  json: (plan) => formatPlanJson(plan),
  markdown: (plan) => formatPlanMarkdown(plan),
};
