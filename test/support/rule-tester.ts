// The rule tester: YAML fixture in, exact findings out.
import { loadCatalog } from '../../src/catalog/index.js';
import type { Finding, Inventory } from '../../src/model/types.js';
import type { Rule } from '../../src/rules/define.js';
import { runRules } from '../../src/rules/engine.js';
import { parseManifests } from '../../src/sources/manifest.js';

export interface RuleTestOptions {
  targetVersion?: string;
  now?: Date;
  file?: string;
  /** Extra facts of the cluster (server version, nodes). */
  cluster?: Partial<Inventory['cluster']>;
}

/** Parses the YAML, runs only `rule`, and returns its findings (sorted as the runner sorts them). */
export function runRule(rule: Rule, yamlText: string, options: RuleTestOptions = {}): Finding[] {
  const parsed = parseManifests(yamlText, options.file ?? 'fixture.yaml');
  if (parsed.errors.length) throw new Error(`fixture does not parse: ${parsed.errors[0]?.message}`);
  const inventory: Inventory = {
    objects: parsed.objects,
    errors: [],
    notes: [],
    cluster: { nodes: [], forbidden: [], ...options.cluster },
  };
  const errors: string[] = [];
  const findings = runRules(
    [rule],
    inventory,
    {
      targetVersion: options.targetVersion ?? '1.33',
      catalog: loadCatalog(),
      now: options.now ?? new Date('2026-11-01T00:00:00Z'),
    },
    {
      strictTemplates: true,
      onRuleError: (id, item, error) =>
        errors.push(
          `${id} on ${item ? `${item.ref.kind}/${item.ref.name}` : 'the inventory'}: ${String(error)}`,
        ),
    },
  );
  // A rule that throws in a test is a failing test, not a silently missing finding.
  if (errors.length) throw new Error(errors.join('\n'));
  return findings;
}

/** Compact view for exact assertions: `severity ruleId Kind/name[@ns] line`. */
export function summarize(findings: Finding[]): string[] {
  return findings.map(
    (f) =>
      `${f.severity} ${f.ruleId} ${f.resource.kind}/${f.resource.name}${f.resource.namespace ? `@${f.resource.namespace}` : ''} :${f.location.line ?? '?'}`,
  );
}

/** Names of objects a rule fired on; fixtures name objects fires-* / dont-fire-*. */
export function firedNames(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.resource.name))].sort();
}
