// The plan sections: node groups and their utilisation, cost, network and IPs, identities and access, add-ons,
// storage, and the reasons. Every number is the Plan's; this module only lays them out.
import type { Plan, PlanPlacement } from '../../plan/types.js';
import { count } from '../text.js';
import { barChart, type ChartRow } from './charts.js';
import { html, type SafeHtml } from './escape.js';
import { cidrSize, int, percent, usd } from './format.js';

/** Workloads listed per placement target; the rest are counted. */
const WORKLOADS_PER_TARGET = 30;

const code = (text: string) => html`<code>${text}</code>`;
const list = (items: readonly string[], empty = '—') =>
  items.length === 0 ? empty : html`${items.map((t, i) => html`${i > 0 ? ', ' : ''}<code>${t}</code>`)}`;
const table = (head: string[], rows: SafeHtml[], cls = '') =>
  html`<div class="tscroll"><table class="${cls}"><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;

function nodeGroups(plan: Plan): SafeHtml {
  const groups = plan.nodeGroups;
  const utilRows: ChartRow[] = groups.flatMap((g) =>
    (['cpu', 'memory', 'pods'] as const).map((k) => ({
      group: g.name,
      label: k === 'cpu' ? 'CPU' : k,
      display: percent(g.utilization[k]),
      segments: [
        { value: g.utilization[k], tone: k === 'cpu' ? 'c1' : k === 'memory' ? 'c2' : 'c3', label: k },
      ],
    })),
  );
  const rows = groups.map(
    (g) =>
      html`<tr data-group="${g.name}"><th scope="row">${g.name}</th><td>${g.kind}, ${g.capacityType === 'SPOT' ? 'spot' : 'on-demand'}${g.gpus ? html`, ${g.gpus} GPU` : ''}</td><td>${list(g.instanceTypes)}</td><td>${g.arch}${g.os === 'windows' ? ', Windows' : ''}</td><td class="num">${g.minSize} / <b>${g.desiredSize}</b> / ${g.maxSize}</td><td class="num">${g.maxPodsPerNode}</td><td class="num" data-util="cpu">${percent(g.utilization.cpu)}</td><td class="num" data-util="memory">${percent(g.utilization.memory)}</td><td class="num" data-util="pods">${percent(g.utilization.pods)}</td><td>${list(
        [
          ...Object.entries(g.labels).map(([k, v]) => `${k}=${v}`),
          ...g.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
        ],
        'none',
      )}</td><td class="num">${g.monthlyUsd !== undefined ? usd(g.monthlyUsd) : '—'}</td></tr>`,
  );
  const fargate = plan.fargateProfiles.map(
    (p) =>
      html`<tr><th scope="row">${p.name}</th><td>${list(
        p.selectors.map(
          (s) =>
            `${s.namespace}${
              s.labels
                ? ` ${Object.entries(s.labels)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(',')}`
                : ''
            }`,
        ),
      )}</td><td class="num">${p.pods}</td><td class="num">${p.monthlyUsd !== undefined ? usd(p.monthlyUsd) : '—'}</td></tr>`,
  );
  const sizing = plan.sizing;
  return html`<section id="nodes"><h2>Node groups</h2>
<p class="lead">Sized from the pods' ${sizing.basis === 'observed' ? 'observed usage' : 'resource requests'}${
    sizing.workloadsWithoutRequests > 0
      ? html`; <b>${count(sizing.workloadsWithoutRequests, 'workload')}</b> set no requests, so the sizing cannot see what ${sizing.workloadsWithoutRequests === 1 ? 'it needs' : 'they need'}`
      : ''
  }${sizing.observedSaving !== null ? html`; observed sizing saves ${usd(sizing.observedSaving)} a month` : ''}. Utilisation is requested over allocatable on the desired nodes. Autoscaling: <b>${plan.autoscaling.engine}</b> — ${plan.autoscaling.why}${
    plan.autoscaling.flags.length > 0 ? html` (${list(plan.autoscaling.flags)})` : ''
  }.</p>
