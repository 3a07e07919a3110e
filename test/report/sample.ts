// A small hand-made assessment covering every kind of location, an input error and a note.
import type { AssessResult } from '../../src/model/types.js';
import type { RuleInfo } from '../../src/report/index.js';

const DOCS = 'https://github.com/kube2eks/kube2eks/blob/main/docs/rules/';

export const SAMPLE_RULES: RuleInfo[] = [
  {
    id: 'api/deprecated',
    category: 'deprecated-api',
    severity: 'warning',
    description: 'Objects written in an API version that is deprecated.',
    fixable: true,
    docsUrl: `${DOCS}api/deprecated.md`,
  },
  {
    id: 'api/removed',
    category: 'removed-api',
    severity: 'blocker',
    description: 'Objects written in an API version that the target EKS version no longer serves.',
    fixable: true,
    docsUrl: `${DOCS}api/removed.md`,
  },
  {
    id: 'lb/service',
    category: 'load-balancer',
    severity: 'warning',
    description: 'Services of type LoadBalancer and what their annotations become on EKS.',
    fixable: false,
    docsUrl: `${DOCS}lb/service.md`,
  },
  {
    id: 'secrets/present',
    category: 'secret-present',
    severity: 'info',
    description: 'Secrets that must be recreated on EKS.',
    fixable: false,
    docsUrl: `${DOCS}secrets/present.md`,
  },
  {
    id: 'storage/provisioner',
    category: 'storage-class',
    severity: 'blocker',
    description: 'StorageClasses whose provisioner EKS lacks.',
    fixable: true,
    docsUrl: `${DOCS}storage/provisioner.md`,
  },
];

export function sampleResult(): AssessResult {
  return {
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
        resource: { apiVersion: 'extensions/v1beta1', kind: 'Ingress', namespace: 'shop', name: 'frontend' },
        message: 'extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1.',
        explanation: 'EKS 1.33 serves only networking.k8s.io/v1 for Ingress.',
        remediation: 'Rewrite the manifest to apiVersion networking.k8s.io/v1 (kube2eks generate does it).',
        docsUrl: `${DOCS}api/removed.md`,
        location: { file: 'manifests/ingress.yaml', line: 14, column: 1 },
        fixable: true,
        data: { replacement: 'networking.k8s.io/v1' },
        fix: [{ op: 'replace', path: '/apiVersion', value: 'networking.k8s.io/v1' }],
      },
      {
        ruleId: 'storage/provisioner',
        category: 'storage-class',
        severity: 'blocker',
        resource: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: 'standard-rwo' },
        message: 'StorageClass standard-rwo uses pd.csi.storage.gke.io, which EKS does not have.',
        explanation: 'GKE persistent disks exist only on Google Cloud.',
        remediation: 'Use the EBS CSI driver: provisioner ebs.csi.aws.com with type gp3.',
        docsUrl: `${DOCS}storage/provisioner.md`,
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
        docsUrl: `${DOCS}lb/service.md`,
        location: { file: 'rendered web.yaml', line: 3, column: 5, helmSource: 'web/templates/service.yaml' },
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
        docsUrl: `${DOCS}secrets/present.md`,
        location: { cluster: 'prod', resourcePath: '/api/v1/namespaces/shop/secrets/db' },
        fixable: false,
      },
    ],
    errors: [
      { file: 'bad.yaml', line: 3, column: 7, message: 'could not parse YAML: unexpected end of the stream' },
    ],
    notes: [
      { file: 'kustomization.yaml', message: 'a kustomization was skipped; run kustomize build first' },
    ],
  };
}

/** The same assessment with nothing found. */
export function emptyResult(): AssessResult {
  return {
    ...sampleResult(),
    source: { provider: 'unknown', evidence: [] },
    summary: { objects: 1, blocker: 0, warning: 0, info: 0, errors: 0 },
    findings: [],
    errors: [],
    notes: [],
  };
}
