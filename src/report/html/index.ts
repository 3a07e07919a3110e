// The HTML report: one self-contained file (no network access, strict CSP) that a platform lead, a manager
// or a security reviewer reads in five minutes. One view builder serves `assess --format html` (findings),
// `plan --format html` (findings, plan, cost, phases) and generate's `report.html` (the same with the kit's
// files). It decides nothing: every number comes from the AssessResult and the Plan.
import { createHash } from 'node:crypto';
import type { VersionStatus } from '../../catalog/versions.js';
import type { AssessResult, RuleInfo } from '../../model/types.js';
import type { Plan } from '../../plan/types.js';
import { describeSource, displayFile, formatLocation } from '../text.js';
import type { Formatter } from '../types.js';
import { html, raw, type SafeHtml } from './escape.js';
import { findingsSection } from './findings.js';
import { type KitFile, kitSection, phasesSection } from './phases.js';
import { planSections } from './plan.js';
import { FILTER_SCRIPT } from './script.js';
import { STYLE } from './style.js';
import { summarySection } from './summary.js';

export type { KitFile } from './phases.js';

export interface HtmlReportInput {
  /** The findings (`assess`). */
  result: AssessResult;
  /** Rule metadata: each group of findings is titled by its rule's description. */
  rules: readonly RuleInfo[];
  /** The designed cluster (`plan`, `generate`): adds node groups, cost, network, identities, add-ons, storage. */
  plan?: Plan | undefined;
  /** Where the target version stands in the EKS calendar on `generatedAt` (the caller reads the catalog). */
  support?: VersionStatus | undefined;
  /** The files of the migration kit (`generate`), listed with one line each. */
  kitFiles?: readonly KitFile[] | undefined;
  /** When the report was written; shown in the header. Omitted: no date is shown. */
  generatedAt?: Date | undefined;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** No network at all: only the page's own style and script, by hash. */
const CSP = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(FILTER_SCRIPT)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function inputProblems(result: AssessResult): SafeHtml {
  const parts: SafeHtml[] = [];
  if (result.errors.length > 0) {
    parts.push(
      html`<section id="input-errors"><h2>Input errors (${result.errors.length})</h2><p class="lead">These documents could not be read; each counts as a blocker until fixed. The rest of the input was assessed.</p><ul class="errors">${result.errors.map(
        (e) => html`<li><code>${formatLocation(e, true) || displayFile(e.file)}</code> ${e.message}</li>`,
      )}</ul></section>`,
    );
  }
  if (result.notes.length > 0) {
    parts.push(
      html`<section id="notes"><h2>Notes (${result.notes.length})</h2><ul class="errors">${result.notes.map(
        (n) => html`<li><code>${displayFile(n.file)}</code> ${n.message}</li>`,
      )}</ul></section>`,
    );
  }
  return html`${parts}`;
}

function nav(input: HtmlReportInput): SafeHtml {
  const links: Array<[string, string]> = [
    ['summary', 'Summary'],
    ['findings', 'Findings'],
  ];
  if (input.plan) {
    links.push(
      ['nodes', 'Node groups'],
      ['cost', 'Cost'],
      ['network', 'Network'],
      ['identities', 'Identities'],
      ['addons', 'Add-ons'],
      ['storage', 'Storage'],
    );
  }
  links.push(['phases', 'Phases']);
  if (input.kitFiles && input.kitFiles.length > 0) links.push(['kit', 'Kit']);
  if (input.result.errors.length > 0) links.push(['input-errors', 'Input errors']);
  return html`<nav class="toc" aria-label="Sections">${links.map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav>`;
}

/** The whole report as one HTML document. */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { result, rules, plan } = input;
  const kind = input.kitFiles ? 'Migration report and kit' : plan ? 'Migration report' : 'Findings report';
  const heading = `${describeSource(result.source)} to Amazon EKS ${plan?.cluster.version ?? result.target.eksVersion}`;
  const title = `${plan ? `${plan.cluster.name}: ` : ''}${heading} — kube2eks`;
  const when = input.generatedAt
    ? ` · written ${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
    : '';
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${result.tool.name} ${result.tool.version}">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<header class="top"><div class="wrap"><h1>${heading}</h1><p class="sub">${kind}${plan ? html` for cluster <b>${plan.cluster.name}</b>` : ''} by ${result.tool.name} ${result.tool.version}${when}</p>${nav(input)}</div></header>
<main class="wrap">
${summarySection({ result, rules, plan, support: input.support })}
${findingsSection(result.findings, rules)}
${inputProblems(result)}
${plan ? planSections(plan) : ''}
${phasesSection(result, plan, input.kitFiles)}
${kitSection(input.kitFiles)}
</main>
<footer class="wrap">One self-contained file: it loads nothing from the network. Secret values are never part of it. The JSON outputs (<code>--format json</code>) hold every finding and the whole plan.</footer>
<script>${raw(FILTER_SCRIPT)}</script>
</body>
</html>
`;
  return page.text;
}

/** `assess --format html` as a plain formatter (no support window, no date; the CLI adds both). */
export const formatHtml: Formatter = (result, rules) => renderHtmlReport({ result, rules });
