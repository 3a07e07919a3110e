import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './identity-binding.js';

const FIXTURE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: fires-google-group}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
- kind: ServiceAccount
  name: deployer
  namespace: ci
- kind: Group
  apiGroup: rbac.authorization.k8s.io
  name: devs@example.com
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: fires-aad-and-user, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: shop-operator}
subjects:
- {kind: Group, name: 6a5f3c1e-2b4d-4e8f-9a0b-1c2d3e4f5a6b}
- {kind: User, name: alice}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-service-accounts-only}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: argocd, namespace: argocd}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dont-fire-system-groups}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: Group, name: "system:authenticated"}
- {kind: User, name: "system:kube-scheduler"}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: dont-fire-distribution-default
  labels: {kubernetes.io/bootstrapping: rbac-defaults}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: Group, name: admins}
`;

describe('rbac/identity-binding', () => {
  it('reports bindings to users and groups of the identity provider with their access entries', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning rbac/identity-binding ClusterRoleBinding/fires-google-group :9',
      'warning rbac/identity-binding RoleBinding/fires-aad-and-user@shop :18',
    ]);
    const [google, aad] = findings;
    expect(google?.message).toBe(
      'ClusterRoleBinding fires-google-group grants ClusterRole edit to group devs@example.com: on EKS these identities need access entries.',
    );
    expect(google?.explanation).toContain(
      'Group devs@example.com: an email address: a Google account or group on GKE, an Entra ID user principal name on AKS, or an OIDC email claim.',
    );
    expect(google?.remediation).toContain(
      'group devs@example.com -> access policy AmazonEKSEditPolicy (cluster scope)',
    );
    expect(google?.data?.accessEntries).toEqual([
      {
        principal: 'group:devs@example.com',
        policy: 'AmazonEKSEditPolicy',
        policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy',
        scope: { type: 'cluster' },
        from: 'ClusterRoleBinding/fires-google-group',
        origin:
          'an email address: a Google account or group on GKE, an Entra ID user principal name on AKS, or an OIDC email claim',
      },
    ]);
    expect(aad?.explanation).toContain(
      'Group 6a5f3c1e-2b4d-4e8f-9a0b-1c2d3e4f5a6b: a Microsoft Entra ID (Azure AD) object ID',
    );
    expect(aad?.remediation).toContain('user alice -> username alice on the access entry');
    expect(aad?.data?.accessEntries).toMatchObject([
      {
        principal: 'group:6a5f3c1e-2b4d-4e8f-9a0b-1c2d3e4f5a6b',
        kubernetesGroups: ['6a5f3c1e-2b4d-4e8f-9a0b-1c2d3e4f5a6b'],
        scope: { type: 'namespace', namespaces: ['shop'] },
      },
      { principal: 'user:alice', username: 'alice', from: 'RoleBinding/shop/fires-aad-and-user' },
    ]);
  });

  it('notes when the bound role only grants use of a PodSecurityPolicy', () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: psp-user}
rules:
- {apiGroups: [policy], resources: [podsecuritypolicies], resourceNames: [restricted], verbs: [use]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: fires-psp-users}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: psp-user}
subjects:
- {kind: Group, name: psp-users}
`;
    const [finding] = runRule(rule, text);
    expect(finding?.resource.name).toBe('fires-psp-users');
    expect(finding?.explanation).toContain('only allows using a PodSecurityPolicy');
    expect(finding?.remediation).toContain(
      'group psp-users -> Kubernetes group psp-users on the access entry',
    );
  });

  it('reads OpenShift 3 bindings with userNames and groupNames', () => {
    const text = `apiVersion: v1
kind: RoleBinding
metadata: {name: fires-openshift3, namespace: shop}
roleRef: {name: admin}
userNames: [developer, "system:serviceaccount:shop:deployer"]
groupNames: [shop-admins]
`;
    const findings = runRule(rule, text);
    expect(summarize(findings)).toEqual([
      'warning rbac/identity-binding RoleBinding/fires-openshift3@shop :5',
    ]);
    expect(findings[0]?.message).toContain('to user developer and group shop-admins');
    expect(findings[0]?.explanation).toContain(
      'User developer and group shop-admins: an OpenShift OAuth user or group.',
    );
  });

  it('leaves component certificate identities out of access entries', () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: fires-ccm-user}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:cloud-controller-manager"}
subjects:
- {kind: ServiceAccount, name: cloud-controller-manager, namespace: kube-system}
- {kind: User, name: cloud-controller-manager}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: fires-mixed, namespace: kube-system}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: User, name: kube-scheduler}
- {kind: Group, name: ops}
`;
    const [ccm, mixed] = runRule(rule, text);
    expect(ccm?.message).toBe(
      'ClusterRoleBinding fires-ccm-user grants ClusterRole system:cloud-controller-manager to user cloud-controller-manager, the certificate identity of a control-plane component; EKS runs or replaces that component, so the binding has no one to match there.',
    );
    expect(ccm?.data?.accessEntries).toEqual([]);
    expect(ccm?.remediation).not.toContain('access entry for it');
    expect(mixed?.message).toContain('to group ops:');
    expect(mixed?.data?.accessEntries).toMatchObject([{ principal: 'group:ops' }]);
    expect(mixed?.remediation).toContain(
      'user kube-scheduler is the certificate identity of a control-plane component',
    );
  });

  it('offers an EKS OIDC identity provider for OIDC-prefixed names, and reads Entra IDs behind a prefix', () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: fires-oidc-admins}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: Group, name: "oidc:/kubernetes-admin", apiGroup: rbac.authorization.k8s.io}
- {kind: Group, name: "aad:248412de-c401-4202-b978-d4761b355107", apiGroup: rbac.authorization.k8s.io}
`;
    const [finding] = runRule(rule, text);
    expect(finding?.remediation).toContain('usernamePrefix/groupsPrefix "oidc:" and "aad:"');
    expect(finding?.explanation).toContain(
      'Group aad:248412de-c401-4202-b978-d4761b355107: a Microsoft Entra ID (Azure AD) object ID behind the OIDC claim prefix aad:.',
    );
  });

  it("does not mistake kubeadm's certificate group for an OIDC prefix", () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "fires-kubeadm:cluster-admins"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "kubeadm:cluster-admins", apiGroup: rbac.authorization.k8s.io}]
`;
    const [finding] = runRule(rule, text);
    expect(finding?.explanation).toContain("client certificate of kubeadm's admin.conf");
    expect(finding?.explanation).not.toContain('OIDC');
    expect(finding?.remediation).not.toContain('groupsPrefix');
    expect(finding?.remediation).toContain('AmazonEKSClusterAdminPolicy');
  });
});
