// Whole `assess` pipeline at cluster scale: a synthetic `kubectl get -A -o yaml|json` dump of a big GKE
// cluster (100,000 objects, ~250 MB of YAML: Deployments, ReplicaSets and Pods with containers, Services,
// Endpoints, ConfigMaps, Secrets, PVCs and PVs, Ingresses, RBAC, HPAs, PDBs, NetworkPolicies, CRDs and custom
// resources, nodes; a few percent removed APIs and cloud annotations), written as a folder of YAML files and
// as one kubectl JSON List. Fresh processes time loadInventory + assess (all rules) + the reporters and
// report their peak RSS; the baselines, measured in the same run on the same text, are raw js-yaml loadAll and
// JSON.parse, so the numbers read as ratios that hold on any machine. At 100,000 objects the JSON List is over
// 600 MB, past V8's 512 MB string limit: kube2eks reads it in pieces (src/sources/big.ts), and the JSON.parse
// baseline parses the same pieces.
//
// Options (after the module name: `npm run bench -- assess --objects 20000`): --objects N (default 100,000;
// also BENCH_OBJECTS), --namespaces N (default one per 400 objects; 1 puts every app in one namespace, the
// worst case for rules that join objects of a namespace), --keep (leave the dump in the temp folder).
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import { option, random } from './shared.mjs';

export const title =
  'assess: whole pipeline on a synthetic cluster dump (loadInventory + all rules + reports)';

const here = fileURLToPath(import.meta.url);
const CHILD = '--assess-child';

// ---------------------------------------------------------------------------------------------------------
// The synthetic cluster.

const rand = random(7);
const chance = (p) => rand() < p;
const pick = (list) => list[Math.floor(rand() * list.length)];
const hex = (n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
};
const alnum = (n) => {
  const chars = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < n; i++) s += chars[Math.floor(rand() * chars.length)];
  return s;
};
const uid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
const stamp = () =>
  `2025-0${1 + Math.floor(rand() * 9)}-${String(10 + Math.floor(rand() * 18))}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}:44Z`;

const TEAMS = ['core', 'growth', 'infra', 'data', 'payments', 'search', 'identity', 'edge', 'ml', 'mobile'];
const APPS = [
  'web',
  'api',
  'worker',
  'cart',
  'checkout',
  'catalog',
  'auth',
  'gateway',
  'indexer',
  'mailer',
  'billing',
  'ledger',
  'notifier',
  'recommender',
  'profile',
  'inventory',
  'pricing',
  'shipping',
  'reviews',
  'media',
];
const REGISTRIES = [
  'gcr.io/acme-prod',
  'us-docker.pkg.dev/acme-prod/apps',
  'europe-west1-docker.pkg.dev/acme-prod/apps',
  'docker.io/acme',
  'quay.io/acme',
];
const NODE_POOLS = ['default-pool', 'highmem-pool', 'batch-pool', 'gpu-pool'];

function meta(name, namespace, labels, extra = {}) {
  const m = {
    annotations: extra.annotations ?? {},
    creationTimestamp: stamp(),
    labels,
    name,
  };
  if (namespace) m.namespace = namespace;
  m.resourceVersion = String(Math.floor(rand() * 1e9));
  m.uid = uid();
  if (extra.ownerReferences) m.ownerReferences = extra.ownerReferences;
  if (extra.generation) m.generation = extra.generation;
  if (Object.keys(m.annotations).length === 0) delete m.annotations;
  return m;
}

function lastApplied(obj) {
  const { apiVersion, kind, metadata, spec, data, rules, subjects, roleRef } = obj;
  const annotations = { ...metadata.annotations };
  delete annotations['deployment.kubernetes.io/revision'];
  return `${JSON.stringify({
    apiVersion,
    kind,
    metadata: {
      annotations: Object.keys(annotations).length ? annotations : undefined,
      labels: metadata.labels,
      name: metadata.name,
      namespace: metadata.namespace,
    },
    spec,
    data,
    rules,
    subjects,
    roleRef,
  })}\n`;
}

