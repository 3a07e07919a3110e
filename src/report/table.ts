// The terminal report: the migration checklist first, then the findings (grouped by rule unless asked
// otherwise, identical ones collapsed), errors, notes, the namespaces table and a summary line.
import pc from 'picocolors';
import { describeRef } from '../model/kinds.js';
import type { AssessResult, Finding, Severity } from '../model/types.js';
import { terminalSafe } from './escape.js';
import { bySeverity, entryObjects, type FindingEntry, groupFindingsBy } from './group.js';
import {
  columns,
  count,
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

type Colors = ReturnType<typeof pc.createColors>;

/** Entries a rule group shows on a terminal; the rest are counted (every format but the table lists them). */
const ENTRIES_SHOWN = 8;
/** Lines a checklist step shows on a terminal. */
const LINES_SHOWN = 10;

function severityColors(c: Colors): Record<Severity, (s: string) => string> {
  return {
    blocker: (s) => c.bold(c.red(s)),
    warning: (s) => c.bold(c.yellow(s)),
    info: (s) => c.bold(c.blue(s)),
  };
}

function checklistSection(result: AssessResult, c: Colors): string[] {
  const steps = result.checklist ?? [];
  if (steps.length === 0) return [];
  const out = [c.bold('Migration checklist')];
  steps.forEach((step, i) => {
    out.push(`${String(i + 1).padStart(2)}. ${c.bold(step.title)}`);
    for (const l of step.lines.slice(0, LINES_SHOWN)) {
      const rules = [...new Set(l.findings.map((f) => f.ruleId))];
      out.push(`    - ${l.text}${rules.length ? `  ${c.gray(`[${rules.join(', ')}]`)}` : ''}`);
    }
    const rest = step.lines.length - LINES_SHOWN;
    if (rest > 0) out.push(c.dim(`    … and ${rest} more (-o markdown or -o json lists them all)`));
  });
  out.push('');
  return out;
}

function namespacesSection(result: AssessResult, c: Colors): string[] {
  const rows = namespaceRows(result);
  if (rows.length === 0) return [];
  return [c.bold('Namespaces (to cut the move into waves)'), ...columns(rows).map((r) => `  ${r}`), ''];
}

/** `--group-by none`: every finding on its own, by severity then category (three lines each). */
function ungrouped(findings: readonly Finding[], c: Colors): string[] {
  const out: string[] = [];
  const colors = severityColors(c);
  for (const group of groupFindings(findings)) {
    out.push(colors[group.severity](`${SEVERITY_TITLES[group.severity]} (${group.findings.length})`));
    for (const { category, findings: list } of group.categories) {
      out.push(`  ${c.bold(category)} (${list.length})`);
      for (const f of list) {
        const where = formatLocation(f.location);
        const head = [where ? c.cyan(where) : '', c.bold(describeRef(f.resource)), c.gray(`[${f.ruleId}]`)];
        out.push(`    ${head.filter(Boolean).join('  ')}`);
        out.push(`      ${f.message.trim()}`);
        out.push(`      ${c.dim(`→ ${f.remediation.trim()}`)}`);
      }
    }
    out.push('');
  }
  return out;
}

/** One line for an entry: where, what, and the other objects it stands for. */
function entryLine(entry: FindingEntry, c: Colors, prefix = ''): string {
  const f = entry.findings[0]!;
  const where = formatLocation(f.location);
  const more =
    entry.findings.length > 1 ? `  ${c.magenta(`×${entry.findings.length}: ${entryObjects(entry)}`)}` : '';
  // Some messages do not name their object ("batch/v1beta1 CronJob was removed …"): name it first.
  const named = f.message.includes(f.resource.name) ? '' : `${describeRef(f.resource)}: `;
  return `    ${prefix}${where ? `${c.cyan(where)}  ` : ''}${named}${f.message.trim()}${more}`;
}

function grouped(findings: readonly Finding[], by: 'rule' | 'namespace' | 'object', c: Colors): string[] {
  const out: string[] = [];
  const colors = severityColors(c);
  const groups = groupFindingsBy(findings, by);
  if (by === 'rule') {
    for (const section of bySeverity(groups)) {
      const n = section.groups.reduce((sum, g) => sum + g.findings.length, 0);
      out.push(colors[section.severity](`${SEVERITY_TITLES[section.severity]} (${n})`));
      for (const g of section.groups) {
        out.push(`  ${c.bold(g.key)} (${g.findings.length})`);
        for (const entry of g.entries.slice(0, ENTRIES_SHOWN)) out.push(entryLine(entry, c));
        const rest = g.entries.length - ENTRIES_SHOWN;
        if (rest > 0)
          out.push(c.dim(`    … and ${rest} more like these (--group-by none lists every finding)`));
      }
      out.push('');
    }
    return out;
  }
  for (const g of groups) {
    const title = by === 'namespace' ? g.key || '(cluster-scoped)' : g.key;
    const counts = (['blocker', 'warning', 'info'] as const)
      .map((s) => [s, g.findings.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => colors[s](count(n, s)));
    out.push(`${c.bold(title)}  ${counts.join(', ')}`);
    for (const entry of g.entries) {
      const f = entry.findings[0]!;
      const tag = `${colors[f.severity](f.severity.padEnd(7))} ${c.gray(f.ruleId)}  `;
      if (by === 'object') out.push(`    ${tag}${f.message.trim()}`);
      else out.push(entryLine(entry, c, tag));
    }
    if (by === 'object') {
      const where = formatLocation(g.findings[0]!.location);
      if (where) out.push(`    ${c.cyan(where)}`);
    }
    out.push('');
  }
  return out;
}

export const formatTable: Formatter = (input, _rules, options) => {
  // Names, images and file names come from the input: no control character reaches the terminal.
  const result = terminalSafe(input);
  const c = pc.createColors(options.color);
  const by = options.groupBy ?? 'rule';
  const out: string[] = [...checklistSection(result, c)];

  if (!options.summaryOnly) {
    out.push(...(by === 'none' ? ungrouped(result.findings, c) : grouped(result.findings, by, c)));

    if (result.errors.length > 0) {
      out.push(c.bold(c.red(`Input errors (${result.errors.length})`)));
      for (const e of result.errors) {
        out.push(`  ${c.cyan(formatLocation(e, true) || displayFile(e.file))}  ${e.message}`);
      }
      out.push('');
    }

    if (result.notes.length > 0) {
      out.push(c.bold(`Notes (${result.notes.length})`));
      for (const n of result.notes) out.push(`  ${c.cyan(displayFile(n.file))}  ${n.message}`);
      out.push('');
    }
  }
  // The namespaces table grows with the input: shown when asked for a summary or namespaces.
  if (options.summaryOnly || by === 'namespace') out.push(...namespacesSection(result, c));
  else if (by !== 'none' && result.findings.length > 0)
    out.push(
      c.dim('What to do for each finding: --group-by none, or -o markdown. Waves by namespace: --summary.'),
    );

  const s = result.summary;
  if (s.blocker + s.warning + s.info === 0 && result.errors.length === 0) out.push(c.green('No findings.'));
  const hidden = options.summaryOnly ? undefined : hiddenLine(result, options.minSeverity);
  if (hidden) out.push(c.dim(hidden));
  const worst = s.blocker > 0 || s.errors > 0 ? c.red : s.warning > 0 ? c.yellow : c.green;
  out.push(c.bold(worst(summaryLine(s))));
  const evidence = result.source.evidence;
  const from =
    evidence.length === 0
      ? ''
      : ` (from ${evidence[0]}${evidence.length > 1 ? ` and ${evidence.length - 1} more` : ''})`;
  out.push(`Target: EKS ${result.target.eksVersion}. Source: ${describeSource(result.source)}${from}.`);
  if (result.target.calendar?.stale) out.push(c.yellow(result.target.calendar.message));
  return `${out.join('\n')}\n`;
};
