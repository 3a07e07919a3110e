import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/support/plan-fixture.js';
import { formatPlanMarkdown, formatPlanTable } from './plan.js';

describe('plan formatters: Fargate profiles', () => {
  const plan = samplePlan({
    fargateProfiles: [
      { name: 'batch', selectors: [{ namespace: 'batch' }], pods: 2, monthlyUsd: 29.55 },
      {
        name: 'data',
        selectors: [{ namespace: 'data', labels: { app: 'backup', tier: 'batch' } }, { namespace: 'data-2' }],
        pods: 3,
      },
    ],
  });

  it('the table lists each profile with its selectors (labels in braces), pods and monthly cost', () => {
    const lines = formatPlanTable(plan, { color: false }).split('\n');
    const at = lines.findIndex((l) => l === 'Fargate profiles (2)');
    expect(lines.slice(at + 1, at + 4).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['PROFILE', 'SELECTORS', 'PODS', 'MONTHLY'],
      ['batch', 'batch', '2', '$29.55'],
      ['data', 'data {app=backup,tier=batch}; data-2', '3'],
    ]);
  });

  it('Markdown shows the same rows', () => {
    const md = formatPlanMarkdown(plan);
    expect(md).toContain('| batch | batch | 2 | $29.55 |');
    expect(md).toContain('| data | data {app=backup,tier=batch}; data-2 | 3 |  |');
  });
});
