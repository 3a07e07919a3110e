// identity/cloud-keys: workloads that authenticate to a cloud with static keys — a Google service account
// key file (GOOGLE_APPLICATION_CREDENTIALS), an Azure client secret, AWS access keys from a Secret or the
// manifest — instead of a workload identity. Names only: Secret values are never read or printed.

import { containersOf, getPath, isRecord } from '../../model/kinds.js';
import type { FieldPath, Inventory } from '../../model/types.js';
import { defineRule, joinList } from '../define.js';
import {
  type CloudProvider,
  CREDENTIAL_ENV,
  CREDENTIAL_KEYS,
  CREDENTIAL_MOUNT_PATHS,
} from './identity.table.js';

interface Evidence {
  provider: CloudProvider;
  text: string;
  path: FieldPath;
  secret?: string;
}

/** Keys (never values) of the input's Secrets, by `namespace/name` (the first Secret of a name wins). */
function secretKeysIndex(inventory: Inventory): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const secret of inventory.objects) {
    if (secret.ref.kind !== 'Secret') continue;
    const key = `${secret.ref.namespace ?? ''}/${secret.ref.name}`;
    if (index.has(key)) continue;
    index.set(key, [
      ...(isRecord(secret.object.data) ? Object.keys(secret.object.data) : []),
      ...(isRecord(secret.object.stringData) ? Object.keys(secret.object.stringData) : []),
    ]);
  }
  return index;
}

function credentialKey(key: string): { provider: CloudProvider; what: string } | undefined {
  const env = CREDENTIAL_ENV[key];
  if (env) return env;
  return CREDENTIAL_KEYS.find((k) => k.key.test(key));
}

const ADVICE: Record<CloudProvider, string> = {
  GCP: "If the workload keeps calling Google Cloud APIs, use workload identity federation with AWS (Google trusts the EKS OIDC issuer or the pod's IAM role) instead of a key file; if it moves to AWS services, give it an IAM role through EKS Pod Identity or IRSA and drop the key.",
  Azure:
    "If the workload keeps calling Azure APIs, use a Microsoft Entra federated credential that trusts the EKS cluster's OIDC issuer instead of a client secret; if it moves to AWS services, give it an IAM role through EKS Pod Identity or IRSA and drop the secret.",
  AWS: 'Give the service account an IAM role through an EKS Pod Identity association (eks-pod-identity-agent add-on) or IRSA (eks.amazonaws.com/role-arn), and remove the static keys: the AWS SDKs pick up the role automatically.',
};

