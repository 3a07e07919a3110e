import { expect, test } from 'vitest';
import { countOf } from './words.js';

test.each([
  [1, 'shared (ReadWriteMany) claim', '1 shared (ReadWriteMany) claim'],
  [2, 'shared (ReadWriteMany) claim', '2 shared (ReadWriteMany) claims'],
  [0, 'NAT gateway', '0 NAT gateways'],
  [3, 'Ingress', '3 Ingresses'],
  [2, 'NetworkPolicy', '2 NetworkPolicies'],
  [1, 'AZ', '1 AZ'],
])('countOf(%i, %s) is %s', (n, noun, text) => expect(countOf(n, noun)).toBe(text));
