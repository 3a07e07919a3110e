import { describe, expect, it } from 'vitest';
import { podTemplateOf } from './kinds.js';
import { nodeMeetsRequirements, nodeRequirementsOf } from './node-requirements.js';

const pod = (spec: Record<string, unknown>) => {
  const view = podTemplateOf({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], ...spec } });
  if (!view) throw new Error('no view');
  return nodeRequirementsOf(view);
};

const affinity = (terms: unknown[]) => ({
  affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
  },
});

describe('nodeRequirementsOf', () => {
  it('reads nodeSelector, required terms (with paths) and preferred terms', () => {
    const req = pod({
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] },
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] },
            ],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, preference: { matchExpressions: [{ key: 'spot', operator: 'Exists' }] } },
          ],
        },
      },
    });
    expect(req.nodeSelector).toEqual([
      { key: 'kubernetes.io/os', value: 'linux', path: ['spec', 'nodeSelector', 'kubernetes.io/os'] },
    ]);
    expect(req.required.map((t) => t.requirements.map((r) => `${r.field}:${r.key} ${r.operator}`))).toEqual([
      ['matchExpressions:zone In'],
      ['matchFields:metadata.name In'],
    ]);
    expect(req.required[0]?.requirements[0]?.path).toEqual([
      'spec',
      'affinity',
      'nodeAffinity',
      'requiredDuringSchedulingIgnoredDuringExecution',
      'nodeSelectorTerms',
      0,
      'matchExpressions',
      0,
      'key',
    ]);
    expect(req.preferred).toMatchObject([
      { weight: 10, requirements: [{ key: 'spot', operator: 'Exists' }] },
    ]);
  });

  it('ORs the terms and ANDs the expressions of one term', () => {
    const req = pod(
      affinity([
        {
          matchExpressions: [
            { key: 'zone', operator: 'In', values: ['a'] },
            { key: 'gpu', operator: 'Exists' },
          ],
        },
        { matchExpressions: [{ key: 'pool', operator: 'NotIn', values: ['spot'] }] },
      ]),
    );
    // First term: both expressions must hold.
    expect(nodeMeetsRequirements(req, { zone: 'a', gpu: 'true', pool: 'spot' })).toBe(true);
    expect(nodeMeetsRequirements(req, { zone: 'a', pool: 'spot' })).toBe(false);
    // Second term alone is enough.
    expect(nodeMeetsRequirements(req, { zone: 'b', pool: 'general' })).toBe(true);
  });

  it('requires every nodeSelector pair on top of the affinity; Gt/Lt compare integers; empty terms match nothing', () => {
    const req = pod({
      nodeSelector: { os: 'linux' },
      ...affinity([{ matchExpressions: [{ key: 'cpus', operator: 'Gt', values: ['4'] }] }]),
    });
    expect(nodeMeetsRequirements(req, { os: 'linux', cpus: '8' })).toBe(true);
    expect(nodeMeetsRequirements(req, { os: 'linux', cpus: '2' })).toBe(false);
    expect(nodeMeetsRequirements(req, { os: 'windows', cpus: '8' })).toBe(false);
    expect(nodeMeetsRequirements(pod(affinity([{}])), { any: 'x' })).toBe(false);
    expect(nodeMeetsRequirements(pod({}), {})).toBe(true);
  });
});
