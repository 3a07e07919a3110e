// Identities: each service account that had cloud access on the source gets an EKS Pod Identity
// association (default) or an IRSA role. Pod Identity does not reach Fargate pods, so service accounts
// whose pods run on Fargate get IRSA whatever --identity says.
// @see https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html
import type { Finding } from '../model/types.js';
import { POD_IDENTITY_MIN_SDKS, POLICY_HINTS } from './identities.table.js';
import type { IdentityMechanism, PlanIdentity, PlanOptions, PlanPlacement, PlanReason } from './types.js';

const MECHANISM_WORDS: Readonly<Record<string, string>> = {
  'gke-workload-identity': 'GKE Workload Identity',
  'azure-workload-identity': 'Microsoft Entra Workload ID',
  'aad-pod-identity': 'AAD Pod Identity',
  kube2iam: 'kube2iam/kiam',
  irsa: 'IRSA of the old cluster',
};

interface SourceBinding {
  namespace: string;
  serviceAccount: string;
  mechanism: string;
  from: string;
}

/** Service accounts with cloud access on the source, from identity/workload-identity findings. */
export function sourceBindings(findings: readonly Finding[]): SourceBinding[] {
  const out = new Map<string, SourceBinding>();
  const put = (b: SourceBinding) => {
    const key = `${b.namespace}/${b.serviceAccount}`;
    const known = out.get(key);
    // A ServiceAccount's own annotation names the identity; a pod label or a binding object only points at it.
    if (!known || (!known.from.includes('=') && b.from.includes('='))) out.set(key, b);
  };
  for (const f of findings) {
    if (f.ruleId !== 'identity/workload-identity' || !f.data) continue;
    const d = f.data;
    const mechanism = typeof d.mechanism === 'string' ? d.mechanism : 'unknown';
    if (typeof d.namespace === 'string' && typeof d.serviceAccount === 'string' && d.serviceAccount) {
      put({
        namespace: d.namespace,
        serviceAccount: d.serviceAccount,
        mechanism,
        from: typeof d.from === 'string' ? d.from : `${f.resource.kind}/${f.resource.name}`,
      });
    } else if (Array.isArray(d.serviceAccounts)) {
      for (const s of d.serviceAccounts) {
        const [ns, sa] = String(s).split('/');
        if (ns && sa)
          put({
            namespace: ns,
            serviceAccount: sa,
            mechanism,
            from: `${f.resource.kind}/${f.resource.name}`,
          });
      }
    }
  }
  return [...out.values()].sort(
    (a, b) => a.namespace.localeCompare(b.namespace) || a.serviceAccount.localeCompare(b.serviceAccount),
  );
}

export function policyHintsFor(from: string, mechanism: string): string[] {
  if (mechanism === 'irsa')
    return ['the policies of the role it already names (only its trust policy changes)'];
  const value = from.includes('=') ? from.slice(from.indexOf('=') + 1) : from;
  const name = value.split('@')[0] ?? value;
  const words = new Set(name.toLowerCase().split(/[-_.]+/));
  return [
    ...new Set(POLICY_HINTS.filter((h) => h.words.some((w) => words.has(w))).flatMap((h) => h.actions)),
  ];
}

/** IAM role names are at most 64 characters of [A-Za-z0-9+=,.@_-]. */
export function roleNameFor(cluster: string, namespace: string, serviceAccount: string): string {
  return `${cluster}-${namespace}-${serviceAccount}`.replace(/[^A-Za-z0-9+=,.@_-]/g, '-').slice(0, 64);
}

export function planIdentities(
  findings: readonly Finding[],
  options: PlanOptions,
  placements: readonly PlanPlacement[],
  serviceAccountOf: ReadonlyMap<string, string>,
): { identities: PlanIdentity[]; reasons: PlanReason[]; notes: Array<{ topic: string; why: string }> } {
  const onFargate = new Set<string>();
  for (const p of placements) {
    if (!p.target.startsWith('fargate:')) continue;
    const sa = serviceAccountOf.get(p.workload);
    if (sa) onFargate.add(sa);
  }
  const identities: PlanIdentity[] = [];
  const reasons: PlanReason[] = [];
  for (const b of sourceBindings(findings)) {
    const fargate = onFargate.has(`${b.namespace}/${b.serviceAccount}`);
    const mechanism: IdentityMechanism = fargate ? 'irsa' : options.identity;
    const source = MECHANISM_WORDS[b.mechanism] ?? b.mechanism;
    const why = fargate
      ? `IRSA: its pods run on Fargate, which EKS Pod Identity does not reach (replaces ${source})`
      : mechanism === 'pod-identity'
        ? `EKS Pod Identity association (replaces ${source}): the role's trust policy names pods.eks.amazonaws.com, not a cluster's OIDC issuer, so it survives cluster rebuilds`
        : `IRSA (--identity irsa; replaces ${source}): annotate the ServiceAccount with eks.amazonaws.com/role-arn and trust the new cluster's OIDC provider`;
    const identity: PlanIdentity = {
      namespace: b.namespace,
      serviceAccount: b.serviceAccount,
      mechanism,
      from: b.from,
      policyHints: policyHintsFor(b.from, b.mechanism),
      roleName: roleNameFor(options.name, b.namespace, b.serviceAccount),
      why,
    };
    identities.push(identity);
    reasons.push({ subject: `identity:${b.namespace}/${b.serviceAccount}`, why });
  }
  const notes: Array<{ topic: string; why: string }> = [];
  if (identities.some((i) => i.mechanism === 'pod-identity')) {
    notes.push({
      topic: 'pod-identity-sdk',
      why: `EKS Pod Identity needs AWS SDKs recent enough to read its credentials (older ones silently use the node role): ${POD_IDENTITY_MIN_SDKS.map(([sdk, v]) => `${sdk} ${v}`).join(', ')} (EKS User Guide, "Use pod identity with the AWS SDK")`,
    });
  }
  return { identities, reasons, notes };
}
