// The plan for people (table, markdown) and for programs (json). Plain functions of the Plan: they decide nothing.
import pc from 'picocolors';
import type { Plan, PlanCost } from '../plan/types.js';
import { countOf } from '../plan/words.js';
import { terminalSafe } from './escape.js';
import { PLAN_FORMATS, type PlanFormat } from './formats.js';
import { escapeMarkdown } from './markdown.js';

export { PLAN_FORMATS, type PlanFormat };

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

/** One row per Fargate profile (table and Markdown): name, selectors, pods, monthly cost. */
function fargateRows(plan: Plan): string[][] {
  const selector = (s: Plan['fargateProfiles'][number]['selectors'][number]) =>
    s.labels
      ? `${s.namespace} {${Object.entries(s.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}}`
      : s.namespace;
  return plan.fargateProfiles.map((p) => [
    p.name,
    p.selectors.map(selector).join('; '),
    String(p.pods),
    p.monthlyUsd === undefined ? '' : usd(p.monthlyUsd),
  ]);
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
    out.push(...columns(['PROFILE', 'SELECTORS', 'PODS', 'MONTHLY'], fargateRows(plan)));
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

/** One section of plan part 2: a title and a table (header + rows), with lines said under it. */
interface PartTwoSection {
  title: string;
  header: string[];
  rows: string[][];
  lines: string[];
}

const tagText = (tags: Record<string, string> | undefined) =>
  Object.entries(tags ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** Rows of the observed-sizing tables shown to people (the JSON lists them all). */
const SIZING_ROWS = 12;

/** With `--sizing observed`: what usage sized, what it saves, what fell back to requests. */
function sizingSection(plan: Plan): PartTwoSection | undefined {
  const s = plan.sizing;
  if (s.basis !== 'observed') return undefined;
  const fell = s.fellBackToRequests ?? [];
  const containers = s.containers ?? [];
  const mc = (n: number | undefined) => (n === undefined ? '-' : `${n}m`);
  const mib = (n: number | undefined) => (n === undefined ? '-' : `${Math.round(n)}Mi`);
  const more = (shown: number, all: number) =>
    all > shown ? [`the table shows ${shown} of ${all} containers (the JSON lists them all)`] : [];
  return {
    title: 'Sizing: observed usage',
    header: ['WORKLOAD', 'CONTAINER', 'USED CPU/MEM', 'REQUESTED', 'SIZED AT'],
    rows: containers
      .slice(0, SIZING_ROWS)
      .map((c) => [
        c.workload,
        c.container,
        `${mc(c.usage.cpuMillicores)} / ${mib(c.usage.memoryMiB)}`,
        `${mc(c.requested.cpuMillicores)} / ${mib(c.requested.memoryMiB)}`,
        `${mc(c.sized.cpuMillicores)} / ${mib(c.sized.memoryMiB)}`,
      ]),
    lines: [
      `${countOf(s.sizedFromUsage ?? 0, 'workload')} sized from one metrics-server snapshot${s.snapshotAt ? ` (${s.snapshotAt})` : ''}${
        s.observedSaving === null
          ? ''
          : s.observedSaving >= 0
            ? `: ${usd(s.observedSaving)} a month less than by requests`
            : `: ${usd(-s.observedSaving)} a month more than by requests`
      }`,
      ...(fell.length === 0
        ? []
        : [
            `${countOf(fell.length, 'workload')} fell back to requests: ${fell
              .slice(0, SIZING_ROWS)
              .map((f) => `${f.workload} (${f.why})`)
              .join(', ')}${fell.length > SIZING_ROWS ? `, … and ${fell.length - SIZING_ROWS} more` : ''}`,
          ]),
      ...more(SIZING_ROWS, containers.length),
    ],
  };
}

/** Observed sizing (when asked), network, endpoints, autoscaling, identities, access entries, add-ons and storage classes. */
export function partTwo(plan: Plan): PartTwoSection[] {
  const out: PartTwoSection[] = [];
  const sizing = sizingSection(plan);
  if (sizing) out.push(sizing);
  const n = plan.network;
  const ips = n.ipBreakdown;
  out.push({
    title: 'Network',
    header: ['AZ', 'SUBNET', 'PURPOSE', 'TAGS'],
    rows: n.subnets.map((s) => [s.az, s.cidr, s.purpose, tagText(s.tags)]),
    lines: [
      `VPC ${n.vpcCidr}; prefix delegation ${n.prefixDelegation ? 'on' : 'off'} (${
        Object.entries(n.warm)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || 'no warm pool'
      }); ${n.podIps} pod IPs${
        ips ? ` (${countOf(ips.pods ?? 0, 'pod')}, ${ips.warmPool} warm, ${ips.fargatePods} Fargate)` : ''
      }${n.peakIps !== undefined ? `; subnets sized for ${n.peakIps} at peak` : ''}`,
      ...(n.customNetworking
        ? [
            `custom networking: pods in ${n.secondaryCidr ?? '?'}; ENIConfigs ${(n.eniConfigs ?? []).map((e) => `${e.name}→${e.subnetCidr}`).join(', ')}`,
          ]
        : []),
      ...(n.sourceRanges?.length
        ? [`source ranges kept clear: ${n.sourceRanges.map((r) => `${r.cidr} (${r.what})`).join(', ')}`]
        : []),
      ...(n.podSecurityGroups && n.podEniLimits
        ? [
            `security groups for pods: branch ENIs per node ${n.podEniLimits.map((l) => `${l.instanceType} ${l.branchEnis ?? '?'}`).join(', ')}`,
          ]
        : []),
    ],
  });
  out.push({
    title: `VPC endpoints (${plan.vpcEndpoints.length})`,
    header: ['SERVICE', 'TYPE', 'MONTHLY', 'WHY'],
    rows: plan.vpcEndpoints.map((e) => [
      e.service,
      e.type,
      e.monthlyUsd === undefined ? '' : usd(e.monthlyUsd),
      `${e.why}${e.requires?.length ? `; requires ${e.requires.join('; ')}` : ''}`,
    ]),
    lines: [],
  });
  const a = plan.autoscaling;
  out.push({
    title: `Autoscaling: ${a.engine}`,
    header: [],
    rows: [],
    lines: [
      a.why,
      ...(a.flags.length ? [`flags: ${a.flags.join(' ')}`] : []),
      ...(a.tags ? [`tags: ${tagText(a.tags)}`] : []),
      ...(a.nodePools?.length
        ? [
            `NodePools: ${a.nodePools.map((p) => String((p.metadata as { name?: string })?.name ?? '?')).join(', ')}`,
          ]
        : []),
    ],
  });
  out.push({
    title: `Add-ons (${plan.addons.length})`,
    header: ['ADD-ON', 'VERSION', 'BY', 'WHY'],
    rows: plan.addons.map((x) => [x.name, x.version, x.installedBy, x.why]),
    lines: [],
  });
  out.push({
    title: `Identities (${plan.identities.length})`,
    header: ['SERVICE ACCOUNT', 'MECHANISM', 'IAM ROLE', 'REPLACES; POLICY HINTS'],
    rows: plan.identities.map((i) => [
      `${i.namespace}/${i.serviceAccount}`,
      i.mechanism,
      i.roleName ?? '',
      `${i.from}${i.policyHints.length ? `; hints: ${i.policyHints.join(', ')}` : ''}`,
    ]),
    lines: plan.identities.length ? [] : ['no service account had cloud credentials on the source'],
  });
  out.push({
    title: `Access entries (${plan.accessEntries.length})`,
    header: ['PRINCIPAL', 'TYPE', 'ACCESS', 'FROM'],
    rows: plan.accessEntries.map((e) => [
      e.principalArn,
      e.type ?? 'STANDARD',
      [
        ...e.policies.map(
          (p) =>
            `${p.policy} (${p.scope === 'cluster' ? 'cluster' : `ns ${(p.namespaces ?? []).join(',')}`})`,
        ),
        ...e.kubernetesGroups.map((g) => `group ${g}`),
        ...(e.username ? [`user ${e.username}`] : []),
      ].join('; '),
      e.from,
    ]),
    lines: plan.identityProvider
      ? [
          `alternative: OIDC identity provider ${plan.identityProvider.issuerUrl} (groups claim ${plan.identityProvider.groupsClaim ?? 'groups'}): ${plan.identityProvider.why}`,
        ]
      : [],
  });
  out.push({
    title: `Storage classes (${plan.storageClasses.length})`,
    header: ['FROM', 'TO', 'PROVISIONER', 'CLAIMS', 'WHY'],
    rows: plan.storageClasses.map((c) => [
      c.from || '(no class)',
      `${c.to}${c.isDefault ? ' (default)' : ''}`,
      c.provisioner,
      String(c.claims),
      c.why,
    ]),
    lines: [],
  });
  return out;
}

/** Lines of the table: at most this wide where words allow (the last column wraps under itself). */
const TABLE_WIDTH = 120;

/** Splits text into lines of at most `width` characters at spaces (a longer word keeps its own line). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** `columns`, with the last column wrapped so rows stay within TABLE_WIDTH. */
function wrappedColumns(header: string[], rows: string[][]): string[] {
  const last = header.length - 1;
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (i === last ? 0 : (r[i] ?? '').length))),
  );
  const lead = 2 + widths.slice(0, last).reduce((n, w) => n + w + 2, 0);
  const room = Math.max(40, TABLE_WIDTH - lead);
  const prefix = (cells: string[]) =>
    `  ${cells
      .slice(0, last)
      .map((cell, i) => `${cell.padEnd(widths[i] ?? 0)}  `)
      .join('')}`;
  const result = [`${prefix(header)}${header[last] ?? ''}`];
  for (const r of rows) {
    const [first, ...more] = wrapText(r[last] ?? '', room);
    result.push(`${prefix(r)}${first ?? ''}`.trimEnd());
    for (const m of more) result.push(`${' '.repeat(lead)}${m}`);
  }
  return result;
}

function partTwoSections(plan: Plan, bold: (s: string) => string): string[] {
  const out: string[] = [];
  for (const section of partTwo(plan)) {
    out.push(bold(section.title));
    for (const line of section.lines) {
      const [first, ...more] = wrapText(line, TABLE_WIDTH - 2);
      out.push(`  ${first}`, ...more.map((m) => `    ${m}`));
    }
    if (section.rows.length) out.push(...wrappedColumns(section.header, section.rows));
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
    out.push(...mdTable(['Profile', 'Selectors', 'Pods', 'Monthly'], fargateRows(plan)), '');
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
  for (const section of partTwo(plan)) {
    out.push(`## ${section.title}`, '');
    if (section.lines.length) out.push(...section.lines.map((l) => `- ${md(l)}`), '');
    if (section.rows.length) out.push(...mdTable(section.header, section.rows), '');
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
