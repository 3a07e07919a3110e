// assess: inventory in, findings out. Pure apart from the clock, which callers may pass.
import { type Catalog, loadCatalog } from './catalog/index.js';
import { calendarFreshness, defaultTargetVersion, findVersion, toMinor } from './catalog/versions.js';
import type {
  AssessResult,
  Finding,
  Inventory,
  InventoryObject,
  Severity,
  SourceGuess,
} from './model/types.js';
import { buildChecklist } from './plan/checklist.js';
import { type NamespaceFacts, namespaceFacts, summarizeNamespaces } from './plan/namespaces.js';
import type { Rule } from './rules/define.js';
import { type RunOptions, runRules } from './rules/engine.js';
import { registry } from './rules/index.js';
import { guessSource } from './source-guess/source-guess.js';
import { TOOL_VERSION } from './version.js';

export interface AssessOptions {
  /** Target EKS version. @default the newest EKS version in standard support on `now` */
  targetVersion?: string;
  catalog?: Catalog;
  /** @default new Date() */
  now?: Date;
  /** @default the full registry */
  rules?: readonly Rule[];
  disabledRules?: ReadonlySet<string>;
  severityOverrides?: ReadonlyMap<string, Severity>;
  onRuleError?: (ruleId: string, item: InventoryObject | undefined, error: unknown) => void;
}

/** Raised for options that cannot be used (an unknown target version). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function resolveTargetVersion(catalog: Catalog, requested: string | undefined, now: Date): string {
  if (requested === undefined) return defaultTargetVersion(catalog.eksVersions, now);
  const minor = toMinor(requested);
  if (!minor)
    throw new UsageError(`--target-version '${requested}' is not a version; use a minor like 1.33.`);
  if (!findVersion(catalog.eksVersions, minor)) {
    const known = catalog.eksVersions.versions.map((v) => v.version).join(', ');
    throw new UsageError(
      `EKS version ${minor} is not in the catalog (known: ${known}). Run 'kube2eks catalog refresh' or pass --catalog.`,
    );
  }
  return minor;
}

export function assess(inventory: Inventory, options: AssessOptions = {}): AssessResult {
  const setup = assessSetup(options);
  const findings = runRules(options.rules ?? registry, inventory, setup, runOptionsOf(options));
  return assessResult(inventory, findings, setup);
}

/** What one assess run is done against: the catalog, the clock and the target version. */
export interface AssessSetup {
  catalog: Catalog;
  now: Date;
  targetVersion: string;
}

export function assessSetup(options: AssessOptions): AssessSetup {
  const catalog = options.catalog ?? loadCatalog();
  const now = options.now ?? new Date();
  return { catalog, now, targetVersion: resolveTargetVersion(catalog, options.targetVersion, now) };
}

export function runOptionsOf(options: AssessOptions): RunOptions {
  return {
    ...(options.disabledRules ? { disabled: options.disabledRules } : {}),
    ...(options.severityOverrides ? { severityOverrides: options.severityOverrides } : {}),
    ...(options.onRuleError ? { onRuleError: options.onRuleError } : {}),
  };
}

/** The result of an assess run from its findings (sorted): summary, source guess, checklist, namespaces. */
export function assessResult(
  inventory: Inventory,
  findings: Finding[],
  setup: AssessSetup,
  source: SourceGuess = guessSource(inventory, setup.catalog),
  namespaces: NamespaceFacts = namespaceFacts(inventory),
): AssessResult {
  const { catalog, now, targetVersion } = setup;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const result: AssessResult = {
    schemaVersion: 1,
    tool: { name: 'kube2eks', version: TOOL_VERSION },
    target: { eksVersion: targetVersion, calendar: calendarOf(catalog, now) },
    source,
    summary: {
      objects: inventory.objects.length,
      blocker: count('blocker'),
      warning: count('warning'),
      info: count('info'),
      errors: inventory.errors.length,
    },
    findings,
    errors: inventory.errors,
    notes: inventory.notes,
  };
  result.checklist = buildChecklist(result);
  result.namespaces = summarizeNamespaces(inventory, findings, namespaces);
  return result;
}

function calendarOf(catalog: Catalog, now: Date): NonNullable<AssessResult['target']['calendar']> {
  const { asOf, ageDays, stale, message } = calendarFreshness(catalog, now);
  return { asOf, ageDays, stale, message };
}
