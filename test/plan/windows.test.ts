// Windows nodes are priced as Windows: the Linux price + the Windows Server license per vCPU-hour
// (data/service-prices.json `ec2-windows-license-vcpu-hour`, from the EC2 User Guide); types without a
// Windows price are left out of the Windows search with a note.
import { describe, expect, test } from 'vitest';
import { loadCatalog, windowsPriceOf } from '../../src/catalog/index.js';
import type { KubeObject } from '../../src/model/types.js';
import { plan } from '../../src/plan/index.js';
import { inventoryOf, NOW, planOptions } from '../support/plan.js';

const catalog = loadCatalog();

const windowsApp: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'legacy', namespace: 'win' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'legacy' } },
    template: {
      metadata: { labels: { app: 'legacy' } },
      spec: {
        nodeSelector: { 'kubernetes.io/os': 'windows' },
        containers: [
          { name: 'app', image: 'legacy:1', resources: { requests: { cpu: '500m', memory: '1Gi' } } },
        ],
      },
    },
  },
};

describe('Windows prices', () => {
  test('Linux price + $0.046 per vCPU-hour; none for burstable or arm64 types', () => {
    // m5.large: $0.096 Linux + 2 × $0.046 = $0.188, AWS's published Windows on-demand price.
    expect(windowsPriceOf(catalog, 'm5.large', 'us-east-1')?.usdPerHour).toBe(0.188);
    expect(windowsPriceOf(catalog, 'm5.xlarge', 'us-east-1')?.usdPerHour).toBe(0.376);
    expect(windowsPriceOf(catalog, 't3.large', 'us-east-1')).toBeUndefined();
    expect(windowsPriceOf(catalog, 'm6g.large', 'us-east-1')).toBeUndefined();
    expect(windowsPriceOf(catalog, 'no-such.type', 'us-east-1')).toBeUndefined();
  });

  test('a Windows node group is priced with the license; a type without a Windows price is left out, said', async () => {
    const p = await plan(
      inventoryOf([windowsApp]),
      [],
      planOptions({ instanceTypes: ['m5.large', 't3.large'] }),
      catalog,
      NOW,
    );
    expect(p.nodeGroups.map((g) => [g.name, g.os, g.instanceTypes, g.desiredSize, g.monthlyUsd])).toEqual([
      // 1 node × $0.188 × 730 h.
      ['windows', 'windows', ['m5.large'], 1, 137.24],
    ]);
    expect(p.cost.monthly.computeOnDemand).toBe(137.24);
    expect(p.notes).toContainEqual({
      topic: 'windows',
      why: '1 x86_64 instance type of the search has no Windows price (burstable types bill the license otherwise) and was left out of the Windows node group search',
    });
    expect(
      p.cost.assumptions.some((a) =>
        a.startsWith('Windows nodes: the Linux price + the Windows Server license at $0.046 per vCPU-hour'),
      ),
    ).toBe(true);
    expect(p.cost.assumptions.join('\n')).not.toContain('Linux rates');
  });

  test('only burstable types: no Windows group, and the notes say why', async () => {
    const p = await plan(
      inventoryOf([windowsApp]),
      [],
      planOptions({ instanceTypes: ['t3.large'] }),
      catalog,
      NOW,
    );
    expect(p.nodeGroups).toEqual([]);
    expect(p.notes.map((n) => n.topic)).toContain('windows');
  });
});
