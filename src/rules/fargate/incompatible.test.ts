import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { fargateSize, fargateVerdict } from '../../model/fargate.js';
import { podTemplateOf } from '../../model/kinds.js';
import incompatible from './incompatible.js';

const FIXTURE = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-agent}
spec:
  template:
    spec:
      hostNetwork: true
      containers:
      - name: agent
        image: agent:1
        securityContext:
          privileged: true
      volumes:
      - name: logs
        hostPath: {path: /var/log}
      - name: sock
        hostPath: {path: /var/run/docker.sock}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-host-port}
spec:
  template:
    spec:
      # hostNetwork: true
      containers:
      - name: web
        image: web:1
        ports:
        - containerPort: 80
          hostPort: 80
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-hardened}
spec:
  template:
    spec:
      nodeSelector: {kubernetes.io/os: linux}
      containers:
      - name: app
        image: app:1
        securityContext: {privileged: false, allowPrivilegeEscalation: false}
        resources: {requests: {cpu: 100m, memory: 64Mi}}
      volumes:
      - name: tmp
        emptyDir: {}
---
apiVersion: batch/v1
kind: Job
metadata: {name: fires-gpu}
spec:
  template:
    spec:
      containers:
      - name: train
        image: train:1
        resources: {limits: {nvidia.com/gpu: 1}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 10Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: shared}
spec:
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 10Gi}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-ebs-claim}
spec:
  template:
    spec:
      containers: [{name: db, image: db:1}]
      volumes:
      - name: data
        persistentVolumeClaim: {claimName: data}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-shared-claim}
spec:
  template:
    spec:
      containers: [{name: web, image: web:1}]
      volumes:
      - name: shared
        persistentVolumeClaim: {claimName: shared}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-too-large}
spec:
  template:
    spec:
      containers:
      - name: big
        image: big:1
        resources: {requests: {cpu: "20", memory: 64Gi}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-node-selector}
spec:
  template:
    spec:
      nodeSelector:
        kubernetes.io/os: linux
        disktype: ssd
      containers: [{name: app, image: app:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-fargate-affinity}
spec:
  template:
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: In, values: [fargate]}
              - {key: node-role.kubernetes.io/master, operator: DoesNotExist}
      containers: [{name: app, image: app:1}]
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: dont-fire-policy}
spec:
  privileged: true
  hostNetwork: true
  hostPorts: [{min: 0, max: 65535}]
  volumes: ['*']
---
apiVersion: v1
kind: Pod
metadata:
  name: dont-fire-pod-of-reported-daemonset
  ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: fires-agent, controller: true, uid: x}]
