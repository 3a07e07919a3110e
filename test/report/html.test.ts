// The HTML report without a browser: escaping, the charts' geometry, grouping at scale, the CSP's hashes, and
// what each section holds. test/report/html-browser.test.ts checks the same pages in Chromium.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssessResult, Finding } from '../../src/model/types.js';
import { barChart } from '../../src/report/html/charts.js';
import { escapeHtml, html, jsonData, raw, safeUrl } from '../../src/report/html/escape.js';
import { groupByRule, ROWS_PER_GROUP } from '../../src/report/html/findings.js';
import { cidrSize, usd } from '../../src/report/html/format.js';
import { FORMATS, formatters, renderHtmlReport } from '../../src/report/index.js';
import { samplePlan } from '../support/plan-fixture.js';
import { runCli } from '../support/run-cli.js';
import { emptyResult, SAMPLE_RULES, sampleResult } from './sample.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

function manyFindings(n: number, namespaces: number): Finding[] {
  const base = sampleResult().findings;
  return Array.from({ length: n }, (_, i) => {
    const f = base[i % base.length]!;
    return {
      ...f,
      resource: { ...f.resource, namespace: `team-${i % namespaces}`, name: `app-${i}` },
    };
  });
}

function withFindings(findings: Finding[]): AssessResult {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return {
    ...sampleResult(),
    summary: {
      objects: findings.length * 3,
      blocker: count('blocker'),
      warning: count('warning'),
      info: count('info'),
      errors: 0,
    },
    findings,
    errors: [],
    notes: [],
  };
}

