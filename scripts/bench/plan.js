// `plan` at cluster scale: a synthetic `kubectl get -A -o yaml` dump of a 10,000-pod cluster (Deployments,
// their ReplicaSets and every Pod, StatefulSets, HPAs, PDBs, DaemonSets), written as a folder of YAML files.
// One run times reading the manifests (loadInventory) beside planning them (plan(): demand, HiGHS LP and
// MIP per pool, first-fit-decreasing placement of every pod, cost), and reports computeToLowerBound for the
// two configurations of issue 10:
//   A: --region us-east-1 --headroom 0 --azs 1 --spot none --fargate none   (target ≤ 1.05)
//   B: --azs 3 --headroom 0.2 (spot auto)                                   (target ≤ 1.10)
// Target: planning takes less time than reading the manifests.
//
// Options: --pods N (default 10,000), --keep (leave the dump in the temp folder).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import jsyaml from 'js-yaml';
import { loadCatalog, loadInventory, loadSolver, plan } from '../../dist/index.js';
import { option, random } from './shared.mjs';

export const title = 'plan: a synthetic 10,000-pod cluster (read the dump, then plan it)';

// Pod shapes seen in real clusters: [cpu millicores, memory MiB, weight].
const SHAPES = [
  [50, 64, 6],
  [100, 128, 10],
  [100, 256, 8],
  [250, 256, 10],
  [250, 512, 10],
  [500, 512, 8],
  [500, 1024, 10],
  [1000, 1024, 6],
  [1000, 2048, 8],
  [1000, 4096, 4],
  [2000, 4096, 4],
  [2000, 8192, 2],
  [4000, 8192, 1],
  [500, 4096, 2],
  [4000, 16384, 1],
];
const TEAMS = ['core', 'growth', 'infra', 'data', 'payments', 'search', 'identity', 'edge', 'ml', 'mobile'];

function weighted(rand, list) {
  const total = list.reduce((s, x) => s + x[2], 0);
  let r = rand() * total;
  for (const x of list) {
    r -= x[2];
    if (r <= 0) return x;
  }
  return list[list.length - 1];
}

/** The dump: one YAML file per namespace, holding every object a `kubectl get -A -o yaml` would. */
export function syntheticCluster(targetPods, seed = 11) {
  const rand = random(seed);
  const files = new Map();
  const add = (ns, obj) => {
    if (!files.has(ns)) files.set(ns, []);
    files.get(ns).push(obj);
  };
  let pods = 0;
  let n = 0;
  while (pods < targetPods) {
    const ns = `${TEAMS[n % TEAMS.length]}-${Math.floor(n / 40)}`;
    const name = `app-${n}`;
    const [cpu, mem] = weighted(rand, SHAPES);
    let replicas = 1 + Math.floor(rand() ** 2 * 24);
    replicas = Math.min(replicas, targetPods - pods);
    const stateful = rand() < 0.08;
    const kind = stateful ? 'StatefulSet' : 'Deployment';
    const labels = { app: name, team: TEAMS[n % TEAMS.length] };
    const container = {
      name: 'main',
      image: `registry.example.com/${ns}/${name}:1.${n % 7}`,
      resources: { requests: { cpu: `${cpu}m`, memory: `${mem}Mi` }, limits: { memory: `${mem * 2}Mi` } },
    };
    const spec = {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [container],
          ...(rand() < 0.15
            ? {
                topologySpreadConstraints: [
                  {
                    maxSkew: 1,
                    topologyKey: 'topology.kubernetes.io/zone',
                    whenUnsatisfiable: 'DoNotSchedule',
                    labelSelector: { matchLabels: { app: name } },
                  },
                ],
              }
            : {}),
        },
      },
      ...(stateful
        ? {
            serviceName: name,
            volumeClaimTemplates: [
              {
                metadata: { name: 'data' },
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
              },
            ],
          }
        : {}),
    };
    const uid = `uid-${n}`;
    add(ns, {
      apiVersion: 'apps/v1',
      kind,
      metadata: { name, namespace: ns, uid, resourceVersion: String(1000 + n) },
      spec,
    });
    let owner = { apiVersion: 'apps/v1', kind, name, uid, controller: true };
    if (!stateful) {
      const rs = `${name}-7d9f8c6b5`;
      add(ns, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: rs, namespace: ns, uid: `${uid}-rs`, ownerReferences: [owner] },
        spec: { ...spec, volumeClaimTemplates: undefined, serviceName: undefined },
      });
      owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: `${uid}-rs`, controller: true };
    }
    for (let i = 0; i < replicas; i++) {
      add(ns, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: stateful ? `${name}-${i}` : `${name}-7d9f8c6b5-${i.toString(36).padStart(5, 'x')}`,
          namespace: ns,
          labels,
          ownerReferences: [owner],
        },
        spec: { ...spec.template.spec, nodeName: `gke-prod-pool-${i % 50}` },
        status: { phase: 'Running' },
      });
    }
    if (replicas >= 3 && rand() < 0.3) {
      add(ns, {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name, namespace: ns },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind, name },
          minReplicas: replicas,
          maxReplicas: replicas * 3,
        },
      });
    }
    if (replicas >= 2 && rand() < 0.5) {
      add(ns, {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name, namespace: ns },
        spec: { maxUnavailable: 1, selector: { matchLabels: { app: name } } },
      });
    }
    pods += replicas;
    n++;
  }
  add('observability', {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'log-agent', namespace: 'observability' },
    spec: {
      selector: { matchLabels: { app: 'log-agent' } },
      template: {
        metadata: { labels: { app: 'log-agent' } },
        spec: {
          containers: [
            {
              name: 'agent',
              image: 'fluent-bit:3',
              resources: { requests: { cpu: '100m', memory: '128Mi' } },
            },
          ],
        },
      },
    },
  });
  return { files, pods, workloads: n };
}

