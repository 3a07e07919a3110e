#!/usr/bin/env node
// Rebuilds data/ from the reference facts in ../shared/data (or $KUBE2EKS_SHARED_DATA).
// Re-runnable, never run by tests: the shipped data/ is what the product and tests read.
// Every table is written as { "provenance": {...}, "data": ... } so its source and date stay beside it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
// Large keyed tables: one record per line keeps the file small and its diffs readable.
const writeCompactTable = (name, provenance, data) => {
  const rows = Object.entries(data).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  const text = `{\n "provenance": ${JSON.stringify(provenance, null, 1).replace(/\n/g, '\n ')},\n "data": {\n${rows.join(',\n')}\n }\n}\n`;
  JSON.parse(text);
  writeFileSync(join(out, name), text);
  console.log(`wrote data/${name}`);
};

// EKS version calendar.
{
  const src = readJson('eks-versions.json');
  write(
    'eks-versions.json',
    {
      source:
        'awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc (commit 013856044148d6eeed4723027a45aa2180536bcb) and earlier commits per row; 1.35 from endoflife.date (third party)',
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
    source:
      'kubernetes-sigs/aws-load-balancer-controller docs/guide/service/annotations.md (61e7ad70) and docs/guide/ingress/annotations.md (fc2061fd), repo HEAD 225f4456',
    date: '2026-08-17',
    notes: [],
  },
  readJson('lb-annotations.json'),
);
write(
  'private-cluster-endpoints.json',
  {
    source:
      'awsdocs/amazon-eks-user-guide latest/ug/clusters/private-clusters.adoc (commit 101184ecc138f7f661b484f2cabac7022b726a6b); kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md',
    date: '2026-08-21',
    notes: [],
  },
  readJson('private-cluster-endpoints.json'),
);

// ---------------------------------------------------------------------------------------------------------
// Instance types: only the fields the product reads, one line per type, null fields left out.
// The us-east-1 price is not stored here: the loader takes it from prices-on-demand.json so the two agree.
{
  const src = readJson('instance-types.json');
  const fields = [
    'vcpu',
    'memoryMiB',
    'architecture',
    'defaultCardMaxEnis',
    'ipv4PerEni',
    'maxEnis',
    'networkCards',
    'hypervisor',
    'bareMetal',
    'trunkingCompatible',
    'branchEnis',
    'currentGeneration',
    'gpuCount',
    'gpuName',
    'gpuManufacturer',
    'gpuMemoryMiB',
  ];
  const data = {};
  for (const t of [...src].sort((a, b) => a.instanceType.localeCompare(b.instanceType))) {
    const row = {};
    for (const f of fields) {
      const v = t[f];
      if (v === null || v === undefined) continue;
      if (f === 'gpuCount' && v === 0) continue;
      row[f] = v;
    }
    data[t.instanceType] = row;
  }
  // Cross-check the max-pods formula against the official table before writing anything.
  const official = readFileSync(join(shared, 'vpc-cni/eni-max-pods.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.trim().split(/\s+/));
  for (const [type, value] of official) {
    const t = data[type];
    if (!t || t.defaultCardMaxEnis * (t.ipv4PerEni - 1) + 2 !== Number(value)) {
      throw new Error(`instance type ${type}: formula does not give the official ${value}`);
    }
  }
  writeCompactTable(
    'instance-types.json',
    {
      source:
        'merge of aws/amazon-vpc-cni-k8s pkg/vpc/vpc_ip_resource_limit.go (6152e01c, 2026-08-11), aws/karpenter-provider-aws zz_generated.vpclimits.go (7f27b4e8, 2026-08-18) and website instance-types.md (692ccdd0, v1.14.0), kubernetes/autoscaler ec2_instance_types.go (e964265b, 2026-01-22), awslabs/amazon-eks-ami nodeadm instance-info.jsonl (4d63a3bc, 2026-07-01), ManageIQ aws_instance_types.yml (70095d16, 2026-04-19)',
      date: '2026-08-21',
      notes: [
        `${Object.keys(data).length} instance types; fields left out are unknown (null).`,
        'defaultCardMaxEnis = ENIs on the default network card (what max pods uses); maxEnis = ENIs across all cards.',
        "hypervisor 'unknown' = the API reports none (bare metal); branchEnis = vpc.amazonaws.com/pod-eni capacity (VPC resource controller limits).",
        'vcpu/memoryMiB from the Karpenter docs, else cluster-autoscaler, else ManageIQ; 34 types lack them (e.g. *-flex, c7i.32xlarge).',
        '20 types lack ENI data (old types from the ManageIQ fixture, p6e-gb200.36xlarge, u-*tb1.112xlarge): max pods is unknown for them.',
        'currentGeneration is from the ManageIQ fixture only (null for 200 types).',
        `Checked at build time: ENIs x (IPv4 per ENI - 1) + 2 equals aws/amazon-vpc-cni-k8s misc/eni-max-pods.txt (6152e01c) for all ${official.length} types.`,
      ],
      formula:
        'max pods = ENIs on the default card x (IPv4 per ENI - 1) + 2 (eni-max-pods.txt, AL2023 nodeadm); prefix delegation: ENIs x ((IPv4 per ENI - 1) x 16) + 2 on nitro or bare metal, capped at 110 (<= 30 vCPU) or 250 (max-pods-calculator.sh)',
      exceptions: [
        'max-pods-calculator.sh never applied prefix delegation to bare metal (it checks Hypervisor == nitro only); the VPC CNI allows it.',
        'Multi-card types (e.g. p5.48xlarge: 32 cards) count only the default card for max pods.',
      ],
    },
    data,
  );
}

// On-demand prices per region. us-east-1 is current (Karpenter's generated table); the others are a 2022 snapshot.
{
  const prices = readJson('pricing/prices-on-demand.json');
  const sources = readJson('pricing/prices-on-demand-sources.json');
  const other = sources._otherRegions;
  const data = {};
  const dropped = [];
  for (const region of Object.keys(prices).sort()) {
    const entries = Object.entries(prices[region]).filter(([, usd]) => typeof usd === 'number' && usd > 0);
    if (entries.length === 0) {
      dropped.push(region);
      continue;
    }
    const current = region === 'us-east-1';
    data[region] = {
      date: current ? sources['us-east-1'].generatedAt.slice(0, 10) : other.commitDate.slice(0, 10),
      historical: !current,
      source: current
        ? `${sources['us-east-1'].source}, generated ${sources['us-east-1'].generatedAt} (commit 6fc13b52)`
        : `${other.source} (commit ${other.commit})`,
      usdPerHour: Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))),
    };
  }
  const stale = sources['_stalenessCheck_us-east-1'];
  writeCompactTable(
    'prices-on-demand.json',
    {
      source:
        'us-east-1: aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go (2026-07-20); other regions: vantage-sh/ec2instances.info per-instance pages (2022-07-07)',
      date: '2026-07-20',
      notes: [
        'Linux, shared tenancy, on-demand, USD per hour.',
        'Only us-east-1 is current. Every other region is a historical snapshot from 2022-07-07 (historical: true): types launched since are missing and prices may have changed.',
        `Staleness check on us-east-1: ${stale.typesInBoth} types in both, ${stale.identicalPrice} identical, ${stale.differentPrice} differ (mostly 3-decimal rounding; GPU families cut in 2025, several .metal sizes raised).`,
        `Left out: ${dropped.join(', ')} (the snapshot holds no usable prices for them).`,
        "Run 'kube2eks catalog refresh --region R' to price another region from the AWS Price List API.",
      ],
    },
    data,
  );
}

