import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './resource.js';

const FIXTURE = `apiVersion: route.openshift.io/v1
kind: Route
metadata: {name: fires-route, namespace: shop}
spec:
  host: shop.example.com
  to: {kind: Service, name: frontend}
  tls: {termination: edge}
---
apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata: {name: fires-dc, namespace: shop}
spec:
  replicas: 2
  selector: {app: web}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: web:1}]
---
apiVersion: v1
kind: ImageStream
metadata: {name: fires-legacy-v1-imagestream, namespace: shop}
---
apiVersion: template.openshift.io/v1
kind: Template
metadata: {name: fires-template}
objects:
- {apiVersion: v1, kind: Service, metadata: {name: db}}
- {apiVersion: apps/v1, kind: Deployment, metadata: {name: db}}
---
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: fires-scc}
allowHostNetwork: true
allowPrivilegedContainer: false
runAsUser: {type: RunAsAny}
---
apiVersion: project.openshift.io/v1
kind: Project
metadata: {name: fires-project}
---
apiVersion: config.openshift.io/v1
kind: fires-unknown-kind
metadata: {name: cluster}
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-service}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: dont-fire-not-openshift}
`;

describe('openshift/resource', () => {
  it('maps OpenShift kinds to their EKS counterparts', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning openshift/resource Route/fires-route@shop :2',
      'warning openshift/resource DeploymentConfig/fires-dc@shop :10',
      'warning openshift/resource ImageStream/fires-legacy-v1-imagestream@shop :21',
      'warning openshift/resource Template/fires-template :25',
      'warning openshift/resource SecurityContextConstraints/fires-scc :32',
      'warning openshift/resource Project/fires-project :39',
      'warning openshift/resource fires-unknown-kind/cluster :42',
    ]);
    const byKind = Object.fromEntries(findings.map((f) => [f.resource.kind, f]));
    expect(byKind.Route?.message).toBe(
      'Route fires-route is an OpenShift Route (host shop.example.com, TLS edge, to Service frontend); on EKS it becomes an Ingress served by an ALB (AWS Load Balancer Controller) or a Gateway API HTTPRoute.',
    );
    expect(byKind.Route?.remediation).toContain('ACM certificate');
    expect(byKind.DeploymentConfig?.message).toContain('becomes a Deployment');
    expect(byKind.ImageStream?.message).toContain('Amazon ECR repositories and tags');
    expect(byKind.Template?.remediation).toContain('Helm chart');
    expect(byKind.Template?.remediation).toContain('(it holds Service db and Deployment db)');
    expect(byKind.SecurityContextConstraints?.message).toContain('Pod Security Admission level privileged');
    expect(byKind.SecurityContextConstraints?.remediation).toContain(
      'pod-security.kubernetes.io/enforce: privileged',
    );
    expect(byKind.Project?.message).toContain('becomes a Namespace');
    expect(byKind['fires-unknown-kind']?.message).toContain('config.openshift.io/v1');
  });

  it('reports OpenShift image triggers and OpenShift RBAC aliases', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: fires-triggers
  annotations:
    image.openshift.io/triggers: '[{"from":{"kind":"ImageStreamTag","name":"web:latest"},"fieldPath":"spec.template.spec.containers[0].image"}]'
---
apiVersion: authorization.openshift.io/v1
kind: RoleBinding
metadata: {name: fires-rbac-alias, namespace: shop}
roleRef: {name: edit}
groupNames: [devs]
`;
    const findings = runRule(rule, text);
    expect(summarize(findings)).toEqual([
      'warning openshift/resource Deployment/fires-triggers :6',
      'warning openshift/resource RoleBinding/fires-rbac-alias@shop :9',
    ]);
    expect(findings[0]?.remediation).toContain('Amazon ECR');
    expect(findings[1]?.message).toContain('an rbac.authorization.k8s.io/v1 RoleBinding');
  });
});
