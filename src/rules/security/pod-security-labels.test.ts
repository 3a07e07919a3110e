import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './pod-security-labels.js';

const FIXTURE = `apiVersion: v1
kind: Namespace
metadata:
  name: fires-enforce
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/warn: restricted
---
apiVersion: v1
kind: Namespace
metadata:
  name: fires-newer-version
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.34
---
apiVersion: v1
kind: Namespace
metadata:
  name: dont-fire-plain
  labels: {team: shop}
`;

describe('security/pod-security-labels', () => {
  it('reports namespaces with Pod Security Admission labels and checks pinned versions', () => {
    const findings = runRule(rule, FIXTURE, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual([
      'info security/pod-security-labels Namespace/fires-enforce :5',
      'info security/pod-security-labels Namespace/fires-newer-version :13',
    ]);
    expect(findings[0]?.message).toBe(
      'Namespace fires-enforce uses Pod Security Admission (enforce=restricted, warn=restricted); the labels keep working on EKS 1.31.',
    );
    expect(findings[0]?.remediation).not.toContain('version labels');
    expect(findings[1]?.explanation).toContain('enforce-version v1.34 is newer than EKS 1.31');
    expect(findings[1]?.remediation).toContain('Set the version labels to v1.31 or latest');
  });
});
