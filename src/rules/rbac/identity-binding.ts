// rbac/identity-binding: bindings to users and groups of the source identity provider need EKS access entries.
import { groupOf, isRecord } from '../../model/kinds.js';
import {
  type AccessEntryFact,
  isManagedByDistribution,
  onlyGrantsPolicyUse,
  RBAC_GROUPS,
  type RoleIndex,
  resolveRole,
  roleIndexOf,
  type Subject,
  subjectsOf,
} from '../../model/rbac.js';
import type { Inventory, KubeObject } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';
import {
  ACCESS_POLICY_ARN_PREFIX,
  ACCESS_POLICY_FOR_CLUSTER_ROLE,
  CERTIFICATE_GROUPS,
  COMPONENT_IDENTITIES,
} from './access-policies.table.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Where a user or group name comes from, in words. */
function identityOrigin(subject: Subject, openshift: boolean): string {
  const name = subject.name;
  const certificate = CERTIFICATE_GROUPS[name];
  if (certificate) return certificate;
  if (GUID.test(name)) return 'a Microsoft Entra ID (Azure AD) object ID, as AKS binds them';
  const prefixed = /^([a-z0-9-]+):(.+)$/i.exec(name);
  if (prefixed && GUID.test(prefixed[2] ?? ''))
    return `a Microsoft Entra ID (Azure AD) object ID behind the OIDC claim prefix ${prefixed[1]}:`;
  if (name.startsWith('gke-security-groups@'))
    return 'the GKE Google Groups for RBAC root group (gke-security-groups@), a Google Workspace group';
  if (/\.iam\.gserviceaccount\.com$/i.test(name))
    return 'a Google Cloud IAM service account, as GKE authenticates it';
  if (EMAIL.test(name))
    return 'an email address: a Google account or group on GKE, an Entra ID user principal name on AKS, or an OIDC email claim';
  if (name.startsWith('arn:aws:')) return 'an AWS IAM principal';
  if (subject.apiGroup === 'user.openshift.io' || openshift) return 'an OpenShift OAuth user or group';
  const prefix = /^([a-z0-9-]+):/i.exec(name);
  if (prefix)
    return `an OIDC identity (claim prefix ${prefix[1]}:) of the identity provider the API server trusts`;
  return "a user or group of the source cluster's identity provider";
}

interface Index {
  /** Whether the input holds OpenShift objects (its users and groups are then OpenShift's). */
  openshift: boolean;
  roles: RoleIndex;
}

function indexOf(inventory: Inventory): Index {
  return {
    openshift: inventory.objects.some((o) => groupOf(o.ref.apiVersion).endsWith('openshift.io')),
    roles: roleIndexOf(inventory),
  };
}

/** The OIDC claim prefix of a user or group name (`oidc:alice`), when it has one. */
function oidcPrefixOf(name: string): string | undefined {
  if (name.startsWith('arn:aws:') || /^https?:/.test(name) || CERTIFICATE_GROUPS[name]) return undefined;
  return /^([a-z0-9-]+):./i.exec(name)?.[1];
}

/** A user that is a component's certificate identity: a known component, or named like a service account bound beside it. */
function isComponentIdentity(s: Subject, all: Subject[]): boolean {
  if (s.kind !== 'User') return false;
  return (
    COMPONENT_IDENTITIES.has(s.name) || all.some((o) => o.kind === 'ServiceAccount' && o.name === s.name)
  );
}

function isPersonSubject(s: Subject): boolean {
  // system: users and groups belong to Kubernetes itself (nodes, controllers, all authenticated users).
  return (s.kind === 'User' || s.kind === 'Group') && !s.name.startsWith('system:');
}

function accessEntryFor(
  subject: Subject,
  binding: KubeObject,
  from: string,
  origin: string,
): { fact: AccessEntryFact; text: string } {
  const roleRef = isRecord(binding.roleRef) ? binding.roleRef : {};
  const roleName = typeof roleRef.name === 'string' ? roleRef.name : '';
  const namespace = binding.kind === 'RoleBinding' ? binding.metadata?.namespace : undefined;
  const scope: AccessEntryFact['scope'] = namespace
    ? { type: 'namespace', namespaces: [namespace] }
    : { type: 'cluster' };
  const scopeText = namespace ? `namespace ${namespace}` : 'cluster scope';
  const principal = `${subject.kind === 'Group' ? 'group' : 'user'}:${subject.name}`;
  const label = `${subject.kind === 'Group' ? 'group' : 'user'} ${subject.name}`;
  const policy = roleRef.kind === 'ClusterRole' ? ACCESS_POLICY_FOR_CLUSTER_ROLE[roleName] : undefined;
  if (policy) {
    return {
      fact: { principal, policy, policyArn: `${ACCESS_POLICY_ARN_PREFIX}${policy}`, scope, from, origin },
      text: `${label} -> access policy ${policy} (${scopeText})`,
    };
  }
  if (subject.kind === 'Group') {
    return {
      fact: {
        principal,
        policy: `kubernetes-group:${subject.name}`,
        kubernetesGroups: [subject.name],
        scope,
        from,
        origin,
      },
      text: `${label} -> Kubernetes group ${subject.name} on the access entry (this binding then applies as is)`,
    };
  }
  return {
    fact: {
      principal,
      policy: `kubernetes-username:${subject.name}`,
      username: subject.name,
      scope,
      from,
      origin,
    },
    text: `${label} -> username ${subject.name} on the access entry (this binding then applies as is)`,
  };
}

