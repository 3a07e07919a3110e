// The eval scorer (scripts/eval/score.js) on tiny hand-made answer keys: the matching rules of the
// fixtures' README, one behaviour per test.
import { describe, expect, it } from 'vitest';
import {
  type AnswerKey,
  formatReport,
  mismatch,
  ruleMatches,
  type ScoredFinding,
  scoreCase,
  totals,
} from '../../scripts/eval/score.js';

function finding(
  over: Partial<ScoredFinding> & { kind: string; name: string; namespace?: string },
): ScoredFinding {
  const { kind, name, namespace, ...rest } = over;
  return {
    ruleId: 'x/y',
    category: 'image-registry',
    resource: { apiVersion: 'v1', kind, name, ...(namespace ? { namespace } : {}) },
    message: '',
    explanation: '',
    remediation: '',
    ...rest,
  };
}

describe('mismatch (expected entry vs finding)', () => {
  const entry = {
    kind: 'Deployment',
    namespace: null,
    name: 'web',
    category: 'image-registry',
    must_mention: ['busybox:1.38.0@sha256:abc123'],
  };

  it('matches case-insensitively over message, explanation and remediation, without the image digest', () => {
    const f = finding({ kind: 'Deployment', name: 'web', message: 'Image BUSYBOX:1.38.0 is on Docker Hub' });
    expect(mismatch(entry, f)).toBeUndefined();
    const g = finding({
      kind: 'Deployment',
      name: 'web',
      remediation: 'copy docker.io/library/busybox:1.38.0 to ECR',
    });
    expect(mismatch(entry, g)).toBeUndefined();
  });

  it('names what differs: kind, name, namespace, category, missing text', () => {
    expect(mismatch(entry, finding({ kind: 'StatefulSet', name: 'web' }))).toBe('kind');
    expect(mismatch(entry, finding({ kind: 'Deployment', name: 'api' }))).toBe('name');
    expect(
      mismatch(
        entry,
        finding({ kind: 'Deployment', name: 'web', category: 'pdb', message: 'busybox:1.38.0' }),
      ),
    ).toBe('category');
    expect(mismatch(entry, finding({ kind: 'Deployment', name: 'web', message: 'busybox:1.37' }))).toBe(
      'text lacks "busybox:1.38.0"',
    );
  });

  it('checks the namespace only when the entry sets one', () => {
    const inShop = { ...entry, namespace: 'shop', must_mention: [] };
    expect(mismatch(inShop, finding({ kind: 'Deployment', name: 'web', namespace: 'shop' }))).toBeUndefined();
    expect(mismatch(inShop, finding({ kind: 'Deployment', name: 'web', namespace: 'data' }))).toBe(
      'namespace',
    );
    expect(mismatch(inShop, finding({ kind: 'Deployment', name: 'web' }))).toBe('namespace');
    expect(
      mismatch({ ...entry, must_mention: [] }, finding({ kind: 'Deployment', name: 'web', namespace: 'x' })),
    ).toBe(undefined);
  });

  it('accepts also_accept_category and needs one must_mention_any string', () => {
    const e = {
      kind: 'PersistentVolume',
      namespace: null,
      name: 'nfs',
      category: 'storage-class',
      also_accept_category: ['fargate-incompatible'],
      must_mention: ['nfs'],
      must_mention_any: ['efs', 'fsx'],
    };
    const ok = finding({
      kind: 'PersistentVolume',
      name: 'nfs',
      category: 'fargate-incompatible',
      message: 'NFS → EFS',
    });
    expect(mismatch(e, ok)).toBeUndefined();
    const noTarget = finding({
      kind: 'PersistentVolume',
      name: 'nfs',
      category: 'storage-class',
      message: 'NFS volume',
    });
    expect(mismatch(e, noTarget)).toBe('text mentions none of "efs", "fsx"');
  });
});

describe('ruleMatches (must_not / may_report selectors)', () => {
  const f = finding({
    kind: 'Service',
    name: 'db',
    category: 'load-balancer',
    message: 'Uses loadBalancerIP',
  });
  it('takes a string, a list or "*" for kind, name and category', () => {
    expect(ruleMatches({ kind: 'Service', name: 'db', category: 'load-balancer' }, f)).toBe(true);
    expect(
      ruleMatches({ kind: ['Deployment', 'Service'], name: '*', category: ['pdb', 'load-balancer'] }, f),
    ).toBe(true);
    expect(ruleMatches({ kind: 'Service', name: 'web' }, f)).toBe(false);
    expect(ruleMatches({ kind: '*', name: '*', category: ['removed-api'] }, f)).toBe(false);
  });
  it('matches a mention case-insensitively, with or without other selectors', () => {
    expect(ruleMatches({ mention: 'LOADBALANCERIP' }, f)).toBe(true);
    expect(ruleMatches({ kind: 'Service', name: 'db', mention: 'nodePort' }, f)).toBe(false);
  });
});