function container(app, ns, i, registry) {
  const c = {
    args: ['--config=/etc/config/application.yaml', `--port=${8080 + (i % 3)}`],
    env: [
      { name: 'LOG_LEVEL', value: pick(['info', 'debug', 'warn']) },
      { name: 'SERVICE_NAME', value: app },
      { name: 'NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
      { name: 'DB_HOST', value: `${app}-db.${ns}.svc.cluster.local` },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: `${app}-db` } } },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.monitoring:4317' },
    ],
    image: `${registry}/${app.replace(/-\d+$/, '')}:${1 + (i % 5)}.${i % 17}.${i % 9}`,
    imagePullPolicy: 'IfNotPresent',
    livenessProbe: {
      failureThreshold: 3,
      httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
      initialDelaySeconds: 10,
      periodSeconds: 10,
      successThreshold: 1,
      timeoutSeconds: 1,
    },
    name: app.replace(/-\d+$/, ''),
    ports: [
      { containerPort: 8080, name: 'http', protocol: 'TCP' },
      { containerPort: 9090, name: 'metrics', protocol: 'TCP' },
    ],
    readinessProbe: {
      failureThreshold: 3,
      httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' },
      periodSeconds: 5,
      successThreshold: 1,
      timeoutSeconds: 1,
    },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsUser: 1000 },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: [
      { mountPath: '/etc/config', name: 'config', readOnly: true },
      { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access', readOnly: true },
    ],
  };
  // A few workloads without requests (resources/requests-missing).
  if (!chance(0.08)) {
    c.resources = {
      limits: { cpu: pick(['500m', '1', '2']), memory: pick(['256Mi', '512Mi', '1Gi']) },
      requests: { cpu: pick(['50m', '100m', '250m']), memory: pick(['128Mi', '256Mi']) },
    };
  }
  return c;
}

function podSpec(app, ns, i, flavor) {
  const registry = flavor.registry;
  const spec = {
    containers: [container(app, ns, i, registry)],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    nodeSelector: { 'cloud.google.com/gke-nodepool': flavor.pool },
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: { fsGroup: 2000, runAsNonRoot: true },
    serviceAccount: flavor.serviceAccount,
    serviceAccountName: flavor.serviceAccount,
    terminationGracePeriodSeconds: 30,
    tolerations: [
      {
        effect: 'NoExecute',
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        tolerationSeconds: 300,
      },
      {
        effect: 'NoExecute',
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        tolerationSeconds: 300,
      },
    ],
    volumes: [
      { configMap: { defaultMode: 420, name: `${app}-config` }, name: 'config' },
      {
        name: 'kube-api-access',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          ],
        },
      },
    ],
  };
  if (flavor.sidecar) {
    spec.containers.push({
      image: 'gcr.io/cloudsql-docker/gce-proxy:1.33.2',
      name: 'cloudsql-proxy',
      command: ['/cloud_sql_proxy', `-instances=acme-prod:europe-west1:${app}=tcp:5432`],
      resources: { requests: { cpu: '10m', memory: '32Mi' } },
      securityContext: { runAsNonRoot: true },
    });
  }
  if (flavor.claim) {
    spec.volumes.push({ name: 'data', persistentVolumeClaim: { claimName: flavor.claim } });
    spec.containers[0].volumeMounts.push({ mountPath: '/data', name: 'data' });
  }
  if (flavor.hostPath) spec.volumes.push({ hostPath: { path: '/var/log', type: '' }, name: 'varlog' });
  // Secrets as env and files, and a private registry: what rules join to Secrets and ServiceAccounts.
  if (i % 3 === 0) {
    spec.containers[0].envFrom = [
      { configMapRef: { name: `${app}-config` } },
      { secretRef: { name: `${app}-db` } },
    ];
  }
  if (i % 4 === 0) {
    spec.volumes.push({ name: 'tls', secret: { defaultMode: 420, secretName: `${app}-tls` } });
    spec.containers[0].volumeMounts.push({ mountPath: '/etc/tls', name: 'tls', readOnly: true });
  }
  if (i % 10 === 0) spec.imagePullSecrets = [{ name: 'registry-credentials' }];
  return spec;
}

