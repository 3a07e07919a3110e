// The executive summary: source, target, findings and cost in four cards, then the findings by area of the
// migration method (control plane, data plane, security, networking, storage, cost) with the plan's answer
// for each area when there is a plan.
import type { VersionStatus } from '../../catalog/versions.js';
import type { AssessResult, ChecklistItem, Finding, RuleInfo, Severity } from '../../model/types.js';
import type { Plan } from '../../plan/types.js';
import { count, describeSource } from '../text.js';
import { AREA_SCOPES, AREA_TITLES, AREAS, type Area, areaOf } from './areas.js';
import { barChart } from './charts.js';
import { areaSteps, checklistSection } from './checklist.js';
import { html, type SafeHtml } from './escape.js';
import { groupByRule, SEVERITY_LABELS } from './findings.js';
import { int, nouns, usd } from './format.js';

const SEVERITY_ORDER: Severity[] = ['blocker', 'warning', 'info'];
/** Rules named under each area heading; the findings section has the rest. */
const TOP_RULES = 4;

/** A link that opens the findings filtered to one category (and severity). */
function filterHref(category: string, severity?: Severity): string {
  const p = new URLSearchParams();
  if (severity) p.set('sev', severity);
  p.set('cat', category);
  return `#findings?${p}`;
}

function supportLine(support: VersionStatus | undefined): SafeHtml {
  if (!support) return html``;
  switch (support.window) {
    case 'standard':
      return html`<p>Standard support until <b>${support.windowEnds}</b> (${int(support.daysLeft ?? 0)} days), then extended support at a higher control-plane price.</p>`;
    case 'extended':
      return html`<p class="warn">In extended support (higher control-plane price) until <b>${support.windowEnds}</b> (${int(support.daysLeft ?? 0)} days).</p>`;
    case 'unreleased':
      return html`<p class="warn">Not released on EKS yet.</p>`;
    default:
      return html`<p class="bad">Out of support on EKS: pick a newer version.</p>`;
  }
}

function sourceCard(result: AssessResult): SafeHtml {
  const evidence = result.source.evidence;
  return html`<div class="kcard"><h3>Source</h3><p class="big" data-k="source">${describeSource(result.source)}</p><p><b data-k="objects">${int(result.summary.objects)}</b> objects read${
    result.summary.errors > 0
      ? html`, <b class="bad">${count(result.summary.errors, 'document')}</b> unreadable`
      : ''
  }.</p>${
    evidence.length > 0
      ? html`<details class="evidence"><summary>How kube2eks knows (${evidence.length})</summary><ul>${evidence.map((e) => html`<li>${e}</li>`)}</ul></details>`
      : ''
  }</div>`;
}

function targetCard(
  result: AssessResult,
  plan: Plan | undefined,
  support: VersionStatus | undefined,
): SafeHtml {
  const calendar = result.target.calendar;
  return html`<div class="kcard"><h3>Target</h3><p class="big">Amazon EKS <span data-k="eks-version">${result.target.eksVersion}</span></p>${supportLine(support)}${
    plan
      ? html`<p>Cluster <b>${plan.cluster.name}</b> in ${plan.cluster.region}, ${plan.cluster.azs.length} Availability Zones, ${plan.cluster.endpointAccess} API endpoint.</p>`
      : ''
  }${calendar?.stale ? html`<p class="warn">${calendar.message}</p>` : ''}</div>`;
}

function findingsCard(result: AssessResult): SafeHtml {
  const s = result.summary;
  const verdict =
    s.blocker + s.errors > 0
      ? 'Blockers must be fixed before these workloads run on EKS.'
      : s.warning > 0
        ? 'Nothing blocks the move; the warnings change how things run.'
        : 'Nothing blocks the move.';
  return html`<div class="kcard"><h3>Findings</h3><p class="counts">${SEVERITY_ORDER.map(
    (sev) =>
      html`<a class="count ${sev}" href="#findings?sev=${sev}"><b data-count="${sev}">${int(s[sev])}</b> ${sev === 'info' ? 'info' : `${sev}${s[sev] === 1 ? '' : 's'}`}</a>`,
  )}</p>${s.errors > 0 ? html`<p><a class="bad" href="#input-errors"><b data-count="errors">${int(s.errors)}</b> input ${s.errors === 1 ? 'error' : 'errors'}</a> (each counts as a blocker)</p>` : ''}<p>${verdict}</p></div>`;
}

function costCard(plan: Plan | undefined): SafeHtml {
  if (!plan) {
    return html`<div class="kcard"><h3>Monthly cost</h3><p>Not estimated in a findings report: <code>kube2eks plan --format html</code> designs the EKS cluster and prices it.</p></div>`;
  }
  const m = plan.cost.monthly;
  const like = plan.sourceComparison;
  return html`<div class="kcard"><h3>Monthly cost</h3><p class="big"><span data-k="cost-total">${usd(m.total)}</span> <small>/ month</small></p>${
    like
      ? html`<p>Like for like (the old nodes copied one for one): <b data-k="cost-like">${usd(like.monthly)}</b>.</p>`
      : html`<p>No like-for-like figure: the input holds no nodes of the source cluster.</p>`
  }<p><a href="#cost">Breakdown and assumptions</a></p></div>`;
}