describe('scoreCase', () => {
  const key: AnswerKey = {
    case: 'tiny',
    assumptions: { target_eks_version: '1.31' },
    expected: [
      {
        kind: 'Service',
        namespace: null,
        name: 'web',
        category: 'load-balancer',
        must_mention: ['LoadBalancer'],
      },
      { kind: 'Secret', namespace: null, name: 'creds', category: 'secret-present', must_mention: [] },
      {
        kind: 'Deployment',
        namespace: null,
        name: 'web',
        category: 'image-registry',
        must_mention: ['nginx:1.25'],
      },
    ],
    must_not: [
      { kind: 'Deployment', name: '*', category: ['removed-api', 'deprecated-api'], why: 'apps/v1' },
      { kind: 'Service', name: 'web', mention: 'externalTrafficPolicy', why: 'not set' },
      { mention: 'cloud.google.com/neg', why: 'absent' },
    ],
    may_report: [{ kind: 'Deployment', name: 'web', category: 'removed-api', why: 'judgement call' }],
    must_not_output_strings: ['c2VjcmV0', 'hunter2'],
  };

  it('scores recall per category, misses with reasons, violations, may_report and unscored findings', () => {
    const findings = [
      // satisfies the LB entry although it also names a must_not string: expected wins
      finding({
        kind: 'Service',
        name: 'web',
        category: 'load-balancer',
        message: 'type LoadBalancer becomes an NLB',
        explanation: 'set externalTrafficPolicy',
      }),
      // deprecated-api on a Deployment: must_not, not allowed by may_report (category differs)
      finding({
        kind: 'Deployment',
        name: 'web',
        category: 'deprecated-api',
        message: 'apps/v1 is deprecated',
      }),
      // removed-api on web: must_not, but may_report wins
      finding({ kind: 'Deployment', name: 'web', category: 'removed-api', message: 'x' }),
      // image finding that names the wrong tag: the expected entry is missed, the finding is unscored
      finding({
        kind: 'Deployment',
        name: 'web',
        category: 'image-registry',
        message: 'nginx:1.24 on Docker Hub',
      }),
      // a banned string anywhere in the finding text
      finding({
        kind: 'Service',
        name: 'api',
        category: 'ingress',
        message: 'annotation cloud.google.com/neg',
      }),
    ];
    const r = scoreCase(key, findings, 'all output … HUNTER2 …');
    expect(r.expected).toBe(3);
    expect(r.matched).toBe(1);
    expect(r.recall).toBeCloseTo(1 / 3);
    expect(r.byCategory).toEqual({
      'load-balancer': { expected: 1, matched: 1 },
      'secret-present': { expected: 1, matched: 0 },
      'image-registry': { expected: 1, matched: 0 },
    });
    expect(r.missed).toEqual([
      { entry: 'Secret creds [secret-present]', reason: 'no finding on Secret creds', file: undefined },
      { entry: 'Deployment web [image-registry]', reason: 'x/y: text lacks "nginx:1.25"', file: undefined },
    ]);
    expect(r.violations.map((v) => [v.finding, v.rules.map((x) => x.rule)])).toEqual([
      ['Deployment web [deprecated-api] x/y', ['kind=Deployment name=* category=removed-api|deprecated-api']],
      ['Service api [ingress] x/y', ['mention="cloud.google.com/neg"']],
    ]);
    expect(r.allowedByMayReport).toBe(2);
    expect(r.unscored.map((u) => u.finding)).toEqual(['Deployment web [image-registry] x/y']);
    // leaks are named by index, case-insensitively, never by value
    expect(r.leaks).toEqual([{ index: 1, chars: 7 }]);
    expect(JSON.stringify(r)).not.toContain('hunter2');
  });

  it('gives 100% recall and no violations when every entry is met', () => {
    const findings = [
      finding({ kind: 'Service', name: 'web', category: 'load-balancer', message: 'LoadBalancer' }),
      finding({ kind: 'Secret', name: 'creds', category: 'secret-present', message: 'recreate it' }),
      finding({
        kind: 'Deployment',
        name: 'web',
        category: 'image-registry',
        message: 'docker.io/library/nginx:1.25',
      }),
    ];
    const r = scoreCase(key, findings, '{"findings": []}');
    expect([r.recall, r.violations.length, r.unscored.length, r.leaks.length]).toEqual([1, 0, 0, 0]);
  });

  it('one finding may satisfy several entries', () => {
    const k: AnswerKey = {
      case: 'multi',
      expected: [
        {
          kind: 'Ingress',
          namespace: 'shop',
          name: 'web',
          category: 'ingress',
          must_mention: ['ingress.class'],
        },
        {
          kind: 'Ingress',
          namespace: 'shop',
          name: 'web',
          category: 'ingress',
          must_mention: ['global-static-ip-name'],
        },
      ],
    };
    const f = finding({
      kind: 'Ingress',
      name: 'web',
      namespace: 'shop',
      category: 'ingress',
      message: 'kubernetes.io/ingress.class: gce and kubernetes.io/ingress.global-static-ip-name',
    });
    expect(scoreCase(k, [f]).matched).toBe(2);
  });
});

describe('totals and formatReport', () => {
  it('sums cases and prints a per-case and total table with misses and violations', () => {
    const a = scoreCase(
      { case: 'a', expected: [{ kind: 'Secret', namespace: null, name: 's', category: 'secret-present' }] },
      [finding({ kind: 'Secret', name: 's', category: 'secret-present' })],
    );
    const b = scoreCase(
      {
        case: 'b',
        expected: [{ kind: 'Secret', namespace: null, name: 't', category: 'secret-present' }],
        must_not: [{ kind: '*', name: '*', category: 'pdb', why: 'absent' }],
      },
      [finding({ kind: 'PodDisruptionBudget', name: 'p', category: 'pdb', message: 'gates drains' })],
    );
    const t = totals([a, b]);
    expect(t).toMatchObject({ expected: 2, matched: 1, recall: 0.5, violations: 1, leaks: 0 });
    const text = formatReport([a, b]);
    expect(text).toMatch(/^a\s+1\s+1\s+100\.0%\s+0/m);
    expect(text).toMatch(/^TOTAL\s+2\s+1\s+50\.0%\s+1/m);
    expect(text).toContain('MISSED Secret t [secret-present]: no finding on Secret t');
    expect(text).not.toContain('MISSED Secret s');
    expect(text).toContain('VIOLATION PodDisruptionBudget p [pdb] x/y: "gates drains"');
    expect(text).toContain('must_not kind=* name=* category=pdb — absent');
  });
});
