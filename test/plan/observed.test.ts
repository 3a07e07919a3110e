// `plan --sizing observed` end to end: a collect bundle with metrics-server usage in, exact per-container sizes,
// the saving against the same plan by requests and the workloads that fell back out.
import { describe, expect, test } from 'vitest';
import type { Plan } from '../../src/plan/types.js';
import { expectValidPlan } from '../support/plan.js';
import { runCli } from '../support/run-cli.js';

// shop: web (3 pods, 2 containers), api (2 pods using more than they request), worker (no requests),
// db (a StatefulSet with no usage in the bundle). Pods reach their Deployment through their ReplicaSet.
const BUNDLE = 'test/fixtures/plan/observed-bundle';
const COMMON = ['--format', 'json', '--spot', 'none', '--azs', '1', '--headroom', '0'];

async function planOf(...args: string[]): Promise<{ plan: Plan; stderr: string }> {
  const run = await runCli(['plan', ...args]);
  expect(run.code).toBe(0);
  const plan = JSON.parse(run.stdout) as Plan;
  expectValidPlan(plan);
  return { plan, stderr: run.stderr };
}

describe('plan --sizing observed', () => {
  test('each container at max(usage × 1.3, 10m / 32Mi) below its request, memory never below its limit', async () => {
    const { plan, stderr } = await planOf(BUNDLE, '--sizing', 'observed', ...COMMON);
    expect(stderr).toBe('');
    expect(plan.sizing.basis).toBe('observed');
    expect(plan.sizing.snapshotAt).toBe('2026-11-30T14:05:00.000Z');
    expect(plan.sizing.sizedFromUsage).toBe(2);
    expect(plan.sizing.containers).toEqual([
      // max of the three pods: 150m / 210Mi → 195m (150 × 1.3) / 273Mi (210 × 1.3), both below 500m / 512Mi.
      {
        workload: 'shop/Deployment/web',
        container: 'web',
        usage: { cpuMillicores: 150, memoryMiB: 210 },
        requested: { cpuMillicores: 500, memoryMiB: 512 },
        sized: { cpuMillicores: 195, memoryMiB: 273 },
      },
      // 8m × 1.3 = 10.4 → 11m; memory 50Mi × 1.3 = 65Mi is below the 128Mi limit: the limit holds.
      {
        workload: 'shop/Deployment/web',
        container: 'proxy',
        usage: { cpuMillicores: 8, memoryMiB: 50 },
        requested: { cpuMillicores: 100, memoryMiB: 128 },
        sized: { cpuMillicores: 11, memoryMiB: 128 },
      },
      // No requests: usage × 1.3 replaces the 100m / 128Mi default, even above it.
      {
        workload: 'shop/Deployment/worker',
        container: 'worker',
        usage: { cpuMillicores: 300, memoryMiB: 400 },
        requested: {},
        sized: { cpuMillicores: 390, memoryMiB: 520 },
      },
    ]);
    expect(plan.sizing.fellBackToRequests).toEqual([
      { workload: 'shop/Deployment/api', why: 'usage × 1.3 not below requests' },
      { workload: 'shop/StatefulSet/db', why: 'no usage found' },
    ]);
    const reason = plan.reasons.find((r) => r.subject === 'sizing' && r.why.includes('metrics-server'));
    expect(reason?.why).toContain(
      '2 workloads sized from one metrics-server snapshot (collected 2026-11-30T14:05:00.000Z)',
    );
    expect(reason?.why).toContain(
      '1 workload without usage and 1 workload whose usage × 1.3 is not below the requests kept their requests',
    );
  });

  test('the saving against requests, by hand on m6i.large ($0.096/h: $70.08 a month)', async () => {
    // An m6i.large nets 1775m CPU for pods: 2000m − 70m kube-reserved − 155m of EKS DaemonSets.
    // By requests: 12 web pods of 600m and db's 1000m are 13 pods of which no three fit a node: 7 nodes.
    // Observed: 12 × 206m + 2 × 200m (api) + 390m (worker) + 1000m (db) = 4262m: 3 nodes (memory needs 2).
    const args = [...COMMON, '--instance-types', 'm6i.large'];
    const observed = (await planOf(BUNDLE, '--sizing', 'observed', ...args)).plan;
    const requests = (await planOf(BUNDLE, '--sizing', 'requests', ...args)).plan;
    expect(observed.nodeGroups.map((g) => [g.instanceTypes[0], g.desiredSize])).toEqual([['m6i.large', 3]]);
    expect(requests.nodeGroups.map((g) => [g.instanceTypes[0], g.desiredSize])).toEqual([['m6i.large', 7]]);
    expect(observed.sizing.observedSaving).toBe(280.32);
    expect(requests.sizing.observedSaving).toBeNull();
    expect(requests.sizing.fellBackToRequests).toBeUndefined();
    const reason = observed.reasons.find((r) => r.subject === 'sizing' && r.why.includes('metrics-server'));
    expect(reason?.why).toContain('$280.32 a month less than by requests');
  });

  test('without usage in the input: a warning, every workload by its requests, no saving', async () => {
    const { plan, stderr } = await planOf('test/fixtures/plan/shop.yaml', '--sizing', 'observed', ...COMMON);
    expect(stderr).toBe(
      "kube2eks: warning: --sizing observed: the input holds no metrics-server usage (a bundle from 'kube2eks collect' of a cluster running metrics-server has it); every workload is sized by its requests\n",
    );
    expect(plan.sizing.observedSaving).toBeNull();
    expect(plan.sizing.sizedFromUsage).toBe(0);
    expect(plan.sizing.snapshotAt).toBeUndefined();
    expect(plan.sizing.fellBackToRequests?.every((f) => f.why === 'no usage found')).toBe(true);
    expect(plan.sizing.fellBackToRequests?.length).toBeGreaterThan(5);
    expect(plan.reasons).toContainEqual({
      subject: 'sizing',
      why: '--sizing observed: the input holds no metrics-server usage (a collect bundle of a cluster running metrics-server has it), so every workload is sized by its requests',
    });
  });
});