${groups.length > 0 ? table(['Group', 'Kind', 'Instance types', 'Arch', 'Min / desired / max', 'Max pods', 'CPU', 'Memory', 'Pods', 'Labels and taints', 'Monthly'], rows, 'wide') : html`<p>No node groups.</p>`}
${groups.length > 0 ? html`<figure class="chartbox"><figcaption>Utilisation per node group (requested / allocatable)</figcaption>${barChart({ id: 'chart-util', title: 'Utilisation of each node group: CPU, memory and pods', rows: utilRows, max: 1, track: true })}</figure>` : ''}
${fargate.length > 0 ? html`<h3>Fargate profiles</h3>${table(['Profile', 'Selectors (namespace, labels)', 'Pods', 'Monthly'], fargate)}` : ''}
${observedSizing(plan)}
${placements(plan.placements)}
</section>`;
}

/** With `--sizing observed`: the containers usage sized (the requests to set) and the workloads that kept their requests. */
function observedSizing(plan: Plan): SafeHtml {
  const s = plan.sizing;
  if (s.basis !== 'observed') return html``;
  const mc = (n: number | undefined) => (n === undefined ? '—' : `${n}m`);
  const mib = (n: number | undefined) => (n === undefined ? '—' : `${Math.round(n)} MiB`);
  const rows = (s.containers ?? []).map(
    (c) =>
      html`<tr><td>${c.workload}</td><td>${c.container}</td><td class="num">${mc(c.usage.cpuMillicores)} / ${mib(c.usage.memoryMiB)}</td><td class="num">${mc(c.requested.cpuMillicores)} / ${mib(c.requested.memoryMiB)}</td><td class="num">${mc(c.sized.cpuMillicores)} / ${mib(c.sized.memoryMiB)}</td></tr>`,
  );
  const fell = s.fellBackToRequests ?? [];
  return html`<h3>Observed sizing</h3>
<p>${count(s.sizedFromUsage ?? 0, 'workload')} sized from one metrics-server snapshot${s.snapshotAt ? ` (${s.snapshotAt})` : ''}: each container at the larger of its usage × 1.3 and 10m CPU / 32 MiB where that is below its request, memory never below its limit. One moment is not a peak.${
    s.observedSaving === null
      ? ''
      : s.observedSaving >= 0
        ? html` <b>${usd(s.observedSaving)}</b> a month less than the same plan by requests.`
        : html` <b>${usd(-s.observedSaving)}</b> a month more than the same plan by requests.`
  }</p>
${rows.length > 0 ? table(['Workload', 'Container', 'Used CPU / memory', 'Requested', 'Sized at'], rows) : ''}
${fell.length > 0 ? html`<p>${count(fell.length, 'workload')} kept ${fell.length === 1 ? 'its' : 'their'} requests: ${fell.map((f, i) => html`${i > 0 ? ', ' : ''}${f.workload} (${f.why})`)}.</p>` : ''}`;
}

function placements(all: readonly PlanPlacement[]): SafeHtml {
  if (all.length === 0) return html``;
  const byTarget = new Map<string, PlanPlacement[]>();
  for (const p of all) byTarget.set(p.target, [...(byTarget.get(p.target) ?? []), p]);
  return html`<h3>Where the workloads go</h3>${[...byTarget.entries()].map(([target, items]) => {
    const pods = items.reduce((n, p) => n + p.pods, 0);
    const shown = items.slice(0, WORKLOADS_PER_TARGET);
    return html`<details class="placement"><summary><code>${target}</code>: ${count(items.length, 'workload')}, ${count(pods, 'pod')}</summary><ul class="cols">${shown.map((p) => html`<li>${p.workload} <span class="n">×${p.pods}</span></li>`)}</ul>${
      items.length > shown.length
        ? html`<p>and ${int(items.length - shown.length)} more (the JSON plan lists them).</p>`
        : ''
    }</details>`;
  })}`;
}

const COST_PARTS: Array<[keyof Plan['cost']['monthly'], string, string]> = [
  ['controlPlane', 'Control plane', 'c1'],
  ['computeOnDemand', 'On-demand compute', 'c2'],
  ['computeSpot', 'Spot compute', 'c3'],
  ['fargate', 'Fargate', 'c4'],
  ['storage', 'Storage', 'c5'],
  ['loadBalancers', 'Load balancers', 'c6'],
  ['natGateways', 'NAT gateways', 'c7'],
  ['vpcEndpoints', 'VPC endpoints', 'c8'],
];

function cost(plan: Plan): SafeHtml {
  const c = plan.cost;
  const m = c.monthly;
  const breakdown: ChartRow[] = COST_PARTS.map(([key, label, tone]) => ({
    label,
    display: usd(m[key]),
    segments: [{ value: m[key], tone, label }],
  }));
  const like = plan.sourceComparison;
  const compare: ChartRow[] = [
    {
      label: 'EKS plan',
      display: usd(m.total),
      segments: COST_PARTS.map(([key, label, tone]) => ({ value: m[key], tone, label })),
    },
    ...(like
      ? [
          {
            label: 'Like for like',
            display: usd(like.monthly),
            segments: [{ value: like.monthly, tone: 'muted', label: 'like for like' }],
          },
        ]
      : []),
  ];
  const rows = COST_PARTS.map(
    ([key, label]) =>
      html`<tr><th scope="row">${label}</th><td class="num" data-cost="${key}">${usd(m[key])}</td></tr>`,
  );
  return html`<section id="cost"><h2>Cost</h2>