const BASE = {
  targetVersion: '1.34',
  name: 'bench',
  vpcCidr: '10.0.0.0/16',
  endpoint: 'public-private',
  spotDiscount: 0.65,
  arch: 'x86_64',
  instanceTypes: [],
  autoscaler: 'cluster-autoscaler',
  identity: 'pod-identity',
  podSecurityGroups: false,
  amiFamily: 'al2023',
  nodeGroupKind: 'managed',
  sizing: 'requests',
};
const CONFIGS = [
  {
    label: 'A (--headroom 0 --azs 1 --spot none --fargate none)',
    target: 1.05,
    options: { ...BASE, region: 'us-east-1', headroom: 0, azs: 1, spot: 'none', fargate: 'none' },
  },
  {
    label: 'B (--azs 3 --headroom 0.2)',
    target: 1.1,
    options: { ...BASE, region: 'us-east-1', headroom: 0.2, azs: 3, spot: 'auto', fargate: 'none' },
  },
];

export default async function bench() {
  const targetPods = Number(option('--pods') ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-plan-bench-'));
  const { files, pods, workloads } = syntheticCluster(targetPods);
  let objects = 0;
  for (const [ns, list] of files) {
    objects += list.length;
    mkdirSync(join(dir, 'dump'), { recursive: true });
    writeFileSync(
      join(dir, 'dump', `${ns}.yaml`),
      list.map((o) => jsyaml.dump(o, { noRefs: true })).join('---\n'),
    );
  }
  const catalog = loadCatalog();
  const now = new Date('2026-12-03T00:00:00Z');

  // Wall time is the target; CPU time (this process, all threads) is steadier when other work loads the machine.
  const cpuMs = (since) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  let t = performance.now();
  let cpu = process.cpuUsage();
  const inventory = await loadInventory([join(dir, 'dump')], {});
  const readMs = performance.now() - t;
  const readCpuMs = cpuMs(cpu);

  // As the CLI does before planning (src/cli/plan-options.ts preferFastSolverStartup).
  setFlagsFromString('--liftoff-only');
  t = performance.now();
  await loadSolver();
  const solverLoadMs = performance.now() - t;

  const results = [
    {
      name: 'pods / workloads / objects in the dump',
      value: pods,
      unit: 'pods',
      note: `${workloads} workloads, ${objects} objects`,
    },
    {
      name: 'read the manifests (loadInventory)',
      value: readMs,
      unit: 'ms',
      note: `${Math.round(readCpuMs)} ms CPU`,
    },
    { name: 'load HiGHS (once per process)', value: solverLoadMs, unit: 'ms' },
  ];
  for (const config of CONFIGS) {
    t = performance.now();
    cpu = process.cpuUsage();
    const p = await plan(inventory, [], config.options, catalog, now);
    const planMs = performance.now() - t;
    const planCpuMs = cpuMs(cpu);
    const placed = p.placements.reduce((s, x) => s + x.pods, 0);
    const nodes = p.nodeGroups.reduce((s, g) => s + g.desiredSize, 0);
    results.push(
      {
        name: `plan ${config.label}`,
        value: planMs,
        unit: 'ms',
        note: `${(planMs / readMs).toFixed(2)} × read time (target < 1; CPU ${(planCpuMs / readCpuMs).toFixed(2)} × read's); ${placed} pods placed on ${nodes} nodes in ${p.nodeGroups.length} groups (${p.nodeGroups.map((g) => `${g.instanceTypes[0]}×${g.desiredSize}`).join(', ')})`,
      },
      {
        name: `computeToLowerBound ${config.label}`,
        value: p.cost.computeToLowerBound,
        unit: '×',
        note: `target ≤ ${config.target}${p.cost.computeToLowerBound <= config.target ? ' (met)' : ' (MISSED)'}; compute $${p.cost.monthly.compute} / bound $${p.cost.computeLowerBound}; MIP gap ${p.cost.solver?.mipGap ?? 0}`,
      },
    );
  }
  if (option('--keep') === undefined) rmSync(dir, { recursive: true, force: true });
  else results.push({ name: 'dump kept in', value: 0, unit: '', note: dir });
  return results;
}
