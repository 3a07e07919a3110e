import { describe, expect, it } from 'vitest';
import { formatJson, formatMarkdown, formatTable, formatters } from '../../src/report/index.js';
import { emptyResult, SAMPLE_RULES, sampleResult } from './sample.js';

const NO_COLOR = { color: false };
/** One finding after the other, as the table printed before grouping. */
const UNGROUPED = { color: false, groupBy: 'none' } as const;
const ESC = '\u001b';

describe('table', () => {
  it('groups by severity then category, with locations, remediation, errors, notes and a summary', () => {
    expect(formatTable(sampleResult(), SAMPLE_RULES, UNGROUPED)).toBe(`Blockers (2)
  removed-api (1)
    manifests/ingress.yaml:14  Ingress shop/frontend  [api/removed]
      extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1.
      → Rewrite the manifest to apiVersion networking.k8s.io/v1 (kube2eks generate does it).
  storage-class (1)
    backup.tar.gz (resources/storageclasses.storage.k8s.io/cluster/standard-rwo.json)  StorageClass standard-rwo  [storage/provisioner]
      StorageClass standard-rwo uses pd.csi.storage.gke.io, which EKS does not have.
      → Use the EBS CSI driver: provisioner ebs.csi.aws.com with type gp3.

Warnings (1)
  load-balancer (1)
    rendered web.yaml:3 (template: web/templates/service.yaml)  Service shop/web  [lb/service]
      Service shop/web is a LoadBalancer with annotation cloud.google.com/load-balancer-type: Internal.
      → Set service.beta.kubernetes.io/aws-load-balancer-scheme: internal.

Info (1)
  secret-present (1)
    context:prod /api/v1/namespaces/shop/secrets/db  Secret shop/db  [secrets/present]
      Secret shop/db must be recreated on EKS.
      → Recreate it from AWS Secrets Manager with External Secrets.

Input errors (1)
  bad.yaml:3:7  could not parse YAML: unexpected end of the stream

Notes (1)
  kustomization.yaml  a kustomization was skipped; run kustomize build first

2 blockers, 1 warning, 1 info in 12 objects; 1 input error
Target: EKS 1.33. Source: GKE, Kubernetes 1.29 (from StorageClass standard-rwo: pd.csi.storage.gke.io and 1 more).
`);
  });

  it('says so when nothing was found', () => {
    expect(formatTable(emptyResult(), SAMPLE_RULES, NO_COLOR)).toBe(`No findings.
0 blockers, 0 warnings, 0 info in 1 object
Target: EKS 1.33. Source: unknown.
`);
  });

  it('colors only when asked', () => {
    const plain = formatTable(sampleResult(), SAMPLE_RULES, UNGROUPED);
    const colored = formatTable(sampleResult(), SAMPLE_RULES, { color: true, groupBy: 'none' });
    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[31m');
    expect(colored).toContain('\u001b[2m→ Rewrite the manifest');
    expect(colored.replace(new RegExp(`${ESC}\\[\\d+m`, 'g'), '')).toBe(plain);
  });

  it('reads standard input as <stdin>', () => {
    const result = sampleResult();
    result.findings = [{ ...result.findings[0]!, location: { file: '-', line: 4 } }];
    expect(formatTable(result, SAMPLE_RULES, UNGROUPED)).toContain(
      '    <stdin>:4  Ingress shop/frontend  [api/removed]\n',
    );
  });
});

describe('json', () => {
  it('prints exactly the findings contract (no internal data or fix) plus notes', () => {
    const expected = {
      schemaVersion: 1,
      tool: { name: 'kube2eks', version: '0.1.0' },
      target: { eksVersion: '1.33' },
      source: {
        provider: 'gke',
        kubernetesVersion: '1.29',
        evidence: [
          'StorageClass standard-rwo: pd.csi.storage.gke.io',
          'Node label cloud.google.com/gke-nodepool',
        ],
      },
      summary: { objects: 12, blocker: 2, warning: 1, info: 1, errors: 1 },
      findings: [
        {
          ruleId: 'api/removed',
          category: 'removed-api',
          severity: 'blocker',
          resource: {
            apiVersion: 'extensions/v1beta1',
            kind: 'Ingress',
            namespace: 'shop',
            name: 'frontend',
          },
          message: 'extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1.',
          explanation: 'EKS 1.33 serves only networking.k8s.io/v1 for Ingress.',
          remediation: 'Rewrite the manifest to apiVersion networking.k8s.io/v1 (kube2eks generate does it).',
          docsUrl: 'https://github.com/kube2eks/kube2eks/blob/main/docs/rules/api/removed.md',
          location: { file: 'manifests/ingress.yaml', line: 14, column: 1 },
          fixable: true,
        },
        {
          ruleId: 'storage/provisioner',
          category: 'storage-class',
          severity: 'blocker',
          resource: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: 'standard-rwo' },
          message: 'StorageClass standard-rwo uses pd.csi.storage.gke.io, which EKS does not have.',
          explanation: 'GKE persistent disks exist only on Google Cloud.',
          remediation: 'Use the EBS CSI driver: provisioner ebs.csi.aws.com with type gp3.',
          docsUrl: 'https://github.com/kube2eks/kube2eks/blob/main/docs/rules/storage/provisioner.md',
          location: {
            file: 'backup.tar.gz',
            entry: 'resources/storageclasses.storage.k8s.io/cluster/standard-rwo.json',
          },
          fixable: false,
        },
        {
          ruleId: 'lb/service',
          category: 'load-balancer',
          severity: 'warning',
          resource: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
          message:
            'Service shop/web is a LoadBalancer with annotation cloud.google.com/load-balancer-type: Internal.',
          explanation: 'On EKS the AWS Load Balancer Controller makes an NLB; *GKE* annotations do nothing.',
          remediation: 'Set service.beta.kubernetes.io/aws-load-balancer-scheme: internal.',
          docsUrl: 'https://github.com/kube2eks/kube2eks/blob/main/docs/rules/lb/service.md',
          location: {
            file: 'rendered web.yaml',
            line: 3,
            column: 5,
            helmSource: 'web/templates/service.yaml',
          },
          fixable: false,
        },
        {
          ruleId: 'secrets/present',
          category: 'secret-present',
          severity: 'info',
          resource: { apiVersion: 'v1', kind: 'Secret', namespace: 'shop', name: 'db' },
          message: 'Secret shop/db must be recreated on EKS.',
          explanation: 'Secrets are not copied by applying manifests from the repository.',
          remediation: 'Recreate it from AWS Secrets Manager with External Secrets.',
          docsUrl: 'https://github.com/kube2eks/kube2eks/blob/main/docs/rules/secrets/present.md',
          location: { cluster: 'prod', resourcePath: '/api/v1/namespaces/shop/secrets/db' },
          fixable: false,
        },
      ],
      errors: [
        {
          file: 'bad.yaml',
          line: 3,
          column: 7,
          message: 'could not parse YAML: unexpected end of the stream',
        },
      ],
      notes: [
        { file: 'kustomization.yaml', message: 'a kustomization was skipped; run kustomize build first' },
      ],
      checklist: [],
      namespaces: [],
    };
    // String equality also pins the key order of the contract.
    expect(formatJson(sampleResult(), SAMPLE_RULES, NO_COLOR)).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it('leaves out what is not known', () => {
    const parsed = JSON.parse(formatJson(emptyResult(), SAMPLE_RULES, NO_COLOR));
    expect(parsed.source).toEqual({ provider: 'unknown', evidence: [] });
    expect(parsed.findings).toEqual([]);
    expect(parsed.notes).toEqual([]);
  });
});

describe('markdown', () => {
  it('writes a summary table, then each finding by severity, then errors and notes', () => {
    expect(formatMarkdown(sampleResult(), SAMPLE_RULES, NO_COLOR)).toBe(`# kube2eks assessment

**2 blockers, 1 warning, 1 info in 12 objects; 1 input error**

- **Target:** EKS 1.33
- **Source:** GKE, Kubernetes 1.29
  - StorageClass standard-rwo: pd.csi.storage.gke.io
  - Node label cloud.google.com/gke-nodepool
- **Tool:** kube2eks 0.1.0

## Summary

| Category | Blocker | Warning | Info |
| --- | ---: | ---: | ---: |
| removed-api | 1 | 0 | 0 |
| storage-class | 1 | 0 | 0 |
| load-balancer | 0 | 1 | 0 |
| secret-present | 0 | 0 | 1 |
| **Total** | **2** | **1** | **1** |

## Blockers (2)

### Ingress shop/frontend: \`api/removed\`

extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1.

- **Where:** \`manifests/ingress.yaml:14\`
- **Why on EKS:** EKS 1.33 serves only networking.k8s.io/v1 for Ingress.
- **What to do:** Rewrite the manifest to apiVersion networking.k8s.io/v1 (kube2eks generate does it).
- **Rule:** [api/removed](https://github.com/kube2eks/kube2eks/blob/main/docs/rules/api/removed.md) (removed-api, fixable by \`kube2eks generate\`)

### StorageClass standard-rwo: \`storage/provisioner\`

StorageClass standard-rwo uses pd.csi.storage.gke.io, which EKS does not have.

- **Where:** \`backup.tar.gz (resources/storageclasses.storage.k8s.io/cluster/standard-rwo.json)\`
- **Why on EKS:** GKE persistent disks exist only on Google Cloud.
- **What to do:** Use the EBS CSI driver: provisioner ebs.csi.aws.com with type gp3.
- **Rule:** [storage/provisioner](https://github.com/kube2eks/kube2eks/blob/main/docs/rules/storage/provisioner.md) (storage-class)

## Warnings (1)

### Service shop/web: \`lb/service\`

Service shop/web is a LoadBalancer with annotation cloud.google.com/load-balancer-type: Internal.

- **Where:** \`rendered web.yaml:3 (template: web/templates/service.yaml)\`
- **Why on EKS:** On EKS the AWS Load Balancer Controller makes an NLB; \\*GKE\\* annotations do nothing.
- **What to do:** Set service.beta.kubernetes.io/aws-load-balancer-scheme: internal.
- **Rule:** [lb/service](https://github.com/kube2eks/kube2eks/blob/main/docs/rules/lb/service.md) (load-balancer)

## Info (1)

### Secret shop/db: \`secrets/present\`

Secret shop/db must be recreated on EKS.

- **Where:** \`context:prod /api/v1/namespaces/shop/secrets/db\`
- **Why on EKS:** Secrets are not copied by applying manifests from the repository.
- **What to do:** Recreate it from AWS Secrets Manager with External Secrets.
- **Rule:** [secrets/present](https://github.com/kube2eks/kube2eks/blob/main/docs/rules/secrets/present.md) (secret-present)

## Input errors (1)

Each of these documents could not be read and counts as a blocker.

- \`bad.yaml:3:7\`: could not parse YAML: unexpected end of the stream

## Notes (1)

- \`kustomization.yaml\`: a kustomization was skipped; run kustomize build first
`);
  });

  it('escapes names and texts so they render as written', () => {
    const result = sampleResult();
    result.findings = [
      {
        ...result.findings[0]!,
        message: 'a <script> | b_c [x](y)',
        resource: { ...result.findings[0]!.resource, name: 'n*m' },
      },
    ];
    const out = formatMarkdown(result, SAMPLE_RULES, NO_COLOR);
    expect(out).toContain('### Ingress shop/n\\*m: `api/removed`');
    expect(out).toContain('\na &lt;script&gt; \\| b\\_c \\[x\\](y)\n');
  });

  it('keeps the code spans a text holds', () => {
    const result = emptyResult();
    result.notes = [
      {
        file: 'k/kustomization.yaml',
        message: 'skipped; run `kustomize build k | kube2eks assess -` first ',
      },
    ];
    expect(formatMarkdown(result, SAMPLE_RULES, NO_COLOR)).toContain(
      '- `k/kustomization.yaml`: skipped; run `kustomize build k | kube2eks assess -` first\n',
    );
  });
});

describe('formatters', () => {
  it('names every format of assess --format', () => {
    expect(Object.keys(formatters)).toEqual(['table', 'json', 'sarif', 'markdown', 'html']);
  });
});
