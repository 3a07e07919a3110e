// Runs the registry over an inventory: per rule, its index, its per-object checks on the objects it
// targets, then its cross-object check. docs/architecture.md ("Rules") says what each hook may see.

import { readingViewsOnce } from '../model/kinds.js';
import {
  type Finding,
  type Inventory,
  type InventoryObject,
  SEVERITY_RANK,
  type Severity,
} from '../model/types.js';
import { countedWorkloads, workloadTemplateOf } from '../model/workloads.js';
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

/**
 * What per-object checks need to know about the whole inventory, built once per run where the inventory
 * is: each rule's `index` and which objects are counted workloads. The parallel pipeline
 * (src/parallel/) sends it to the threads that hold the objects.
 */
export interface ObjectChecksInput {
  /** Each active rule's index by rule id (absent: the rule has none, or it failed and its checks are skipped). */
  indexes: Map<string, unknown>;
  /** Rules whose index threw: their per-object checks do not run. */
  skipped: Set<string>;
  /** 1 for the objects (by inventory position) that are counted workloads. */
  counted: Uint8Array;
}

/** The rules `runRules` runs, in its order. */
export function activeRules(rules: readonly Rule[], options: RunOptions = {}): Rule[] {
  return rules.filter((r) => !options.disabled?.has(r.meta.id));
}

export function prepareObjectChecks(
  rules: readonly Rule[],
  inventory: Inventory,
  ctx: RuleContext,
  options: RunOptions = {},
): ObjectChecksInput {
  // Rules' indexes and the counted workloads read the same objects' pod templates.
  return readingViewsOnce(() => prepare(rules, inventory, ctx, options));
}

function prepare(
  rules: readonly Rule[],
  inventory: Inventory,
  ctx: RuleContext,
  options: RunOptions,
): ObjectChecksInput {
  const counted = new Uint8Array(inventory.objects.length);
  const active = activeRules(rules, options);
  if (active.some((r) => r.checkObject && r.meta.targets.includes('workload'))) {
    // The counted workloads come in inventory order: one walk marks them, no position map.
    const workloads = countedWorkloads(inventory);
    let next = 0;
    for (let at = 0; at < inventory.objects.length && next < workloads.length; at++) {
      if (inventory.objects[at] !== workloads[next]?.item) continue;
      counted[at] = 1;
      next++;
    }
  }
  const indexes = new Map<string, unknown>();
  const skipped = new Set<string>();
  for (const rule of active) {
    if (!rule.checkObject || !rule.index) continue;
    try {
      indexes.set(rule.meta.id, rule.index(inventory, ctx));
    } catch (error) {
      options.onRuleError?.(rule.meta.id, undefined, error);
      skipped.add(rule.meta.id);
    }
  }
  return { indexes, skipped, counted };
}

/**
 * True when a rule's per-object check needs what only the whole inventory tells: its index, or which
 * objects are counted workloads. The others can run as soon as an object is parsed.
 */
export function needsInventory(rule: Rule): boolean {
  return rule.index !== undefined || rule.meta.targets.includes('workload');
}

/**
 * Where the parallel pipeline (src/parallel/) runs a rule's per-object check: `local` next to the parser,
 * `deferred` in the threads once the inventory is known, `main` in the main thread on the slim inventory
 * (a rule with an index that looks at every object: the threads then need not rebuild every object).
 */
export type CheckPlace = 'local' | 'deferred' | 'main';

export function checkPlace(rule: Rule): CheckPlace {
  if (!needsInventory(rule)) return 'local';
  return rule.meta.targets.includes('*') ? 'main' : 'deferred';
}

/** The kinds `deferred` rules name in their targets (besides the counted workloads). */
export function deferredKinds(rules: readonly Rule[], options: RunOptions = {}): Set<string> {
  const kinds = new Set<string>();
  for (const rule of activeRules(rules, options)) {
    if (!rule.checkObject || checkPlace(rule) !== 'deferred') continue;
    for (const t of rule.meta.targets) if (t !== 'workload') kinds.add(t);
  }
  return kinds;
}

/** A finding from a per-object check, with the position (in the checked list) of the object it is about. */
export interface ObjectFinding {
  at: number;
  finding: Finding;
}

/**
 * Runs every active rule's `checkObject` on `items`, objects `counted[firstPosition + i]` tells are
 * counted workloads. Findings per active rule (in `activeRules` order), in object order.
 */
export function runObjectChecks(
  rules: readonly Rule[],
  items: readonly InventoryObject[],
  ctx: RuleContext,
  input: ObjectChecksInput,
  firstPosition: number,
  options: RunOptions = {},
  /** Which rules: those of one place (`checkPlace`), or all. */
  which: CheckPlace | 'all' = 'all',
): ObjectFinding[][] {
  // One pod-template view per object for all rules: building it for each rule cost more than many checks.
  return readingViewsOnce(() => objectChecks(rules, items, ctx, input, firstPosition, options, which));
}

