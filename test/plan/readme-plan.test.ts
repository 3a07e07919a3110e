// The README shows the plan of the bundled example: it must be what kube2eks prints for it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildPlanFromInputs, type PlanCommandOptions } from '../../src/cli/commands/plan.js';
import { formatPlanTable } from '../../src/report/plan.js';

const root = join(import.meta.dirname, '..', '..');

it('README shows the plan kube2eks prints for examples/gke-shop', async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const shown = [...readme.matchAll(/```text\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .find((b) => b.startsWith('EKS cluster shop-eks'));
  expect(shown, 'a ```text block with the plan').toBeDefined();
  // The defaults of `kube2eks plan` (DESIGN's command line), as commander hands them over.
  const options: PlanCommandOptions = {
    region: 'us-east-1',
    name: 'shop-eks',
    vpcCidr: '10.0.0.0/16',
    endpoint: 'public-private',
    spot: 'auto',
    spotDiscount: '0.65',
    fargate: 'none',
    arch: 'x86_64',
    azs: '3',
    headroom: '0.2',
    autoscaler: 'cluster-autoscaler',
    identity: 'pod-identity',
    amiFamily: 'al2023',
    nodeGroupKind: 'managed',
    sizing: 'requests',
    targetVersion: '1.35',
    format: 'table',
    color: false,
  };
  const previous = process.cwd();
  process.chdir(root);
  try {
    const { plan } = await buildPlanFromInputs(
      ['examples/gke-shop'],
      options,
      new Date('2026-12-03T12:00:00Z'),
    );
    expect(shown).toBe(formatPlanTable(plan, { color: false }));
  } finally {
    process.chdir(previous);
  }
}, 60_000);
