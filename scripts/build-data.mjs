#!/usr/bin/env node
// Rebuilds data/ from the reference facts in ../shared/data (or $KUBE2EKS_SHARED_DATA).
// Re-runnable, never run by tests: the shipped data/ is what the product and tests read.
// Every table is written as { "provenance": {...}, "data": ... } so its source and date stay beside it.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.KUBE2EKS_SHARED_DATA ?? join(root, '..', 'shared', 'data');
const out = join(root, 'data');
mkdirSync(out, { recursive: true });

const readJson = (p) => JSON.parse(readFileSync(join(shared, p), 'utf8'));
const write = (name, provenance, data) => {
  writeFileSync(join(out, name), `${JSON.stringify({ provenance, data }, null, 1)}\n`);
  console.log(`wrote data/${name}`);
};

// EKS version calendar.
{
  const src = readJson('eks-versions.json');
  write(
    'eks-versions.json',
    {
      source: 'awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc (commit 013856044148d6eeed4723027a45aa2180536bcb) and earlier commits per row; 1.35 from endoflife.date (third party)',
      date: '2026-08-21',
      notes: [
        'Rows carry their own source; 1.35 is not verified against the AWS calendar; 1.36 was not found.',
        'Standard support 14 months, extended 12 months; extended support billed at $0.60 per cluster-hour instead of $0.10.',
      ],
    },
    { policy: src.policy, versions: src.versions },
  );
}

// Deprecated and removed APIs (Pluto's table, Kubernetes component only kept as-is with the others).
{
  const src = yaml.load(readFileSync(join(shared, 'k8s-apis/pluto-versions.yaml'), 'utf8'));
  const strip = (v) => (v ? String(v).replace(/^v/, '').split('.').slice(0, 2).join('.') : null);
  const apis = src['deprecated-versions'].map((d) => ({
    apiVersion: d.version,
    kind: d.kind,
    deprecatedIn: strip(d['deprecated-in']),
    removedIn: strip(d['removed-in']),
    replacement: d['replacement-api'] || null,
    replacementAvailableIn: strip(d['replacement-available-in']),
    component: d.component,
  }));
  write(
    'deprecated-apis.json',
    {
      source: 'FairwindsOps/pluto versions.yaml (commit 46b3b711d10fe8596b2458ec555ec38f2d577ee2)',
      date: '2026-03-02',
      notes: [
        'Versions are Kubernetes minors ("1.22"); removedIn null means deprecated only.',
        'component k8s rows are compared with the Kubernetes target; cert-manager and istio rows are kept for reference.',
      ],
    },
    apis,
  );
}

// Cloud equivalences, load-balancer annotations, private-cluster endpoints: hand-assembled tables kept whole.
write(
  'cloud-equivalence.json',
  {
    source: 'hand-assembled from vendor documentation; each entry names its sources',
    date: '2026-08-21',
    notes: ['Access modes of CSI drivers are guidance, not verified line by line.'],
  },
  readJson('cloud-equivalence.json'),
);
write(
  'lb-annotations.json',
  {
    source: 'kubernetes-sigs/aws-load-balancer-controller docs/guide/service/annotations.md (61e7ad70) and docs/guide/ingress/annotations.md (fc2061fd), repo HEAD 225f4456',
    date: '2026-08-17',
    notes: [],
  },
  readJson('lb-annotations.json'),
);
write(
  'private-cluster-endpoints.json',
  {
    source: 'awsdocs/amazon-eks-user-guide latest/ug/clusters/private-clusters.adoc (commit 101184ecc138f7f661b484f2cabac7022b726a6b); kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md',
    date: '2026-08-21',
    notes: [],
  },
  readJson('private-cluster-endpoints.json'),
);
