// Small wording helpers shared by the human-readable reporters (table, markdown).
import {
  type AssessResult,
  CATEGORIES,
  type Finding,
  type InputError,
  type Location,
  SEVERITIES,
  type Severity,
  type SourceGuess,
} from '../model/types.js';

/** `1 blocker`, `2 blockers`; `info` has no plural. */
export function count(n: number, noun: string): string {
  if (noun === 'info') return `${n} info`;
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "3 blockers, 17 warnings, 40 info in 412 objects; 1 input error" (errors only when there are some). */
export function summaryLine(summary: AssessResult['summary']): string {
  const line = `${count(summary.blocker, 'blocker')}, ${count(summary.warning, 'warning')}, ${count(summary.info, 'info')} in ${count(summary.objects, 'object')}`;
  return summary.errors > 0 ? `${line}; ${count(summary.errors, 'input error')}` : line;
}

const PROVIDER_NAMES: Record<SourceGuess['provider'], string> = {
  gke: 'GKE',
  aks: 'AKS',
  eks: 'EKS',
  openshift: 'OpenShift',
  'on-premises': 'on-premises',
  unknown: 'unknown',
};

/** "GKE, Kubernetes 1.29" or "unknown". */
export function describeSource(source: SourceGuess): string {
  const name = PROVIDER_NAMES[source.provider] ?? source.provider;
  return source.kubernetesVersion ? `${name}, Kubernetes ${source.kubernetesVersion}` : name;
}

/** `-` is how sources name standard input. */
export function displayFile(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

/**
 * Where a finding or an error points, in one short string:
 * `dir/app.yaml:14`, `backup.tar.gz (resources/x.json:3)`, `context:prod /apis/apps/v1/...`,
 * with ` (template: chart/templates/x.yaml)` for Helm output. Empty when nothing is known.
 */
export function formatLocation(location: Location | InputError, withColumn = false): string {
  const l = location as Location;
  const lineCol =
    l.line !== undefined ? `:${l.line}${withColumn && l.column !== undefined ? `:${l.column}` : ''}` : '';
  let text = '';
  if (l.cluster !== undefined) {
    text = `context:${l.cluster}${l.resourcePath ? ` ${l.resourcePath}` : ''}`;
  } else if (l.file !== undefined && l.entry !== undefined) {
    text = `${displayFile(l.file)} (${l.entry}${lineCol})`;
  } else if (l.file !== undefined) {
    text = `${displayFile(l.file)}${lineCol}`;
  } else if (l.entry !== undefined) {
    text = `${l.entry}${lineCol}`;
  } else if (l.resourcePath !== undefined) {
    text = l.resourcePath;
  }
  if (l.helmSource) text = `${text} (template: ${l.helmSource})`.trim();
  return text;
}

/** Categories in the order of the vocabulary, unknown ones after it alphabetically. */
export function categoryOrder(a: string, b: string): number {
  const rank = (c: string) => {
    const i = (CATEGORIES as readonly string[]).indexOf(c);
    return i === -1 ? CATEGORIES.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Findings grouped by severity (blocker first), then category; findings keep their given order. */
export function groupFindings(findings: readonly Finding[]): Array<{
  severity: Severity;
  findings: Finding[];
  categories: Array<{ category: string; findings: Finding[] }>;
}> {
  const groups = [];
  for (const severity of SEVERITIES) {
    const ofSeverity = findings.filter((f) => f.severity === severity);
    if (ofSeverity.length === 0) continue;
    const byCategory = new Map<string, Finding[]>();
    for (const f of ofSeverity) {
      const list = byCategory.get(f.category) ?? [];
      list.push(f);
      byCategory.set(f.category, list);
    }
    const categories = [...byCategory.keys()]
      .sort(categoryOrder)
      .map((category) => ({ category, findings: byCategory.get(category) ?? [] }));
    groups.push({ severity, findings: ofSeverity, categories });
  }
  return groups;
}

export const SEVERITY_TITLES: Record<Severity, string> = {
  blocker: 'Blockers',
  warning: 'Warnings',
  info: 'Info',
};

/** Rows of cells as aligned text (two spaces between columns, no trailing spaces). */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** The namespaces table, header first; empty when the result has no namespace rows. */
export function namespaceRows(result: AssessResult): string[][] {
  const rows = result.namespaces ?? [];
  if (rows.length === 0) return [];
  return [
    ['NAMESPACE', 'OBJECTS', 'BLOCKERS', 'WARNINGS', 'STATEFUL', 'DEPENDS ON'],
    ...rows.map((r) => [
      r.namespace || '(cluster-scoped)',
      String(r.objects),
      String(r.blocker),
      String(r.warning),
      r.stateful ? 'yes' : 'no',
      r.dependsOn.join(', ') || '-',
    ]),
  ];
}

/** "35 info findings not listed (--min-severity warning)", when a filter left findings out. */
export function hiddenLine(result: AssessResult, minSeverity: Severity | undefined): string | undefined {
  const s = result.summary;
  const hidden = s.blocker + s.warning + s.info - result.findings.length;
  if (hidden <= 0) return undefined;
  return `${count(hidden, 'finding')} below ${minSeverity ?? 'the chosen severity'} not listed (--min-severity info lists them).`;
}