// Service prices: one record per billed dimension, each with its own date and source.
{
  const items = {
    'eks-control-plane-standard': {
      usd: 0.1,
      unit: 'cluster-hour',
      region: 'all',
      date: '2024-04-01',
      source:
        "AWS Containers blog 'Amazon EKS extended support for Kubernetes versions pricing' (unchanged standard price)",
    },
    'eks-control-plane-extended': {
      usd: 0.6,
      unit: 'cluster-hour',
      region: 'all',
      date: '2024-04-01',
      source:
        "AWS Containers blog 'Amazon EKS extended support for Kubernetes versions pricing' (effective April 2024 billing cycle)",
      note: 'Total per cluster-hour while the version is in extended support (replaces the $0.10).',
    },
    'fargate-linux-x86-vcpu-hour': {
      usd: 0.04048,
      unit: 'vCPU-hour',
      region: 'us-east-1',
      date: '2026-06',
      source:
        'third-party pages quoting the AWS Fargate pricing page: vantage.sh, wring.co (2026-03), factualminds.com (2026-06)',
      note: 'EKS on Fargate runs Linux/x86 only; billed per second with a one-minute minimum.',
    },
    'fargate-linux-x86-gb-hour': {
      usd: 0.004445,
      unit: 'GB-hour',
      region: 'us-east-1',
      date: '2026-06',
      source:
        'third-party pages quoting the AWS Fargate pricing page: vantage.sh, wring.co (2026-03), factualminds.com (2026-06)',
    },
    'fargate-ephemeral-storage-gb-hour': {
      usd: 0.000111,
      unit: 'GB-hour',
      included: 20,
      region: 'us-east-1',
      date: '2026-06',
      source:
        'third-party pages quoting the AWS Fargate pricing page: vantage.sh, wring.co (2026-03), factualminds.com (2026-06)',
      note: 'Charged for ephemeral storage beyond the 20 GB included per pod.',
    },
    'ebs-gp3-gb-month': {
      usd: 0.08,
      unit: 'GB-month',
      region: 'us-east-1',
      date: '2026-04',
      source:
        'third-party pages quoting the AWS EBS pricing page: webuildup.live (2026-04), cloudbolt.io EBS pricing guide',
    },
    'ebs-gp3-iops-month': {
      usd: 0.005,
      unit: 'provisioned IOPS-month',
      included: 3000,
      region: 'us-east-1',
      date: '2026-04',
      source: 'webuildup.live (2026-04) quoting the AWS EBS pricing page',
      note: 'Only IOPS above the 3,000 included. One older page (saisci.com) prints $0.05, which looks like a typo.',
    },
    'ebs-gp3-throughput-mibps-month': {
      usd: 0.04,
      unit: 'provisioned MiB/s-month',
      included: 125,
      region: 'us-east-1',
      date: '2021-01-13',
      source:
        "saisci.com 'gp3 Throughput Explained' (last updated 2021-01-13), cloudbolt.io EBS pricing guide",
      note: 'Only throughput above the 125 MiB/s included.',
    },
    'efs-standard-gb-month': {
      usd: 0.3,
      unit: 'GB-month',
      region: 'us-east-1',
      date: '2026-06-13',
      source:
        'aws.amazon.com/efs/pricing excerpt; factualminds.com EFS pricing article (2026-06-13); cloudburn.io (2026-03-03)',
    },
    'efs-infrequent-access-gb-month': {
      usd: 0.025,
      unit: 'GB-month',
      region: 'us-east-1',
      date: '2026-06-13',
      source: 'factualminds.com EFS pricing article (2026-06-13)',
      note: 'Plus $0.01 per GB read.',
    },
    'efs-archive-gb-month': {
      usd: 0.0036,
      unit: 'GB-month',
      region: 'us-east-1',
      date: '2026-06-13',
      source: 'factualminds.com EFS pricing article (2026-06-13)',
    },
    'efs-elastic-throughput-read-gb': {
      usd: 0.03,
      unit: 'GB read',
      region: 'us-east-1',
      date: '2026-06-13',
      source: 'factualminds.com EFS pricing article (2026-06-13)',
    },
    'efs-elastic-throughput-write-gb': {
      usd: 0.06,
      unit: 'GB written',
      region: 'us-east-1',
      date: '2026-06-13',
      source: 'factualminds.com EFS pricing article (2026-06-13)',
    },
    'alb-hour': {
      usd: 0.0225,
      unit: 'load-balancer-hour',
      region: 'us-east-1',
      date: '2026-05-08',
      source:
        "cloud-horizons.com 'ALB: the line item nobody watches' (2026-05-08); awsnegotiations.com ELB cost guide (2026-05)",
    },
    'alb-lcu-hour': {
      usd: 0.008,
      unit: 'LCU-hour',
      region: 'us-east-1',
      date: '2026-05-08',
      source:
        "cloud-horizons.com 'ALB: the line item nobody watches' (2026-05-08); awsnegotiations.com ELB cost guide (2026-05)",
      note: 'An LCU is the largest of new connections (25/s), active connections (3,000/min), processed bytes (1 GB/h) and rule evaluations (1,000/s).',
    },
    'nlb-hour': {
      usd: 0.0225,
      unit: 'load-balancer-hour',
      region: 'us-east-1',
      date: '2026-05',
      source: 'awsnegotiations.com ELB cost guide (2026-05); clustercost.com NLB pricing guide (2025)',
    },
    'nlb-nlcu-hour': {
      usd: 0.006,
      unit: 'NLCU-hour',
      region: 'us-east-1',
      date: '2026-05',
      source: 'awsnegotiations.com ELB cost guide (2026-05)',
    },
    'clb-hour': {
      usd: 0.025,
      unit: 'load-balancer-hour',
      region: 'us-east-1',
      date: '2026-05',
      source: 'awsnegotiations.com ELB cost guide (2026-05)',
      note: 'What an unannotated type: LoadBalancer Service gets from the in-tree provider.',
    },
    'clb-gb': {
      usd: 0.008,
      unit: 'GB processed',
      region: 'us-east-1',
      date: '2026-05',
      source: 'awsnegotiations.com ELB cost guide (2026-05)',
    },
    'nat-gateway-hour': {
      usd: 0.045,
      unit: 'gateway-hour',
      region: 'us-east-1',
      date: '2026-02-24',
      source: "cloudburn.io 'AWS NAT Gateway Pricing' (2026-02-24); egresscost.com (updated 2026-03)",
      note: 'One NAT gateway per Availability Zone for zonal resilience.',
    },
    'nat-gateway-gb': {
      usd: 0.045,
      unit: 'GB processed',
      region: 'us-east-1',
      date: '2026-02-24',
      source: "cloudburn.io 'AWS NAT Gateway Pricing' (2026-02-24); egresscost.com (updated 2026-03)",
      note: 'On top of data transfer out to the internet.',
    },
    'vpc-endpoint-interface-hour': {
      usd: 0.01,
      unit: 'endpoint-AZ-hour',
      region: 'us-east-1',
      date: '2026-01-29',
      source:
        'aws.amazon.com/privatelink/pricing (billed per endpoint per Availability Zone per hour); cloudcostkit.com VPC Interface Endpoint Cost Calculator (updated 2026-01-29: 4,378 endpoint-hours = $43.78)',
      note: 'Gateway endpoints (S3, DynamoDB) are free.',
    },
    'vpc-endpoint-interface-gb': {
      usd: 0.01,
      unit: 'GB processed',
      region: 'us-east-1',
      date: '2026-01-29',
      source: 'aws.amazon.com/privatelink/pricing (first 1 PB per month in a region)',
      note: '$0.006 per GB for the next 4 PB, $0.004 beyond 5 PB.',
    },
    'ec2-windows-license-vcpu-hour': {
      usd: 0.046,
      unit: 'vCPU-hour',
      region: 'all',
      date: '2026-12-03',
      source:
        "AWS EC2 User Guide, 'Optimize CPUs for License-Included instances', table 'License-included AMI instance billing': Windows Server (RunInstances:0002) $0.046 per vCPU hour (docs.aws.amazon.com/AWSEC2/latest/UserGuide/optimize-cpu.html, read 2026-12-03)",
      note: 'The Windows Server license an on-demand license-included instance pays on top of its Linux price, per vCPU. Burstable (t*) types are billed differently and have no Windows price here.',
    },
  };
  write(
    'service-prices.json',
    {
      source:
        'AWS Containers blog (EKS) and third-party pages quoting AWS pricing pages; each item names its source and date',
      date: '2026-06-13',
      notes: [
        'USD; us-east-1 unless region says otherwise. Third-party figures: check the AWS pricing page before relying on them.',
        'FSx (Lustre, OpenZFS, ONTAP, Windows) is left out: no dated source was found; plans leave it out of totals with an assumption line.',
        'Fargate Linux/Arm is left out: EKS on Fargate runs Linux/x86 only.',
        'Prices for other regions were not found; plans outside us-east-1 say so.',
      ],
    },
    items,
  );
}

// The official max-pods table, copied for the test that compares the formula with it.
{
  const target = join(root, 'test', 'data');
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'eni-max-pods.txt'), readFileSync(join(shared, 'vpc-cni/eni-max-pods.txt')));
  console.log('wrote test/data/eni-max-pods.txt');
}
