// The Markdown report: a summary table, then every finding by severity, then input errors and notes.

import { describeRef } from '../model/kinds.js';
import type { AssessResult, Finding } from '../model/types.js';
import { code, escapeMarkdown } from './escape.js';
import { bySeverity, entryObjects, type FindingEntry, groupFindingsBy } from './group.js';
import {
  categoryOrder,
  describeSource,
  displayFile,
  formatLocation,
  groupFindings,
  hiddenLine,
  namespaceRows,
  SEVERITY_TITLES,
  summaryLine,
} from './text.js';
import type { Formatter } from './types.js';

export { code, escapeMarkdown } from './escape.js';

/** How many objects a collapsed entry names in the report file. */
const OBJECTS_LISTED = 20;

function findingSection(f: Finding, entry?: FindingEntry): string[] {
  const where = formatLocation(f.location);
  const others = entry && entry.findings.length > 1 ? entry : undefined;
  return [
    `### ${escapeMarkdown(describeRef(f.resource))}: ${code(f.ruleId)}${others ? ` (×${others.findings.length})` : ''}`,
    '',
    escapeMarkdown(f.message),
    '',
    ...(others
      ? [
          `- **Objects (${others.findings.length}, each with the same finding):** ${escapeMarkdown(entryObjects(others, OBJECTS_LISTED))}`,
        ]
      : []),
    `- **Where:** ${where ? code(where) : 'not known'}`,
    `- **Why on EKS:** ${escapeMarkdown(f.explanation)}`,
    `- **What to do:** ${escapeMarkdown(f.remediation)}`,
    `- **Rule:** [${escapeMarkdown(f.ruleId)}](${f.docsUrl}) (${escapeMarkdown(f.category)}${f.fixable ? ', fixable by `kube2eks generate`' : ''})`,
    '',
  ];
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => escapeMarkdown(c, true)).join(' | ')} |`;
}

/** The migration checklist as a numbered list; each line names the rules behind it. */
function checklistSection(result: AssessResult): string[] {
  const steps = result.checklist ?? [];
  if (steps.length === 0) return [];
  const out = ['## Migration checklist', ''];
  steps.forEach((step, i) => {
    out.push(`${i + 1}. **${escapeMarkdown(step.title)}**`);
    for (const l of step.lines) {
      const rules = [...new Set(l.findings.map((f) => f.ruleId))];
      out.push(
        `   - ${escapeMarkdown(l.text)}${rules.length ? ` (${rules.map((r) => code(r)).join(', ')})` : ''}`,
      );
    }
  });
  out.push('');
  return out;
}

export const formatMarkdown: Formatter = (result, _rules, options) => {
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

  out.push(...checklistSection(result));
  const rows = namespaceRows(result);
  if (rows.length > 0) {
    out.push('## Namespaces', '', 'Objects and findings per namespace, to cut the move into waves.', '');
    const [header, ...body] = rows;
    out.push(
      tableRow(header ?? []),
      `| ${(header ?? []).map((_, i) => (i > 0 && i < 4 ? '---:' : '---')).join(' | ')} |`,
    );
    for (const r of body) out.push(tableRow(r));
    out.push('');
  }

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

  const hidden = hiddenLine(result, options.minSeverity);
  if (hidden) out.push(`_${escapeMarkdown(hidden)}_`, '');
  if (options.summaryOnly) return `${out.join('\n').trimEnd()}\n`;

  const by = options.groupBy ?? 'rule';
  if (by === 'none') {
    for (const group of groupFindings(result.findings)) {
      out.push(`## ${SEVERITY_TITLES[group.severity]} (${group.findings.length})`, '');
      for (const f of group.findings) out.push(...findingSection(f));
    }
  } else if (by === 'rule') {
    for (const section of bySeverity(groupFindingsBy(result.findings, 'rule'))) {
      const n = section.groups.reduce((sum, g) => sum + g.findings.length, 0);
      out.push(`## ${SEVERITY_TITLES[section.severity]} (${n})`, '');
      for (const g of section.groups)
        for (const entry of g.entries) out.push(...findingSection(entry.findings[0]!, entry));
    }
  } else {
    for (const g of groupFindingsBy(result.findings, by)) {
      const title = by === 'namespace' ? `Namespace ${g.key || '(cluster-scoped)'}` : g.key;
      out.push(`## ${escapeMarkdown(title)} (${g.findings.length})`, '');
      for (const entry of g.entries) out.push(...findingSection(entry.findings[0]!, entry));
    }
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