describe('html templates', () => {
  it('escape every interpolated value unless it is SafeHtml', () => {
    const name = `a"b'c&${HOSTILE}`;
    expect(html`<td title="${name}">${name}</td>`.text).toBe(
      '<td title="a&quot;b&#39;c&amp;&lt;img src=x onerror=alert(1)&gt;">a&quot;b&#39;c&amp;&lt;img src=x onerror=alert(1)&gt;</td>',
    );
    expect(html`<p>${html`<b>${'<i>'}</b>`}${['x', raw('<br>'), 1, null, undefined, false]}</p>`.text).toBe(
      '<p><b>&lt;i&gt;</b>x<br>1</p>',
    );
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('link only http(s) URLs', () => {
    expect(safeUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
  });

  it('keep JSON data blocks from closing their script element', () => {
    const text = jsonData({ ns: ['</script><script>alert(1)</script>', '\u2028'] }).text;
    expect(text).not.toContain('</script');
    expect(JSON.parse(text)).toEqual({ ns: ['</script><script>alert(1)</script>', '\u2028'] });
  });

  it('count the addresses of a CIDR block', () => {
    expect(cidrSize('10.0.0.0/19')).toBe(8192);
    expect(cidrSize('10.0.0.0/32')).toBe(1);
    expect(cidrSize('fd00::/64')).toBeUndefined();
  });
});

describe('charts', () => {
  const chart = barChart({
    id: 'c',
    title: 'Cost <by> part',
    rows: [
      { label: 'Compute', display: '$600.00', segments: [{ value: 600, tone: 'c1', label: 'compute' }] },
      { label: HOSTILE, display: '$150.00', segments: [{ value: 150, tone: 'c2', label: 'storage' }] },
    ],
  }).text;

  it('scale bars to the largest row and carry the values as text', () => {
    const widths = [...chart.matchAll(/<rect class="tone-c\d"[^>]* width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths).toEqual([158, 39.5]);
    expect(chart).toContain('<title id="c-t">Cost &lt;by&gt; part</title>');
    expect(chart).toContain(
      '<desc id="c-d">Compute: $600.00; &lt;img src=x onerror=alert(1)&gt;: $150.00</desc>',
    );
    expect(chart).toContain('role="img" aria-labelledby="c-t c-d"');
    expect(chart).not.toContain('<img');
  });

  it('stack segments, draw tracks for shares and head groups of rows', () => {
    const stacked = barChart({
      id: 's',
      title: 't',
      max: 1,
      track: true,
      rows: [
        {
          group: 'general',
          label: 'CPU',
          display: '50%',
          segments: [{ value: 0.5, tone: 'c1', label: 'cpu' }],
        },
        {
          group: 'general',
          label: 'mix',
          display: '75%',
          segments: [
            { value: 0.25, tone: 'c1', label: 'a' },
            { value: 0.5, tone: 'c2', label: 'b' },
          ],
        },
      ],
    }).text;
    expect(stacked.match(/class="group"/g)).toHaveLength(1);
    expect(stacked.match(/class="track"/g)).toHaveLength(2);
    expect(stacked).toContain('x="132" y="59" width="39.5"');
    expect(stacked).toContain('x="171.5" y="59" width="79"');
    expect(stacked).toContain('general mix: 75% (a 0.25, b 0.5)');
  });
});

describe('grouping', () => {
  it('lists the first findings of each rule and keeps the rest as names per namespace', () => {
    const findings = manyFindings(1000, 10);
    const groups = groupByRule(findings, SAMPLE_RULES);
    expect(groups.map((g) => [g.severity, g.ruleId, g.total])).toEqual([
      ['blocker', 'api/removed', 250],
      ['blocker', 'storage/provisioner', 250],
      ['warning', 'lb/service', 250],
      ['info', 'secrets/present', 250],
    ]);
    for (const g of groups) {
      expect(g.listed).toHaveLength(ROWS_PER_GROUP);
      const more = Object.values(g.more).flat();
      expect(more).toHaveLength(250 - ROWS_PER_GROUP);
      expect(new Set([...g.listed.map((f) => `${f.resource.kind}/${f.resource.name}`), ...more]).size).toBe(
        250,
      );
    }
    expect(groups[0]!.title).toBe(
      'Objects written in an API version that the target EKS version no longer serves.',
    );
  });
});

describe('renderHtmlReport', () => {
  const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

  it('is one document whose CSP forbids the network and allows exactly its own style and script', () => {
    const page = renderHtmlReport({ result: sampleResult(), rules: SAMPLE_RULES });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    const csp = (
      /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? ''
    ).replaceAll('&#39;', "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src 'none'");
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    expect(csp).toContain(`style-src 'sha256-${sha(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${sha(script)}'`);
    expect(page).not.toMatch(/\s(src|srcset)=|url\(|@import|<link|<iframe/);
    expect(page).not.toMatch(/ style="/);
  });

  it('shows the summary numbers, every finding with its location and docs link, errors and notes', () => {
    const page = renderHtmlReport({
      result: sampleResult(),
      rules: SAMPLE_RULES,
      generatedAt: new Date('2026-12-03T09:30:00Z'),
      support: { version: '1.33', window: 'standard', daysLeft: 150, windowEnds: '2027-05-02' },
    });
    expect(page).toContain('<title>GKE, Kubernetes 1.29 to Amazon EKS 1.33 — kube2eks</title>');
    expect(page).toContain('written 2026-12-03 09:30 UTC');
    expect(page).toContain('Standard support until <b>2027-05-02</b> (150 days)');
    for (const [k, v] of [
      ['blocker', 2],
      ['warning', 1],
      ['info', 1],
      ['errors', 1],
    ] as const)
      expect(page).toContain(`<b data-count="${k}">${v}</b>`);
    expect(page).toContain('<b data-k="objects">12</b>');
    expect(page).toContain('<code class="loc">manifests/ingress.yaml:14</code>');
    expect(page).toContain(
      '<code class="loc">backup.tar.gz (resources/storageclasses.storage.k8s.io/cluster/standard-rwo.json)</code>',
    );
    expect(page).toContain(
      '<code class="loc">rendered web.yaml:3 (template: web/templates/service.yaml)</code>',
    );
    expect(page).toContain('<code class="loc">context:prod /api/v1/namespaces/shop/secrets/db</code>');
    expect(page).toContain('href="https://github.com/kube2eks/kube2eks/blob/main/docs/rules/api/removed.md"');
    expect(page).toContain('<code>bad.yaml:3:7</code> could not parse YAML: unexpected end of the stream');
    expect(page).toContain('<code>kustomization.yaml</code> a kustomization was skipped');
    expect(page.match(/<details class="frow"/g)).toHaveLength(4);
    // Info starts folded, the rest open.
    expect(page).toMatch(
      /<details class="fgroup" data-sev="info" data-cat="secret-present" data-area="security">/,
    );
    expect(page).toMatch(
      /<details class="fgroup" data-sev="blocker" data-cat="removed-api" data-area="control-plane" open>/,
    );
    // A findings report names the plan as the way to a cost, and has no plan sections.
    expect(page).toContain('kube2eks plan --format html');
    expect(page).not.toContain('id="nodes"');
  });

  it('escapes names, namespaces, messages and locations from the input', () => {
    const result = sampleResult();
    result.findings = result.findings.map((f) => ({
      ...f,
      resource: { ...f.resource, name: HOSTILE, namespace: `"><script>alert(2)</script>` },
      message: `${f.message} ${HOSTILE}`,
      location: { file: `${HOSTILE}.yaml`, line: 1 },
      docsUrl: 'javascript:alert(3)',
    }));
    result.source.evidence = [HOSTILE];
    const page = renderHtmlReport({ result, rules: [] });
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('javascript:');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('says so when there is nothing to report', () => {
    const page = renderHtmlReport({ result: emptyResult(), rules: SAMPLE_RULES });
    expect(page).toContain('No findings: nothing in the input needs to change for EKS.');
    expect(page).not.toContain('id="filters"');
  });

  it('keeps a big estate to a few hundred rows and a few megabytes', () => {
    const findings = manyFindings(40_000, 250);
    const page = renderHtmlReport({ result: withFindings(findings), rules: SAMPLE_RULES });
    expect(page.match(/<details class="frow"/g)).toHaveLength(4 * ROWS_PER_GROUP);
    expect(page.match(/<script type="application\/json" class="more">/g)).toHaveLength(4);
    expect(page).toContain('<b id="shown-count">40000</b>');
    expect(page.length).toBeLessThan(3_000_000);
  });

  it('adds node groups, cost, network, identities, add-ons, storage and reasons from the plan', () => {
    const base = samplePlan();
    // What the shared fixture leaves out: a comparison with the source's pools and a source range kept clear.
    const plan = samplePlan({
      sourceComparison: {
        nodes: [{ from: 'e2-standard-4 × 4', to: 'm6i.xlarge × 4' }],
        monthly: 1681.92,
        why: 'the old node pools copied one for one',
      },
      network: {
        ...base.network,
        sourceRanges: [
          { cidr: '10.132.0.0/20', what: 'GKE node range (from the LoadBalancer IP 10.132.0.50)' },
        ],
      },
    });
    const page = renderHtmlReport({ result: sampleResult(), rules: SAMPLE_RULES, plan });
    for (const id of ['nodes', 'cost', 'network', 'identities', 'addons', 'storage', 'reasons', 'phases'])
      expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain(`<span data-k="cost-total">${usd(835.42)}</span>`);
    expect(page).toContain('<b data-k="cost-like">$1,681.92</b>');
    expect(page).toContain('<td class="num" data-cost="natGateways">$98.55</td>');
    expect(page).toContain('<td class="num" data-util="cpu">62%</td>');
    expect(page).toContain('<td class="num">0 / <b>2</b> / 4</td>');
    expect(page).toContain('<code>kube2eks.io/spot=true:NoSchedule</code>');
    expect(page).toContain('<td class="num">8,192</td>');
    expect(page).toContain('<code>10.132.0.0/20</code> (GKE node range');
    expect(page).toContain('AmazonEKSEditPolicy (namespaces shop)');
    expect(page).toContain('<code>nodeGroup:spot</code>: 1 workload, 2 pods');
    expect(page).toContain('Compute is 1.08× the cheapest mix');
    expect(page).toContain('2 workload identities, 2 access entries, 8 add-ons.');
    expect(page).toContain('<title>shop-eks: GKE, Kubernetes 1.29 to Amazon EKS 1.33 — kube2eks</title>');
    expect(page).not.toContain('id="kit"');
  });

  it('lists the kit files when generate passes them', () => {
    const page = renderHtmlReport({
      result: sampleResult(),
      rules: SAMPLE_RULES,
      plan: samplePlan(),
      kitFiles: [{ path: `runbook${HOSTILE}.md`, description: 'The cutover, step by step' }],
    });
    expect(page).toContain('<section id="kit">');
    expect(page).toContain(
      '<td><code>runbook&lt;img src=x onerror=alert(1)&gt;.md</code></td><td>The cutover, step by step</td>',
    );
    expect(page).toContain('Migration report and kit');
  });

  it('shows the checklist as numbered steps under the headings of the migration method', () => {
    const result = sampleResult();
    const blocker = result.findings[1]!; // storage/provisioner
    result.checklist = [
      {
        step: 'blockers',
        title: 'Fix 2 blockers first',
        lines: [
          {
            text: `Replace StorageClass ${HOSTILE}`,
            findings: [{ ruleId: blocker.ruleId, resource: blocker.resource }],
          },
        ],
      },
      { step: 'secrets', title: 'Recreate 1 Secret', lines: [{ text: 'shop/db', findings: [] }] },
    ];
    const page = renderHtmlReport({ result, rules: SAMPLE_RULES });
    expect(page).toContain(
      '<li id="todo-1" data-step="blockers"><div class="shead"><span class="snum">1</span><div><b>Fix 2 blockers first</b> <span class="tag">Storage</span></div></div><ul><li>Replace StorageClass &lt;img src=x onerror=alert(1)&gt;</li></ul></li>',
    );
    expect(page).toContain('<b>Recreate 1 Secret</b> <span class="tag">Security</span>');
    expect(page).toMatch(/data-area="storage">.*To do: <a href="#todo-1">1\. Fix 2 blockers first<\/a><\/p>/);
    expect(page).toMatch(/data-area="security">.*To do: <a href="#todo-2">2\. Recreate 1 Secret<\/a><\/p>/);
    expect(renderHtmlReport({ result: sampleResult(), rules: SAMPLE_RULES })).not.toContain(
      'What to do first',
    );
  });

  it('is a formatter like the others', () => {
    expect(FORMATS).toContain('html');
    expect(formatters.html(sampleResult(), SAMPLE_RULES, { color: false })).toBe(
      renderHtmlReport({ result: sampleResult(), rules: SAMPLE_RULES }),
    );
  });
});

describe('plan --format html', () => {
  it('writes the whole migration report: findings, checklist, plan and cost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube2eks-html-plan-'));
    try {
      const file = join(dir, 'migration.html');
      const run = await runCli(['plan', 'examples/gke-shop', '--format', 'html', '--output', file]);
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse((await runCli(['plan', 'examples/gke-shop', '--format', 'json'])).stdout);
      const page = readFileSync(file, 'utf8');
      expect(page).toContain(`<span data-k="cost-total">${usd(json.cost.monthly.total)}</span>`);
      expect(page).toContain('<section id="nodes">');
      expect(page).toContain('What to do first');
      expect(page).toContain('examples/gke-shop/cluster/storageclasses.yaml:8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('assess --format html', () => {
  it('writes the report with the target support window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube2eks-html-cli-'));
    try {
      const file = join(dir, 'report.html');
      const run = await runCli([
        'assess',
        'examples/gke-shop',
        '--format',
        'html',
        '--output',
        file,
        '--fail-on',
        'never',
      ]);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/^kube2eks: wrote .*report\.html: \d+ blockers/);
      const page = readFileSync(file, 'utf8');
      expect(page.startsWith('<!doctype html>')).toBe(true);
      expect(page).toMatch(/support until <b>\d{4}-\d\d-\d\d<\/b>|extended support|Out of support/);
      expect(page).toContain('examples/gke-shop/cluster/storageclasses.yaml:8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