spec:
  hostNetwork: true
  containers: [{name: agent, image: agent:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-gke-node-pool}
spec:
  template:
    spec:
      nodeSelector: {cloud.google.com/gke-nodepool: web-pool}
      containers: [{name: web, image: web:1}]
`;

describe('fargate/incompatible', () => {
  const findings = runRule(incompatible, FIXTURE);

  it('reports one finding per workload and reason, never on policies or controlled copies', () => {
    expect(summarize(findings)).toEqual([
      'info fargate/incompatible DaemonSet/fires-agent :2',
      'info fargate/incompatible DaemonSet/fires-agent :7',
      'info fargate/incompatible DaemonSet/fires-agent :12',
      'info fargate/incompatible DaemonSet/fires-agent :15',
      'info fargate/incompatible Deployment/fires-host-port :31',
      'info fargate/incompatible Job/fires-gpu :58',
      'info fargate/incompatible Deployment/fires-ebs-claim :83',
      'info fargate/incompatible Deployment/fires-too-large :102',
      'info fargate/incompatible Deployment/fires-node-selector :115',
    ]);
  });

  it('names the reason in the message', () => {
    const texts = findings.map((f) => `${f.resource.name}: ${f.message}`);
    expect(texts).toEqual([
      'fires-agent: DaemonSet fires-agent cannot run on Fargate: Fargate does not run DaemonSets.',
      'fires-agent: DaemonSet fires-agent cannot run on Fargate: it sets hostNetwork: true.',
      'fires-agent: DaemonSet fires-agent cannot run on Fargate: container agent sets privileged: true.',
      'fires-agent: DaemonSet fires-agent cannot run on Fargate: volume logs is a hostPath (/var/log); volume sock is a hostPath (/var/run/docker.sock, and EKS nodes run containerd, with no Docker socket).',
      'fires-host-port: Deployment fires-host-port cannot run on Fargate: container web binds hostPort 80.',
      'fires-gpu: Job fires-gpu cannot run on Fargate: container train asks for nvidia.com/gpu.',
      'fires-ebs-claim: Deployment fires-ebs-claim cannot run on Fargate: volume data uses PersistentVolumeClaim data, ReadWriteOnce block storage (Amazon EBS on EKS).',
      "fires-too-large: Deployment fires-too-large cannot run on Fargate: the pod requests 20 vCPU and 64.25 GiB (with Fargate's 256 MiB), more than the largest Fargate size (16 vCPU, 120 GB).",
      'fires-node-selector: Deployment fires-node-selector cannot run on Fargate: nodeSelector disktype: ssd matches no Fargate node.',
    ]);
  });

  it('keeps each reason to its own words (a hostPort finding never mentions hostNetwork)', () => {
    const hostPort = findings.find((f) => f.resource.name === 'fires-host-port');
    expect(`${hostPort?.message} ${hostPort?.explanation} ${hostPort?.remediation}`).not.toContain(
      'hostNetwork',
    );
  });

  it('puts the verdict in the facts for the plan', () => {
    expect(findings[0]?.data).toMatchObject({
      eligible: false,
      reasons: ['DaemonSet', 'privileged', 'hostNetwork', 'hostPath'],
    });
  });
});

describe('fargateVerdict', () => {
  it('sizes an eligible pod to the next Fargate combination', () => {
    const view = podTemplateOf({
      kind: 'Deployment',
      spec: {
        template: {
          spec: {
            initContainers: [{ name: 'init', resources: { requests: { cpu: '2', memory: '1Gi' } } }],
            containers: [
              { name: 'a', resources: { requests: { cpu: '500m', memory: '1Gi' } } },
              { name: 'b', resources: { limits: { cpu: '250m', memory: '512Mi' } } },
            ],
          },
        },
      },
    });
    if (!view) throw new Error('no template');
    const verdict = fargateVerdict(view, { kind: 'Deployment' });
    expect(verdict).toEqual({
      eligible: true,
      problems: [],
      cpuMillicores: 2000,
      memoryMiB: 1536 + 256,
      size: { vcpu: 2, memoryGb: 4 },
    });
  });

  it('knows the size table edges', () => {
    expect(fargateSize(0, 256)).toEqual({ vcpu: 0.25, memoryGb: 0.5 });
    expect(fargateSize(16_000, 120 * 1024)).toEqual({ vcpu: 16, memoryGb: 120 });
    expect(fargateSize(16_001, 1024)).toBeUndefined();
    expect(fargateSize(1000, 9 * 1024)).toEqual({ vcpu: 2, memoryGb: 9 });
  });
});

describe('fargate/incompatible on an agent reaching the Docker socket through a run directory', () => {
  it('says that EKS nodes have no Docker socket', () => {
    const [, hostPath] = runRule(
      incompatible,
      `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fires-docker-agent}
spec:
  template:
    spec:
      containers:
      - name: agent
        image: datadog/agent:7.21.1
        env: [{name: DOCKER_HOST, value: "unix:///host/var/run/docker.sock"}]
      volumes:
      - {name: runtimesocketdir, hostPath: {path: /var/run}}
      - {name: procdir, hostPath: {path: /proc}}
`,
    );
    expect(hostPath?.message).toBe(
      'DaemonSet fires-docker-agent cannot run on Fargate: volume runtimesocketdir is a hostPath (/var/run, mounted for the Docker socket that env DOCKER_HOST names, and EKS nodes run containerd, with no Docker socket); volume procdir is a hostPath (/proc).',
    );
  });
});

describe('fargate/incompatible on log collectors', () => {
  it('names the node log paths of EKS, not emptyDir, for a hostPath that reads logs', () => {
    // fluent/fluentd-kubernetes-daemonset: /var/log and /var/lib/docker/containers from the node.
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-log-reader}
spec:
  template:
    spec:
      containers: [{name: fluentd, image: fluent/fluentd-kubernetes-daemonset:v1}]
      volumes:
      - {name: varlog, hostPath: {path: /var/log}}
      - {name: containers, hostPath: {path: /var/lib/docker/containers}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-config-reader}
spec:
  template:
    spec:
      containers: [{name: app, image: example/app:1}]
      volumes: [{name: conf, hostPath: {path: /etc/app}}]
`;
    const [logs, config] = runRule(incompatible, text);
    expect(logs?.message).toContain('volume varlog is a hostPath (/var/log)');
    expect(logs?.remediation).toContain('/var/log/pods and /var/log/containers');
    expect(logs?.remediation).not.toContain('emptyDir');
    expect(config?.remediation).toContain('emptyDir');
  });
});