/** Objects of one app: a workload with its ReplicaSets and Pods, Service, Endpoints, config and friends. */
function* appObjects(ns, team, n) {
  const base = APPS[n % APPS.length];
  const app = `${base}-${n}`;
  const labels = { app, 'app.kubernetes.io/name': base, 'app.kubernetes.io/part-of': ns, team };
  const stateful = n % 11 === 0;
  const flavor = {
    registry: pick(REGISTRIES),
    pool: pick(NODE_POOLS),
    serviceAccount: app,
    sidecar: chance(0.15),
    claim: stateful ? `data-${app}-0` : chance(0.05) ? `${app}-cache` : undefined,
  };
  const replicas = 1 + (n % 4);
  const template = () => ({
    metadata: { creationTimestamp: null, labels: { app, team } },
    spec: podSpec(app, ns, n, flavor),
  });
  const removed = chance(0.03);
  const workload = {
    apiVersion: removed ? pick(['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2']) : 'apps/v1',
    kind: stateful ? 'StatefulSet' : 'Deployment',
    metadata: meta(app, ns, labels, {
      annotations: stateful ? {} : { 'deployment.kubernetes.io/revision': String(1 + (n % 7)) },
      generation: 1 + (n % 7),
    }),
    spec: {
      replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app } },
      ...(stateful
        ? {
            serviceName: app,
            volumeClaimTemplates: [
              {
                apiVersion: 'v1',
                kind: 'PersistentVolumeClaim',
                metadata: { name: 'data' },
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  resources: { requests: { storage: pick(['10Gi', '50Gi', '200Gi']) } },
                  storageClassName: pick(['standard-rwo', 'premium-rwo', 'standard']),
                },
              },
            ],
          }
        : { strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' } }),
      template: template(),
    },
    status: {
      availableReplicas: replicas,
      observedGeneration: 1 + (n % 7),
      readyReplicas: replicas,
      replicas,
      updatedReplicas: replicas,
    },
  };
  yield workload;
  const owners = [];
  if (!stateful) {
    for (let r = 0; r < 2; r++) {
      const hash = alnum(10);
      const rsName = `${app}-${hash}`;
      owners.push({ name: rsName, hash, kind: 'ReplicaSet' });
      yield {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: meta(
          rsName,
          ns,
          { ...labels, 'pod-template-hash': hash },
          {
            annotations: {
              'deployment.kubernetes.io/desired-replicas': String(replicas),
              'deployment.kubernetes.io/max-replicas': String(replicas + 1),
              'deployment.kubernetes.io/revision': String(r + 1),
            },
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                blockOwnerDeletion: true,
                controller: true,
                kind: 'Deployment',
                name: app,
                uid: uid(),
              },
            ],
            generation: 1,
          },
        ),
        spec: {
          replicas: r === 1 ? replicas : 0,
          selector: { matchLabels: { app, 'pod-template-hash': hash } },
          template: template(),
        },
        status: { observedGeneration: 1, replicas: r === 1 ? replicas : 0 },
      };
    }
  }
  for (let p = 0; p < replicas; p++) {
    const owner = stateful ? { name: app, kind: 'StatefulSet' } : owners[1];
    const podName = stateful ? `${app}-${p}` : `${owner.name}-${alnum(5)}`;
    const spec = {
      ...podSpec(app, ns, n, flavor),
      nodeName: `gke-prod-${flavor.pool}-${hex(8)}-${alnum(4)}`,
    };
    yield {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(
        podName,
        ns,
        { app, team, ...(owner.hash ? { 'pod-template-hash': owner.hash } : {}) },
        {
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              blockOwnerDeletion: true,
              controller: true,
              kind: owner.kind,
              name: owner.name,
              uid: uid(),
            },
          ],
        },
      ),
      spec,
      status: {
        conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
          lastProbeTime: null,
          lastTransitionTime: stamp(),
          status: 'True',
          type,
        })),
        containerStatuses: spec.containers.map((c) => ({
          containerID: `containerd://${hex(64)}`,
          image: c.image,
          imageID: `${c.image.split(':')[0]}@sha256:${hex(64)}`,
          lastState: {},
          name: c.name,
          ready: true,
          restartCount: n % 3,
          started: true,
          state: { running: { startedAt: stamp() } },
        })),
        hostIP: `10.128.${n % 250}.${p + 2}`,
        phase: 'Running',
        podIP: `10.4.${n % 250}.${(n * 7 + p) % 250}`,
        podIPs: [{ ip: `10.4.${n % 250}.${(n * 7 + p) % 250}` }],
        qosClass: 'Burstable',
        startTime: stamp(),
      },
    };
  }
  const lb = n % 37 === 0;
  const serviceAnnotations = {};
  if (lb) serviceAnnotations['networking.gke.io/load-balancer-type'] = 'Internal';
  if (n % 5 === 0) serviceAnnotations['cloud.google.com/neg'] = '{"ingress":true}';
  if (n % 16 === 3) serviceAnnotations['cloud.google.com/backend-config'] = `{"default":"${app}"}`;
  yield {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(app, ns, labels, { annotations: serviceAnnotations }),
    spec: {
      clusterIP: `10.8.${n % 250}.${(n * 3) % 250}`,
      clusterIPs: [`10.8.${n % 250}.${(n * 3) % 250}`],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
        { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 'metrics' },
      ],
      selector: { app },
      sessionAffinity: 'None',
      type: lb ? 'LoadBalancer' : 'ClusterIP',
    },
    status: { loadBalancer: lb ? { ingress: [{ ip: `10.130.0.${n % 250}` }] } : {} },
  };
  yield {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta(app, ns, labels),
    subsets: [
      {
        addresses: Array.from({ length: replicas }, (_, p) => ({
          ip: `10.4.${n % 250}.${(n * 7 + p) % 250}`,
          nodeName: `gke-prod-${flavor.pool}-${hex(8)}-${alnum(4)}`,
          targetRef: { kind: 'Pod', name: `${app}-${p}`, namespace: ns, uid: uid() },
        })),
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  };
  yield {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    data: {
      'application.yaml': `server:\n  port: 8080\nfeatures:\n  search: ${n % 2 === 0}\n  cache-ttl: ${n % 600}s\ndatabase:\n  host: ${app}-db.${ns}.svc.cluster.local\n  pool: ${5 + (n % 20)}\n`,
      LOG_FORMAT: 'json',
    },
    metadata: meta(`${app}-config`, ns, labels),
  };
  yield {
    apiVersion: 'v1',
    kind: 'Secret',
    data: {
      password: Buffer.from(`fake-${hex(16)}`).toString('base64'),
      username: Buffer.from(base).toString('base64'),
    },
    metadata: meta(`${app}-db`, ns, labels),
    type: 'Opaque',
  };
  const saAnnotations = {};
  if (n % 3 === 0)
    saAnnotations['iam.gke.io/gcp-service-account'] = `${base}@acme-prod.iam.gserviceaccount.com`;
  yield {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    ...(n % 6 === 0 ? { imagePullSecrets: [{ name: 'registry-credentials' }] } : {}),
    metadata: meta(app, ns, labels, { annotations: saAnnotations }),
  };
  if (n % 2 === 0) {
    const old = chance(0.04);
    yield {
      apiVersion: old ? 'autoscaling/v2beta2' : 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(app, ns, labels),
      spec: {
        maxReplicas: 10 + (n % 10),
        metrics: [
          {
            resource: { name: 'cpu', target: { averageUtilization: 70, type: 'Utilization' } },
            type: 'Resource',
          },
        ],
        minReplicas: 2,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: stateful ? 'StatefulSet' : 'Deployment', name: app },
      },
    };
  }
  if (n % 3 === 0) {
    yield {
      apiVersion: chance(0.05) ? 'policy/v1beta1' : 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta(app, ns, labels),
      spec:
        n % 9 === 0
          ? { maxUnavailable: 0, selector: { matchLabels: { app } } }
          : { minAvailable: 1, selector: { matchLabels: { app } } },
    };
  }
  if (n % 4 === 0) {
    const old = chance(0.05);
    yield {
      apiVersion: old ? 'extensions/v1beta1' : 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta(app, ns, labels, {
        annotations: {
          'kubernetes.io/ingress.class': n % 8 === 0 ? 'gce' : 'nginx',
          ...(n % 8 === 0 ? { 'kubernetes.io/ingress.global-static-ip-name': `${app}-ip` } : {}),
          'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
        },
      }),
      spec: {
        rules: [
          {
            host: `${app}.acme.example`,
            http: {
              paths: [
                old
                  ? { backend: { serviceName: app, servicePort: 80 }, path: '/' }
                  : {
                      backend: { service: { name: app, port: { number: 80 } } },
                      path: '/',
                      pathType: 'Prefix',
                    },
              ],
            },
          },
        ],
        tls: [{ hosts: [`${app}.acme.example`], secretName: `${app}-tls` }],
      },
      status: { loadBalancer: { ingress: [{ ip: `34.120.${n % 250}.${(n * 3) % 250}` }] } },
    };
  }
  if (flavor.claim) {
    const pv = `pvc-${uid()}`;
    const storageClassName = pick(['standard-rwo', 'premium-rwo', 'standard']);
    yield {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta(
        flavor.claim,
        ns,
        { app },
        {
          annotations: {
            'pv.kubernetes.io/bind-completed': 'yes',
            'volume.kubernetes.io/storage-provisioner': 'pd.csi.storage.gke.io',
          },
        },
      ),
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '50Gi' } },
        storageClassName,
        volumeMode: 'Filesystem',
        volumeName: pv,
      },
      status: { accessModes: ['ReadWriteOnce'], capacity: { storage: '50Gi' }, phase: 'Bound' },
    };
    yield {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: meta(
        pv,
        undefined,
        {},
        { annotations: { 'pv.kubernetes.io/provisioned-by': 'pd.csi.storage.gke.io' } },
      ),
      spec: {
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: '50Gi' },
        claimRef: {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name: flavor.claim,
          namespace: ns,
          uid: uid(),
        },
        csi: {
          driver: 'pd.csi.storage.gke.io',
          fsType: 'ext4',
          volumeHandle: `projects/acme-prod/zones/europe-west1-b/disks/${pv}`,
        },
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName,
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    };
  }
  if (n % 6 === 0) {
    yield {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(`${app}-allow`, ns, labels),
      spec: {
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: 'gateway' } } }],
            ports: [{ port: 8080, protocol: 'TCP' }],
          },
        ],
        podSelector: { matchLabels: { app } },
        policyTypes: ['Ingress'],
      },
    };
  }
  if (n % 5 === 0) {
    yield {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta(app, ns, labels),
      rules: [{ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'list', 'watch'] }],
    };
    yield {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(app, ns, labels),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: app },
      subjects: [
        { kind: 'ServiceAccount', name: app, namespace: ns },
        ...(n % 10 === 0
          ? [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `${team}@acme.example` }]
          : []),
      ],
    };
  }
  if (n % 7 === 0) {
    yield {
      apiVersion: chance(0.05) ? 'batch/v1beta1' : 'batch/v1',
      kind: 'CronJob',
      metadata: meta(`${app}-nightly`, ns, labels),
      spec: {
        concurrencyPolicy: 'Forbid',
        jobTemplate: {
          spec: { template: { spec: { ...podSpec(app, ns, n, flavor), restartPolicy: 'OnFailure' } } },
        },
        schedule: `${n % 60} 3 * * *`,
        successfulJobsHistoryLimit: 3,
      },
    };
  }
  if (n % 4 === 1) {
    yield {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: meta(app, ns, labels),
      spec: { endpoints: [{ interval: '30s', port: 'metrics' }], selector: { matchLabels: { app } } },
    };
  }
  if (n % 8 === 2) {
    yield {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: meta(`${app}-tls`, ns, labels),
      spec: {
        dnsNames: [`${app}.acme.example`],
        issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt' },
        secretName: `${app}-tls`,
      },
    };
  }
  if (n % 16 === 3) {
    yield {
      apiVersion: 'cloud.google.com/v1',
      kind: 'BackendConfig',
      metadata: meta(app, ns, labels),
      spec: { healthCheck: { requestPath: '/healthz', type: 'HTTP' }, timeoutSec: 40 },
    };
  }
}