<p class="lead">Monthly, in ${c.currency}, at ${int(c.hoursPerMonth)} hours a month. Compute is ${c.computeToLowerBound.toFixed(2)}× the cheapest mix of instances that could hold the same pods (${usd(c.computeLowerBound)}); 1.00 would be a perfect fit.</p>
<div class="two">
<figure class="chartbox"><figcaption>Monthly cost by component</figcaption>${barChart({ id: 'chart-cost', title: 'Monthly cost of the planned EKS cluster by component', rows: breakdown })}</figure>
<figure class="chartbox"><figcaption>Planned cost beside the like-for-like cost</figcaption>${barChart({ id: 'chart-compare', title: 'Planned monthly cost beside running the old node pools one for one on EKS', rows: compare })}${
    like
      ? html`<p class="small">${like.why}: ${like.nodes.map((n) => `${n.from} → ${n.to}`).join('; ')}.</p>`
      : html`<p class="small">No like-for-like figure: the input holds no nodes of the source cluster.</p>`
  }</figure>
</div>
${table(['Component', 'Monthly'], [...rows, html`<tr class="total"><th scope="row">Total</th><td class="num" data-cost="total">${usd(m.total)}</td></tr>`], 'narrow')}
<h3>Assumptions</h3><ul>${c.assumptions.map((a) => html`<li>${a}</li>`)}</ul>
</section>`;
}

function network(plan: Plan): SafeHtml {
  const n = plan.network;
  const warm = Object.entries(n.warm).map(([k, v]) => `${k}=${v}`);
  const subnets = n.subnets.map((s) => {
    const size = cidrSize(s.cidr);
    return html`<tr><td>${s.az}</td><td><code>${s.cidr}</code></td><td>${s.purpose}</td><td class="num">${size !== undefined ? int(size) : '—'}</td><td>${list(
      Object.entries(s.tags ?? {}).map(([k, v]) => `${k}=${v}`),
      '',
    )}</td></tr>`;
  });
  const endpoints = plan.vpcEndpoints.map(
    (e) =>
      html`<tr><td><code>${e.service}</code></td><td>${e.type}</td><td>${e.why}</td><td class="num">${e.monthlyUsd !== undefined ? usd(e.monthlyUsd) : '—'}</td></tr>`,
  );
  return html`<section id="network"><h2>Network and IPs</h2>
