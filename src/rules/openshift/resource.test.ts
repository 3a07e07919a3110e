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

  it('finds the namespaces that use an SCC from its users, groups and RBAC, and notes built-in SCCs', () => {
    const text = `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: fires-provisioner-scc}
allowPrivilegedContainer: true
allowHostDirVolumePlugin: true
runAsUser: {type: RunAsAny}
users: ["system:serviceaccount:storage:provisioner", "system:admin"]
groups: ["system:serviceaccounts:backup"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: use-provisioner-scc}
rules:
- {apiGroups: [security.openshift.io], resources: [securitycontextconstraints], resourceNames: [fires-provisioner-scc], verbs: [use]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-uses-scc, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: use-provisioner-scc}
subjects: [{kind: ServiceAccount, name: builder, namespace: ci}]
---
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: restricted}
allowPrivilegeEscalation: true
runAsUser: {type: MustRunAsRange}
requiredDropCapabilities: [KILL, MKNOD, SETUID, SETGID]
groups: ["system:authenticated"]
volumes: [configMap, downwardAPI, emptyDir, persistentVolumeClaim, projected, secret]
`;
    const [custom, restricted] = runRule(rule, text);
    expect(custom?.remediation).toContain(
      'Label the namespaces whose service accounts used it (backup, ci and storage) with pod-security.kubernetes.io/enforce: privileged',
    );
    expect(custom?.explanation).not.toContain('built-in');
    expect(custom?.data?.namespaces).toEqual(['backup', 'ci', 'storage']);
    expect(restricted?.message).toContain('(Pod Security Admission level baseline)');
    expect(restricted?.remediation).toContain(
      '(every namespace) with pod-security.kubernetes.io/enforce: baseline',
    );
    expect(restricted?.explanation).toContain("restricted is one of OpenShift's built-in SCCs");
  });

  it('reports service CA annotations and names the legacy v1 apiVersion', () => {
    const text = `apiVersion: v1
kind: Service
metadata:
  name: fires-serving-cert
  annotations: {service.alpha.openshift.io/serving-cert-secret-name: api-tls}
spec: {ports: [{port: 443}]}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: fires-ca-bundle
  annotations: {service.beta.openshift.io/inject-cabundle: "true"}
---
apiVersion: v1
kind: Service
metadata:
  name: dont-fire-plain-service
  annotations: {service.beta.kubernetes.io/aws-load-balancer-type: external}
---
apiVersion: v1
kind: DeploymentConfig
metadata: {name: fires-legacy-dc}
spec: {replicas: 1}
`;
    const findings = runRule(rule, text);
    expect(summarize(findings)).toEqual([
      'warning openshift/resource Service/fires-serving-cert :5',
      'warning openshift/resource ConfigMap/fires-ca-bundle :12',
      'warning openshift/resource DeploymentConfig/fires-legacy-dc :21',
    ]);
    const [serving, bundle, dc] = findings;
    expect(serving?.message).toBe(
      'Service fires-serving-cert gets its TLS certificate from the OpenShift service CA (service.alpha.openshift.io/serving-cert-secret-name: api-tls).',
    );
    expect(serving?.remediation).toContain('cert-manager');
    expect(serving?.remediation).toContain('aws-privateca-issuer');
    expect(bundle?.explanation).toContain('the service-ca.crt key of the ConfigMap');
    expect(dc?.explanation).toContain('written with apiVersion v1, the legacy OpenShift 3 API');
  });

  it('maps each Route by its TLS termination, backends and router annotations', () => {
    const text = `apiVersion: route.openshift.io/v1
kind: Route
metadata: {name: fires-passthrough}
spec:
  host: db.apps.example.com
  to: {kind: Service, name: db}
  tls: {termination: passthrough}
---
apiVersion: route.openshift.io/v1
kind: Route
metadata:
  name: fires-canary
  annotations:
    haproxy.router.openshift.io/timeout: 2m
    haproxy.router.openshift.io/balance: roundrobin
spec:
  host: shop.example.com
  to: {kind: Service, name: shop-v1, weight: 90}
  alternateBackends: [{kind: Service, name: shop-v2, weight: 10}]
  tls: {termination: Reencrypt, insecureEdgeTerminationPolicy: Redirect}
`;
    const [passthrough, canary] = runRule(rule, text);
    expect(passthrough?.message).toContain('on EKS it becomes an NLB with a TCP listener');
    expect(passthrough?.remediation).toContain('an ALB does not have');
    expect(passthrough?.remediation).not.toContain('ingressClassName: alb');
    expect(canary?.message).toContain('becomes an Ingress served by an ALB');
    expect(canary?.remediation).toContain('backend-protocol: HTTPS');
    expect(canary?.remediation).toContain('alb.ingress.kubernetes.io/ssl-redirect');
    expect(canary?.remediation).toContain('weighted target groups');
    expect(canary?.remediation).toContain(
      'haproxy.router.openshift.io/timeout becomes alb.ingress.kubernetes.io/load-balancer-attributes: idle_timeout.timeout_seconds=<seconds>',
    );
    expect(canary?.remediation).toContain('haproxy.router.openshift.io/balance has no ALB equivalent');
    expect(canary?.remediation).not.toContain('passthrough');
  });
});
