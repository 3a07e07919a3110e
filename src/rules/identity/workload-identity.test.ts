import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import workloadIdentity from './workload-identity.js';

const FIXTURE = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: fires-gke
  namespace: shop
  annotations:
    iam.gke.io/gcp-service-account: cart@my-project.iam.gserviceaccount.com
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: fires-azure-sa
  annotations:
    azure.workload.identity/client-id: 00000000-1111-2222-3333-444444444444
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-azure-pod}
spec:
  template:
    metadata:
      labels:
        app: ai
        azure.workload.identity/use: "true"
    spec:
      serviceAccountName: fires-azure-sa
      containers: [{name: ai, image: ai:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-aad-pod-identity, namespace: legacy}
spec:
  template:
    metadata:
      labels: {aadpodidbinding: reader}
    spec:
      containers: [{name: app, image: app:1}]
---
apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentityBinding
metadata: {name: fires-binding, namespace: legacy}
spec: {azureIdentity: reader, selector: reader}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: fires-kube2iam}
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations: {iam.amazonaws.com/role: arn:aws:iam::123456789012:role/reporter}
        spec:
          serviceAccountName: reporter
          containers: [{name: r, image: r:1}]
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: fires-irsa
  annotations: {eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/s3-reader}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: dont-fire-plain}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dont-fire-label-false
spec:
  template:
    metadata:
      labels: {azure.workload.identity/use: "false"}
    spec:
      containers: [{name: app, image: app:1}]
`;

describe('identity/workload-identity', () => {
  const findings = runRule(workloadIdentity, FIXTURE, { targetVersion: '1.31' });
  const byName = (name: string) => findings.find((f) => f.resource.name === name)!;

  it('reports each workload identity mechanism where it is declared', () => {
    expect(summarize(findings)).toEqual([
      'warning identity/workload-identity ServiceAccount/fires-gke@shop :7',
      'warning identity/workload-identity ServiceAccount/fires-azure-sa :14',
      'warning identity/workload-identity Deployment/fires-azure-pod :24',
      'warning identity/workload-identity Deployment/fires-aad-pod-identity@legacy :35',
      'warning identity/workload-identity AzureIdentityBinding/fires-binding@legacy :40',
      'warning identity/workload-identity CronJob/fires-kube2iam :53',
      'info identity/workload-identity ServiceAccount/fires-irsa :62',
    ]);
  });

  it('names the source identity and the EKS replacement, and keeps facts for the plan', () => {
    const gke = byName('fires-gke');
    expect(gke.message).toBe(
      'ServiceAccount shop/fires-gke uses GKE Workload Identity (iam.gke.io/gcp-service-account: cart@my-project.iam.gserviceaccount.com); on EKS use EKS Pod Identity or IRSA.',
    );
    expect(gke.remediation).toContain(
      'EKS Pod Identity association (namespace shop, service account fires-gke -> the role)',
    );
    expect(gke.remediation).toContain('eks.amazonaws.com/role-arn');
    expect(gke.data).toMatchObject({
      namespace: 'shop',
      serviceAccount: 'fires-gke',
      mechanism: 'gke-workload-identity',
      from: 'iam.gke.io/gcp-service-account=cart@my-project.iam.gserviceaccount.com',
      eks: 'pod-identity',
    });
    const pod = byName('fires-azure-pod');
    expect(pod.message).toContain(
      'pod label azure.workload.identity/use: "true", service account fires-azure-sa',
    );
    expect(pod.data).toMatchObject({
      serviceAccount: 'fires-azure-sa',
      mechanism: 'azure-workload-identity',
    });
    expect(byName('fires-kube2iam').message).toContain('IAM role arn:aws:iam::123456789012:role/reporter');
    expect(byName('fires-irsa').explanation).toContain('new OIDC issuer');
  });

  it('reports Config Connector bindings and Azure federated credentials for Kubernetes service accounts', () => {
    const text = `apiVersion: iam.cnrm.cloud.google.com/v1beta1
kind: IAMPolicyMember
metadata: {name: fires-binding, namespace: config}
spec:
  member: serviceAccount:my-project.svc.id.goog[shop/cart]
  role: roles/iam.workloadIdentityUser
  resourceRef: {kind: IAMServiceAccount, name: cart}
---
apiVersion: managedidentity.azure.com/v1api20230131
kind: FederatedIdentityCredential
metadata: {name: fires-federation}
spec:
  issuer: https://oidc.prod-aks.azure.com/abc/
  subject: system:serviceaccount:ai:ai-service
---
apiVersion: iam.cnrm.cloud.google.com/v1beta1
kind: IAMPolicyMember
metadata: {name: dont-fire-user-binding}
spec:
  member: user:alice@example.com
  role: roles/viewer
`;
    const findings = runRule(workloadIdentity, text, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual([
      'warning identity/workload-identity IAMPolicyMember/fires-binding@config :4',
      'warning identity/workload-identity FederatedIdentityCredential/fires-federation :14',
    ]);
    expect(findings[0]?.message).toContain('(shop/cart)');
    expect(findings[0]?.data).toMatchObject({ serviceAccounts: ['shop/cart'] });
    expect(findings[1]?.message).toContain('service account ai/ai-service');
  });
  it('reports the namespace role restrictions of kiam and kube2iam', () => {
    const text = `apiVersion: v1
kind: Namespace
metadata:
  name: fires-kiam-ns
  annotations: {iam.amazonaws.com/permitted: "arn:aws:iam::123456789012:role/app-.*"}
---
apiVersion: v1
kind: Namespace
metadata:
  name: fires-kube2iam-ns
  annotations:
    iam.amazonaws.com/allowed-roles: |
      ["arn:aws:iam::123456789012:role/reporter"]
---
apiVersion: v1
kind: Namespace
metadata:
  name: dont-fire-plain-ns
  annotations: {team: data}
`;
    const found = runRule(workloadIdentity, text, { targetVersion: '1.31' });
    expect(summarize(found)).toEqual([
      'warning identity/workload-identity Namespace/fires-kiam-ns :5',
      'warning identity/workload-identity Namespace/fires-kube2iam-ns :12',
    ]);
    expect(found[0]?.message).toBe(
      'Namespace fires-kiam-ns limits the IAM roles kiam hands to its pods (iam.amazonaws.com/permitted: arn:aws:iam::123456789012:role/app-.*); on EKS roles are bound per service account.',
    );
    expect(found[1]?.message).toContain(
      'kube2iam hands to its pods (iam.amazonaws.com/allowed-roles: ["arn:aws:iam::123456789012:role/reporter"])',
    );
    expect(found[1]?.data).toMatchObject({
      mechanism: 'kube2iam',
      restriction: 'iam.amazonaws.com/allowed-roles',
    });
  });
});