function crd(group, kind, plural) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: meta(`${plural}.${group}`, undefined, {}),
    spec: {
      group,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          schema: {
            openAPIV3Schema: {
              properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
              type: 'object',
            },
          },
          served: true,
          storage: true,
        },
      ],
    },
  };
}

/** Cluster-scoped objects and kube-system: nodes, storage classes, CRDs, cluster RBAC, system pods. */
function* clusterObjects(namespaces) {
  for (const ns of namespaces) {
    yield {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(ns.name, undefined, { 'kubernetes.io/metadata.name': ns.name, team: ns.team }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
    yield {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: meta('defaults', ns.name, {}),
      spec: {
        limits: [
          {
            default: { memory: '512Mi' },
            defaultRequest: { cpu: '100m', memory: '256Mi' },
            type: 'Container',
          },
        ],
      },
    };
    yield {
      apiVersion: 'v1',
      kind: 'Secret',
      data: {
        '.dockerconfigjson': Buffer.from(`{"auths":{"gcr.io":{"auth":"${hex(24)}"}}}`).toString('base64'),
      },
      metadata: meta('registry-credentials', ns.name, {}),
      type: 'kubernetes.io/dockerconfigjson',
    };
  }
  for (let i = 0; i < 150; i++) {
    const pool = NODE_POOLS[i % NODE_POOLS.length];
    yield {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: meta(`gke-prod-${pool}-${hex(8)}-${alnum(4)}`, undefined, {
        'beta.kubernetes.io/arch': 'amd64',
        'cloud.google.com/gke-nodepool': pool,
        'cloud.google.com/machine-family': 'n2',
        'node.kubernetes.io/instance-type': 'n2-standard-8',
        'topology.kubernetes.io/zone': pick(['europe-west1-b', 'europe-west1-c', 'europe-west1-d']),
      }),
      spec: { podCIDR: `10.4.${i}.0/24`, providerID: `gce://acme-prod/europe-west1-b/node-${i}` },
      status: {
        allocatable: { cpu: '7910m', 'ephemeral-storage': '47060071478', memory: '29207116Ki', pods: '110' },
        capacity: { cpu: '8', 'ephemeral-storage': '98831908Ki', memory: '32880716Ki', pods: '110' },
        nodeInfo: { kubeletVersion: 'v1.29.8-gke.1031000', osImage: 'Container-Optimized OS from Google' },
      },
    };
  }
  for (const [name, provisioner, def] of [
    ['standard', 'kubernetes.io/gce-pd', false],
    ['standard-rwo', 'pd.csi.storage.gke.io', true],
    ['premium-rwo', 'pd.csi.storage.gke.io', false],
  ]) {
    yield {
      allowVolumeExpansion: true,
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: meta(
        name,
        undefined,
        {},
        {
          annotations: def ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {},
        },
      ),
      parameters: { type: name === 'premium-rwo' ? 'pd-ssd' : 'pd-balanced' },
      provisioner,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    };
  }
  for (const [group, kind, plural] of [
    ['monitoring.coreos.com', 'ServiceMonitor', 'servicemonitors'],
    ['monitoring.coreos.com', 'PrometheusRule', 'prometheusrules'],
    ['cert-manager.io', 'Certificate', 'certificates'],
    ['cert-manager.io', 'ClusterIssuer', 'clusterissuers'],
    ['cloud.google.com', 'BackendConfig', 'backendconfigs'],
    ['networking.gke.io', 'ManagedCertificate', 'managedcertificates'],
    ['argoproj.io', 'Application', 'applications'],
  ]) {
    yield crd(group, kind, plural);
  }
  for (const ns of namespaces) {
    yield {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: meta(`${ns.name}-view`, undefined, {}),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${ns.team}-view` },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `gke-${ns.team}@acme.example` },
      ],
    };
  }
  for (const team of TEAMS) {
    yield {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: meta(`${team}-view`, undefined, {}),
      rules: [{ apiGroups: ['', 'apps', 'batch'], resources: ['*'], verbs: ['get', 'list', 'watch'] }],
    };
  }
  yield {
    apiVersion: 'policy/v1beta1',
    kind: 'PodSecurityPolicy',
    metadata: meta('gce.privileged', undefined, {}),
    spec: {
      allowPrivilegeEscalation: true,
      fsGroup: { rule: 'RunAsAny' },
      hostNetwork: true,
      privileged: true,
      runAsUser: { rule: 'RunAsAny' },
      seLinux: { rule: 'RunAsAny' },
      supplementalGroups: { rule: 'RunAsAny' },
      volumes: ['*'],
    },
  };
  // kube-system: the node agents of a GKE cluster.
  for (const [name, image, hostNetwork] of [
    ['kube-proxy', 'gke.gcr.io/kube-proxy-amd64:v1.29.8-gke.1031000', true],
    ['fluentbit-gke', 'gke.gcr.io/fluent-bit:v1.8.12-gke.35', false],
    ['gke-metrics-agent', 'gke.gcr.io/gke-metrics-agent:1.12.3-gke.0', false],
    ['pdcsi-node', 'gke.gcr.io/gcp-compute-persistent-disk-csi-driver:v1.13.2-gke.0', true],
    ['calico-node', 'gke.gcr.io/calico/node:v3.26.3-gke.9', true],
  ]) {
    const labels = { 'k8s-app': name };
    yield {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta(name, 'kube-system', labels),
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                image,
                name,
                resources: { requests: { cpu: '100m', memory: '100Mi' } },
                securityContext: { privileged: true },
                volumeMounts: [{ mountPath: '/var/log', name: 'varlog' }],
              },
            ],
            hostNetwork,
            priorityClassName: 'system-node-critical',
            serviceAccountName: name,
            tolerations: [{ operator: 'Exists' }],
            volumes: [{ hostPath: { path: '/var/log', type: '' }, name: 'varlog' }],
          },
        },
      },
      status: { currentNumberScheduled: 150, desiredNumberScheduled: 150, numberReady: 150 },
    };
  }
}

/**
 * The cluster as files: `kube-system.yaml`-like files per namespace (what `kubectl get -n NS -o yaml` per
 * namespace would give, documents separated by `---`) plus one for cluster-scoped objects. Calls `write` with
 * each file's objects, so the whole cluster never sits in memory.
 */
function generate(total, write, namespaceCount = Math.max(4, Math.round(total / 400))) {
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => ({
    name: `${TEAMS[i % TEAMS.length]}-${APPS[(i * 7) % APPS.length]}-${i}`,
    team: TEAMS[i % TEAMS.length],
  }));
  const cluster = [...clusterObjects(namespaces)];
  let count = cluster.length;
  write('cluster.yaml', cluster);
  let n = 0;
  for (let i = 0; i < namespaces.length && count < total; i++) {
    const ns = namespaces[i];
    const objects = [];
    const quota = Math.round(((total - cluster.length) * (i + 1)) / namespaces.length);
    while (count < total && count < cluster.length + quota) {
      for (const obj of appObjects(ns.name, ns.team, n++)) {
        if (count >= total) break;
        objects.push(obj);
        count++;
      }
    }
    write(`${ns.name}.yaml`, objects);
  }
  return count;
}

function withLastApplied(obj) {
  if (obj.kind === 'Pod' || obj.kind === 'Secret' || obj.kind === 'ReplicaSet' || obj.kind === 'Endpoints') {
    return obj;
  }
  if (obj.kind === 'Node' || obj.kind === 'Namespace' || obj.kind === 'PersistentVolume') return obj;
  obj.metadata.annotations = {
    ...obj.metadata.annotations,
    'kubectl.kubernetes.io/last-applied-configuration': lastApplied(obj),
  };
  return obj;
}

const DUMP_OPTIONS = { noArrayIndent: true, lineWidth: -1, sortKeys: true, noRefs: true };

/**
 * Writes the dump: YAML files in `dir/yaml/` (unless `yaml: false`), one JSON List in `dir/cluster.json`;
 * `onObjects` sees each file's objects (scripts/bench/scale.js writes a Velero backup of them).
 */
export function writeDump(dir, total, namespaces = undefined, { yaml = true, onObjects } = {}) {
  const yamlDir = join(dir, 'yaml');
  if (yaml) mkdirSync(yamlDir);
  const jsonPath = join(dir, 'cluster.json');
  // Written as it is made: the JSON List of 100,000 objects is over V8's 512 MB string limit.
  const jsonFile = openSync(jsonPath, 'w');
  let jsonBytes = writeSync(jsonFile, '{\n    "apiVersion": "v1",\n    "items": [\n');
  let firstItem = true;
  let yamlBytes = 0;
  const count = generate(
    total,
    (name, objects) => {
      for (const o of objects) withLastApplied(o);
      if (yaml) {
        const text = objects.map((o) => jsyaml.dump(o, DUMP_OPTIONS)).join('---\n');
        yamlBytes += Buffer.byteLength(text);
        writeFileSync(join(yamlDir, name), text);
      }
      onObjects?.(objects);
      for (const o of objects) {
        // kubectl prints 4-space JSON; items are indented one level inside "items".
        const item = `${firstItem ? '' : ',\n'}        ${JSON.stringify(o, null, 4).replaceAll('\n', '\n        ')}`;
        jsonBytes += writeSync(jsonFile, item);
        firstItem = false;
      }
    },
    namespaces,
  );
  jsonBytes += writeSync(
    jsonFile,
    '\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
  );
  closeSync(jsonFile);
  return { count, yamlDir, jsonPath, yamlBytes, jsonBytes };
}

/**
 * The same cluster as ONE multi-document YAML file (what `kubectl get -A -o yaml` split into documents
 * gives): the 100,000-object form is about 251 MB. Written as it is made. Returns its object count and bytes.
 * From the shell: `node scripts/bench/assess.js --write-yaml FILE [--objects N]`.
 */
export function writeYamlFile(path, total, namespaces = undefined) {
  const file = openSync(path, 'w');
  let bytes = 0;
  let first = true;
  const count = generate(
    total,
    (_name, objects) => {
      for (const o of objects) {
        bytes += writeSync(file, `${first ? '' : '---\n'}${jsyaml.dump(withLastApplied(o), DUMP_OPTIONS)}`);
        first = false;
      }
    },
    namespaces,
  );
  closeSync(file);
  return { count, bytes };
}

// ---------------------------------------------------------------------------------------------------------
// Measurements, each in a fresh process so its peak RSS is its own.

async function child(mode, path) {
  const rssMb = () => process.resourceUsage().maxRSS / 1024;
  const out = { mode };
  const started = performance.now();
  if (mode === 'js-yaml') {
    let docs = 0;
    let bytes = 0;
    const files = readdirSync(path).sort();
    const texts = files.map((f) => readFileSync(join(path, f), 'utf8'));
    const t0 = performance.now();
    const kept = [];
    for (const text of texts) {
      bytes += text.length;
      const parsed = jsyaml.loadAll(text, null, { schema: jsyaml.CORE_SCHEMA });
      docs += parsed.length;
      kept.push(parsed);
    }
    out.parseMs = performance.now() - t0;
    out.objects = docs;
    out.bytes = bytes;
  } else if (mode === 'json-parse') {
    // Over 512 MB the text cannot be one string: JSON.parse the same pieces of items kube2eks reads.
    const buf = readFileSync(path);
    const texts =
      buf.length < 256 * 1024 * 1024
        ? [buf.toString('utf8')]
        : [...(await import('../../dist/sources/big.js')).splitBigText(buf)].map((p) => p.text);
    const t0 = performance.now();
    const kept = texts.map((text) => JSON.parse(text));
    out.parseMs = performance.now() - t0;
    out.objects = kept.reduce((n, list) => n + list.items.length, 0);
    out.pieces = texts.length;
  } else {
    const { loadInventory } = await import('../../dist/sources/index.js');
    const { assess } = await import('../../dist/assess.js');
    const { formatters } = await import('../../dist/report/index.js');
    const { ruleInfos, registry } = await import('../../dist/rules/index.js');
    const t0 = performance.now();
    const inventory = await loadInventory([path]);
    out.loadMs = performance.now() - t0;
    out.loadRssMb = rssMb();
    out.objects = inventory.objects.length;
    out.errors = inventory.errors.length;
    const failures = new Map();
    const t1 = performance.now();
    const result = assess(inventory, {
      now: new Date('2025-10-01T00:00:00Z'),
      onRuleError: (id) => failures.set(id, (failures.get(id) ?? 0) + 1),
    });
    out.assessMs = performance.now() - t1;
    out.findings = result.findings.length;
    out.ruleFailures = Object.fromEntries(failures);
    out.reportMs = {};
    for (const format of ['json', 'sarif', 'table', 'markdown']) {
      const t = performance.now();
      const text = formatters[format](result, ruleInfos(registry), { color: false });
      out.reportMs[format] = performance.now() - t;
      out[`${format}Bytes`] = text.length;
    }
  }
  out.totalMs = performance.now() - started;
  out.rssMb = rssMb();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function measure(mode, path) {
  const run = spawnSync(process.execPath, ['--max-old-space-size=8192', here, CHILD, mode, path], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`the ${mode} measurement failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

export default async function bench() {
  const total = Number(option('--objects') || process.env.BENCH_OBJECTS || 100_000);
  if (!Number.isInteger(total) || total < 100) throw new Error('--objects takes a whole number >= 100');
  const keep = option('--keep') !== undefined;
  const dir = mkdtempSync(join(tmpdir(), 'kube2eks-bench-assess-'));
  try {
    const t0 = performance.now();
    const namespaces = option('--namespaces') ? Number(option('--namespaces')) : undefined;
    const dump = writeDump(dir, total, namespaces);
    const generateS = (performance.now() - t0) / 1000;
    const yamlMb = dump.yamlBytes / 1e6;
    const jsonMb = dump.jsonBytes / 1e6;

    const rawYaml = measure('js-yaml', dump.yamlDir);
    const rawJson = measure('json-parse', dump.jsonPath);
    const yaml = measure('assess', dump.yamlDir);
    const json = measure('assess', dump.jsonPath);
    for (const [what, r] of [
      ['YAML', yaml],
      ['JSON', json],
    ]) {
      if (r.objects !== dump.count || r.errors !== 0) {
        throw new Error(`${what}: read ${r.objects} of ${dump.count} objects with ${r.errors} errors`);
      }
      const failed = Object.entries(r.ruleFailures);
      if (failed.length)
        throw new Error(`${what}: rules failed: ${failed.map(([id, n]) => `${id} x${n}`).join(', ')}`);
    }
    if (rawYaml.objects !== dump.count) throw new Error(`js-yaml read ${rawYaml.objects} documents`);

    const s = (ms) => ms / 1000;
    const pipelineMs = (r) => r.loadMs + r.assessMs;
    const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
    const results = [
      { name: 'objects', value: dump.count, unit: 'objects', note: `generated in ${generateS.toFixed(0)} s` },
      {
        name: 'YAML dump (folder)',
        value: yamlMb,
        unit: 'MB',
        note: `${readdirSync(dump.yamlDir).length} files`,
      },
      { name: 'JSON List (one file)', value: jsonMb, unit: 'MB' },
      {
        name: 'baseline: js-yaml loadAll',
        value: yamlMb / s(rawYaml.parseMs),
        unit: 'MB/s',
        note: `${s(rawYaml.parseMs).toFixed(1)} s`,
      },
      {
        name: 'baseline: JSON.parse',
        value: jsonMb / s(rawJson.parseMs),
        unit: 'MB/s',
        note: `${s(rawJson.parseMs).toFixed(1)} s${rawJson.pieces > 1 ? `, in the ${rawJson.pieces} pieces kube2eks cuts it into (over 256 MB)` : ''}`,
      },
    ];
    for (const [what, r, raw, mb, base] of [
      ['YAML', yaml, rawYaml, yamlMb, 'js-yaml'],
      ['JSON', json, rawJson, jsonMb, 'JSON.parse'],
    ]) {
      results.push(
        {
          name: `${what}: loadInventory`,
          value: s(r.loadMs),
          unit: 's',
          note: `${ratio(r.loadMs, raw.parseMs)} ${base}`,
        },
        {
          name: `${what}: assess (all rules)`,
          value: s(r.assessMs),
          unit: 's',
          note: `${ratio(r.assessMs, raw.parseMs)} ${base}; ${r.findings.toLocaleString('en-US')} findings`,
        },
        {
          name: `${what}: load + assess`,
          value: s(pipelineMs(r)),
          unit: 's',
          note: `${ratio(pipelineMs(r), raw.parseMs)} ${base} (assess total time / parse time)`,
        },
        { name: `${what}: load + assess`, value: r.objects / s(pipelineMs(r)), unit: 'objects/s' },
        { name: `${what}: load + assess`, value: mb / s(pipelineMs(r)), unit: 'MB/s' },
        {
          name: `${what}: reports json/sarif/table/md`,
          value: s(r.reportMs.json + r.reportMs.sarif + r.reportMs.table + r.reportMs.markdown),
          unit: 's',
          note: `${s(r.reportMs.json).toFixed(1)} + ${s(r.reportMs.sarif).toFixed(1)} + ${s(r.reportMs.table).toFixed(1)} + ${s(r.reportMs.markdown).toFixed(1)} s; JSON report ${(r.jsonBytes / 1e6).toFixed(0)} MB`,
        },
        {
          name: `${what}: peak RSS, load only`,
          value: r.loadRssMb,
          unit: 'MB',
          note: `${ratio(r.loadRssMb, mb)} input size`,
        },
        {
          name: `${what}: peak RSS, whole run`,
          value: r.rssMb,
          unit: 'MB',
          note: `${ratio(r.rssMb, mb)} input size; ${base} alone: ${raw.rssMb.toFixed(0)} MB (${ratio(raw.rssMb, mb)})`,
        },
      );
    }
    if (keep) process.stderr.write(`assess bench: the dump is in ${dir}\n`);
    return results;
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === CHILD) await child(process.argv[3], process.argv[4]);
else if (process.argv[2] === '--write-yaml' && process.argv[3]) {
  const total = Number(option('--objects') || 100_000);
  const { count, bytes } = writeYamlFile(process.argv[3], total);
  process.stdout.write(`${process.argv[3]}: ${count} objects, ${(bytes / 1e6).toFixed(0)} MB\n`);
}