describe('plan --sizing observed for people', () => {
  const args = [BUNDLE, '--sizing', 'observed', '--spot', 'none', '--azs', '1', '--headroom', '0'];
  args.push('--instance-types', 'm6i.large');

  test('table: the containers sized, the saving and the workloads that kept their requests', async () => {
    const run = await runCli(['plan', ...args, '--no-color']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const at = lines.indexOf('Sizing: observed usage');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 8)).toEqual([
      '  2 workloads sized from one metrics-server snapshot (2026-11-30T14:05:00.000Z): $280.32 a month less than by requests',
      '  2 workloads fell back to requests: shop/Deployment/api (usage × 1.3 not below requests), shop/StatefulSet/db (no usage',
      '    found)',
      '  WORKLOAD                CONTAINER  USED CPU/MEM  REQUESTED     SIZED AT',
      '  shop/Deployment/web     web        150m / 210Mi  500m / 512Mi  195m / 273Mi',
      '  shop/Deployment/web     proxy      8m / 50Mi     100m / 128Mi  11m / 128Mi',
      '  shop/Deployment/worker  worker     300m / 400Mi  - / -         390m / 520Mi',
    ]);
  });

  test('markdown and html say the same', async () => {
    const md = await runCli(['plan', ...args, '--format', 'markdown']);
    expect(md.stdout).toContain('## Sizing: observed usage');
    expect(md.stdout).toContain(
      '- 2 workloads sized from one metrics-server snapshot (2026-11-30T14:05:00.000Z): $280.32 a month less than by requests',
    );
    expect(md.stdout).toContain('| shop/Deployment/web | proxy | 8m / 50Mi | 100m / 128Mi | 11m / 128Mi |');
    const page = await runCli(['plan', ...args, '--format', 'html']);
    expect(page.stdout).toContain('<h3>Observed sizing</h3>');
    expect(page.stdout).toContain('<b>$280.32</b> a month less than the same plan by requests.');
    expect(page.stdout).toContain('shop/StatefulSet/db (no usage found)');
  });
});
