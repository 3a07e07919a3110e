import { describe, expect, it } from 'vitest';
import { objectNames } from './inventory-index.js';
import type { Inventory, InventoryObject, KubeObject } from './types.js';
import { countedAlone, countedWorkloads, isControlledCopy } from './workloads.js';

const item = (object: KubeObject): InventoryObject => ({
  object,
  ref: {
    apiVersion: object.apiVersion as string,
    kind: object.kind as string,
    name: object.metadata?.name as string,
    namespace: 'shop',
  },
  location: { file: 'dump.yaml', line: 1 },
  origin: 'manifest',
});

const containers = [{ name: 'app', image: 'nginx' }];
const deployment = item({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { template: { spec: { containers } } },
});
const replicaSet = item({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'web-7f',
    namespace: 'shop',
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true, uid: 'u1' },
    ],
  },
  spec: { template: { spec: { containers } } },
});
const orphan = item({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'api-1',
    namespace: 'shop',
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-9c', controller: true, uid: 'u2' },
    ],
  },
  spec: { containers },
});
const bare = item({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'debug', namespace: 'shop' },
  spec: { containers },
});
const config = item({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'shop' },
});
const template = item({
  apiVersion: 'v1',
  kind: 'PodTemplate',
  metadata: { name: 'tpl', namespace: 'shop' },
  template: { spec: { containers } },
});

describe('countedAlone', () => {
  it('tells a counted workload from the object alone, except for one that names its controller', () => {
    expect([deployment, replicaSet, orphan, bare, config, template].map(countedAlone)).toEqual([
      true,
      undefined,
      undefined,
      true,
      false,
      false,
    ]);
  });

  it('agrees with countedWorkloads wherever it tells', () => {
    const objects = [deployment, replicaSet, orphan, bare, config, template];
    const inventory: Inventory = { objects, errors: [], notes: [], cluster: { nodes: [], forbidden: [] } };
    const counted = new Set(countedWorkloads(inventory).map((w) => w.item));
    // The ReplicaSet's Deployment is in the input; the orphan Pod's ReplicaSet is not.
    expect(isControlledCopy(replicaSet, objectNames(inventory))).toBe(true);
    expect([...counted].map((w) => w.ref.name)).toEqual(['web', 'api-1', 'debug']);
    for (const o of inventory.objects) {
      const alone = countedAlone(o);
      if (alone !== undefined) expect(counted.has(o)).toBe(alone);
    }
  });
});