<dl class="facts"><dt>VPC</dt><dd><code>${n.vpcCidr}</code>${n.secondaryCidr ? html`, pods in <code>${n.secondaryCidr}</code>` : ''}</dd>
<dt>Pod IPs needed</dt><dd data-k="pod-ips">${int(n.podIps)}</dd>
<dt>Prefix delegation</dt><dd>${n.prefixDelegation ? 'on' : 'off'}</dd><dt>Custom networking</dt><dd>${n.customNetworking ? 'on' : 'off'}</dd>
<dt>VPC CNI warm pool</dt><dd>${list(warm, 'defaults')}</dd><dt>Security groups for pods</dt><dd>${n.podSecurityGroups ? 'on' : 'off'}</dd>
<dt>API endpoint</dt><dd>${plan.cluster.endpointAccess}</dd></dl>
${n.why ? html`<p>${n.why}</p>` : ''}
<h3>Subnets</h3>${subnets.length > 0 ? table(['AZ', 'CIDR', 'Purpose', 'Addresses', 'Tags'], subnets) : html`<p>No subnets in the plan.</p>`}
${n.sourceRanges && n.sourceRanges.length > 0 ? html`<p>Ranges of the source cluster the VPC must not overlap: ${n.sourceRanges.map((r, i) => html`${i > 0 ? ', ' : ''}<code>${r.cidr}</code> (${r.what})`)}.</p>` : ''}
<h3>VPC endpoints</h3>${endpoints.length > 0 ? table(['Service', 'Type', 'Why', 'Monthly'], endpoints) : html`<p>None planned.</p>`}
</section>`;
}

function identities(plan: Plan): SafeHtml {
  const ids = plan.identities.map(
    (i) =>
      html`<tr><td>${i.namespace}/<b>${i.serviceAccount}</b></td><td>${i.mechanism}</td><td><code>${i.from}</code></td><td>${i.roleName ? code(i.roleName) : '—'}</td><td>${list(i.policyHints)}</td></tr>`,
  );
  const entries = plan.accessEntries.map(
    (e) =>
      html`<tr><td><code>${e.principalArn}</code>${e.type === 'EC2_LINUX' ? ' (nodes)' : ''}</td><td>${e.policies.map((p, i) => html`${i > 0 ? html`<br>` : ''}${p.policy} (${p.scope === 'cluster' ? 'cluster' : `namespaces ${(p.namespaces ?? []).join(', ')}`})`)}${e.kubernetesGroups.length > 0 ? html`<br>groups ${list(e.kubernetesGroups)}` : ''}</td><td>${e.from}</td></tr>`,
  );
  const idp = plan.identityProvider;
  return html`<section id="identities"><h2>Identities and access</h2>
<h3>Workload identities</h3>${ids.length > 0 ? table(['Service account', 'Mechanism', 'Replaces', 'IAM role', 'Policy hints'], ids) : html`<p>No workload uses another cloud's identity.</p>`}
<h3>Access entries</h3>${entries.length > 0 ? table(['IAM principal', 'Access', 'From'], entries) : html`<p>None: only the cluster creator has access until entries are added.</p>`}
${idp ? html`<p>OIDC identity provider <code>${idp.issuerUrl}</code> (client <code>${idp.clientId}</code>${idp.groupsClaim ? html`, groups claim <code>${idp.groupsClaim}</code>` : ''}): ${idp.why}</p>` : ''}
</section>`;
}

function addons(plan: Plan): SafeHtml {
  const rows = plan.addons.map(
    (a) =>
      html`<tr><th scope="row">${a.name}</th><td>${a.installedBy === 'eks-addon' ? 'EKS add-on' : 'Helm'}</td><td><code>${a.version}</code></td><td>${a.why}</td></tr>`,
  );
  return html`<section id="addons"><h2>Add-ons</h2>${rows.length > 0 ? table(['Add-on', 'Installed as', 'Version', 'Why'], rows) : html`<p>None.</p>`}</section>`;
}

function storage(plan: Plan): SafeHtml {
  const rows = plan.storageClasses.map(
    (s) =>
      html`<tr><td>${s.from === '*' ? 'every other class' : s.from === '' ? '(claims without a class)' : code(s.from)}</td><td><code>${s.to}</code>${s.isDefault ? ' (default)' : ''}</td><td><code>${s.provisioner}</code></td><td class="num">${s.claims}</td><td>${s.why}</td></tr>`,
  );
  return html`<section id="storage"><h2>Storage</h2>${rows.length > 0 ? table(['Source class', 'EKS class', 'Provisioner', 'Claims', 'Why'], rows) : html`<p>No StorageClass to map.</p>`}</section>`;
}

function reasons(plan: Plan): SafeHtml {
  if (plan.reasons.length === 0 && plan.notes.length === 0) return html``;
  return html`<section id="reasons"><h2>Why the plan looks like this</h2><dl class="reasons">${plan.reasons.map((r) => html`<dt><code>${r.subject}</code></dt><dd>${r.why}</dd>`)}${plan.notes.map((n) => html`<dt>${n.topic}</dt><dd>${n.why}</dd>`)}</dl></section>`;
}

export function planSections(plan: Plan): SafeHtml {
  return html`${nodeGroups(plan)}${cost(plan)}${network(plan)}${identities(plan)}${addons(plan)}${storage(plan)}${reasons(plan)}`;
}
