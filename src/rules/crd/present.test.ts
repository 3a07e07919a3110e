import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import present from './present.js';

const FIXTURE = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: fires-crontabs.stable.example.com}
spec:
  group: stable.example.com
  names: {kind: CronTab, plural: crontabs}
  scope: Namespaced
  versions: [{name: v1, served: true, storage: true}]
---
apiVersion: stable.example.com/v1
kind: CronTab
metadata: {name: dont-fire-instance-of-defined-crd}
spec: {cronSpec: "* * * * */5"}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: fires-undefined-operator-cr, namespace: monitoring}
spec: {endpoints: [{port: web}]}
---
apiVersion: monitoring.googleapis.com/v1
kind: PodMonitoring
metadata: {name: fires-gke-managed-prometheus}
spec: {endpoints: [{port: metrics}]}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: fires-backendconfigs.cloud.google.com}
spec:
  group: cloud.google.com
  names: {kind: BackendConfig, plural: backendconfigs}
---
apiVersion: example.io/v1alpha1
kind: Widget
metadata: {name: fires-unknown-group}
---
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
metadata: {name: dont-fire-kustomize-config}
resources: [a.yaml]
---
apiVersion: route.openshift.io/v1
kind: Route
metadata: {name: dont-fire-openshift}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-built-in}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: fires-gateway-api}
`;

describe('crd/present', () => {
  const findings = runRule(present, FIXTURE);

  it('reports CRDs and custom resources whose CRD is absent', () => {
    expect(summarize(findings)).toEqual([
      'info crd/present CustomResourceDefinition/fires-crontabs.stable.example.com :5',
      'info crd/present ServiceMonitor/fires-undefined-operator-cr@monitoring :15',
      'info crd/present PodMonitoring/fires-gke-managed-prometheus :20',
      'info crd/present CustomResourceDefinition/fires-backendconfigs.cloud.google.com :29',
      'info crd/present Widget/fires-unknown-group :32',
      'info crd/present Gateway/fires-gateway-api :49',
    ]);
  });

  it('names the operator and what to do on EKS', () => {
    const byName = Object.fromEntries(findings.map((f) => [f.resource.name, f]));
    expect(byName['fires-crontabs.stable.example.com']?.message).toBe(
      'CustomResourceDefinition fires-crontabs.stable.example.com (CronTab, group stable.example.com) must be installed on EKS, with the operator or chart that provides it, before its custom resources (1 object in the input).',
    );
    expect(byName['fires-undefined-operator-cr']?.message).toContain(
      'Prometheus Operator must be installed on EKS first',
    );
    expect(byName['fires-gke-managed-prometheus']?.message).toContain('does not exist on EKS');
    expect(byName['fires-gke-managed-prometheus']?.remediation).toContain(
      'Amazon Managed Service for Prometheus',
    );
    expect(byName['fires-backendconfigs.cloud.google.com']?.message).toContain('has no counterpart on EKS');
    expect(byName['fires-unknown-group']?.message).toContain('the operator that serves example.io');
    expect(byName['fires-gateway-api']?.remediation).toContain('Gateway API CRDs');
  });
});

describe('crd/present names the project of a shared or GKE-managed group', () => {
  const findings = runRule(
    present,
    `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: fires-argo-cd-app, namespace: argocd}
spec: {project: default}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: fires-rollout}
spec: {}
---
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata: {name: fires-vpa}
spec: {targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}}
`,
  );
  const byName = (n: string) => findings.find((f) => f.resource.name === n);

  it('tells Argo CD from Argo Rollouts', () => {
    expect(byName('fires-argo-cd-app')?.message).toContain(': Argo CD must be installed on EKS first.');
    expect(byName('fires-rollout')?.message).toContain(': Argo Rollouts must be installed on EKS first.');
  });

  it('knows that GKE runs the Vertical Pod Autoscaler for you and EKS does not', () => {
    expect(byName('fires-vpa')?.remediation).toContain('GKE runs it as a managed feature, EKS does not');
  });
});

describe('crd/present leaves objects another rule reports to that rule (one concern, one finding)', () => {
  it('reports the CRD of a GKE BackendConfig or a Config Connector kind, never their instances', () => {
    // A GKE sample (kubernetes-engine-samples load-balancing BackendConfig) and a Config Connector SQLInstance.
    const findings = runRule(
      present,
      `apiVersion: cloud.google.com/v1
kind: BackendConfig
metadata: {name: dont-fire-backendconfig}
spec: {timeoutSec: 40}
---
apiVersion: sql.cnrm.cloud.google.com/v1beta1
kind: SQLInstance
metadata: {name: dont-fire-sqlinstance}
spec: {databaseVersion: POSTGRES_15, region: europe-west3}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: sqlinstances.sql.cnrm.cloud.google.com}
spec:
  group: sql.cnrm.cloud.google.com
  names: {kind: SQLInstance, plural: sqlinstances}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: fires-servicemonitor}
spec: {selector: {matchLabels: {app: web}}}
`,
    );
    expect(summarize(findings)).toEqual([
      'info crd/present CustomResourceDefinition/sqlinstances.sql.cnrm.cloud.google.com :15',
      'info crd/present ServiceMonitor/fires-servicemonitor :18',
    ]);
  });
});
