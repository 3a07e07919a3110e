import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../assess.js';
import type { AssessResult, ChecklistItem, Finding, ResourceRef } from '../model/types.js';
import { loadInventory } from '../sources/index.js';
import { buildChecklist, countOf, nameList } from './checklist.js';
import type { Plan } from './types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOW = new Date('2026-12-01T00:00:00Z');

async function assessed(input: string): Promise<AssessResult> {
  const inventory = await loadInventory([input], { cwd: ROOT });
  return assess(inventory, { targetVersion: '1.34', now: NOW });
}

/** Steps as "title" then "- line" rows: the checklist as a reader sees it. */
function rows(items: readonly ChecklistItem[]): string[] {
  return items.flatMap((item) => [`${item.step}: ${item.title}`, ...item.lines.map((l) => `- ${l.text}`)]);
}

/** Every line points at findings the assessment holds (same rule, same object). */
function expectBacked(result: AssessResult, items: readonly ChecklistItem[]): void {
  const key = (ruleId: string, r: ResourceRef) =>
    [ruleId, r.apiVersion, r.kind, r.namespace ?? '', r.name].join(' ');
  const keys = new Set(result.findings.map((f) => key(f.ruleId, f.resource)));
  for (const item of items) {
    for (const line of item.lines) {
      expect(line.findings.length, `${item.step}: ${line.text}`).toBeGreaterThan(0);
      for (const ref of line.findings)
        expect(keys.has(key(ref.ruleId, ref.resource)), key(ref.ruleId, ref.resource)).toBe(true);
    }
  }
}

