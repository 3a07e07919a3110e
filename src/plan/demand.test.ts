import { describe, expect, test } from 'vitest';
import { deployment, inventoryOf, requests } from '../../test/support/plan.js';
import { podRequest, readClaims, readDemand } from './demand.js';

describe('demand', () => {
  test('HPA minimum is the baseline and its maximum the peak; KEDA likewise; Jobs by parallelism', () => {
    const objects = [
      deployment('web', 4, requests('500m', '512Mi')),
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10 },
      },
      deployment('consumer', 1, requests('100m', '64Mi')),
      {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'ScaledObject',
        metadata: { name: 'consumer', namespace: 'shop' },
        spec: { scaleTargetRef: { name: 'consumer' }, maxReplicaCount: 7 },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'import', namespace: 'shop' },
        spec: {
          parallelism: 5,
          template: { spec: { containers: [{ name: 'i', ...requests('1', '1Gi') }] } },
        },
      },
    ];
    const d = readDemand(inventoryOf(objects));
    const byKey = Object.fromEntries(d.workloads.map((w) => [w.key, w]));
    expect(byKey['shop/Deployment/web']).toMatchObject({
      replicas: 2,
      peakReplicas: 10,
      scaledBy: 'HorizontalPodAutoscaler web',
    });
    expect(byKey['shop/Deployment/consumer']).toMatchObject({ replicas: 0, peakReplicas: 7 });
    expect(byKey['shop/Job/import']).toMatchObject({ replicas: 5, batch: true });
  });

  test('a pod request: Σ containers and sidecars, max with init containers, plus overhead; defaults counted', () => {
    const view = {
      templatePath: [],
      specPath: ['spec'],
      labels: {},
      annotations: {},
      spec: {
        initContainers: [
          { name: 'migrate', ...requests('2', '256Mi') },
          { name: 'proxy', restartPolicy: 'Always', ...requests('100m', '64Mi') },
        ],
        containers: [
          { name: 'app', ...requests('500m', '1Gi') },
          { name: 'bare' },
          { name: 'limited', resources: { limits: { cpu: '300m', memory: '300Mi' } } },
        ],
        overhead: { cpu: '250m', memory: '120Mi' },
      },
    };
    // Long-running: 100m + 500m + 100m (default) + 300m (limit) = 1000m; 64 + 1024 + 128 + 300 = 1516 MiB.
    // Init: 2000m, 256 MiB. Max: 2000m, 1516 MiB; plus overhead: 2250m, 1636 MiB.
    expect(podRequest(view)).toEqual({
      pod: { cpuMillicores: 2250, memoryMiB: 1636, gpus: 0 },
      containersWithoutRequests: 1,
    });
  });

  test('scheduling needs: Windows, arm64, GPUs, carried labels and taints, anti-affinity, zone spread', () => {
    const d = readDemand(
      inventoryOf([
        deployment('win', 1, requests('1', '1Gi'), { nodeSelector: { 'kubernetes.io/os': 'windows' } }),
        deployment('arm', 1, requests('1', '1Gi'), {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }] },
                ],
              },
            },
          },
        }),
        deployment(
          'gpu',
          1,
          { resources: { limits: { 'nvidia.com/gpu': 2 } } },
          {
            tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
          },
        ),
        deployment('zk', 3, requests('1', '1Gi'), {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'zk' } } },
              ],
            },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { app: 'zk' } },
            },
          ],
        }),
      ]),
    );
    const byName = Object.fromEntries(d.workloads.map((w) => [w.name, w]));
    expect(byName.win?.os).toBe('windows');
    expect(byName.arm?.arch).toBe('arm64');
    expect(byName.gpu).toMatchObject({
      pod: { gpus: 2 },
      taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
    });
    expect(byName.zk).toMatchObject({ onePerNode: true, zoneSpread: true });
  });

  test("DaemonSets are overhead; the platform's are not carried; a dump's ReplicaSets and Pods count once", () => {
    const ds = (name: string, namespace: string) => ({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name, namespace },
      spec: { template: { spec: { containers: [{ name, ...requests('50m', '64Mi') }] } } },
    });
    const web = deployment('web', 2, requests('100m', '128Mi'));
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-1',
        namespace: 'shop',
        ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true }],
      },
      spec: (web as { spec: unknown }).spec,
    };
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-1-a',
        namespace: 'shop',
        ownerReferences: [{ kind: 'ReplicaSet', name: 'web-1', controller: true }],
      },
      spec: { containers: [{ name: 'web', ...requests('100m', '128Mi') }] },
    };
    const d = readDemand(
      inventoryOf([ds('log-agent', 'observability'), ds('fluentbit-gke', 'kube-system'), web, rs, pod]),
    );
    expect(d.daemonSets.map((x) => x.key)).toEqual(['observability/DaemonSet/log-agent']);
    expect(d.platformDaemonSets).toEqual(['kube-system/DaemonSet/fluentbit-gke']);
    expect(d.workloads.map((w) => w.key)).toEqual(['shop/Deployment/web']);
  });

  test('spot eligibility needs a controller, 2+ replicas, no node-bound storage and a PDB that allows one down', () => {
    const pdb = (name: string, spec: Record<string, unknown>) => ({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: 'shop' },
      spec: { selector: { matchLabels: { app: name } }, ...spec },
    });
    const d = readDemand(
      inventoryOf([
        deployment('ok', 3, requests('1', '1Gi')),
        pdb('ok', { minAvailable: 2 }),
        deployment('strict', 3, requests('1', '1Gi')),
        pdb('strict', { minAvailable: '100%' }),
        deployment('single', 1, requests('1', '1Gi')),
        deployment('nopdb', 3, requests('1', '1Gi')),
      ]),
    );
    const spot = Object.fromEntries(d.workloads.map((w) => [w.name, w.spot]));
    expect(spot.ok).toEqual({
      eligible: true,
      why: '3 replicas behind PodDisruptionBudget ok, which allows 1 down',
    });
    expect(spot.strict?.eligible).toBe(false);
    expect(spot.strict?.why).toContain('allows no pod down');
    expect(spot.single?.why).toContain('fewer than 2 replicas');
    expect(spot.nopdb?.why).toContain('no PodDisruptionBudget');
  });

  test('claims: PVCs and StatefulSet templates × replicas', () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        replicas: 3,
        template: { spec: { containers: [{ name: 'db', ...requests('1', '1Gi') }] } },
        volumeClaimTemplates: [
          { metadata: { name: 'data' }, spec: { resources: { requests: { storage: '10Gi' } } } },
        ],
      },
    };
    const pvc = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'shared', namespace: 'shop' },
      spec: {
        accessModes: ['ReadWriteMany'],
        storageClassName: 'filestore',
        resources: { requests: { storage: '1Ti' } },
      },
    };
    const inv = inventoryOf([sts, pvc]);
    expect(readClaims(inv, readDemand(inv).workloads)).toEqual([
      { key: 'shop/shared', storageClass: 'filestore', sizeGiB: 1024, shared: true },
      { key: 'shop/StatefulSet/db:data', storageClass: undefined, sizeGiB: 30, shared: false },
    ]);
  });
});