/** EKS can trust the same OIDC provider, with the same prefixes, instead of mapping each name to IAM. */
function oidcAdvice(subjects: Subject[]): string {
  const prefixes = [
    ...new Set(subjects.map((s) => oidcPrefixOf(s.name)).filter((p): p is string => p !== undefined)),
  ];
  if (!prefixes.length) return '';
  return ` Alternatively, associate the same OIDC identity provider with the EKS cluster (an OIDC identity provider configuration with usernamePrefix/groupsPrefix ${joinList(prefixes.map((p) => `"${p}:"`))}): the bindings to these names then keep matching without access entries, for kubectl users who log in through that provider.`;
}

export default defineRule({
  meta: {
    id: 'rbac/identity-binding',
    targets: ['RoleBinding', 'ClusterRoleBinding'],
    category: 'rbac',
    severity: 'warning',
    description:
      'RoleBindings and ClusterRoleBindings to users or groups of the source identity provider, which need EKS access entries.',
    fixable: false,
    messages: {
      binding: {
        message:
          '{{kind}} {{name}} grants {{role}} to {{subjects}}: on EKS these identities need access entries.',
        explanation:
          'EKS authenticates people and pipelines with AWS IAM. {{origins}} The EKS API server never sees such an identity, so the binding moves unchanged but matches nobody until an EKS access entry (or, on clusters still using it, a mapping in the aws-auth ConfigMap) maps an IAM role or user to it.{{note}}',
        remediation:
          'Give each team an IAM role (federated from your identity provider through IAM Identity Center, SAML or OIDC) and create an EKS access entry for it: {{entries}}. kube2eks plan lists these under accessEntries; prefer access entries to the aws-auth ConfigMap, which EKS is retiring.{{oidc}}{{components}}',
      },
      component: {
        message:
          '{{kind}} {{name}} grants {{role}} to {{subjects}}, the certificate identity of a control-plane component; EKS runs or replaces that component, so the binding has no one to match there.',
        explanation:
          'Components such as the cloud controller manager authenticate to the API server with a client certificate or kubeconfig whose user name this binding names. On EKS, AWS runs the control plane and its cloud controller with identities of its own, and no access entry should impersonate them.',
        remediation:
          'Do not migrate this binding (nor the role, if nothing else uses it). control-plane/component reports the component itself and what replaces it on EKS.',
      },
    },
  },
  index: indexOf,
  checkObject(item, ctx, report) {
    const obj = item.object;
    if (item.ref.kind !== 'RoleBinding' && item.ref.kind !== 'ClusterRoleBinding') return;
    if (!RBAC_GROUPS.has(groupOf(item.ref.apiVersion))) return;
    if (isManagedByDistribution(obj)) return;
    const subjects = subjectsOf(obj);
    const named = subjects.filter(isPersonSubject);
    const first = named[0];
    if (!first) return;
    const components = named.filter((s) => isComponentIdentity(s, subjects));
    const people = named.filter((s) => !components.includes(s));
    const listed = Array.isArray(obj.subjects);
    // userNames/groupNames and the authorization.openshift.io group only exist on OpenShift.
    const openshift =
      !listed || groupOf(item.ref.apiVersion) === 'authorization.openshift.io' || ctx.index.openshift;
    const roleRef = isRecord(obj.roleRef) ? obj.roleRef : {};
    const role = `${typeof roleRef.kind === 'string' ? roleRef.kind : 'role'} ${typeof roleRef.name === 'string' ? roleRef.name : '?'}`;
    const from = item.ref.namespace
      ? `${item.ref.kind}/${item.ref.namespace}/${item.ref.name}`
      : `${item.ref.kind}/${item.ref.name}`;
    const label = (s: Subject): string => `${s.kind === 'Group' ? 'group' : 'user'} ${s.name}`;
    const path = listed
      ? ['subjects', first.index]
      : [first.kind === 'Group' ? 'groupNames' : 'userNames', first.index];
    if (!people.length) {
      report({
        item,
        messageId: 'component',
        data: { kind: item.ref.kind, name: item.ref.name, role, subjects: components.map(label) },
        path,
        facts: { accessEntries: [], componentIdentities: components.map((s) => s.name) },
      });
      return;
    }
    const entries = people.map((s) => accessEntryFor(s, obj, from, identityOrigin(s, openshift)));
    // Subjects of the same origin share one sentence: "Group a and group b: <origin>."
    const byOrigin = new Map<string, string[]>();
    people.forEach((s, i) => {
      const origin = entries[i]?.fact.origin ?? '';
      byOrigin.set(origin, [
        ...(byOrigin.get(origin) ?? []),
        `${s.kind === 'Group' ? 'group' : 'user'} ${s.name}`,
      ]);
    });
    const origins = [...byOrigin].map(([origin, labels]) => {
      const list = joinList(labels);
      return `${list.charAt(0).toUpperCase()}${list.slice(1)}: ${origin}.`;
    });
    const resolved = resolveRole(ctx.index.roles, obj);
    const note =
      resolved && onlyGrantsPolicyUse(resolved)
        ? ` The role it grants only allows using a PodSecurityPolicy or SecurityContextConstraints, neither of which exists on EKS: once the policy moves to Pod Security Admission this binding can go.`
        : '';
    report({
      item,
      messageId: 'binding',
      data: {
        kind: item.ref.kind,
        name: item.ref.name,
        role,
        subjects: people.map(label),
        origins: origins.join(' '),
        entries: entries.map((e) => e.text).join('; '),
        note,
        oidc: oidcAdvice(people),
        components: components.length
          ? ` ${joinList(components.map(label))} is the certificate identity of a control-plane component EKS runs or replaces: leave it out of the access entries.`
          : '',
      },
      path,
      facts: { accessEntries: entries.map((e) => e.fact) },
    });
  },
});
