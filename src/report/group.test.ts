import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../assess.js';
import type { AssessResult, Finding } from '../model/types.js';
import { buildChecklist } from '../plan/checklist.js';
import { loadInventory } from '../sources/index.js';
import { collapse, entryObjects, GROUP_BY, groupFindingsBy } from './group.js';
import { formatTable } from './table.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function finding(name: string, namespace: string, message: string, ruleId = 'image/registry'): Finding {
  return {
    ruleId,
    category: 'image-registry',
    severity: 'info',
    resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name },
    message,
    explanation: 'x',
    remediation: `Copy the image of Deployment ${namespace}/${name} to ECR.`,
    docsUrl: 'https://example/rule.md',
    location: { file: `${name}.yaml`, line: 1 },
    fixable: false,
  };
}

describe('collapse', () => {
  it('collapses findings that differ only by the object, and keeps the others apart', () => {
    const same = ['web', 'api', 'worker'].map((n) =>
      finding(n, 'shop', `Deployment ${n} uses image docker.io/library/nginx:1.27 from Docker Hub.`),
    );
    const other = finding('web2', 'shop', 'Deployment web2 uses image quay.io/x/y:1 from Quay.io.');
    // A name inside another word is not the object's name: "api" in "rapid" stays.
    const inWord = finding('api', 'ops', 'Deployment api uses image docker.io/rapid/tool:2 from Docker Hub.');
    const entries = collapse([...same, other, inWord]);
    expect(entries.map((e) => e.findings.map((f) => `${f.resource.namespace}/${f.resource.name}`))).toEqual([
      ['shop/web', 'shop/api', 'shop/worker'],
      ['shop/web2'],
      ['ops/api'],
    ]);
    expect(entryObjects(entries[0]!)).toBe('Deployment shop/web, shop/api, shop/worker');
    expect(entryObjects(entries[0]!, 2)).toBe('Deployment shop/web, shop/api and 1 more');
  });
});

describe('groupFindingsBy on the bundled example', () => {
  let result: AssessResult;
  beforeAll(async () => {
    result = assess(await loadInventory(['examples/gke-shop'], { cwd: ROOT }), {
      targetVersion: '1.34',
      now: new Date('2026-12-01T00:00:00Z'),
    });
  });

  it('puts every finding in exactly one entry, whatever the grouping', () => {
    for (const by of GROUP_BY) {
      const groups = groupFindingsBy(result.findings, by);
      const inEntries = groups.flatMap((g) => g.entries.flatMap((e) => e.findings));
      expect(inEntries.length, by).toBe(result.findings.length);
      expect(new Set(inEntries).size, by).toBe(result.findings.length);
      for (const g of groups) expect(g.entries.flatMap((e) => e.findings).length).toBe(g.findings.length);
    }
  });

  it('groups by rule with blockers first, and collapses identical findings', () => {
    const groups = groupFindingsBy(result.findings, 'rule');
    expect(groups.slice(0, 2).map((g) => [g.key, g.severity, g.findings.length])).toEqual([
      ['api/removed', 'blocker', 3],
      ['storage/provisioner', 'blocker', 3],
    ]);
    const identity = groups.find((g) => g.key === 'identity/workload-identity');
    expect(identity?.entries.map((e) => e.findings.length)).toEqual([4, 1]);
    // pdb/drain reports at two severities: one group under each.
    expect(groups.filter((g) => g.key === 'pdb/drain').map((g) => [g.severity, g.findings.length])).toEqual([
      ['warning', 1],
      ['info', 2],
    ]);
  });

  it('groups by namespace (cluster-scoped first) and by object', () => {
    const byNamespace = groupFindingsBy(result.findings, 'namespace');
    expect(byNamespace.map((g) => g.key)).toEqual(['', 'data', 'payments', 'platform', 'shop']);
    const byObject = groupFindingsBy(result.findings, 'object');
    const postgres = byObject.find((g) => g.key === 'StatefulSet data/postgres');
    expect(postgres?.findings.map((f) => f.ruleId).sort()).toEqual([
      'fargate/incompatible',
      'image/registry',
      'image/registry',
      'image/registry',
      'scheduling/cloud-label',
      'storage/pv-data',
    ]);
  });
});

describe('the table on a big input', () => {
  it('shows 10 lines a checklist step and 8 entries a rule, and says how many more there are', () => {
    const findings = Array.from({ length: 30 }, (_, i) => ({
      ...finding(`app-${i}`, `team-${i}`, `Deployment app-${i} uses image registry.example/app-${i}:1.`),
      ruleId: 'secrets/present',
      resource: { apiVersion: 'v1', kind: 'Secret', namespace: `team-${i}`, name: `db-${i}` },
      message: `Secret db-${i} (Opaque, ${i + 1} keys) must be recreated on EKS.`,
    }));
    const result: AssessResult = {
      schemaVersion: 1,
      tool: { name: 'kube2eks', version: '0' },
      target: { eksVersion: '1.34' },
      source: { provider: 'unknown', evidence: [] },
      summary: { objects: 30, blocker: 0, warning: 0, info: 30, errors: 0 },
      findings,
      errors: [],
      notes: [],
    };
    result.checklist = buildChecklist(result);
    const lines = formatTable(result, [], { color: false }).split('\n');
    expect(lines[1]).toBe(
      ' 1. Recreate 30 Secrets (from your secret store; kube2eks never reads the values)',
    );
    expect(lines.slice(2, 13)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `    - team-${i}: db-${i}  [secrets/present]`),
      '    … and 20 more (-o markdown or -o json lists them all)',
    ]);
    const group = lines.indexOf('  secrets/present (30)');
    expect(lines[group + 9]).toBe('    … and 22 more like these (--group-by none lists every finding)');
  });
});
