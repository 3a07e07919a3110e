import { describe, expect, it } from 'vitest';
import { containersOf, podTemplateOf, readingViewsOnce } from './kinds.js';
import type { KubeObject } from './types.js';

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    template: {
      metadata: { labels: { app: 'web', tier: 3 } },
      spec: { initContainers: [{ name: 'init', image: 7 }], containers: [{ name: 'web', image: 'web:1' }] },
    },
  },
});

describe('readingViewsOnce', () => {
  it('builds each object’s view and containers once inside, the same as outside', () => {
    const obj = deployment();
    const outside = podTemplateOf(obj);
    expect(outside?.labels).toEqual({ app: 'web', tier: '3' });
    expect(containersOf(outside!).map((c) => [c.group, c.container.image])).toEqual([
      ['initContainers', '7'],
      ['containers', 'web:1'],
    ]);
    readingViewsOnce(() => {
      const first = podTemplateOf(obj);
      expect(first).toEqual(outside);
      expect(podTemplateOf(obj)).toBe(first);
      expect(containersOf(first!)).toBe(containersOf(first!));
      expect(containersOf(first!)).toEqual(containersOf(outside!));
      // Nested passes share what the outer one built.
      expect(readingViewsOnce(() => podTemplateOf(obj))).toBe(first);
      expect(podTemplateOf({ kind: 'ConfigMap' })).toBeUndefined();
    });
  });

  it('keeps nothing after the pass: an object changed later is read anew', () => {
    const obj = deployment();
    const inPass = readingViewsOnce(() => podTemplateOf(obj));
    (obj.spec as { template: unknown }).template = {
      spec: { containers: [{ name: 'api', image: 'api:2' }] },
    };
    const after = podTemplateOf(obj);
    expect(after).not.toBe(inPass);
    expect(containersOf(after!).map((c) => c.container.name)).toEqual(['api']);
    expect(podTemplateOf(obj)).not.toBe(after);
  });

  it('lets go of what it built when the pass throws', () => {
    const obj = deployment();
    let inPass: unknown;
    expect(() =>
      readingViewsOnce(() => {
        inPass = podTemplateOf(obj);
        throw new Error('rule failed');
      }),
    ).toThrow('rule failed');
    expect(podTemplateOf(obj)).not.toBe(inPass);
  });
});
