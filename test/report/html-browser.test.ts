/// <reference lib="dom" />
// The HTML report in a real browser (Debian's Chromium through playwright-core): every report of the bundled
// example and of two fixtures loads with no console error and no network request, shows the JSON's numbers,
// filters to the JSON's counts, keeps hostile names as text, and fits 1280 px and 390 px without sideways
// scrolling. The reports and their screenshots land in test-artifacts/html-report/ for a person to look at.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessResult, Finding } from '../../src/model/types.js';
import { buildChecklist } from '../../src/plan/checklist.js';
import type { Plan } from '../../src/plan/types.js';
import { usd } from '../../src/report/html/format.js';
import { renderHtmlReport } from '../../src/report/index.js';
import { registry, ruleInfos } from '../../src/rules/index.js';
import {
  artifactPath,
  type Browser,
  HAS_CHROMIUM,
  launchBrowser,
  NO_CHROMIUM_MESSAGE,
  openReport,
} from '../support/browser.js';
import { runCli } from '../support/run-cli.js';

if (!HAS_CHROMIUM) console.warn(NO_CHROMIUM_MESSAGE);

interface Report {
  name: string;
  file: string;
  result: AssessResult;
  plan?: Plan;
}

const REPORT_NAMES = [
  'gke-shop-assess',
  'gke-shop-plan',
  'gke-shop-kit',
  'hostile-assess',
  'aks-estate-assess',
];

const KIT = [
  { path: 'runbook.md', description: 'The cutover, step by step, with the commands' },
  {
    path: 'eksctl/cluster.yaml',
    description: 'The EKS cluster, node groups, add-ons and identities for eksctl',
  },
  { path: 'images.txt', description: 'Images to copy to Amazon ECR (crane)' },
];

