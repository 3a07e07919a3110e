// Plan tests: a YAML fixture in, the inventory and the findings of every rule out (the plan reads facts
// from findings whatever the user's configuration disables).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Finding, Inventory } from '../../src/model/types.js';
import type { PlanOptions } from '../../src/plan/types.js';
import { runRules } from '../../src/rules/engine.js';
import { registry } from '../../src/rules/index.js';
import { parseManifests } from '../../src/sources/manifest.js';
import { planOptions } from './plan.js';

export const PLAN_NOW = new Date('2026-11-01T00:00:00Z');

export function planFixture(name: string): { inventory: Inventory; findings: Finding[] } {
  const file = fileURLToPath(new URL(`../fixtures/plan/${name}`, import.meta.url));
  const parsed = parseManifests(readFileSync(file, 'utf8'), name);
  if (parsed.errors.length) throw new Error(`fixture does not parse: ${parsed.errors[0]?.message}`);
  const inventory: Inventory = {
    objects: parsed.objects,
    errors: [],
    notes: [],
    cluster: { nodes: [], forbidden: [] },
  };
  const findings = runRules(registry, inventory, {
    targetVersion: '1.33',
    catalog: loadCatalog(),
    now: PLAN_NOW,
  });
  return { inventory, findings };
}

/** PlanOptions for the part-2 fixtures: DESIGN's defaults (3 AZs, spot auto, 20% headroom), Kubernetes 1.33. */
export function part2Options(over: Partial<PlanOptions> = {}): PlanOptions {
  return planOptions({
    targetVersion: '1.33',
    name: 'shop-eks',
    azs: 3,
    spot: 'auto',
    headroom: 0.2,
    ...over,
  });
}