export default defineRule({
  meta: {
    id: 'identity/cloud-keys',
    targets: ['workload'],
    category: 'workload-identity',
    severity: 'warning',
    description:
      'Workloads that authenticate to a cloud with static keys (Google key files, Azure client secrets, AWS access keys) instead of a workload identity.',
    fixable: false,
    messages: {
      keys: {
        message:
          '{{kind}} {{ref}} authenticates to {{providers}} with static credentials: {{evidence}}; on EKS use EKS Pod Identity or IRSA (service account {{serviceAccount}}).',
        explanation:
          'Long-lived keys in Secrets or environment variables must be copied to the new cluster, rotated by hand, and leak with the Secret; on EKS a pod gets short-lived AWS credentials from its service account instead.',
        remediation: '{{advice}}',
      },
    },
  },
  index: secretKeysIndex,
  checkObject(item, ctx, report) {
    const view = ctx.pod;
    const secretKeys = (name: string, namespace: string | undefined): string[] | undefined =>
      ctx.index.get(`${namespace ?? ''}/${name}`);
    const namespace = item.ref.namespace;
    const evidence: Evidence[] = [];
    const volumes = Array.isArray(view.spec.volumes) ? view.spec.volumes : [];
    const secretVolumes = new Map<string, { secret: string; index: number; items: string[] }>();
    volumes.forEach((v, index) => {
      if (!isRecord(v) || typeof v.name !== 'string' || !isRecord(v.secret)) return;
      const secret = v.secret.secretName;
      if (typeof secret !== 'string') return;
      const items = Array.isArray(v.secret.items)
        ? v.secret.items.flatMap((i) => (isRecord(i) && typeof i.key === 'string' ? [i.key] : []))
        : [];
      secretVolumes.set(v.name, { secret, index, items });
    });

    for (const c of containersOf(view)) {
      const env = Array.isArray(c.container.env) ? c.container.env : [];
      env.forEach((e, i) => {
        if (!isRecord(e) || typeof e.name !== 'string') return;
        const fact = CREDENTIAL_ENV[e.name];
        if (!fact) return;
        const ref = getPath(e, ['valueFrom', 'secretKeyRef', 'name']);
        // A path may be shown; a literal key never is.
        const source =
          typeof ref === 'string'
            ? ` from Secret ${ref}`
            : typeof e.value === 'string'
              ? fact.path
                ? ` = ${e.value}`
                : ' written in plain text in the manifest'
              : '';
        const item: Evidence = {
          provider: fact.provider,
          text: `env ${e.name}${source} (${fact.what})`,
          path: [...c.path, 'env', i, 'name'],
        };
        if (typeof ref === 'string') item.secret = ref;
        evidence.push(item);
      });
      const envFrom = Array.isArray(c.container.envFrom) ? c.container.envFrom : [];
      envFrom.forEach((e, i) => {
        const name = isRecord(e) ? getPath(e, ['secretRef', 'name']) : undefined;
        if (typeof name !== 'string') return;
        const keys = secretKeys(name, namespace) ?? [];
        const found = keys.flatMap((k) => {
          const fact = credentialKey(k);
          return fact ? [{ k, fact }] : [];
        });
        if (!found.length) return;
        evidence.push({
          provider: found[0]!.fact.provider,
          text: `envFrom Secret ${name} (${joinList(found.map((f) => f.k))})`,
          path: [...c.path, 'envFrom', i],
          secret: name,
        });
      });
      const mounts = Array.isArray(c.container.volumeMounts) ? c.container.volumeMounts : [];
      mounts.forEach((m, i) => {
        if (!isRecord(m) || typeof m.name !== 'string' || typeof m.mountPath !== 'string') return;
        const vol = secretVolumes.get(m.name);
        if (!vol) return;
        const mountPath = m.mountPath;
        const keys = vol.items.length ? vol.items : (secretKeys(vol.secret, namespace) ?? []);
        const byKey = keys.map((k) => ({ k, fact: credentialKey(k) })).find((f) => f.fact);
        const byPath = CREDENTIAL_MOUNT_PATHS.find((p) => p.path.test(mountPath));
        const byEnv = env.some(
          (e) =>
            isRecord(e) &&
            e.name === 'GOOGLE_APPLICATION_CREDENTIALS' &&
            typeof e.value === 'string' &&
            e.value.startsWith(mountPath),
        );
        const fact =
          byKey?.fact ?? byPath ?? (byEnv ? CREDENTIAL_ENV.GOOGLE_APPLICATION_CREDENTIALS : undefined);
        if (!fact) return;
        evidence.push({
          provider: fact.provider,
          text: `Secret ${vol.secret} mounted at ${mountPath}${byKey ? ` (key ${byKey.k})` : ''} (${fact.what})`,
          path: [...c.path, 'volumeMounts', i, 'mountPath'],
          secret: vol.secret,
        });
      });
    }
    if (evidence.length === 0) return;

    const sa = view.spec.serviceAccountName ?? view.spec.serviceAccount;
    const serviceAccount = typeof sa === 'string' && sa ? sa : 'default';
    const providers = [...new Set(evidence.map((e) => e.provider))];
    report({
      item,
      messageId: 'keys',
      data: {
        kind: item.ref.kind,
        ref: namespace ? `${namespace}/${item.ref.name}` : item.ref.name,
        providers: joinList(providers.map((p) => (p === 'GCP' ? 'Google Cloud' : p))),
        evidence: joinList([...new Set(evidence.map((e) => e.text))]),
        serviceAccount,
        advice: providers.map((p) => ADVICE[p]).join(' '),
      },
      path: evidence[0]!.path,
      facts: {
        namespace: namespace ?? 'default',
        serviceAccount,
        mechanism: 'static-keys',
        providers,
        secrets: [...new Set(evidence.flatMap((e) => (e.secret ? [e.secret] : [])))],
        eks: 'pod-identity',
      },
    });
  },
});
