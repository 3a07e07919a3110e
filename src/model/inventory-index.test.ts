import { describe, expect, it } from 'vitest';
import { parseManifests } from '../sources/manifest.js';
import { inventoryIndex, LabelIndex } from './inventory-index.js';
import type { Inventory } from './types.js';

function inventoryOf(text: string): Inventory {
  const { objects, errors, notes } = parseManifests(text, 'x.yaml');
  return { objects, errors, notes, cluster: { nodes: [], forbidden: [] } };
}

const TEXT = `apiVersion: v1
kind: Secret
metadata: {name: db, namespace: a}
---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: b}
---
apiVersion: v1
kind: Secret
metadata: {name: db}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: view}
---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: a}
`;

describe('inventoryIndex', () => {
  it('finds objects by kind, name and namespace, first in inventory order', () => {
    const inventory = inventoryOf(TEXT);
    const index = inventoryIndex(inventory);
    expect(index.ofKind('Secret').map((o) => o.location.line)).toEqual([1, 5, 9, 17]);
    expect(index.named('Secret', 'db')).toHaveLength(4);
    expect(index.find('Secret', 'db', 'a')?.location.line).toBe(1);
    expect(index.find('Secret', 'db', 'b')?.location.line).toBe(5);
    expect(index.find('Secret', 'db')?.location.line).toBe(9);
    expect(index.find('Secret', 'db', '')?.location.line).toBe(9);
    expect(index.find('Secret', 'db', 'c')).toBeUndefined();
    expect(index.inNamespace('a').map((o) => o.location.line)).toEqual([1, 17]);
    expect(index.inNamespace(undefined).map((o) => o.ref.kind)).toEqual(['Secret', 'ClusterRole']);
    expect(index.position(inventory.objects[3] as Inventory['objects'][number])).toBe(3);
    // Names of Object.prototype are names like any other.
    expect(index.ofKind('constructor')).toEqual([]);
    expect(index.find('toString', '__proto__')).toBeUndefined();
  });

  it('is built once per run, and again when the objects change', () => {
    const inventory = inventoryOf(TEXT);
    const index = inventoryIndex(inventory);
    let computed = 0;
    expect(index.memo('test:x', () => ++computed)).toBe(1);
    expect(inventoryIndex(inventory).memo('test:x', () => ++computed)).toBe(1);
    inventory.objects.pop();
    expect(inventoryIndex(inventory).ofKind('Secret')).toHaveLength(3);
    expect(inventoryIndex(inventory).memo('test:x', () => ++computed)).toBe(2);
  });
});

describe('LabelIndex', () => {
  const values = [
    { id: 1, labels: { app: 'web', tier: 'front' } },
    { id: 2, labels: { app: 'api', tier: 'back' } },
    { id: 3, labels: { app: 'web', tier: 'back' } },
    { id: 4, labels: { app: 7 } as Record<string, unknown> },
  ];
  const index = LabelIndex.of(values, (v) => v.labels);
  const ids = (selector: unknown) => index.candidates(selector).map((v) => v.id);

  it('gives the values holding the rarest matchLabels pair, in the order added', () => {
    expect(ids({ matchLabels: { app: 'web' } })).toEqual([1, 3]);
    expect(ids({ matchLabels: { app: 'web', tier: 'front' } })).toEqual([1]);
    expect(ids({ matchLabels: { app: 'none' } })).toEqual([]);
  });

  it('gives every value when matchLabels cannot narrow them down', () => {
    expect(ids({ matchExpressions: [{ key: 'app', operator: 'Exists' }] })).toEqual([1, 2, 3, 4]);
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids(undefined)).toEqual([1, 2, 3, 4]);
    expect(ids({ matchLabels: [] })).toEqual([1, 2, 3, 4]);
  });

  it('never offers a value whose label is not a string (a selector compares strings)', () => {
    expect(ids({ matchLabels: { app: 7 } })).toEqual([]);
  });
});
