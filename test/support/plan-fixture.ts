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

/** PlanOptions with DESIGN's defaults, overridden by `over`. */
export function planOptions(over: Partial<PlanOptions> = {}): PlanOptions {
  return {
    targetVersion: '1.33',
    region: 'us-east-1',
    name: 'shop-eks',
    vpcCidr: '10.0.0.0/16',
    endpoint: 'public-private',
    spot: 'auto',
    spotDiscount: 0.65,
    fargate: 'none',
    arch: 'x86_64',
    azs: 3,
    headroom: 0.2,
    instanceTypes: [],
    autoscaler: 'cluster-autoscaler',
    identity: 'pod-identity',
    podSecurityGroups: false,
    amiFamily: 'al2023',
    nodeGroupKind: 'managed',
    sizing: 'requests',
    ...over,
  };
}
