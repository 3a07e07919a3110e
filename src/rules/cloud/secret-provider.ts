// cloud/secret-provider: Secrets Store CSI SecretProviderClasses that read Azure Key Vault or Google Secret Manager.

import { SECRET_STORE_PROVIDERS } from '../../model/cloud-services.table.js';
import { getPath, groupOf } from '../../model/kinds.js';
import { defineRule } from '../define.js';

export default defineRule({
  meta: {
    id: 'cloud/secret-provider',
    targets: ['SecretProviderClass'],
    category: 'cloud-service',
    severity: 'warning',
    description:
      'Secrets Store CSI SecretProviderClasses with provider azure or gcp: on EKS the AWS provider reads AWS Secrets Manager or Parameter Store.',
    fixable: false,
    messages: {
      provider: {
        message: 'SecretProviderClass {{name}} reads {{service}} (provider {{provider}}).',
        explanation:
          'The Secrets Store CSI driver mounts secrets through a provider plugin; the {{provider}} provider fetches them from {{service}} with that cloud’s identity, which pods on EKS do not have. Pods that mount this class stay in ContainerCreating.',
        remediation:
          'Copy the secrets{{objects}} to AWS Secrets Manager (or SSM Parameter Store), install the AWS provider (secrets-store-csi-driver-provider-aws, with the Secrets Store CSI driver), and rewrite the class: spec.provider: aws, parameters.objects listing objectName and objectType secretsmanager or ssmparameter, and usePodIdentity: "true" with an EKS Pod Identity association (or IRSA) for the pods’ ServiceAccount. secretObjects (synced Kubernetes Secrets) keep working unchanged.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    if (
      item.ref.kind !== 'SecretProviderClass' ||
      groupOf(item.ref.apiVersion) !== 'secrets-store.csi.x-k8s.io'
    )
      return;
    const provider = getPath(item.object, ['spec', 'provider']);
    if (typeof provider !== 'string') return;
    const service = SECRET_STORE_PROVIDERS[provider.trim().toLowerCase()];
    if (!service) return;
    const objects = objectNames(getPath(item.object, ['spec', 'parameters']));
    report({
      item,
      messageId: 'provider',
      data: {
        name: item.ref.name,
        provider,
        service,
        objects: objects.length ? ` (${objects.join(', ')})` : '',
      },
      path: ['spec', 'provider'],
      facts: { service, objects },
    });
  },
});

/** Object names listed in the provider parameters (`objectName: x` lines of the Azure `objects` text, GCP `secrets`). */
function objectNames(parameters: unknown): string[] {
  if (!parameters || typeof parameters !== 'object') return [];
  const out: string[] = [];
  for (const key of ['objects', 'secrets']) {
    const text = (parameters as Record<string, unknown>)[key];
    if (typeof text !== 'string') continue;
    for (const m of text.matchAll(/(?:objectName|resourceName)\s*:\s*["']?([^\s"'#]+)/g)) {
      const name = m[1];
      if (name && !out.includes(name)) out.push(name);
    }
  }
  return out.slice(0, 10);
}
