// The Markdown report: a summary table, then every finding by severity, then input errors and notes.

import { describeRef } from '../model/kinds.js';
import type { Finding } from '../model/types.js';
import { code, escapeMarkdown } from './escape.js';
import {
  categoryOrder,
  describeSource,
  displayFile,
  formatLocation,
  groupFindings,
  SEVERITY_TITLES,
  summaryLine,
} from './text.js';
import type { Formatter } from './types.js';

export { code, escapeMarkdown } from './escape.js';

function findingSection(f: Finding): string[] {
  const where = formatLocation(f.location);
  return [
    `### ${escapeMarkdown(describeRef(f.resource))}: ${code(f.ruleId)}`,
    '',
    escapeMarkdown(f.message),
    '',
    `- **Where:** ${where ? code(where) : 'not known'}`,
    `- **Why on EKS:** ${escapeMarkdown(f.explanation)}`,
    `- **What to do:** ${escapeMarkdown(f.remediation)}`,
    `- **Rule:** [${escapeMarkdown(f.ruleId)}](${f.docsUrl}) (${escapeMarkdown(f.category)}${f.fixable ? ', fixable by `kube2eks generate`' : ''})`,
    '',
  ];
}

export const formatMarkdown: Formatter = (result) => {
  const s = result.summary;
  const out: string[] = [
    '# kube2eks assessment',
    '',
    `**${summaryLine(s)}**`,
    '',
    `- **Target:** EKS ${escapeMarkdown(result.target.eksVersion)}`,
    ...(result.target.calendar?.stale ? [`  - ${escapeMarkdown(result.target.calendar.message)}`] : []),
    `- **Source:** ${escapeMarkdown(describeSource(result.source))}`,
  ];
  for (const evidence of result.source.evidence) out.push(`  - ${escapeMarkdown(evidence)}`);
  out.push(`- **Tool:** ${escapeMarkdown(`${result.tool.name} ${result.tool.version}`)}`, '');

  if (result.findings.length > 0) {
    const categories = [...new Set(result.findings.map((f) => f.category))].sort(categoryOrder);
    out.push('## Summary', '', '| Category | Blocker | Warning | Info |', '| --- | ---: | ---: | ---: |');
    for (const category of categories) {
      const n = (severity: string) =>
        result.findings.filter((f) => f.category === category && f.severity === severity).length;
      out.push(`| ${escapeMarkdown(category, true)} | ${n('blocker')} | ${n('warning')} | ${n('info')} |`);
    }
    out.push(`| **Total** | **${s.blocker}** | **${s.warning}** | **${s.info}** |`, '');
  } else {
    out.push('No findings.', '');
  }

  for (const group of groupFindings(result.findings)) {
    out.push(`## ${SEVERITY_TITLES[group.severity]} (${group.findings.length})`, '');
    for (const f of group.findings) out.push(...findingSection(f));
  }

  if (result.errors.length > 0) {
    out.push(`## Input errors (${result.errors.length})`, '');
    out.push('Each of these documents could not be read and counts as a blocker.', '');
    for (const e of result.errors) {
      out.push(`- ${code(formatLocation(e, true) || displayFile(e.file))}: ${escapeMarkdown(e.message)}`);
    }
    out.push('');
  }

  if (result.notes.length > 0) {
    out.push(`## Notes (${result.notes.length})`, '');
    for (const n of result.notes) out.push(`- ${code(displayFile(n.file))}: ${escapeMarkdown(n.message)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
};
