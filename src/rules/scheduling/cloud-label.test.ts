import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import cloudLabel from './cloud-label.js';

const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-gke-nodepool}
spec:
  template:
    spec:
      nodeSelector:
        cloud.google.com/gke-nodepool: pool-highmem
      containers: [{name: app, image: app:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-aks-spot}
spec:
  template:
    spec:
      tolerations:
      - {key: kubernetes.azure.com/scalesetpriority, operator: Equal, value: spot, effect: NoSchedule}
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: agentpool, operator: In, values: [userpool]}
      containers: [{name: app, image: app:1}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: fires-machine-type-and-zone}
spec:
  template:
    spec:
      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 1
            preference:
              matchExpressions:
              - {key: node.kubernetes.io/instance-type, operator: In, values: [n2-standard-4, m6i.xlarge]}
      nodeSelector:
        topology.kubernetes.io/zone: us-central1-a
      containers: [{name: db, image: db:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-deprecated-label}
spec:
  template:
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: failure-domain.beta.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}
      containers: [{name: app, image: app:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-standard-labels}
spec:
  template:
    spec:
      nodeSelector:
        kubernetes.io/os: linux
        disktype: ssd
        topology.kubernetes.io/zone: us-east-1a
        node.kubernetes.io/instance-type: m6i.large
      tolerations:
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute}
      - {operator: Exists}
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: a}}}
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: topology.kubernetes.io/zone, operator: In, values: [rack-1, rack-2]}
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule}
      containers: [{name: app, image: app:1}]
`;

describe('scheduling/cloud-label', () => {
  const findings = runRule(cloudLabel, FIXTURE);

  it('reports cloud-specific labels per workload and key, with the severity of their effect', () => {
    expect(summarize(findings)).toEqual([
      'warning scheduling/cloud-label Deployment/fires-gke-nodepool :8',
      'warning scheduling/cloud-label Deployment/fires-aks-spot :24',
      'warning scheduling/cloud-label StatefulSet/fires-machine-type-and-zone :41',
      'info scheduling/cloud-label Deployment/fires-aks-spot :18',
      'info scheduling/cloud-label StatefulSet/fires-machine-type-and-zone :39',
      'info scheduling/cloud-label Deployment/fires-deprecated-label :51',
    ]);
  });

  it('names the label and its EKS counterpart', () => {
    const text = (name: string, fragment: string) =>
      findings.find((f) => f.resource.name === name && f.message.includes(fragment));
    const nodepool = text('fires-gke-nodepool', 'gke-nodepool');
    expect(nodepool?.message).toBe(
      'Deployment fires-gke-nodepool selects nodes by cloud.google.com/gke-nodepool: pool-highmem (nodeSelector), a GKE node pool that EKS nodes do not carry.',
    );
    expect(nodepool?.remediation).toContain('eks.amazonaws.com/nodegroup');
    expect(nodepool?.explanation).toContain('stay Pending');
    expect(text('fires-aks-spot', 'scalesetpriority')?.remediation).toContain(
      'eks.amazonaws.com/capacityType: SPOT',
    );
    expect(text('fires-aks-spot', 'agentpool')?.message).toContain(
      'agentpool: userpool (required node affinity)',
    );
    expect(text('fires-machine-type-and-zone', 'instance-type')?.message).toContain(
      'node.kubernetes.io/instance-type: n2-standard-4 (preferred node affinity), GCP machine types',
    );
    expect(text('fires-machine-type-and-zone', 'zone')?.remediation).toContain('topology.kubernetes.io/zone');
    expect(text('fires-deprecated-label', 'failure-domain')?.message).toBe(
      'Deployment fires-deprecated-label uses the deprecated label failure-domain.beta.kubernetes.io/zone (topologySpreadConstraints).',
    );
  });
});

describe('scheduling/cloud-label on GKE GPU selectors', () => {
  const findings = runRule(
    cloudLabel,
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-gke-l4}
spec:
  template:
    spec:
      nodeSelector:
        cloud.google.com/gke-accelerator: nvidia-l4
        cloud.google.com/gke-gpu-driver-version: latest
      containers:
      - name: vllm
        image: vllm:1
        resources: {limits: {nvidia.com/gpu: "1"}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: fires-unknown-accelerator}
spec:
  template:
    spec:
      nodeSelector: {cloud.google.com/gke-accelerator: nvidia-future-x}
      containers: [{name: t, image: t:1}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: dont-fire-gpu-taint-and-nfd}
spec:
  template:
    spec:
      tolerations:
      - {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}
      - {key: CriticalAddonsOnly, operator: Exists}
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: feature.node.kubernetes.io/pci-10de.present, operator: In, values: ["true"]}
      containers: [{name: p, image: p:1}]
`,
  );

  it('maps the GKE GPU model to the EC2 instances with the same GPU', () => {
    expect(summarize(findings)).toEqual([
      'warning scheduling/cloud-label Deployment/fires-gke-l4 :8',
      'warning scheduling/cloud-label Deployment/fires-gke-l4 :9',
      'warning scheduling/cloud-label Job/fires-unknown-accelerator :21',
    ]);
    const [model, driver, unknown] = findings;
    expect(model?.message).toBe(
      'Deployment fires-gke-l4 selects nodes by cloud.google.com/gke-accelerator: nvidia-l4 (nodeSelector), the GKE GPU model nvidia-l4 (NVIDIA L4) that EKS nodes do not carry.',
    );
    expect(model?.remediation).toContain('karpenter.k8s.aws/instance-gpu-name: l4 (Karpenter)');
    expect(model?.remediation).toContain('g6 instances (NVIDIA L4)');
    expect(driver?.message).toContain('the NVIDIA driver version GKE installs on its GPU nodes');
    expect(driver?.remediation).toContain('EKS-optimized accelerated AMI');
    expect(driver?.message).not.toContain('GPU model');
    expect(unknown?.remediation).toContain('g5, g6, p4d, p5');
  });
});
