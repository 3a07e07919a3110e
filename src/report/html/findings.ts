// The findings section: filters (severity, category, namespace, resource name) and the findings grouped by
// rule. A group lists its first findings in full and carries the rest as names only (in a JSON data block
// the filter script counts), so a dump with tens of thousands of findings stays a page of a few hundred rows.
import { describeRef } from '../../model/kinds.js';
import { type Finding, type RuleInfo, SEVERITIES, SEVERITY_RANK, type Severity } from '../../model/types.js';
import { categoryOrder, count, formatLocation } from '../text.js';
import { areaOf } from './areas.js';
import { html, jsonData, type SafeHtml, safeUrl } from './escape.js';

/** Findings listed in full per group; the rest are counted and searchable by name. */
export const ROWS_PER_GROUP = 40;

/** The namespace filter's value for cluster-scoped resources (a namespace name cannot hold parentheses). */
export const CLUSTER_SCOPE = '(cluster)';

export const SEVERITY_LABELS: Record<Severity, string> = {
  blocker: 'Blocker',
  warning: 'Warning',
  info: 'Info',
};
const SEVERITY_PLURALS: Record<Severity, string> = { blocker: 'Blockers', warning: 'Warnings', info: 'Info' };

export interface FindingGroup {
  severity: Severity;
  ruleId: string;
  category: string;
  /** The rule's description, else its id. */
  title: string;
  docsUrl: string;
  total: number;
  listed: Finding[];
  /** The findings not listed: namespace → `Kind/name` of each. */
  more: Record<string, string[]>;
}

export function namespaceOf(f: Finding): string {
  return f.resource.namespace || CLUSTER_SCOPE;
}

/** `kind/name`, lower-cased: what the resource-name search matches. */
export function searchKey(f: Finding): string {
  return `${f.resource.kind}/${f.resource.name}`.toLowerCase();
}

/** Findings grouped by severity and rule (blockers first, then by category), each group capped at `perGroup` rows. */
export function groupByRule(
  findings: readonly Finding[],
  rules: readonly RuleInfo[],
  perGroup = ROWS_PER_GROUP,
): FindingGroup[] {
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.severity} ${f.ruleId}`;
    let group = groups.get(key);
    if (!group) {
      const rule = ruleById.get(f.ruleId);
      group = {
        severity: f.severity,
        ruleId: f.ruleId,
        category: f.category,
        title: rule?.description ?? f.ruleId,
        docsUrl: rule?.docsUrl ?? f.docsUrl,
        total: 0,
        listed: [],
        more: {},
      };
      groups.set(key, group);
    }
    group.total++;
    if (group.listed.length < perGroup) group.listed.push(f);
    else {
      const ns = namespaceOf(f);
      const names = group.more[ns] ?? [];
      names.push(`${f.resource.kind}/${f.resource.name}`);
      group.more[ns] = names;
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      categoryOrder(a.category, b.category) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** How many findings fall in each value of `key`, sorted by name. */
function tally(findings: readonly Finding[], key: (f: Finding) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return [...counts.entries()];
}

function docsLink(url: string, text: string): SafeHtml {
  const href = safeUrl(url);
  return href ? html`<a href="${href}" rel="noreferrer">${text}</a>` : html`<span>${text}</span>`;
}

function row(f: Finding): SafeHtml {
  const where = formatLocation(f.location);
  const ns = f.resource.namespace;
  return html`<details class="frow" data-ns="${namespaceOf(f)}" data-name="${searchKey(f)}"><summary><span class="res"><span class="kind">${f.resource.kind}</span> ${ns ? html`<span class="ns">${ns}/</span>` : ''}<b>${f.resource.name}</b></span><span class="msg">${f.message}${
    where ? html`<code class="loc">${where}</code>` : ''
  }</span></summary><div class="fbody"><p><b>Why on EKS.</b> ${f.explanation}</p><p><b>What to do.</b> ${f.remediation}</p><p class="meta">${describeRef(f.resource)} · ${f.resource.apiVersion || 'cluster'} · rule ${docsLink(f.docsUrl, f.ruleId)}${f.fixable ? ' · kube2eks generate fixes it' : ''}</p></div></details>`;
}

function group(g: FindingGroup): SafeHtml {
  const moreCount = g.total - g.listed.length;
  // Info stays folded so blockers and warnings fill the first screens; a click or the print view opens it.
  return html`<details class="fgroup" data-sev="${g.severity}" data-cat="${g.category}" data-area="${areaOf(g.category)}"${g.severity === 'info' ? '' : ' open'}><summary class="ghead"><span class="badge ${g.severity}">${SEVERITY_LABELS[g.severity]}</span><h3>${g.title}</h3><span class="gmeta"><b class="gcount">${g.total}</b> found · ${docsLink(g.docsUrl, g.ruleId)} · ${g.category}</span></summary><div class="rows">${g.listed.map(row)}</div><p class="overflow"${moreCount > 0 ? '' : ' hidden'}>and <b class="mcount">${moreCount.toLocaleString('en-US')}</b> more not listed here (the JSON report, <code>--format json</code>, lists every finding); the counts and the name search include them.</p>${
    moreCount > 0 ? html`<script type="application/json" class="more">${jsonData(g.more)}</script>` : ''
  }</details>`;
}

export function findingsSection(findings: readonly Finding[], rules: readonly RuleInfo[]): SafeHtml {
  if (findings.length === 0) {
    return html`<section id="findings" class="card"><h2>Findings</h2><p class="empty">No findings: nothing in the input needs to change for EKS.</p></section>`;
  }
  const groups = groupByRule(findings, rules);
  const bySeverity = Object.fromEntries(tally(findings, (f) => f.severity)) as Partial<
    Record<Severity, number>
  >;
  const categories = tally(findings, (f) => f.category).sort((a, b) => categoryOrder(a[0], b[0]));
  const namespaces = tally(findings, namespaceOf).sort((a, b) => a[0].localeCompare(b[0]));
  const option = ([value, n]: [string, number]) => html`<option value="${value}">${value} (${n})</option>`;

  return html`<section id="findings"><h2>Findings</h2>
<p class="lead">Grouped by rule, blockers first (info folded). Open a finding for why it matters on EKS and what to do. Filters and search update the counts; the address bar keeps them, so a link shares the view.</p>
<form id="filters" class="filters" role="search" aria-label="Filter findings">
<fieldset class="sevs"><legend>Severity</legend>${SEVERITIES.map(
    (s) =>
      html`<label class="chip ${s}"><input type="checkbox" name="sev" value="${s}" checked> ${SEVERITY_PLURALS[s]} <span class="n" data-sev-count="${s}">${bySeverity[s] ?? 0}</span></label>`,
  )}</fieldset>
<label>Category <select name="cat"><option value="">all (${categories.length})</option>${categories.map(option)}</select></label>
<label>Namespace <select name="ns"><option value="">all (${namespaces.length})</option>${namespaces.map(option)}</select></label>
<label>Resource name <input type="search" name="q" placeholder="e.g. cart" autocomplete="off"></label>
<button type="button" id="clear-filters">Clear</button>
</form>
<p class="showing" aria-live="polite">Showing <b id="shown-count">${findings.length}</b> of ${count(findings.length, 'finding')}.</p>
<p class="nomatch" id="no-match" hidden>No finding matches these filters.</p>
${groups.map(group)}
</section>`;
}