/** What the plan says for an area, in one or two lines. */
function planFacts(area: Area, plan: Plan): SafeHtml {
  const nodes = plan.nodeGroups.reduce((n, g) => n + g.desiredSize, 0);
  switch (area) {
    case 'control-plane':
      return html`<p class="plan">Plan: EKS ${plan.cluster.version}, ${plan.cluster.endpointAccess} API endpoint; AWS runs the control plane across three AZs.</p>`;
    case 'data-plane':
      return html`<p class="plan">Plan: ${count(plan.nodeGroups.length, 'node group')} (${count(nodes, 'node')}), ${count(plan.fargateProfiles.length, 'Fargate profile')}; ${plan.autoscaling.engine}. <a href="#nodes">Node groups</a></p>`;
    case 'security':
      return html`<p class="plan">Plan: ${nouns(plan.identities.length, 'workload identity', 'workload identities')} (${plan.identities[0]?.mechanism ?? 'pod-identity'}), ${nouns(plan.accessEntries.length, 'access entry', 'access entries')}${plan.identityProvider ? ', an OIDC identity provider' : ''}. <a href="#identities">Identities</a></p>`;
    case 'networking':
      return html`<p class="plan">Plan: VPC ${plan.network.vpcCidr}, ${count(plan.network.subnets.length, 'subnet')}, prefix delegation ${plan.network.prefixDelegation ? 'on' : 'off'}, ${count(plan.vpcEndpoints.length, 'VPC endpoint')}. <a href="#network">Network</a></p>`;
    case 'storage':
      return html`<p class="plan">Plan: ${plan.storageClasses.length === 0 ? 'no StorageClass to map' : plan.storageClasses.map((c) => `${c.from || '(no class)'} → ${c.to}`).join(', ')}. <a href="#storage">Storage</a></p>`;
    case 'cost':
      return html`<p class="plan">Plan: ${usd(plan.cost.monthly.total)} a month${plan.sourceComparison ? html` against ${usd(plan.sourceComparison.monthly)} like for like` : ''}. <a href="#cost">Cost</a></p>`;
  }
}

function areaCard(
  area: Area,
  findings: Finding[],
  rules: readonly RuleInfo[],
  plan: Plan | undefined,
  checklist: readonly ChecklistItem[] | undefined,
): SafeHtml {
  const bySev = { blocker: 0, warning: 0, info: 0 };
  for (const f of findings) bySev[f.severity]++;
  const groups = groupByRule(findings, rules, 0);
  const top = groups.slice(0, TOP_RULES);
  const countsLine =
    area === 'cost'
      ? ''
      : findings.length === 0
        ? html`<p class="ok">No findings.</p>`
        : html`<p class="acounts">${SEVERITY_ORDER.filter((s) => bySev[s] > 0).map(
            (s) => html`<span class="pill ${s}" data-area-count="${s}">${count(bySev[s], s)}</span>`,
          )}</p>`;
  return html`<div class="acard" data-area="${area}"><h3>${AREA_TITLES[area]}</h3><p class="scope">${AREA_SCOPES[area]}</p>${countsLine}${areaSteps(area, checklist, rules)}${
    top.length > 0
      ? html`<ul class="top">${top.map(
          (g) =>
            html`<li><span class="dot ${g.severity}" role="img" aria-label="${g.severity}"></span><a href="${filterHref(g.category, g.severity)}">${g.title}</a> <span class="n">${int(g.total)}</span></li>`,
        )}${groups.length > top.length ? html`<li class="more">and ${count(groups.length - top.length, 'more rule')}</li>` : ''}</ul>`
      : ''
  }${plan ? planFacts(area, plan) : area === 'cost' ? html`<p>Run <code>kube2eks plan</code> for the cost.</p>` : ''}</div>`;
}

function areaChart(byArea: Map<Area, Finding[]>): SafeHtml {
  const rows = AREAS.filter((a) => a !== 'cost').map((area) => {
    const list = byArea.get(area) ?? [];
    const n = (s: Severity) => list.filter((f) => f.severity === s).length;
    return {
      label: AREA_TITLES[area],
      display: int(list.length),
      segments: SEVERITY_ORDER.map((s) => ({ value: n(s), tone: s, label: SEVERITY_LABELS[s] })),
    };
  });
  return html`<figure class="chartbox"><figcaption>Findings by area <span class="legend"><span class="dot blocker"></span>blocker <span class="dot warning"></span>warning <span class="dot info"></span>info</span></figcaption>${barChart({ id: 'chart-areas', title: 'Findings by area of the migration, by severity', rows })}</figure>`;
}

export function summarySection(input: {
  result: AssessResult;
  rules: readonly RuleInfo[];
  plan: Plan | undefined;
  support: VersionStatus | undefined;
}): SafeHtml {
  const { result, rules, plan, support } = input;
  const byArea = new Map<Area, Finding[]>();
  for (const f of result.findings) {
    const area = areaOf(f.category);
    const list = byArea.get(area) ?? [];
    list.push(f);
    byArea.set(area, list);
  }
  return html`<section id="summary"><h2>Summary</h2>
<div class="kcards">${sourceCard(result)}${targetCard(result, plan, support)}${findingsCard(result)}${costCard(plan)}</div>
${result.findings.length > 0 ? areaChart(byArea) : ''}
${checklistSection(result.checklist, rules)}
<div class="areas">${AREAS.map((a) => areaCard(a, byArea.get(a) ?? [], rules, plan, result.checklist))}</div>
</section>`;
}
