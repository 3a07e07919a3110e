// Grouping for the human-readable reports: findings by rule, namespace or object, with identical findings
// (same rule, severity and text but for the object's name) collapsed into one entry listing the objects.
// JSON and SARIF never group: they stay one entry per finding.
import { describeRef } from '../model/kinds.js';
import { type Finding, type ResourceRef, SEVERITIES, SEVERITY_RANK, type Severity } from '../model/types.js';
import { GROUP_BY, type GroupBy } from './formats.js';
import { categoryOrder } from './text.js';

export { GROUP_BY, type GroupBy };

/** Findings that say the same thing about different objects. `findings[0]` speaks for all. */
export interface FindingEntry {
  findings: Finding[];
}

export interface FindingGroup {
  /** `api/removed`, `shop` (`""` for cluster-scoped objects), `Ingress shop/web`, or a severity for `none`. */
  key: string;
  /** The worst severity in the group. */
  severity: Severity;
  findings: Finding[];
  entries: FindingEntry[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A finding's text with its object's name and namespace taken out, so that findings of one rule that differ
 * only by the object compare equal. Names are replaced where they stand alone (not inside longer words).
 */
export function textTemplate(f: Finding): string {
  let text = `${f.ruleId}\n${f.severity}\n${f.resource.kind}\n${f.message}\n${f.remediation}`;
  const names = [f.resource.namespace, f.resource.name].filter((n): n is string => !!n);
  // Longest first, so `shop-api` is replaced before `shop`.
  for (const name of names.sort((a, b) => b.length - a.length)) {
    text = text.replace(new RegExp(`(?<![\\w.-])${escapeRegExp(name)}(?![\\w-])`, 'g'), '\u0000');
  }
  return text;
}

/** Collapses identical findings (same rule, severity, kind and text but for the object), keeping first-seen order. */
export function collapse(findings: readonly Finding[]): FindingEntry[] {
  const byTemplate = new Map<string, FindingEntry>();
  for (const f of findings) {
    const key = textTemplate(f);
    const entry = byTemplate.get(key);
    if (entry) entry.findings.push(f);
    else byTemplate.set(key, { findings: [f] });
  }
  return [...byTemplate.values()];
}

function worst(findings: readonly Finding[]): Severity {
  return findings.reduce<Severity>(
    (w, f) => (SEVERITY_RANK[f.severity] < SEVERITY_RANK[w] ? f.severity : w),
    'info',
  );
}

function bySeverityThenRule(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    categoryOrder(a.category, b.category) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

function objectKey(ref: ResourceRef): string {
  return describeRef(ref);
}

/**
 * Findings in groups: `rule` (blockers first, then by category), `namespace` (cluster-scoped first, then by
 * name), `object` (in input order) or `none` (one group per severity, nothing collapsed). Every finding is in
 * exactly one entry of one group, so the counts add up to the ungrouped list.
 */
export function groupFindingsBy(findings: readonly Finding[], by: GroupBy): FindingGroup[] {
  const buckets = new Map<string, Finding[]>();
  // A rule may report at two severities (pdb/drain): each is its own group, under its severity.
  const keyOf = (f: Finding): string =>
    by === 'rule'
      ? `${f.severity} ${f.ruleId}`
      : by === 'namespace'
        ? (f.resource.namespace ?? '')
        : by === 'object'
          ? objectKey(f.resource)
          : f.severity;
  const ordered = by === 'object' ? [...findings] : [...findings].sort(bySeverityThenRule);
  for (const f of ordered) {
    const key = keyOf(f);
    const list = buckets.get(key) ?? [];
    list.push(f);
    buckets.set(key, list);
  }
  const groups: FindingGroup[] = [...buckets].map(([key, list]) => ({
    key: by === 'rule' ? key.slice(key.indexOf(' ') + 1) : key,
    severity: worst(list),
    findings: list,
    entries: by === 'none' || by === 'object' ? list.map((f) => ({ findings: [f] })) : collapse(list),
  }));
  if (by === 'namespace') groups.sort((a, b) => a.key.localeCompare(b.key));
  if (by === 'rule' || by === 'none')
    groups.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]); // stable: keeps category order inside
  return groups;
}

/** Severity sections for `rule` grouping: each severity with its rule groups. */
export function bySeverity(
  groups: readonly FindingGroup[],
): Array<{ severity: Severity; groups: FindingGroup[] }> {
  return SEVERITIES.flatMap((severity) => {
    const of = groups.filter((g) => g.severity === severity);
    return of.length ? [{ severity, groups: of }] : [];
  });
}

/** "Deployment shop/a, shop/b, shop/c and 9 more": the objects of an entry. */
export function entryObjects(entry: FindingEntry, max = 3): string {
  const refs = entry.findings.map((f) => f.resource);
  const kinds = new Set(refs.map((r) => r.kind));
  const names = refs.map((r) =>
    kinds.size === 1 ? (r.namespace ? `${r.namespace}/${r.name}` : r.name) : describeRef(r),
  );
  const shown = names.slice(0, max).join(', ');
  const rest = names.length - max;
  const head = kinds.size === 1 ? `${[...kinds][0]} ` : '';
  return rest > 0 ? `${head}${shown} and ${rest} more` : `${head}${shown}`;
}
