// Runs the registry over an inventory: per rule, its index, its per-object checks on the objects it
// targets, then its cross-object check. docs/architecture.md ("Rules") says what each hook may see.
import type { PodTemplateView } from '../model/kinds.js';
import {
  type Finding,
  type Inventory,
  type InventoryObject,
  SEVERITY_RANK,
  type Severity,
} from '../model/types.js';
import { countedWorkloads } from '../model/workloads.js';
import {
  type ObjectContext,
  type ReportInput,
  type Rule,
  type RuleContext,
  type Target,
  toFinding,
} from './define.js';

export const IGNORE_ANNOTATION = 'kube2eks.io/ignore';

export interface RunOptions {
  /** Rule ids not to run. */
  disabled?: ReadonlySet<string>;
  /** Severity per rule id, replacing the rule's default. */
  severityOverrides?: ReadonlyMap<string, Severity>;
  /** Refuse reports whose data lacks a placeholder of their message (the rule tester turns it on). */
  strictTemplates?: boolean;
  /** Called when a rule throws on an object: the run goes on. */
  onRuleError?: (ruleId: string, item: InventoryObject | undefined, error: unknown) => void;
}

/** Ids the object opts out of: `kube2eks.io/ignore: "storage/provisioner, api/*"`, or `all`. */
function ignoredBy(item: InventoryObject): (ruleId: string) => boolean {
  const raw = item.object.metadata?.annotations?.[IGNORE_ANNOTATION];
  if (typeof raw !== 'string' || raw.trim() === '') return () => false;
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return (ruleId) =>
    entries.some(
      (e) =>
        e === 'all' || e === '*' || e === ruleId || (e.endsWith('/*') && ruleId.startsWith(e.slice(0, -1))),
    );
}

/** Which objects a rule's `checkObject` is handed, from its `meta.targets`. */
function selector(rule: Rule, workloads: () => ReadonlyMap<InventoryObject, PodTemplateView>) {
  const targets = rule.meta.targets;
  if (targets.includes('*')) return () => true;
  const kinds = new Set(targets.filter((t) => t !== 'workload'));
  const counted = targets.includes('workload') ? workloads() : undefined;
  return (item: InventoryObject): boolean => kinds.has(item.ref.kind) || counted?.has(item) === true;
}

export function runRules(
  rules: readonly Rule[],
  inventory: Inventory,
  ctx: RuleContext,
  options: RunOptions = {},
): Finding[] {
  let counted: Map<InventoryObject, PodTemplateView> | undefined;
  const workloads = (): Map<InventoryObject, PodTemplateView> => {
    counted ??= new Map(countedWorkloads(inventory).map((w) => [w.item, w.pod]));
    return counted;
  };
  const active = rules.filter((r) => !options.disabled?.has(r.meta.id));
  const ignoreCache = new WeakMap<InventoryObject, (id: string) => boolean>();
  const isIgnored = (item: InventoryObject, id: string): boolean => {
    let fn = ignoreCache.get(item);
    if (!fn) {
      fn = ignoredBy(item);
      ignoreCache.set(item, fn);
    }
    return fn(id);
  };
  const findings: Finding[] = [];
  for (const rule of active) {
    const override = options.severityOverrides?.get(rule.meta.id);
    const report = (input: ReportInput<string>): void => {
      if (isIgnored(input.item, rule.meta.id)) return;
      const finding = toFinding(
        rule.meta,
        override ? { ...input, severity: override } : input,
        options.strictTemplates,
      );
      findings.push(finding);
    };
    if (rule.checkObject) checkObjects(rule, inventory, ctx, report, workloads, options);
    if (rule.checkInventory) {
      try {
        rule.checkInventory(inventory, ctx, report);
      } catch (error) {
        options.onRuleError?.(rule.meta.id, undefined, error);
      }
    }
  }
  return sortFindings(findings);
}

function checkObjects(
  rule: Rule,
  inventory: Inventory,
  ctx: RuleContext,
  report: (input: ReportInput<string>) => void,
  workloads: () => ReadonlyMap<InventoryObject, PodTemplateView>,
  options: RunOptions,
): void {
  let index: unknown;
  try {
    index = rule.index?.(inventory, ctx);
  } catch (error) {
    options.onRuleError?.(rule.meta.id, undefined, error);
    return;
  }
  const selected = selector(rule, workloads);
  const base: ObjectContext<Target, unknown> = { ...ctx, index };
  const pods = rule.meta.targets.includes('workload') ? workloads() : undefined;
  for (const item of inventory.objects) {
    if (!selected(item)) continue;
    const pod = pods?.get(item);
    try {
      rule.checkObject?.(item, pod ? { ...base, pod } : base, report);
    } catch (error) {
      options.onRuleError?.(rule.meta.id, item, error);
    }
  }
}

/** Severity, then file and line, then rule id: stable output for diffs and CI. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.location.file ?? '').localeCompare(b.location.file ?? '') ||
      (a.location.entry ?? '').localeCompare(b.location.entry ?? '') ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resource.kind.localeCompare(b.resource.kind) ||
      (a.resource.namespace ?? '').localeCompare(b.resource.namespace ?? '') ||
      a.resource.name.localeCompare(b.resource.name) ||
      a.message.localeCompare(b.message),
  );
}
