import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { samplePlan } from '../../test/support/plan-fixture.js';
import { assess } from '../assess.js';
import type { AssessResult, Finding, Inventory } from '../model/types.js';
import { loadInventory } from '../sources/index.js';
import { imageArtifacts } from './images.js';
import { generate } from './index.js';
import type { Artifact } from './types.js';
import { classMapping } from './velero.js';

const ROOT = join(import.meta.dirname, '../..');
const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

let inventory: Inventory;
let result: AssessResult;
let kit: Map<string, string>;
beforeAll(async () => {
  inventory = await loadInventory(['examples/gke-shop'], { cwd: ROOT });
  result = assess(inventory, { now: new Date('2026-12-03T00:00:00Z'), targetVersion: '1.33' });
  const files = [...new Set(inventory.objects.map((o) => o.location.file!))];
  const artifacts = generate(samplePlan(), inventory, result.findings, {
    sources: files.map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') })),
    registry: REGISTRY,
    toolVersion: '0.1.0',
    extraArtifacts: [{ path: 'report.html', content: '<html></html>\n' }],
  });
  kit = new Map(artifacts.map((a: Artifact) => [a.path, a.content]));
});

function bashSyntaxOk(text: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-sh-'));
  try {
    writeFileSync(join(dir, 'x.sh'), text);
    execFileSync('bash', ['-n', join(dir, 'x.sh')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the kit of the bundled example', () => {
  it('has every part, sorted, with the extra artifact', () => {
    const top = [...new Set([...kit.keys()].map((p) => p.split('/')[0]))];
    expect(top).toEqual([
      'RUNBOOK.md',
      'autoscaler',
      'eksctl',
      'images',
      'manifests',
      'plan.json',
      'platform',
      'report.html',
      'velero',
    ]);
    expect(JSON.parse(kit.get('plan.json')!)).toEqual(samplePlan());
  });

  it('images: one row and one copy per image, repositories named after host and path, digests kept', () => {
    const copy = kit.get('images/copy.sh')!;
    bashSyntaxOk(copy);
    expect(copy).toContain(
      'crane copy docker.io/library/redis:7.2.4-alpine "$REGISTRY"/docker.io/library/redis:7.2.4-alpine',
    );
    expect(copy).toContain(
      'crane copy europe-west1-docker.pkg.dev/acme-prod/shop/storefront:3.8.1 "$REGISTRY"/europe-west1-docker.pkg.dev/acme-prod/shop/storefront:3.8.1',
    );
    const images = new Set(
      result.findings.filter((f) => f.ruleId === 'image/registry').map((f) => f.data?.image),
    );
    expect(copy.match(/^crane copy /gm)).toHaveLength(images.size);
    const pull = kit.get('images/pull-through-cache.sh')!;
    bashSyntaxOk(pull);
    expect(pull.match(/--ecr-repository-prefix (\S+)/g)).toEqual([
      '--ecr-repository-prefix docker.io',
      '--ecr-repository-prefix quay.io',
    ]);
    expect(kit.get('images/ecr-repositories.tf')).toContain('"quay.io/prometheus/prometheus",');
  });

  it('skopeo copies every platform with the digests', () => {
    const findings = result.findings;
    const copy = imageArtifacts(findings, samplePlan(), 'skopeo', REGISTRY).find(
      (a) => a.path === 'images/copy.sh',
    )!;
    expect(copy.content).toContain(
      'skopeo copy --all --preserve-digests docker://quay.io/prometheus/prometheus:v2.51.2 docker://"$REGISTRY"/quay.io/prometheus/prometheus:v2.51.2',
    );
  });

  it('velero: storage-class mapping per real source class, with the labels Velero looks for', () => {
    const cm = parse(kit.get('velero/storage-class-mapping.yaml')!);
    expect(cm.metadata.labels).toEqual({
      'velero.io/plugin-config': '',
      'velero.io/change-storage-class': 'RestoreItemAction',
    });
    expect(cm.data).toEqual({
      'filestore-shared': 'efs',
      'pd-balanced-retain': 'gp3-retain',
      'standard-rwo': 'gp3',
    });
    for (const script of ['install.sh', 'backup.sh', 'restore.sh'])
      bashSyntaxOk(kit.get(`velero/${script}`)!);
    const restore = kit.get('velero/restore.sh')!;
    // Classes first, stateful namespaces last.
    expect(restore.indexOf('platform/storageclasses.yaml')).toBeLessThan(
      restore.indexOf('kube2eks-data-data'),
    );
    expect(restore).toContain('--from-backup kube2eks-payments --include-resources namespaces,secrets');
    // Only namespaces, Secrets, claims and data: every restore names what it brings, no workload kind.
    const restores = restore.split('\n').filter((l) => l.startsWith('velero restore create'));
    expect(restores.length).toBeGreaterThan(1);
    for (const line of restores) {
      const kinds = /--include-resources (\S+)/.exec(line)![1]!.split(',');
      expect(
        kinds.filter(
          (k) =>
            ![
              'namespaces',
              'secrets',
              'persistentvolumeclaims',
              'pods',
              'configmaps',
              'serviceaccounts',
            ].includes(k),
        ),
      ).toEqual([]);
    }
    expect(restore).toContain(
      '--from-backup kube2eks-data --include-resources namespaces,persistentvolumeclaims,pods,configmaps,serviceaccounts,secrets --wait',
    );
    // The pods that carried the data go once the restore completed; manifests/ starts the workloads.
    expect(restore.indexOf("grep -qE '^Phase: +Completed'")).toBeLessThan(
      restore.indexOf('k -n data delete pods --all --wait'),
    );
    expect(kit.get('RUNBOOK.md')).toContain(
      'Velero restores only namespaces, Secrets, claims and their data',
    );
    expect(kit.get('velero/backup.sh')).toContain(
      '--include-namespaces data --default-volumes-to-fs-backup --wait',
    );
  });

  it('velero expands a wildcard class to each real source class', () => {
    const plan = samplePlan({
      storageClasses: [{ from: '*', to: 'gp3', provisioner: 'ebs.csi.aws.com', claims: 3, why: 'all' }],
    });
    expect(classMapping(plan, inventory)).toEqual({
      'filestore-shared': 'gp3',
      'pd-balanced-retain': 'gp3',
      'standard-rwo': 'gp3',
    });
  });

  it('platform/: the plan’s classes (one default), IngressClass alb, Helm values', () => {
    const classes = kit
      .get('platform/storageclasses.yaml')!
      .split(/^---$/m)
      .map((d) => parse(d));
    expect(
      classes.map((c) => [
        c.metadata.name,
        c.provisioner,
        c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] ?? '',
      ]),
    ).toEqual([
      ['efs', 'efs.csi.aws.com', ''],
      ['gp3', 'ebs.csi.aws.com', 'true'],
      ['gp3-retain', 'ebs.csi.aws.com', ''],
    ]);
    expect(parse(kit.get('platform/ingressclass.yaml')!).spec.controller).toBe('ingress.k8s.aws/alb');
    expect(parse(kit.get('platform/helm/aws-load-balancer-controller.values.yaml')!)).toMatchObject({
      clusterName: 'shop-eks',
      region: 'eu-west-1',
    });
  });

  it('RUNBOOK.md: the three phases with this cluster’s commands, in order, and every left-out object', () => {
    const book = kit.get('RUNBOOK.md')!;
    const order = [
      '## Phase 1',
      'eksctl create cluster -f eksctl/cluster.yaml',
      'helm upgrade --install aws-load-balancer-controller',
      'kubectl --context shop-eks apply -f platform/storageclasses.yaml',
      'bash images/copy.sh',
      'kube2eks verify --preflight --target context:shop-eks --plan plan.json',
      'bash velero/backup.sh',
      '### Wave 1',
      '### Wave 2: namespaces without persistent data (payments)',
      '### Wave 3: namespaces with persistent data (data, platform, shop), after their data is restored',
      '### DNS cutover',
      'kube2eks verify --source',
      '### Rollback',
      '## After the cutover: cost',
      '## Objects not in manifests/',
    ];
    const at = order.map((s) => book.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(book).toContain('`shop.acme.example`');
    expect(book).toContain('| `ManagedCertificate shop/shop-acme-example` |');
    expect(book).toContain('| `Secret payments/payments-api-keys` |');
    // The removed-API fix is done, not listed as to-do.
    expect(book).toContain('- api/removed: 3 objects');
    expect(book).not.toMatch(/\*\*blocker api\/removed\*\*/);
    expect(book).toContain('`report.html`');
  });

  it('writes no Secret value in any file', () => {
    for (const [path, content] of kit) {
      expect(content.includes('example-postgres-password-not-real'), path).toBe(false);
      expect(content.includes('example-catalog-password-not-real'), path).toBe(false);
    }
  });
});

describe('add-on versions as the plan writes them', () => {
  it('`default` leaves the version to EKS; an application version is no Helm chart version; autoscaler/ owns the autoscaler', () => {
    const base = samplePlan();
    const plan = samplePlan({
      addons: [
        ...base.addons.map((a) => (a.name === 'aws-efs-csi-driver' ? { ...a, version: 'default' } : a)),
        { name: 'cluster-autoscaler', installedBy: 'helm', version: 'v1.35.x', why: 'node autoscaling' },
      ],
    });
    const files = new Map(
      generate(plan, inventory, result.findings, { iac: 'both' }).map((a) => [a.path, a.content]),
    );
    const config = parse(files.get('eksctl/cluster.yaml')!);
    expect(config.addons.find((a: { name: string }) => a.name === 'aws-efs-csi-driver')).toEqual({
      name: 'aws-efs-csi-driver',
      useDefaultPodIdentityAssociations: true,
    });
    expect(files.get('terraform/main.tf')).not.toContain('"default"');
    expect(files.has('platform/helm/cluster-autoscaler.values.yaml')).toBe(false);
    const book = files.get('RUNBOOK.md')!;
    expect(book).not.toContain('--version v1.35.x');
    expect(book.match(/helm upgrade --install cluster-autoscaler/g)).toHaveLength(1);
    expect(book).toContain('aws-load-balancer-controller --version 1.14.0');
  });
});

describe('a private endpoint', () => {
  it('the runbook says where the cluster commands must run; a public one says nothing', () => {
    const base = samplePlan();
    const bookOf = (endpointAccess: 'private' | 'public-private') =>
      new Map(
        generate(
          samplePlan({ cluster: { ...base.cluster, endpointAccess } }),
          inventory,
          result.findings,
          {},
        ).map((a) => [a.path, a.content]),
      ).get('RUNBOOK.md')!;
    const line = 'The API endpoint is private: creating the cluster works from anywhere';
    const book = bookOf('private');
    expect(book).toContain(line);
    expect(book.indexOf(line)).toBeGreaterThan(book.indexOf('eksctl create cluster'));
    expect(book.indexOf(line)).toBeLessThan(book.indexOf('### 2. Add-ons'));
    expect(bookOf('public-private')).not.toContain(line);
  });
});

describe('--iac', () => {
  it('terraform writes terraform/ instead of eksctl/, both writes both', () => {
    const paths = (iac: 'terraform' | 'both') =>
      generate(samplePlan(), inventory, result.findings, { iac }).map((a) => a.path.split('/')[0]);
    expect(paths('terraform')).toContain('terraform');
    expect(paths('terraform')).not.toContain('eksctl');
    expect(paths('both')).toEqual(expect.arrayContaining(['terraform', 'eksctl']));
  });
});

describe('image repositories', () => {
  it('never collide across registries', () => {
    const finding = (image: string, registry: string, repository: string): Finding => ({
      ruleId: 'image/registry',
      category: 'image-registry',
      severity: 'info',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'a', name: image },
      message: '',
      explanation: '',
      remediation: '',
      docsUrl: '',
      location: {},
      fixable: false,
      data: {
        image,
        registry,
        repository,
        tag: '7',
        registryId: registry,
        pullThroughCache: true,
        normalized: `${registry}/${repository}:7`,
      },
    });
    const [table] = imageArtifacts(
      [finding('redis:7', 'docker.io', 'library/redis'), finding('quay.io/x/redis:7', 'quay.io', 'x/redis')],
      samplePlan(),
      'crane',
      REGISTRY,
    );
    expect(table!.content).toContain(`\`${REGISTRY}/docker.io/library/redis:7\``);
    expect(table!.content).toContain(`\`${REGISTRY}/quay.io/x/redis:7\``);
  });
});
