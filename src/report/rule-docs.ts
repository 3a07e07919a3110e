// The generated header of a rule's docs page (docs/rules/<area>/<name>.md): its id and the facts of its
// metadata. `npm run docs` rewrites the headers; test/report/rule-docs.test.ts fails when one is stale.
import type { RuleMeta } from '../rules/define.js';

/** The line that ends the generated header; the hand-written page follows it. */
export const HEADER_END = '<!-- End of the header generated from the rule metadata by `npm run docs`. -->';

function looksAt(meta: RuleMeta): string {
  if (meta.targets.length === 0) return 'the whole input';
  return meta.targets
    .map((t) => (t === 'workload' ? 'workloads' : t === '*' ? 'every object' : `\`${t}\``))
    .join(', ');
}

/** `# id`, the category, severity, fixable and target line, the description, and the end marker. */
export function ruleDocHeader(meta: RuleMeta): string {
  const severity = meta.severityNote ? `${meta.severity} (${meta.severityNote})` : meta.severity;
  const fixable = meta.fixable ? (meta.fixNote ? `yes (${meta.fixNote})` : 'yes') : 'no';
  return [
    `# ${meta.id}`,
    '',
    `**Category:** \`${meta.category}\` · **Severity:** ${severity} · **Fixable:** ${fixable} · **Looks at:** ${looksAt(meta)}`,
    '',
    meta.description,
    '',
    HEADER_END,
    '',
  ].join('\n');
}

/** The page with its header replaced: everything up to the end marker, or the old hand-written header. */
export function withRuleDocHeader(meta: RuleMeta, page: string): string {
  const end = page.indexOf(HEADER_END);
  let body: string;
  if (end !== -1) body = page.slice(end + HEADER_END.length);
  else {
    // A page from before generated headers: `# id`, a blank line, the category line.
    const lines = page.split('\n');
    const start = lines[0]?.startsWith('# ') && lines[2]?.startsWith('**Category:**') ? 3 : 0;
    body = lines.slice(start).join('\n');
  }
  return `${ruleDocHeader(meta)}\n${body.replace(/^\n+/, '')}`;
}
