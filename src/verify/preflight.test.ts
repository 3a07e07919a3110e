import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { samplePlan } from '../../test/support/plan-fixture.js';
import { runCli } from '../../test/support/run-cli.js';
import { refOf } from '../model/kinds.js';
import type { Inventory, KubeObject } from '../model/types.js';
import { preflight } from './preflight.js';

function inventory(objects: KubeObject[]): Inventory {
  return {
    objects: objects.map((object) => ({
      object,
      ref: refOf(object),
      location: { cluster: 'eks' },
      origin: 'cluster',
    })),
    errors: [],
    notes: [],
    cluster: { nodes: [], forbidden: [] },
  };
}

const sc = (name: string, provisioner: string, isDefault = false): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name,
    ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}),
  },
  provisioner,
});
const workload = (kind: string, name: string, ready: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name, namespace: 'kube-system' },
  status: kind === 'DaemonSet' ? { numberReady: ready } : { readyReplicas: ready },
});
const crd = (name: string): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name },
});

describe('verify --preflight', () => {
  const ready = [
    sc('gp3', 'ebs.csi.aws.com', true),
    sc('gp3-retain', 'ebs.csi.aws.com'),
    sc('efs', 'efs.csi.aws.com'),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'alb' },
      spec: { controller: 'ingress.k8s.aws/alb' },
    },
    workload('DaemonSet', 'aws-node', 3),
    workload('Deployment', 'coredns', 2),
    workload('DaemonSet', 'kube-proxy', 3),
    workload('DaemonSet', 'eks-pod-identity-agent', 3),
    workload('Deployment', 'ebs-csi-controller', 2),
    workload('Deployment', 'efs-csi-controller', 2),
    workload('Deployment', 'metrics-server', 1),
    workload('Deployment', 'aws-load-balancer-controller', 2),
    crd('featureflags.platform.acme.example'),
  ];

  it('no gap when the cluster has what the kit assumes', () => {
    const source = inventory([
      crd('featureflags.platform.acme.example'),
      crd('backendconfigs.cloud.google.com'),
    ]);
    const result = preflight(inventory(ready), samplePlan(), source);
    expect(result.summary).toEqual({ checked: 13, ok: 13, gaps: 0 });
    // The source platform's own CRDs are not expected on EKS.
    expect(result.checks.some((c) => c.resource.name === 'backendconfigs.cloud.google.com')).toBe(false);
  });

  it('lists each missing class, controller, IngressClass and CRD as a gap that says what to do', () => {
    const target = inventory([
      sc('gp3', 'ebs.csi.aws.com'),
      workload('Deployment', 'aws-load-balancer-controller', 0),
      workload('DaemonSet', 'aws-node', 3),
    ]);
    const result = preflight(target, samplePlan(), inventory([crd('featureflags.platform.acme.example')]));
    const gaps = result.checks
      .filter((c) => c.status === 'gap')
      .map((c) => `${c.kind} ${c.resource.name}: ${c.detail}`);
    expect(gaps).toContain(
      'storageClass efs: StorageClass efs is missing: claims mapped to it (filestore-shared) stay Pending and a Velero restore waits on them. Apply platform/storageclasses.yaml.',
    );
    expect(gaps).toContain(
      'storageClass gp3: StorageClass gp3 is not marked default (storageclass.kubernetes.io/is-default-class: "true"): claims without a class stay Pending.',
    );
    expect(gaps).toContain(
      'ingressClass alb: IngressClass alb is missing: the Ingresses of manifests/ name it. Apply platform/ingressclass.yaml or install the AWS Load Balancer Controller chart.',
    );
    expect(gaps).toContain(
      'addon aws-load-balancer-controller: aws-load-balancer-controller runs as Deployment kube-system/aws-load-balancer-controller but nothing is ready yet.',
    );
    expect(gaps.some((g) => g.startsWith('addon metrics-server: metrics-server is not running'))).toBe(true);
    expect(gaps).toContain(
      'crd featureflags.platform.acme.example: CRD featureflags.platform.acme.example is missing: install its operator (wave 1 of the runbook) before restoring its objects.',
    );
    expect(result.checks.map((c) => c.kind)).toEqual(
      [...result.checks.map((c) => c.kind)].sort(
        (a, b) =>
          ['crd', 'storageClass', 'ingressClass', 'addon'].indexOf(a) -
          ['crd', 'storageClass', 'ingressClass', 'addon'].indexOf(b),
      ),
    );
  });

  it('looks for KEDA in namespace keda, where its chart installs, and names that namespace when missing', () => {
    const base = samplePlan();
    const plan = samplePlan({
      addons: [
        ...base.addons,
        { name: 'keda', installedBy: 'helm', version: '2.18.0', why: '2 ScaledObjects' },
      ],
    });
    const keda = (target: Inventory) =>
      preflight(target, plan).checks.find((c) => c.detail.startsWith('keda '))!;
    expect(keda(inventory(ready))).toEqual({
      kind: 'addon',
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'keda', name: 'keda-operator' },
      status: 'gap',
      detail:
        'keda is not running (no Deployment keda/keda-operator): install it with platform/helm/keda.values.yaml (plan: 2 ScaledObjects).',
    });
    const operator = {
      ...workload('Deployment', 'keda-operator', 1),
      metadata: { name: 'keda-operator', namespace: 'keda' },
    };
    expect(keda(inventory([...ready, operator]))).toMatchObject({
      resource: { kind: 'Deployment', namespace: 'keda', name: 'keda-operator' },
      status: 'ok',
      detail: 'keda runs (Deployment keda/keda-operator).',
    });
  });

  it('the CLI: exit 0 when ready, 1 on a gap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube2eks-preflight-'));
    try {
      writeFileSync(join(dir, 'plan.json'), JSON.stringify(samplePlan()));
      mkdirSync(join(dir, 'eks'));
      writeFileSync(join(dir, 'eks', 'cluster.yaml'), ready.map((o) => stringify(o)).join('---\n'));
      const ok = await runCli(
        ['verify', '--preflight', '--target', 'eks', '--plan', 'plan.json', '--format', 'json'],
        { cwd: dir },
      );
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).summary).toEqual({ checked: 12, ok: 12, gaps: 0 });
      writeFileSync(
        join(dir, 'eks', 'cluster.yaml'),
        ready
          .slice(1)
          .map((o) => stringify(o))
          .join('---\n'),
      );
      const gap = await runCli(['verify', '--preflight', '--target', 'eks', '--plan', 'plan.json'], {
        cwd: dir,
      });
      expect(gap.code).toBe(1);
      expect(gap.stdout).toContain('StorageClass gp3 is missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CLI needs --source without --preflight', async () => {
    const run = await runCli(['verify', '--target', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--source is required');
  });
});