async function assessJson(input: string): Promise<AssessResult> {
  const run = await runCli(['assess', input, '--format', 'json', '--fail-on', 'never']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as AssessResult;
}

const ns = (f: Finding) => f.resource.namespace ?? '(cluster)';
const key = (f: Finding) => `${f.resource.kind}/${f.resource.name}`.toLowerCase();
const text = async (page: import('playwright-core').Page, selector: string) =>
  (await page.locator(selector).first().textContent())?.trim();
const shown = async (page: import('playwright-core').Page) =>
  Number((await text(page, '#shown-count'))?.replace(/,/g, ''));

describe.skipIf(!HAS_CHROMIUM)('the HTML report in Chromium', () => {
  let browser: Browser;
  const reports: Report[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    for (const [name, input] of [
      ['gke-shop-assess', 'examples/gke-shop'],
      ['hostile-assess', 'test/fixtures/inputs/html/hostile'],
      ['aks-estate-assess', 'test/fixtures/inputs/html/aks-estate'],
    ] as const) {
      const file = artifactPath(`${name}.html`);
      const run = await runCli(['assess', input, '--format', 'html', '--output', file, '--fail-on', 'never']);
      expect(run.code, run.stderr).toBe(0);
      reports.push({ name, file, result: await assessJson(input) });
    }
    // The full migration report, as `plan --format html` writes it, and its numbers as `plan --format json` prints them.
    const planFile = artifactPath('gke-shop-plan.html');
    const planRun = await runCli(['plan', 'examples/gke-shop', '--format', 'html', '--output', planFile]);
    expect(planRun.code, planRun.stderr).toBe(0);
    const planJson = await runCli(['plan', 'examples/gke-shop', '--format', 'json']);
    const plan = JSON.parse(planJson.stdout) as Plan;
    const shop = reports[0]!.result;
    reports.push({ name: 'gke-shop-plan', file: planFile, result: shop, plan });
    // The kit's report, as generate writes it through renderHtmlReport.
    const kitFile = artifactPath('gke-shop-kit.html');
    writeFileSync(
      kitFile,
      renderHtmlReport({
        result: { ...shop, checklist: buildChecklist(shop, plan) },
        rules: ruleInfos(registry),
        plan,
        kitFiles: KIT,
      }),
    );
    reports.push({ name: 'gke-shop-kit', file: kitFile, result: shop, plan });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(REPORT_NAMES)(
    '%s loads with no console error and no network request, fits 1280 px and 390 px, and shows the JSON numbers',
    async (name) => {
      const report = reports.find((r) => r.name === name)!;
      for (const width of [1280, 390]) {
        const { page, errors, requests, url } = await openReport(browser, report.file, width);
        expect(errors, `${report.name} at ${width}px`).toEqual([]);
        expect(requests, `${report.name} at ${width}px`).toEqual([url]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${report.name} scrolls sideways at ${width}px`).toBe(0);
        await page.screenshot({
          path: artifactPath(`${report.name}-${width}.png`),
          fullPage: true,
          scale: 'css',
        });

        const s = report.result.summary;
        for (const sev of ['blocker', 'warning', 'info'] as const) {
          expect(await text(page, `[data-count=${sev}]`)).toBe(String(s[sev]));
          expect(await text(page, `[data-sev-count=${sev}]`)).toBe(String(s[sev]));
        }
        if (s.errors > 0) expect(await text(page, '[data-count=errors]')).toBe(String(s.errors));
        expect(await text(page, '[data-k=objects]')).toBe(String(s.objects));
        expect(await text(page, '[data-k=eks-version]')).toBe(report.result.target.eksVersion);
        expect(await shown(page)).toBe(report.result.findings.length);
        const groupTotal = await page.$$eval('.fgroup .gcount', (els) =>
          els.reduce((n, el) => n + Number(el.textContent?.replace(/,/g, '')), 0),
        );
        expect(groupTotal).toBe(report.result.findings.length);

        if (!report.plan)
          expect(await page.locator('.steps > li').count()).toBe(report.result.checklist?.length);
        if (report.plan) {
          const m = report.plan.cost.monthly;
          expect(await text(page, '[data-k=cost-total]')).toBe(usd(m.total));
          if (report.plan.sourceComparison)
            expect(await text(page, '[data-k=cost-like]')).toBe(usd(report.plan.sourceComparison.monthly));
          // plan rebuilds the checklist with the plan (from findings' data the JSON leaves out): steps exist.
          expect(await page.locator('.steps > li').count()).toBeGreaterThan(3);
          for (const k of [
            'controlPlane',
            'computeOnDemand',
            'computeSpot',
            'fargate',
            'storage',
            'loadBalancers',
            'natGateways',
            'vpcEndpoints',
            'total',
          ] as const)
            expect(await text(page, `[data-cost=${k}]`)).toBe(usd(m[k]));
          for (const g of report.plan.nodeGroups) {
            const row = `tr[data-group="${g.name}"]`;
            expect(await text(page, `${row} [data-util=cpu]`)).toBe(
              `${Math.round(g.utilization.cpu * 100)}%`,
            );
            expect(await text(page, `${row} [data-util=memory]`)).toBe(
              `${Math.round(g.utilization.memory * 100)}%`,
            );
          }
          expect(await page.locator('svg.chart[role=img] > title').count()).toBe(4);
        }
        await page.close();
      }
    },
    90_000,
  );

  it('filters by severity, category, namespace and name to the counts of the JSON, and keeps them in the URL', async () => {
    const report = reports.find((r) => r.name === 'aks-estate-assess')!;
    const findings = report.result.findings;
    const { page, errors } = await openReport(browser, report.file, 1280);
    // More findings than a group lists in full: the counts must still be the JSON's.
    expect(await page.locator('.frow').count()).toBeLessThan(findings.length);

    await page.selectOption('select[name=ns]', 'team-a');
    expect(await shown(page)).toBe(findings.filter((f) => ns(f) === 'team-a').length);
    await page.locator('label.chip.info').click();
    const afterInfo = findings.filter((f) => ns(f) === 'team-a' && f.severity !== 'info');
    expect(await shown(page)).toBe(afterInfo.length);
    expect(await text(page, '[data-sev-count=info]')).toBe(
      String(findings.filter((f) => ns(f) === 'team-a' && f.severity === 'info').length),
    );
    await page.fill('input[name=q]', 'cart');
    const named = afterInfo.filter((f) => key(f).includes('cart'));
    expect(named.length).toBeGreaterThan(0);
    expect(await shown(page)).toBe(named.length);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toBe('#findings?sev=blocker%2Cwarning&ns=team-a&q=cart');

    // A shared link opens the same view.
    const shared = await openReport(browser, report.file, 1280, hash);
    expect(await shown(shared.page)).toBe(named.length);
    expect(await shared.page.inputValue('input[name=q]')).toBe('cart');
    expect(await shared.page.isChecked('input[name=sev][value=info]')).toBe(false);
    await shared.page.close();

    await page.click('#clear-filters');
    expect(await shown(page)).toBe(findings.length);
    await page.selectOption('select[name=cat]', 'storage-class');
    expect(await shown(page)).toBe(findings.filter((f) => f.category === 'storage-class').length);
    await page.fill('input[name=q]', 'no-such-name');
    expect(await shown(page)).toBe(0);
    expect(await page.isVisible('#no-match')).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows a summary link to the filtered findings', async () => {
    const report = reports.find((r) => r.name === 'gke-shop-assess')!;
    const { page } = await openReport(browser, report.file, 1280);
    await page.click('a.count.blocker');
    expect(await shown(page)).toBe(report.result.summary.blocker);
    expect(
      await page
        .locator('.fgroup:not([hidden])')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-sev'))),
    ).toEqual(expect.arrayContaining(['blocker']));
    expect(await page.locator('.fgroup[data-sev=warning]:not([hidden])').count()).toBe(0);
    await page.close();
  });

  it('renders hostile names, annotations and images as text and never shows a Secret value', async () => {
    const report = reports.find((r) => r.name === 'hostile-assess')!;
    const source = readFileSync(report.file, 'utf8');
    expect(source).not.toContain('s3cr3t-value-never-shown');
    const { page, errors } = await openReport(browser, report.file, 1280);
    expect(errors).toEqual([]);
    expect(
      await page
        .locator('main img, main script:not([type="application/json"]), main svg[onload], main i')
        .count(),
    ).toBe(0);
    expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('<img src=x onerror=document.body.dataset.pwned=1>');
    expect(body).toContain("x' onmouseover='alert(5)/");
    expect(body).toContain('standard-rwo&lt;b&gt;');
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((h) => !h.startsWith('#') && !h.startsWith('https://'))).toEqual([]);
    // The hostile namespace filters like any other.
    await page.selectOption('select[name=ns]', "x' onmouseover='alert(5)");
    expect(await shown(page)).toBe(
      report.result.findings.filter((f) => ns(f) === "x' onmouseover='alert(5)").length,
    );
    await page.close();
  });

  it('prints without the filters and with every finding open, and has a dark scheme', async () => {
    const report = reports.find((r) => r.name === 'gke-shop-plan')!;
    const { page } = await openReport(browser, report.file, 1280);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#filters')).toBe(false);
    expect(await page.locator('.frow .fbody').first().isVisible()).toBe(true);
    // Folded info groups print open too.
    expect(await page.locator('.fgroup[data-sev=info] .frow').first().isVisible()).toBe(true);
    await page.pdf({ path: artifactPath('gke-shop-plan.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(17, 21, 27)');
    await page.screenshot({ path: artifactPath('gke-shop-plan-dark-1280.png') });
    await page.close();
  });
});