describe('buildChecklist on the bundled example (examples/gke-shop)', () => {
  let result: AssessResult;
  beforeAll(async () => {
    result = await assessed('examples/gke-shop');
  });

  it('lists what to do, in the order of a move, from the findings alone', () => {
    expect(rows(buildChecklist(result))).toEqual([
      'blockers: Fix 6 blockers first',
      '- Replace 3 StorageClasses whose provisioner EKS does not run: StorageClass standard-rwo, pd-balanced-retain and filestore-shared',
      '- Rewrite 3 objects written in removed API versions: CronJob data/postgres-backup, Ingress shop/legacy-domain and HorizontalPodAutoscaler shop/storefront',
      'addons: Install 7 add-ons',
      '- aws-ebs-csi-driver (EKS add-on): for 2 StorageClasses',
      '- aws-efs-csi-driver (EKS add-on): for 1 StorageClass',
      '- eks-pod-identity-agent (EKS add-on): for 5 ServiceAccounts',
      '- vpc-cni (EKS add-on): for 2 NetworkPolicies, network policy agent on (enableNetworkPolicy: true)',
      '- aws-load-balancer-controller (Helm chart): for 1 LoadBalancer Service, 2 Ingresses',
      '- metrics-server (EKS add-on): for 2 HorizontalPodAutoscalers',
      '- keda (Helm chart): for 1 HorizontalPodAutoscaler, custom or external metrics (or prometheus-adapter)',
      '- Bring or replace 2 platform add-ons the applications rely on: fluent-bit (log shipping) and prometheus (monitoring)',
      'access-entries: Create 3 access entries',
      '- group platform-admins@acme.example → AmazonEKSClusterAdminPolicy (cluster), from ClusterRoleBinding/platform-admins',
      '- group shop-developers@acme.example → AmazonEKSEditPolicy (namespace shop), from RoleBinding/shop/shop-developers',
      '- user github-deployer@acme-prod.iam.gserviceaccount.com → AmazonEKSEditPolicy (namespace shop), from RoleBinding/shop/ci-deployer',
      'iam-roles: Create 5 IAM roles for service accounts',
      '- data/postgres-backup: Pod Identity (replaces iam.gke.io/gcp-service-account=postgres-backup@acme-prod.iam.gserviceaccount.com)',
      '- payments/payments-api: Pod Identity (replaces iam.gke.io/gcp-service-account=payments-api@acme-prod.iam.gserviceaccount.com)',
      '- platform/fluent-bit: Pod Identity (replaces iam.gke.io/gcp-service-account=log-writer@acme-prod.iam.gserviceaccount.com)',
      '- shop/catalog-api: Pod Identity (replaces iam.gke.io/gcp-service-account=catalog-api@acme-prod.iam.gserviceaccount.com)',
      '- shop/order-worker: Pod Identity (replaces iam.gke.io/gcp-service-account=order-worker@acme-prod.iam.gserviceaccount.com)',
      'crds: Install CRDs and operators first',
      '- CRD featureflags.platform.acme.example and the operator or chart that owns it (1 custom resource depends on it)',
      '- Replace 3 GKE Ingress custom resources (BackendConfig, FrontendConfig and ManagedCertificate) with their EKS counterparts',
      'images: Copy 13 images from 4 registries to Amazon ECR',
      '- gcr.io: 3 images, copy them (the registry goes away)',
      '- docker.io: 4 images, copy them or serve them through an ECR pull-through cache',
      '- quay.io: 2 images, copy them or serve them through an ECR pull-through cache',
      '- europe-west1-docker.pkg.dev: 4 images, copy them (the registry goes away)',
      'certificates: Request ACM certificates for 2 names',
      '- shop.acme.example and www.acme.example (replaces ManagedCertificate shop/shop-acme-example)',
      'secrets: Recreate 4 Secrets (from your secret store; kube2eks never reads the values)',
      '- data/postgres-credentials, payments/payments-api-keys, shop/catalog-db and shop/artifact-registry-pull',
      'data: Copy 1274 GiB of persistent data (3 volumes)',
      '- 200 GiB in 1 volume of class pd-balanced-retain → EBS: StatefulSet data/postgres',
      '- 50 GiB in 1 volume of the default class → EBS: PersistentVolumeClaim platform/prometheus-data',
      '- 1024 GiB in 1 volume of class filestore-shared → EFS: PersistentVolumeClaim shop/product-media',
      'dns: Move 2 DNS names and the records of 1 Service to the new load balancers at cutover',
      '- Records pointing at Service payments/partner-gateway (10.132.0.50) → its Network Load Balancer',
      '- shop.acme.example → the ALB of Ingress shop/shop',
      '- acme-shop.example → the ALB of Ingress shop/legacy-domain',
    ]);
  });

  it('backs every line with findings of the assessment', () => {
    expectBacked(result, buildChecklist(result));
  });

  it('is what assess returns', () => {
    expect(result.checklist).toEqual(buildChecklist(result));
  });

  it('backs a plan add-on that replaces a platform add-on with that add-on finding', () => {
    const plan = planOf({
      addons: [
        {
          name: 'amazon-cloudwatch-observability',
          installedBy: 'eks-addon',
          version: 'default',
          why: 'the source ships logs with fluent-bit: Fluent Bit to CloudWatch Logs',
        },
      ],
      identities: [],
      accessEntries: [],
      storageClasses: [],
    });
    const addons = buildChecklist(result, plan).find((i) => i.step === 'addons');
    expect(
      addons?.lines[0]?.findings.map((f) => `${f.ruleId} ${f.resource.kind} ${f.resource.name}`),
    ).toEqual(['addon/platform DaemonSet fluent-bit']);
  });

  it('points each line at the findings it stands for', () => {
    const images = buildChecklist(result).find((i) => i.step === 'images');
    expect(
      images?.lines[0]?.findings.map((f) => `${f.ruleId} ${f.resource.kind} ${f.resource.name}`),
    ).toEqual([
      'image/registry CronJob postgres-backup',
      'image/registry Deployment flag-operator',
      'image/registry Deployment cart-api',
    ]);
    const data = buildChecklist(result).find((i) => i.step === 'data');
    expect(data?.lines[0]?.findings.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual([
      'storage/pv-data postgres',
      'storage/provisioner pd-balanced-retain',
    ]);
  });
});

describe('buildChecklist on an AKS application (test/fixtures/inputs/aks-orders)', () => {
  let result: AssessResult;
  beforeAll(async () => {
    result = await assessed('test/fixtures/inputs/aks-orders');
  });

  it('lists add-ons, access, identities, the CRD, images, TLS names, data and DNS, each backed by findings', () => {
    const items = buildChecklist(result);
    expect(rows(items)).toEqual([
      'blockers: Fix 2 blockers first',
      '- Replace 2 StorageClasses whose provisioner EKS does not run: StorageClass managed-premium and azurefile',
      'addons: Install 4 add-ons',
      '- aws-ebs-csi-driver (EKS add-on): for 1 StorageClass',
      '- aws-efs-csi-driver (EKS add-on): for 1 StorageClass',
      '- aws-load-balancer-controller (Helm chart): for 1 LoadBalancer Service, 1 Ingress',
      '- eks-pod-identity-agent (EKS add-on): for 1 ServiceAccount, 1 Deployment',
      'access-entries: Create 1 access entry',
      '- group 5f1c2a8e-0d3b-4c44-9a77-2b9d1e0c6f10 → AmazonEKSViewPolicy (namespace orders), from RoleBinding/orders/orders-team',
      'iam-roles: Create 1 IAM role for service accounts',
      '- orders/orders-api: Pod Identity (replaces azure.workload.identity/client-id=0b6a7c1e-4d2f-4a9b-8e3c-5f6a7b8c9d0e; azure.workload.identity/use=true)',
      'crds: Install CRDs and operators first',
      '- CRD queues.messaging.acme.example and the operator or chart that owns it (1 custom resource depends on it)',
      'images: Copy 2 images from 2 registries to Amazon ECR',
      '- docker.io: 1 image, copy it or serve it through an ECR pull-through cache',
      '- acmeprod.azurecr.io: 1 image, copy it (the registry goes away)',
      'certificates: Request ACM certificates for 1 name',
      '- orders.acme.example (TLS of Ingress orders/orders, from Secret orders-tls)',
      'secrets: Recreate 1 Secret (from your secret store; kube2eks never reads the values)',
      '- orders/orders-tls',
      'data: Copy 120 GiB of persistent data (2 volumes)',
      '- 100 GiB in 1 volume of class managed-premium → EBS: StatefulSet billing/billing-db',
      '- 20 GiB in 1 volume of class azurefile → EFS: PersistentVolumeClaim billing/invoices',
      'dns: Move 1 DNS name and the records of 1 Service to the new load balancers at cutover',
      '- Records pointing at Service billing/billing-api → its Network Load Balancer',
      '- orders.acme.example → the ALB of Ingress orders/orders',
    ]);
    expectBacked(result, items);
    expect(JSON.stringify(items)).not.toContain('bm90LXByaW50ZWQ');
  });

  it('takes add-on versions, roles, access entries and classes from a plan, pointing at its entries', () => {
    const plan = planOf({
      addons: [
        { name: 'vpc-cni', installedBy: 'eks-addon', version: 'v1.20.4-eksbuild.1', why: 'pod networking' },
        {
          name: 'aws-ebs-csi-driver',
          installedBy: 'eks-addon',
          version: 'v1.48.0-eksbuild.1',
          why: 'gp3 volumes',
        },
      ],
      identities: [
        {
          namespace: 'orders',
          serviceAccount: 'orders-api',
          mechanism: 'pod-identity',
          from: 'azure.workload.identity/client-id=0b6a7c1e-4d2f-4a9b-8e3c-5f6a7b8c9d0e',
          policyHints: [],
          roleName: 'orders-orders-api',
        },
      ],
      accessEntries: [
        {
          principalArn: 'arn:aws:iam::<account>:role/<orders-team>',
          kubernetesGroups: [],
          policies: [{ policy: 'AmazonEKSViewPolicy', scope: 'namespace', namespaces: ['orders'] }],
          from: 'RoleBinding/orders/orders-team (group 5f1c2a8e-0d3b-4c44-9a77-2b9d1e0c6f10)',
        },
      ],
      storageClasses: [
        {
          from: 'managed-premium',
          to: 'gp3',
          provisioner: 'ebs.csi.aws.com',
          claims: 1,
          why: 'Azure Disk → EBS',
        },
        { from: '*', to: 'efs-sc', provisioner: 'efs.csi.aws.com', claims: 1, why: 'shared files' },
      ],
    });
    const items = buildChecklist(result, plan);
    const step = (name: string) => items.find((i) => i.step === name)?.lines ?? [];
    expect(step('addons').map((l) => [l.text, l.plan, l.findings.length])).toEqual([
      ['vpc-cni v1.20.4-eksbuild.1 (EKS add-on): pod networking', ['/addons/0'], 0],
      ['aws-ebs-csi-driver v1.48.0-eksbuild.1 (EKS add-on): gp3 volumes', ['/addons/1'], 1],
      // Needs the findings show that the plan does not list stay on the checklist.
      ['aws-efs-csi-driver (EKS add-on): for 1 StorageClass', undefined, 1],
      ['aws-load-balancer-controller (Helm chart): for 1 LoadBalancer Service, 1 Ingress', undefined, 2],
      ['eks-pod-identity-agent (EKS add-on): for 1 ServiceAccount, 1 Deployment', undefined, 2],
    ]);
    expect(step('iam-roles').map((l) => [l.text, l.plan, l.findings.length])).toEqual([
      [
        'orders/orders-api: Pod Identity role orders-orders-api (replaces azure.workload.identity/client-id=0b6a7c1e-4d2f-4a9b-8e3c-5f6a7b8c9d0e)',
        ['/identities/0'],
        2,
      ],
    ]);
    expect(step('access-entries').map((l) => [l.text, l.plan, l.findings.length])).toEqual([
      [
        'arn:aws:iam::<account>:role/<orders-team> → AmazonEKSViewPolicy (namespace orders) (from RoleBinding/orders/orders-team (group 5f1c2a8e-0d3b-4c44-9a77-2b9d1e0c6f10))',
        ['/accessEntries/0'],
        1,
      ],
    ]);
    expect(step('data').map((l) => [l.text, l.plan])).toEqual([
      [
        '100 GiB in 1 volume of class managed-premium → class gp3: StatefulSet billing/billing-db',
        ['/storageClasses/0'],
      ],
      [
        '20 GiB in 1 volume of class azurefile → class efs-sc: PersistentVolumeClaim billing/invoices',
        ['/storageClasses/1'],
      ],
    ]);
    // Every line rests on findings or on a plan entry.
    for (const item of items)
      for (const l of item.lines) expect(l.findings.length + (l.plan?.length ?? 0)).toBeGreaterThan(0);
  });
});

describe('buildChecklist on small results', () => {
  it('is empty when nothing needs doing, and names unreadable documents among the blockers', () => {
    const empty: AssessResult = {
      schemaVersion: 1,
      tool: { name: 'kube2eks', version: '0' },
      target: { eksVersion: '1.34' },
      source: { provider: 'unknown', evidence: [] },
      summary: { objects: 0, blocker: 0, warning: 0, info: 0, errors: 0 },
      findings: [],
      errors: [],
      notes: [],
    };
    expect(buildChecklist(empty)).toEqual([]);
    const broken = { ...empty, errors: [{ file: 'k8s/bad.yaml', line: 3, message: 'bad indentation' }] };
    expect(buildChecklist(broken)).toEqual([
      {
        step: 'blockers',
        title: 'Fix 1 blocker first',
        lines: [
          {
            text: 'Fix 1 document that could not be read: k8s/bad.yaml',
            findings: [],
            files: ['k8s/bad.yaml'],
          },
        ],
      },
    ]);
  });

  it('makes one access entry per principal, however many bindings name it', () => {
    const binding = (name: string, namespace: string | undefined, policy: string): Finding => ({
      ruleId: 'rbac/identity-binding',
      category: 'rbac',
      severity: 'warning',
      resource: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: namespace ? 'RoleBinding' : 'ClusterRoleBinding',
        ...(namespace ? { namespace } : {}),
        name,
      },
      message: 'm',
      explanation: 'e',
      remediation: 'r',
      docsUrl: 'https://example/rbac.md',
      location: {},
      fixable: false,
      data: {
        accessEntries: [
          {
            principal: 'group:ops@acme.example',
            policy,
            scope: namespace ? { type: 'namespace', namespaces: [namespace] } : { type: 'cluster' },
          },
        ],
      },
    });
    const result: AssessResult = {
      schemaVersion: 1,
      tool: { name: 'kube2eks', version: '0' },
      target: { eksVersion: '1.34' },
      source: { provider: 'unknown', evidence: [] },
      summary: { objects: 3, blocker: 0, warning: 3, info: 0, errors: 0 },
      findings: [
        binding('ops-view', undefined, 'AmazonEKSViewPolicy'),
        binding('ops-edit', 'shop', 'AmazonEKSEditPolicy'),
        binding('ops-custom', undefined, 'kubernetes-group:ops@acme.example'),
      ],
      errors: [],
      notes: [],
    };
    const [step] = buildChecklist(result);
    expect(step?.title).toBe('Create 1 access entry');
    expect(step?.lines.map((l) => [l.text, l.findings.length])).toEqual([
      [
        'group ops@acme.example → AmazonEKSViewPolicy (cluster), AmazonEKSEditPolicy (namespace shop) and Kubernetes group ops@acme.example (the binding applies as written), from 3 bindings (ClusterRoleBinding/ops-view, RoleBinding/shop/ops-edit and ClusterRoleBinding/ops-custom)',
        3,
      ],
    ]);
  });

  it('words counts and lists', () => {
    expect([
      countOf(1, 'Ingress'),
      countOf(2, 'Ingress'),
      countOf(3, 'NetworkPolicy'),
      countOf(2, 'image'),
    ]).toEqual(['1 Ingress', '2 Ingresses', '3 NetworkPolicies', '2 images']);
    expect(nameList(['a'])).toBe('a');
    expect(nameList(['a', 'b', 'a'])).toBe('a and b');
    expect(nameList(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
});

function planOf(parts: Pick<Plan, 'addons' | 'identities' | 'accessEntries' | 'storageClasses'>): Plan {
  return {
    schemaVersion: 1,
    cluster: {
      name: 'orders',
      version: '1.34',
      region: 'us-east-1',
      endpointAccess: 'public-private',
      azs: ['us-east-1a', 'us-east-1b'],
      amiFamily: 'al2023',
    },
    nodeGroups: [],
    fargateProfiles: [],
    network: {
      vpcCidr: '10.0.0.0/16',
      prefixDelegation: false,
      customNetworking: false,
      podIps: 0,
      warm: {},
      podSecurityGroups: false,
      subnets: [],
    },
    autoscaling: { engine: 'cluster-autoscaler', flags: [], why: '' },
    identityProvider: null,
    vpcEndpoints: [],
    cost: {
      currency: 'USD',
      hoursPerMonth: 730,
      monthly: {
        controlPlane: 73,
        computeOnDemand: 0,
        computeSpot: 0,
        compute: 0,
        fargate: 0,
        storage: 0,
        loadBalancers: 0,
        natGateways: 0,
        vpcEndpoints: 0,
        total: 73,
      },
      computeLowerBound: 0,
      computeToLowerBound: 1,
      assumptions: [],
    },
    sizing: { basis: 'requests', workloadsWithoutRequests: 0, observedSaving: null },
    placements: [],
    reasons: [],
    notes: [],
    ...parts,
  };
}
