// Access entries: each RBAC binding to a person or pipeline becomes an EKS access entry (an IAM principal
// placeholder named after the source group or user), with an access policy and its scope where a built-in
// ClusterRole maps to one, else the Kubernetes group or username the binding names. Node roles of
// self-managed groups and Karpenter get EC2_LINUX entries. An OIDC identity provider is the alternative
// that keeps the source's group bindings working as they are.
// @see https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html
import type { AccessEntryFact } from '../model/rbac.js';
import type { Finding } from '../model/types.js';
import type {
  PlanAccessEntry,
  PlanAccessPolicy,
  PlanIdentityProvider,
  PlanNodeGroup,
  PlanOptions,
  PlanReason,
} from './types.js';

const POLICIES = new Set<PlanAccessPolicy['policy']>([
  'AmazonEKSClusterAdminPolicy',
  'AmazonEKSAdminPolicy',
  'AmazonEKSEditPolicy',
  'AmazonEKSViewPolicy',
]);

function isFact(value: unknown): value is AccessEntryFact {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.principal === 'string' && typeof v.policy === 'string' && typeof v.from === 'string';
}

/** An IAM role placeholder named after the source principal: `group:platform-admins@example.com` → `<platform-admins>`. */
export function principalPlaceholder(principal: string): string {
  const [kind, ...rest] = principal.split(':');
  const name = rest.join(':');
  if (name.startsWith('arn:aws:')) return name;
  const short = (name.split('@')[0] ?? name).replace(/[^A-Za-z0-9+=,.@_-]/g, '-').slice(0, 60) || 'principal';
  return `arn:aws:iam::<account>:role/<${kind === 'user' ? 'user-' : ''}${short}>`;
}

