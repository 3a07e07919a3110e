import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './support.js';

// The rule tester's clock is 2026-11-01: 1.34 and 1.35 are in standard support (1.34 until 2026-12-02),
// 1.31-1.33 in extended support, 1.30 and older no longer offered.
const NO_OBJECTS = '';

describe('version/support', () => {
  it('warns when the target leaves standard support within 90 days', () => {
    const findings = runRule(rule, NO_OBJECTS, { targetVersion: '1.34' });
    expect(summarize(findings)).toEqual(['warning version/support Cluster/eks-target-1.34 :?']);
    expect(findings[0]?.message).toBe('Target EKS 1.34 leaves standard support in 31 days (2026-12-02).');
    expect(findings[0]?.explanation).toContain('$0.60 per cluster-hour instead of $0.10');
    expect(findings[0]?.remediation).toContain('(1.35)');
  });

  it('warns when the target is in extended support and blocks when EKS no longer offers it', () => {
    const extended = runRule(rule, NO_OBJECTS, { targetVersion: '1.33' });
    expect(summarize(extended)).toEqual(['warning version/support Cluster/eks-target-1.33 :?']);
    expect(extended[0]?.explanation).toContain('about $438 instead of $73 a month');
    const gone = runRule(rule, NO_OBJECTS, { targetVersion: '1.28' });
    expect(summarize(gone)).toEqual(['blocker version/support Cluster/eks-target-1.28 :?']);
    expect(gone[0]?.message).toBe(
      'Target EKS 1.28 is no longer offered by EKS (extended support ended 2025-11-26).',
    );
    // Versions that left EKS before extended support existed say when their support ended.
    const old = runRule(rule, NO_OBJECTS, { targetVersion: '1.20' });
    expect(old[0]?.message).toBe(
      'Target EKS 1.20 is no longer offered by EKS (support ended 2022-11-01; it never had extended support).',
    );
  });

  it('reports a source older than any EKS version, without a separate gap finding', () => {
    const findings = runRule(rule, NO_OBJECTS, {
      targetVersion: '1.35',
      cluster: { serverVersion: 'v1.27.3-gke.100', context: 'gke_shop_us-central1_prod' },
    });
    expect(summarize(findings)).toEqual(['warning version/support Cluster/gke_shop_us-central1_prod :?']);
    expect(findings[0]?.message).toBe(
      'The source cluster runs Kubernetes 1.27, older than any version EKS offers today (1.31): the move skips 8 minor versions.',
    );
    expect(findings[0]?.location).toEqual({ cluster: 'gke_shop_us-central1_prod' });
  });

  it('reports a source in extended support and the minor gap of the move', () => {
    const findings = runRule(rule, NO_OBJECTS, {
      targetVersion: '1.35',
      cluster: { serverVersion: 'v1.33.1' },
    });
    expect(summarize(findings)).toEqual([
      'warning version/support Cluster/source :?',
      'info version/support Cluster/source :?',
    ]);
    expect(findings[0]?.message).toContain('1.33, which is in paid extended support on EKS');
    expect(findings[1]?.message).toBe('The move jumps 2 Kubernetes minor versions, from 1.33 to 1.35.');
  });

  it('says nothing for a supported source one minor behind, and flags a target older than the source', () => {
    expect(
      runRule(rule, NO_OBJECTS, { targetVersion: '1.35', cluster: { serverVersion: '1.34.2' } }),
    ).toEqual([]);
    const older = runRule(rule, NO_OBJECTS, { targetVersion: '1.34', cluster: { serverVersion: '1.35.0' } });
    expect(older.map((f) => f.message)).toEqual([
      'Target EKS 1.34 leaves standard support in 31 days (2026-12-02).',
      'Target EKS 1.34 is older than the source cluster (1.35).',
    ]);
  });
});
