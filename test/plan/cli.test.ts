// `kube2eks plan` end to end (in-process): flags and defaults, the three formats, the JSON against its schema.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { expectValidPlan } from '../support/plan.js';
import { runCli } from '../support/run-cli.js';

const FIXTURE = 'test/fixtures/plan/shop.yaml';
describe('kube2eks plan', () => {
  test('json: every pod placed, the plan valid against docs/schemas/plan.schema.json', async () => {
    const run = await runCli([
      'plan',
      FIXTURE,
      '--format',
      'json',
      '--spot',
      'auto',
      '--fargate',
      'auto',
      '--name',
      'shop-eks',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as Plan;
    expectValidPlan(plan);
    expect(plan.cluster).toMatchObject({
      name: 'shop-eks',
      region: 'us-east-1',
      endpointAccess: 'public-private',
      amiFamily: 'al2023',
    });
    const groups = Object.fromEntries(plan.nodeGroups.map((g) => [g.name, g]));
    expect(Object.keys(groups).sort()).toEqual([
      'general',
      'general-arm64',
      'general-spot',
      'gpu',
      'windows',
    ]);
    expect(groups.gpu).toMatchObject({ gpus: 1, taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] });
    expect(groups.windows).toMatchObject({ os: 'windows', arch: 'x86_64' });
    expect(groups['general-arm64']?.arch).toBe('arm64');
    expect(groups['general-spot']).toMatchObject({ capacityType: 'SPOT' });
    expect(groups['general-spot']?.instanceTypes.length).toBeGreaterThanOrEqual(3);
    // HPA minimum 3 is the baseline; the spot group's maximum covers the HPA's 12.
    expect(plan.placements).toContainEqual({
      workload: 'shop/Deployment/web',
      target: 'nodeGroup:general-spot',
      pods: 3,
    });
    expect(plan.placements).toContainEqual({
      workload: 'batch/CronJob/report',
      target: 'fargate:batch',
      pods: 2,
    });
    expect(plan.fargateProfiles).toEqual([
      { name: 'batch', selectors: [{ namespace: 'batch' }], pods: 2, monthlyUsd: expect.any(Number) },
    ]);
    const pods = (w: string) =>
      plan.placements.filter((p) => p.workload === w).reduce((s, p) => s + p.pods, 0);
    expect(pods('shop/Deployment/worker')).toBe(2);
    expect(pods('shop/StatefulSet/db')).toBe(2);
    expect(pods('ml/Deployment/infer')).toBe(1);
    expect(plan.placements.some((p) => p.workload.includes('DaemonSet'))).toBe(false);
    expect(plan.sizing).toEqual({ basis: 'requests', workloadsWithoutRequests: 1, observedSaving: null });
    const m = plan.cost.monthly;
    expect(m.controlPlane).toBe(73);
    expect(m.compute).toBeCloseTo(m.computeOnDemand + m.computeSpot, 2);
    expect(m.total).toBeCloseTo(
      m.controlPlane + m.compute + m.fargate + m.storage + m.loadBalancers + m.natGateways + m.vpcEndpoints,
      1,
    );
    expect(m.loadBalancers).toBeCloseTo(3 * 0.0225 * 730, 2);
    expect(m.natGateways).toBeCloseTo(3 * 0.045 * 730, 2);
    expect(plan.cost.computeToLowerBound).toBeGreaterThanOrEqual(1);
    expect(plan.reasons.some((r) => r.why.includes('gke-metrics-agent'))).toBe(true);
  });

  test('--endpoint private: no NAT gateways', async () => {
    const run = await runCli([
      'plan',
      FIXTURE,
      '--format',
      'json',
      '--endpoint',
      'private',
      '--spot',
      'none',
    ]);
    const plan = JSON.parse(run.stdout) as Plan;
    expectValidPlan(plan);
    expect(plan.cost.monthly.natGateways).toBe(0);
    expect(plan.nodeGroups.every((g) => g.capacityType === 'ON_DEMAND')).toBe(true);
  });

  test('table and markdown name the node groups, the cost and the reasons; --output writes the file', async () => {
    const table = await runCli(['plan', FIXTURE, '--no-color']);
    expect(table.stdout).toMatch(/Node groups \(\d+\)/);
    expect(table.stdout).toContain('Monthly cost (USD, 730 h)');
    expect(table.stdout).toContain('Compute against its lower bound');
    expect(table.stdout).toContain('nodeGroup:general:');
    const dir = mkdtempSync(join(tmpdir(), 'kube2eks-plan-'));
    const out = join(dir, 'plan.md');
    const md = await runCli(['plan', FIXTURE, '--format', 'markdown', '--output', out]);
    expect(md.code).toBe(0);
    expect(md.stderr).toMatch(/wrote .*plan\.md: \d+ node groups/);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# EKS plan: migrated/);
    expect(text).toContain('| general |');
    expect(text).toContain('## Why');
  });

  test('bad flags: a clear message and exit 2', async () => {
    for (const [flag, value, message] of [
      ['--spot', 'sometimes', "--spot 'sometimes': expected auto, none, or a share between 0 and 1"],
      ['--azs', '0', "--azs '0': expected a whole number of Availability Zones from 1 to 6"],
      ['--headroom', '-1', "--headroom '-1'"],
      ['--vpc-cidr', '10.0.0.0', "--vpc-cidr '10.0.0.0': expected an IPv4 CIDR"],
      ['--name', '9lives', "--name '9lives': an EKS cluster name starts with a letter"],
      ['--region', 'mars', "--region 'mars'"],
    ] as const) {
      const run = await runCli(['plan', FIXTURE, flag, value]);
      expect(run.code, flag).toBe(2);
      expect(run.stderr, flag).toContain(message);
      expect(run.stderr, flag).not.toContain('    at ');
    }
  });

  test('--help teaches: every flag with its default, how it decides, examples', async () => {
    const run = await runCli(['plan', '--help']);
    const help = run.stdout.replace(/\s+/g, ' ');
    for (const text of [
      '--region <region>',
      '(default: "us-east-1")',
      '--vpc-cidr',
      '--endpoint',
      '--spot <mode>',
      '--spot-discount',
      '--fargate',
      '--arch',
      '--azs',
      '--headroom',
      '--instance-types',
      '--autoscaler',
      '--identity',
      '--pod-security-groups',
      '--ami-family',
      '--node-group-kind',
      '--sizing',
      '--output',
      '--format',
      'How it decides',
      'Examples:',
    ]) {
      expect(help).toContain(text);
    }
  });
});
