import { describe, expect, it } from 'vitest';
import { givenPodFacts, givePodFacts, podFactsOf } from './pod-facts.js';
import type { KubeObject } from './types.js';
import { imagesOf } from './workloads.js';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    template: {
      // A label YAML read as a number is text for the pod; an annotation that is a map is no annotation.
      metadata: {
        labels: { app: 'web', tier: 2 },
        annotations: { 'sidecar.istio.io/inject': 'true', bad: {} },
      },
      spec: {
        nodeSelector: { 'cloud.google.com/gke-nodepool': 'pool-a' },
        volumes: [
          { name: 'data', gcePersistentDisk: { pdName: 'web-data' } },
          'not a volume',
          { configMap: { name: 'web.config' } },
        ],
        initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'wait-for db.data.svc'] }],
        containers: [
          {
            name: 'app',
            image: 'gcr.io/acme/web:1',
            args: ['--tls-secret=web-tls', 7],
            env: [{ value: 'x.y' }],
          },
          { name: 'side', image: 42 },
          { name: 'blank', image: ' ' },
        ],
      },
    },
  },
};

describe('podFactsOf', () => {
  it('reads what cross-object code reads of the pod template, in the order it reads it', () => {
    expect(podFactsOf(deployment)).toEqual({
      labels: { app: 'web', tier: '2' },
      annotationKeys: ['sidecar.istio.io/inject'],
      nodeSelectorKeys: ['cloud.google.com/gke-nodepool'],
      volumes: [
        { name: 'data', keys: ['name', 'gcePersistentDisk'] },
        { name: '', keys: ['configMap'] },
      ],
      images: ['busybox', 'gcr.io/acme/web:1', '42', ' '],
      words: [['sh', '-c', 'wait-for db.data.svc'], ['--tls-secret=web-tls'], [], []],
      dottedTexts: ['web.config', 'wait-for db.data.svc', 'gcr.io/acme/web:1', 'x.y'],
    });
  });

  it('has none for an object without a pod template', () => {
    expect(podFactsOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } })).toBeUndefined();
  });

  it('answers from facts given for an object kept without its spec', () => {
    const head: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-x' } };
    expect(givenPodFacts(head)).toBeUndefined();
    const facts = podFactsOf(deployment);
    givePodFacts(head, facts ?? null);
    expect(podFactsOf(head)).toBe(facts);
    expect(givenPodFacts(head)).toBe(facts);
    // What imagesOf reads of an object: its images that are not blank, from the given facts.
    expect(imagesOf(head)).toEqual(['busybox', 'gcr.io/acme/web:1', '42']);
    expect(imagesOf(deployment)).toEqual(['busybox', 'gcr.io/acme/web:1', '42']);
  });
});
