import { expect, test } from 'vitest';
import type { KubeObject } from '../model/types.js';
import { LAST_APPLIED_ANNOTATION, lastAppliedOf, sanitizeObject, toInventoryObject } from './sanitize.js';

test('a Secret keeps its keys and type; values, odd value shapes and the last-applied annotation go', () => {
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: {
      name: 's',
      annotations: { [LAST_APPLIED_ANNOTATION]: '{"data":{"tls.key":"S0VZ"}}', owner: 'team-a' },
      managedFields: [{}],
    },
    data: { 'tls.crt': 'Q0VSVA==', 'tls.key': 'S0VZ' },
    stringData: 'not-a-map',
  };
  expect(sanitizeObject(secret)).toEqual({
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name: 's', annotations: { owner: 'team-a' } },
    data: { 'tls.crt': '', 'tls.key': '' },
  });
  expect(lastAppliedOf(secret)).toBeUndefined();
});

test('other kinds keep their data and last-applied (parsed for the removed-API rules)', () => {
  const cm: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'c',
      annotations: { [LAST_APPLIED_ANNOTATION]: '{"apiVersion":"v1","kind":"ConfigMap"}' },
    },
    data: { k: 'v' },
  };
  const item = toInventoryObject(cm, { cluster: 'x' }, 'cluster');
  expect(item.object.data).toEqual({ k: 'v' });
  expect(item.lastApplied).toEqual({ apiVersion: 'v1', kind: 'ConfigMap' });
  expect(item.ref).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'c' });
  // A custom resource named Secret in another group is not a core Secret.
  const custom: KubeObject = {
    apiVersion: 'vault.example.com/v1',
    kind: 'Secret',
    metadata: { name: 'v' },
    data: { a: 'b' },
  };
  expect(sanitizeObject(custom).data).toEqual({ a: 'b' });
  // Broken last-applied JSON is ignored.
  expect(
    lastAppliedOf({ kind: 'Pod', metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: '{' } } }),
  ).toBeUndefined();
});