function oidcPrefix(name: string): string | undefined {
  if (name.startsWith('arn:aws:') || /^https?:/.test(name)) return undefined;
  return /^([a-z0-9-]+):./i.exec(name)?.[1];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function planAccess(
  findings: readonly Finding[],
  options: PlanOptions,
  nodeGroups: readonly PlanNodeGroup[],
): {
  accessEntries: PlanAccessEntry[];
  identityProvider: PlanIdentityProvider | null;
  reasons: PlanReason[];
} {
  const facts: AccessEntryFact[] = [];
  for (const f of findings) {
    if (f.ruleId !== 'rbac/identity-binding' || !Array.isArray(f.data?.accessEntries)) continue;
    for (const e of f.data.accessEntries) if (isFact(e)) facts.push(e);
  }
  const byPrincipal = new Map<string, AccessEntryFact[]>();
  for (const fact of facts)
    byPrincipal.set(fact.principal, [...(byPrincipal.get(fact.principal) ?? []), fact]);

  const reasons: PlanReason[] = [];
  const entries: PlanAccessEntry[] = [];
  for (const [principal, list] of [...byPrincipal].sort(([a], [b]) => a.localeCompare(b))) {
    const policies = new Map<string, PlanAccessPolicy>();
    const groups = new Set<string>();
    let username: string | undefined;
    for (const fact of list) {
      if (POLICIES.has(fact.policy as PlanAccessPolicy['policy'])) {
        const policy = fact.policy as PlanAccessPolicy['policy'];
        const scope = fact.scope.type;
        const key = `${policy} ${scope}`;
        const known = policies.get(key);
        if (scope === 'cluster') policies.set(key, { policy, scope: 'cluster' });
        else
          policies.set(key, {
            policy,
            scope: 'namespace',
            namespaces: [...new Set([...(known?.namespaces ?? []), ...(fact.scope.namespaces ?? [])])].sort(),
          });
      } else if (fact.kubernetesGroups?.length) {
        for (const g of fact.kubernetesGroups) groups.add(g);
      } else if (fact.username) {
        username = fact.username;
      }
    }
    // A cluster-scoped grant makes the same policy's namespace grants redundant.
    for (const [key, p] of policies)
      if (p.scope === 'namespace' && policies.has(`${p.policy} cluster`)) policies.delete(key);
    const from = [...new Set(list.map((f) => f.from))].join(', ');
    const label = principal.replace(/^(group|user):/, '$1 ');
    const policyList = [...policies.values()];
    const why = [
      policyList.length
        ? `${policyList.map((p) => `${p.policy} (${p.scope === 'cluster' ? 'cluster' : `namespace ${p.namespaces?.join(', ')}`})`).join(', ')}: the access policy matching the built-in ClusterRole it was granted`
        : '',
      groups.size
        ? `Kubernetes group ${[...groups].join(', ')}: its binding grants a role narrower than any access policy, so the entry carries the group and the migrated binding applies as written`
        : '',
      username ? `username ${username}, so the migrated bindings to that user apply` : '',
    ]
      .filter(Boolean)
      .join('; ');
    entries.push({
      principalArn: principalPlaceholder(principal),
      type: 'STANDARD',
      kubernetesGroups: [...groups].sort(),
      policies: policyList,
      from: `${from} (${label})`,
      why: `${why}; ${list[0]?.origin ?? ''}`,
      ...(username ? { username } : {}),
    });
    reasons.push({ subject: `accessEntry:${label}`, why });
  }

  // Node roles that EKS does not register by itself.
  const selfManaged = nodeGroups.filter((g) => g.kind === 'self-managed');
  if (selfManaged.length || options.nodeGroupKind === 'self-managed') {
    entries.push({
      principalArn: `arn:aws:iam::<account>:role/<${options.name}-node-role>`,
      type: 'EC2_LINUX',
      kubernetesGroups: [],
      policies: [],
      from: `node role of self-managed node groups ${selfManaged.map((g) => g.name).join(', ') || '(all)'}`,
      why: 'self-managed nodes join only with an EC2_LINUX access entry for their role (managed node groups and Fargate get theirs automatically)',
    });
  }
  if (options.autoscaler === 'karpenter') {
    entries.push({
      principalArn: `arn:aws:iam::<account>:role/<KarpenterNodeRole-${options.name}>`,
      type: 'EC2_LINUX',
      kubernetesGroups: [],
      policies: [],
      from: 'Karpenter node role',
      why: 'nodes Karpenter launches join with the node role of its EC2NodeClass, which needs an EC2_LINUX access entry',
    });
  }

  // The alternative: trust the source's identity provider, so group bindings keep matching.
  const names = facts.map((f) => f.principal.replace(/^(group|user):/, ''));
  const prefixes = [...new Set(names.map(oidcPrefix).filter((p): p is string => p !== undefined))];
  const entra = names.some((n) => GUID.test(n) || GUID.test(n.split(':').slice(1).join(':')));
  let identityProvider: PlanIdentityProvider | null = null;
  if (prefixes.length || entra) {
    identityProvider = {
      type: 'oidc',
      issuerUrl: entra
        ? 'https://login.microsoftonline.com/<tenant-id>/v2.0'
        : '<issuer URL of the source identity provider>',
      clientId: '<client id registered for the EKS cluster>',
      groupsClaim: 'groups',
      usernameClaim: entra ? 'oid' : 'email',
      ...(prefixes[0] ? { usernamePrefix: `${prefixes[0]}:`, groupsPrefix: `${prefixes[0]}:` } : {}),
      why: `${entra ? 'the bindings name Microsoft Entra ID object IDs' : `the bindings name OIDC identities (prefix ${prefixes.map((p) => `${p}:`).join(', ')})`}: associating the same provider with the EKS cluster keeps them matching for kubectl users who log in through it. Access entries stay the primary path (IAM, used by CI and the console); the provider is the alternative for people`,
    };
    reasons.push({ subject: 'identityProvider', why: identityProvider.why });
  }
  if (!entries.length)
    reasons.push({
      subject: 'accessEntries',
      why: 'no RBAC binding names a person or pipeline of the source identity provider: only the cluster creator gets access (give more people AmazonEKSClusterAdminPolicy or narrower entries)',
    });
  return { accessEntries: entries, identityProvider, reasons };
}
