// The terminal report: findings grouped by severity then category, then errors, notes and a summary line.
import pc from 'picocolors';
import { describeRef } from '../model/kinds.js';
import type { Severity } from '../model/types.js';
import { terminalSafe } from './escape.js';
import {
  describeSource,
  displayFile,
  formatLocation,
  groupFindings,
  SEVERITY_TITLES,
  summaryLine,
} from './text.js';
import type { Formatter } from './types.js';

export const formatTable: Formatter = (input, _rules, options) => {
  // Names, images and file names come from the input: no control character reaches the terminal.
  const result = terminalSafe(input);
  const c = pc.createColors(options.color);
  const severityColor: Record<Severity, (s: string) => string> = {
    blocker: (s) => c.bold(c.red(s)),
    warning: (s) => c.bold(c.yellow(s)),
    info: (s) => c.bold(c.blue(s)),
  };
  const out: string[] = [];

  for (const group of groupFindings(result.findings)) {
    out.push(severityColor[group.severity](`${SEVERITY_TITLES[group.severity]} (${group.findings.length})`));
    for (const { category, findings } of group.categories) {
      out.push(`  ${c.bold(category)} (${findings.length})`);
      for (const f of findings) {
        const where = formatLocation(f.location);
        const head = [where ? c.cyan(where) : '', c.bold(describeRef(f.resource)), c.gray(`[${f.ruleId}]`)];
        out.push(`    ${head.filter(Boolean).join('  ')}`);
        out.push(`      ${f.message.trim()}`);
        out.push(`      ${c.dim(`→ ${f.remediation.trim()}`)}`);
      }
    }
    out.push('');
  }

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

  if (result.findings.length === 0 && result.errors.length === 0) {
    out.push(c.green('No findings.'));
  }
  const s = result.summary;
  const summary = summaryLine(s);
  const worst = s.blocker > 0 || s.errors > 0 ? c.red : s.warning > 0 ? c.yellow : c.green;
  out.push(c.bold(worst(summary)));
  const evidence = result.source.evidence;
  const from =
    evidence.length === 0
      ? ''
      : ` (from ${evidence[0]}${evidence.length > 1 ? ` and ${evidence.length - 1} more` : ''})`;
  out.push(`Target: EKS ${result.target.eksVersion}. Source: ${describeSource(result.source)}${from}.`);
  if (result.target.calendar?.stale) out.push(c.yellow(result.target.calendar.message));
  return `${out.join('\n')}\n`;
};
