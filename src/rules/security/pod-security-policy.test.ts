import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { evaluatePolicy, pspPolicy, sccPolicy } from '../../model/pod-security.js';
import rule from './pod-security-policy.js';

const FIXTURE = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: fires-privileged}
spec:
  privileged: true
  hostNetwork: true
  hostPorts: [{min: 1, max: 65535}]
  volumes: ["*"]
  runAsUser: {rule: RunAsAny}
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: fires-baseline}
spec:
  privileged: false
  runAsUser: {rule: MustRunAsNonRoot}
  volumes: [configMap, secret, emptyDir, persistentVolumeClaim]
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata:
  name: fires-restricted
  annotations:
    seccomp.security.alpha.kubernetes.io/allowedProfileNames: runtime/default
spec:
  allowPrivilegeEscalation: false
  requiredDropCapabilities: [ALL]
  runAsUser: {rule: MustRunAsNonRoot}
  volumes: [configMap, secret, projected]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: use-baseline, namespace: shop}
rules:
- {apiGroups: [policy], resources: [podsecuritypolicies], resourceNames: [fires-baseline], verbs: [use]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dont-fire-binding, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: use-baseline}
subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
`;

describe('security/pod-security-policy', () => {
  it('maps every PodSecurityPolicy to a Pod Security Admission level', () => {
    const findings = runRule(rule, FIXTURE, { targetVersion: '1.31' });
    expect(summarize(findings)).toEqual([
      'blocker security/pod-security-policy PodSecurityPolicy/fires-privileged :4',
      'blocker security/pod-security-policy PodSecurityPolicy/fires-baseline :14',
      'blocker security/pod-security-policy PodSecurityPolicy/fires-restricted :25',
    ]);
    const [privileged, baseline, restricted] = findings;
    expect(privileged?.message).toBe(
      'PodSecurityPolicy fires-privileged is not enforced on EKS 1.31: use Pod Security Admission at the privileged level instead.',
    );
    expect(privileged?.explanation).toContain(
      'allows privileged containers, hostNetwork, host ports 1-65535 and all volume types (*), hostPath included, which only the privileged level admits',
    );
    expect(baseline?.data?.psaLevel).toBe('baseline');
    expect(baseline?.remediation).toContain(
      'used this policy (shop) with pod-security.kubernetes.io/enforce: baseline',
    );
    expect(baseline?.explanation).toContain('privilege escalation');
    expect(restricted?.data?.psaLevel).toBe('restricted');
  });

  it('is a warning while the target still serves PodSecurityPolicy', () => {
    const findings = runRule(rule, FIXTURE, { targetVersion: '1.24' });
    expect(findings.map((f) => f.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(findings[0]?.message).toContain('removed in 1.25');
  });
});

describe('PSA level mapping', () => {
  it('maps OpenShift SCCs', () => {
    expect(
      evaluatePolicy(sccPolicy({ kind: 'SecurityContextConstraints', allowHostNetwork: true })).level,
    ).toBe('privileged');
    const restrictedV2 = sccPolicy({
      kind: 'SecurityContextConstraints',
      allowPrivilegeEscalation: false,
      requiredDropCapabilities: ['ALL'],
      allowedCapabilities: ['NET_BIND_SERVICE'],
      runAsUser: { type: 'MustRunAsRange' },
      seccompProfiles: ['runtime/default'],
      volumes: [
        'configMap',
        'csi',
        'downwardAPI',
        'emptyDir',
        'ephemeral',
        'persistentVolumeClaim',
        'projected',
        'secret',
      ],
    });
    expect(evaluatePolicy(restrictedV2)).toEqual({ level: 'restricted', reasons: [] });
    const anyuid = evaluatePolicy(
      sccPolicy({ kind: 'SecurityContextConstraints', runAsUser: { type: 'RunAsAny' }, volumes: ['*'] }),
    );
    expect(anyuid.level).toBe('privileged');
  });

  it('treats allowed baseline capabilities as baseline, others as privileged', () => {
    const spec = (caps: string[]) =>
      pspPolicy({ kind: 'PodSecurityPolicy', spec: { allowedCapabilities: caps } });
    expect(evaluatePolicy(spec(['NET_BIND_SERVICE', 'CHOWN'])).level).toBe('baseline');
    expect(evaluatePolicy(spec(['SYS_ADMIN'])).reasons).toEqual(['adding SYS_ADMIN']);
  });

  it('names the lower level that fits when only requested capabilities make a policy privileged', () => {
    // The moby default set, as in the Kubernetes docs' "baseline" PSP example: NET_RAW is beyond baseline.
    const text = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: fires-moby-defaults}
spec:
  allowedCapabilities: [CHOWN, NET_RAW, SETUID, KILL]
  volumes: [configMap, secret, emptyDir]
  runAsUser: {rule: RunAsAny}
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: fires-host-and-caps}
spec:
  hostNetwork: true
  allowedCapabilities: [NET_ADMIN]
  runAsUser: {rule: RunAsAny}
`;
    const [moby, host] = runRule(rule, text);
    expect(moby?.message).toBe(
      'PodSecurityPolicy fires-moby-defaults is not enforced on EKS 1.33: use Pod Security Admission at the privileged level (baseline if no pod adds NET_RAW) instead.',
    );
    expect(moby?.explanation).toContain('allows adding NET_RAW, which only the privileged level admits');
    expect(moby?.remediation).toContain(
      'pod-security.kubernetes.io/enforce: privileged, or baseline if no pod adds NET_RAW (add pod-security.kubernetes.io/audit',
    );
    expect(host?.message).toContain('at the privileged level instead');
  });
});