function objectChecks(
  rules: readonly Rule[],
  items: readonly InventoryObject[],
  ctx: RuleContext,
  input: ObjectChecksInput,
  firstPosition: number,
  options: RunOptions,
  /** Which rules: those of one place (`checkPlace`), or all. */
  which: CheckPlace | 'all',
): ObjectFinding[][] {
  const ignored = ignoreChecker();
  return activeRules(rules, options).map((rule) => {
    const out: ObjectFinding[] = [];
    if (!rule.checkObject || input.skipped.has(rule.meta.id)) return out;
    if (which !== 'all' && checkPlace(rule) !== which) return out;
    let at = 0;
    const report = reporter(rule, options, ignored, (finding) => out.push({ at, finding }));
    const targets = rule.meta.targets;
    const all = targets.includes('*');
    const kinds = new Set(targets.filter((t) => t !== 'workload'));
    const workloads = targets.includes('workload');
    const base: ObjectContext<Target, unknown> = { ...ctx, index: input.indexes.get(rule.meta.id) };
    for (at = 0; at < items.length; at++) {
      const item = items[at] as InventoryObject;
      const counted = input.counted[firstPosition + at] === 1;
      if (!all && !kinds.has(item.ref.kind) && !(workloads && counted)) continue;
      const pod = workloads && counted ? workloadTemplateOf(item) : undefined;
      try {
        rule.checkObject(item, pod ? { ...base, pod } : base, report);
      } catch (error) {
        options.onRuleError?.(rule.meta.id, item, error);
      }
    }
    return out;
  });
}

/** Runs every active rule's `checkInventory`: findings per active rule (in `activeRules` order). */
export function runInventoryChecks(
  rules: readonly Rule[],
  inventory: Inventory,
  ctx: RuleContext,
  options: RunOptions = {},
): Finding[][] {
  // The cross-object rules read the same objects' pod templates, one after another.
  return readingViewsOnce(() => inventoryChecks(rules, inventory, ctx, options));
}

function inventoryChecks(
  rules: readonly Rule[],
  inventory: Inventory,
  ctx: RuleContext,
  options: RunOptions,
): Finding[][] {
  const ignored = ignoreChecker();
  return activeRules(rules, options).map((rule) => {
    const out: Finding[] = [];
    if (!rule.checkInventory) return out;
    try {
      rule.checkInventory(
        inventory,
        ctx,
        reporter(rule, options, ignored, (f) => out.push(f)),
      );
    } catch (error) {
      options.onRuleError?.(rule.meta.id, undefined, error);
    }
    return out;
  });
}

/**
 * One rule's findings in the order `runRules` makes them: its per-object findings in inventory order,
 * then its cross-object ones; then all sorted. `objectParts[r]` holds rule r's findings with their
 * inventory positions, from any number of threads.
 */
export function mergeFindings(
  objectParts: ReadonlyArray<ReadonlyArray<ObjectFinding>>,
  inventoryParts: ReadonlyArray<ReadonlyArray<Finding>>,
): Finding[] {
  const findings: Finding[] = [];
  for (let r = 0; r < inventoryParts.length; r++) {
    const parts = objectParts[r] ?? [];
    let ordered = true;
    for (let i = 1; i < parts.length && ordered; i++)
      ordered = (parts[i - 1] as ObjectFinding).at <= (parts[i] as ObjectFinding).at;
    // Array sort is stable: findings about one object keep the order the rule reported them in.
    for (const p of ordered ? parts : [...parts].sort((a, b) => a.at - b.at)) findings.push(p.finding);
    for (const f of inventoryParts[r] ?? []) findings.push(f);
  }
  return sortFindings(findings);
}

export function runRules(
  rules: readonly Rule[],
  inventory: Inventory,
  ctx: RuleContext,
  options: RunOptions = {},
): Finding[] {
  const input = prepareObjectChecks(rules, inventory, ctx, options);
  const objectParts = runObjectChecks(rules, inventory.objects, ctx, input, 0, options);
  return mergeFindings(objectParts, runInventoryChecks(rules, inventory, ctx, options));
}

/** `isIgnored(item, ruleId)`, reading each object's ignore annotation once. */
function ignoreChecker(): (item: InventoryObject, ruleId: string) => boolean {
  const cache = new WeakMap<InventoryObject, (id: string) => boolean>();
  return (item, id) => {
    let fn = cache.get(item);
    if (!fn) {
      fn = ignoredBy(item);
      cache.set(item, fn);
    }
    return fn(id);
  };
}

function reporter(
  rule: Rule,
  options: RunOptions,
  isIgnored: (item: InventoryObject, ruleId: string) => boolean,
  push: (finding: Finding) => void,
): (input: ReportInput<string>) => void {
  const override = options.severityOverrides?.get(rule.meta.id);
  return (input) => {
    if (isIgnored(input.item, rule.meta.id)) return;
    push(toFinding(rule.meta, override ? { ...input, severity: override } : input, options.strictTemplates));
  };
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
