// verify's outputs: a terminal table, the JSON contract, and Markdown for a change ticket.
import { describeRef } from '../model/kinds.js';
import type { VerifyCheck, VerifyResult } from '../verify/index.js';
import { code, escapeMarkdown, terminalSafe } from './escape.js';
import { VERIFY_FORMATS, type VerifyFormat } from './formats.js';

export { VERIFY_FORMATS, type VerifyFormat };

export interface VerifyFormatOptions {
  /** Colour the status column (terminal only). @default false */
  color?: boolean;
  colors?: { red: (s: string) => string; green: (s: string) => string; bold: (s: string) => string };
}

function summaryLine(result: VerifyResult): string {
  const { checked, ok, gaps } = result.summary;
  return gaps
    ? `${gaps} gap${gaps === 1 ? '' : 's'} in ${checked} checks (${ok} ok).`
    : `All ${checked} checks ok: the target runs what the source ran.`;
}

/** Gaps first, then the rest, each in the result's order. */
function gapsFirst(checks: readonly VerifyCheck[]): VerifyCheck[] {
  return [...checks.filter((c) => c.status === 'gap'), ...checks.filter((c) => c.status === 'ok')];
}

export function formatVerify(
  result: VerifyResult,
  format: VerifyFormat,
  options: VerifyFormatOptions = {},
): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (format === 'markdown') return markdown(result);
  return table(terminalSafe(result), options);
}

function table(result: VerifyResult, options: VerifyFormatOptions): string {
  const c = options.color && options.colors ? options.colors : undefined;
  const rows = gapsFirst(result.checks).map((check) => [
    check.status.toUpperCase(),
    check.kind,
    describeRef(check.resource),
    check.detail,
  ]);
  const header = ['STATUS', 'CHECK', 'RESOURCE', 'DETAIL'];
  const widths = [0, 1, 2].map((i) =>
    Math.max(header[i]?.length ?? 0, ...rows.map((r) => r[i]?.length ?? 0)),
  );
  const line = (cells: string[], colour?: (s: string) => string) =>
    cells
      .map((cell, i) => {
        const padded = i < 3 ? cell.padEnd(widths[i] ?? 0) : cell;
        return i === 0 && colour ? colour(padded) : padded;
      })
      .join('  ')
      .trimEnd();
  const out = [line(header, c?.bold)];
  for (const row of rows) out.push(line(row, c ? (row[0] === 'GAP' ? c.red : c.green) : undefined));
  out.push('', summaryLine(result));
  return `${out.join('\n')}\n`;
}

function markdown(result: VerifyResult): string {
  const out = ['# kube2eks verify', '', summaryLine(result), ''];
  const { checked, ok, gaps } = result.summary;
  out.push(`| checked | ok | gaps |`, `|---:|---:|---:|`, `| ${checked} | ${ok} | ${gaps} |`, '');
  if (result.checks.length) {
    out.push('| Status | Check | Resource | Detail |', '|---|---|---|---|');
    for (const check of gapsFirst(result.checks)) {
      const status = check.status === 'gap' ? '**gap**' : 'ok';
      out.push(
        `| ${status} | ${escapeMarkdown(check.kind, true)} | ${code(describeRef(check.resource), true)} | ${escapeMarkdown(check.detail, true)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
