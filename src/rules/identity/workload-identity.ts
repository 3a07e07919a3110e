// identity/workload-identity: workload identity of another platform (GKE Workload Identity, Microsoft
// Entra Workload ID, AAD Pod Identity, kube2iam/kiam) or IRSA bound to the old cluster, mapped to EKS Pod
// Identity (default) or IRSA.
import { workloadIdentityMapping } from '../../catalog/equivalence.js';
import { getPath, groupOf } from '../../model/kinds.js';
import type { FieldPath } from '../../model/types.js';
import { defineRule } from '../define.js';
import {
  AAD_POD_IDENTITY_KINDS,
  AAD_POD_IDENTITY_LABEL,
  AZURE_CLIENT_ID_ANNOTATION,
  AZURE_TENANT_ID_ANNOTATION,
  AZURE_USE_LABEL,
  GKE_SA_ANNOTATION,
  IRSA_ANNOTATION,
  KUBE2IAM_ANNOTATION,
  NAMESPACE_ROLE_ANNOTATIONS,
} from './identity.table.js';

const POD_IDENTITY =
  'create an IAM role with the permissions the workload needs and an EKS Pod Identity association (namespace {{namespace}}, service account {{serviceAccount}} -> the role), with the eks-pod-identity-agent add-on installed; or use IRSA: annotate the ServiceAccount with eks.amazonaws.com/role-arn: arn:aws:iam::<account>:role/<role>';

const CROSS_CLOUD =
  " If the workload keeps calling {{cloud}} APIs from EKS, federate instead: configure {{cloud}} to trust the EKS cluster's OIDC issuer (the projected service account token).";

export default defineRule({
  meta: {
    id: 'identity/workload-identity',
    targets: [
      'workload',
      'ServiceAccount',
      'Namespace',
      'IAMPolicyMember',
      'IAMPartialPolicy',
      'IAMPolicy',
      'FederatedIdentityCredential',
      ...Object.keys(AAD_POD_IDENTITY_KINDS),
    ],
    category: 'workload-identity',
    severity: 'warning',
    description:
      'Workload identity of another platform (GKE Workload Identity, Microsoft Entra Workload ID, AAD Pod Identity, kube2iam/kiam) and IRSA bound to the old cluster, mapped to EKS Pod Identity or IRSA.',
    fixable: false,
    severityNote: 'info for IRSA bound to the old cluster',
    messages: {
      gke: {
        message:
          'ServiceAccount {{ref}} uses GKE Workload Identity ({{annotation}}: {{value}}); on EKS use EKS Pod Identity or IRSA.',
        explanation:
          'On GKE the annotation lets pods of this ServiceAccount act as the Google service account {{value}}. EKS has no Google metadata server: the annotation does nothing there, and the pods get no cloud credentials.',
        remediation: `Replace it: ${POD_IDENTITY}. Then drop the ${GKE_SA_ANNOTATION} annotation.${CROSS_CLOUD}`,
      },
      azureSa: {
        message:
          'ServiceAccount {{ref}} uses Microsoft Entra Workload ID ({{annotation}}{{tenant}}); on EKS use EKS Pod Identity or IRSA.',
        explanation:
          'On AKS the Azure Workload Identity webhook projects a token for this ServiceAccount that Microsoft Entra exchanges for the managed identity or app {{value}}. EKS runs no such webhook, and the AKS OIDC issuer that Entra trusts is not the EKS one.',
        remediation: `Replace it: ${POD_IDENTITY}. Then drop the azure.workload.identity/* annotations.${CROSS_CLOUD}`,
      },
      azurePod: {
        message:
          '{{kind}} {{ref}} opts its pods into Microsoft Entra Workload ID (pod label {{label}}: "{{value}}", service account {{serviceAccount}}); on EKS use EKS Pod Identity or IRSA.',
        explanation:
          'The {{label}} label makes the Azure Workload Identity webhook inject Azure credentials (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE) into the pods. EKS runs no such webhook, so the pods start without them.',
        remediation: `For service account {{serviceAccount}}: ${POD_IDENTITY}. Then drop the ${AZURE_USE_LABEL} label.${CROSS_CLOUD}`,
      },
      aadPodIdentity: {
        message:
          '{{kind}} {{ref}} uses AAD Pod Identity (pod label {{label}}: {{value}}, service account {{serviceAccount}}); on EKS use EKS Pod Identity or IRSA.',
        explanation:
          'AAD Pod Identity (deprecated since 2022) intercepts the Azure instance metadata endpoint for pods with this label. It does not exist on EKS, so the pods get no credentials.',
        remediation: `For service account {{serviceAccount}}: ${POD_IDENTITY}. Then drop the ${AAD_POD_IDENTITY_LABEL} label.${CROSS_CLOUD}`,
      },
      aadObject: {
        message: '{{kind}} {{ref}} belongs to AAD Pod Identity ({{what}}), which does not exist on EKS.',
        explanation:
          'AAD Pod Identity is deprecated and Azure-only; on EKS, pods get AWS credentials from EKS Pod Identity associations or IRSA.',
        remediation:
          'Drop the {{kind}}; give the pods it served an IAM role through an EKS Pod Identity association (eks-pod-identity-agent add-on) or IRSA (eks.amazonaws.com/role-arn on their ServiceAccount).',
      },
      kube2iam: {
        message:
          '{{kind}} {{ref}} asks kube2iam/kiam for IAM role {{value}} (pod annotation {{annotation}}, service account {{serviceAccount}}); on EKS use EKS Pod Identity or IRSA.',
        explanation:
          'kube2iam and kiam intercept the EC2 metadata endpoint to hand pods a role; they must run on every node, need broad node permissions, and are superseded on EKS by EKS Pod Identity and IRSA. Without them the pods fall back to the node role.',
        remediation: `Give service account {{serviceAccount}} the role instead: ${POD_IDENTITY.replace('create an IAM role with the permissions the workload needs and ', 'create ')}, and update the role trust policy for it. Then drop the ${KUBE2IAM_ANNOTATION} annotation.`,
      },
      kiamNamespace: {
        message:
          'Namespace {{ref}} limits the IAM roles {{agent}} hands to its pods ({{annotation}}: {{value}}); on EKS roles are bound per service account.',
        explanation:
          '{{agent}} reads this annotation to restrict which roles pods in the namespace may assume. EKS Pod Identity and IRSA bind roles to service accounts, so the restriction moves into the role trust policies.',
        remediation:
          'Drop the annotation and scope each IAM role to its namespace and service account (Pod Identity association or IRSA trust policy condition on system:serviceaccount:<namespace>:<name>).',
      },
      gkeBinding: {
        message:
          '{{kind}} {{ref}} grants Google service account rights to Kubernetes service accounts through GKE Workload Identity ({{members}}); on EKS use EKS Pod Identity or IRSA.',
        explanation:
          'Config Connector binds the workload identity pool member serviceAccount:<project>.svc.id.goog[<namespace>/<service account>] to a Google service account. That pool belongs to the GKE cluster; pods on EKS cannot use it.',
        remediation: `For each service account listed: create an IAM role and an EKS Pod Identity association (or IRSA). If the pods keep calling Google Cloud APIs, grant the roles to a workload identity federation pool that trusts the EKS cluster's OIDC issuer instead.`,
      },
      azureFederation: {
        message:
          'FederatedIdentityCredential {{ref}} lets service account {{subject}} sign in to Microsoft Entra through the AKS OIDC issuer; on EKS use EKS Pod Identity or IRSA.',
        explanation:
          "The credential trusts tokens of one cluster's OIDC issuer ({{issuer}}). Pods on EKS present tokens of the EKS issuer, so the exchange fails.",
        remediation:
          "If the pods keep calling Azure APIs, create a federated credential for the EKS cluster's OIDC issuer (same subject); for AWS services give the service account an IAM role through EKS Pod Identity or IRSA.",
      },
      irsa: {
        message:
          "ServiceAccount {{ref}} uses IRSA ({{annotation}}: {{value}}); the role trusts the old cluster's OIDC provider.",
        explanation:
          "An IRSA role's trust policy names the OIDC provider of one cluster. A new EKS cluster has a new OIDC issuer, so pods of this ServiceAccount cannot assume the role until the trust policy names the new provider.",
        remediation:
          "Register the new cluster's OIDC provider in IAM and add it to the role trust policy (system:serviceaccount:{{namespace}}:{{serviceAccount}}), or switch to an EKS Pod Identity association, whose trust policy does not depend on the cluster.",
      },
    },
  },
  checkObject(item, ctx, report) {
    const obj = item.object;
    const kind = item.ref.kind;
    const ref = item.ref.namespace ? `${item.ref.namespace}/${item.ref.name}` : item.ref.name;
    const namespace = item.ref.namespace ?? 'default';
    const annotations = obj.metadata?.annotations ?? {};

    if (kind === 'ServiceAccount') {
      const facts = (mechanism: string, key: string, value: string) => ({
        namespace,
        serviceAccount: item.ref.name,
        mechanism,
        from: `${key}=${value}`,
        eks: 'pod-identity',
        irsaAnnotation: workloadIdentityMapping(ctx.catalog, key)?.eks?.annotation ?? IRSA_ANNOTATION,
      });
      const base = { ref, namespace, serviceAccount: item.ref.name };
      const gsa = annotations[GKE_SA_ANNOTATION];
      if (typeof gsa === 'string') {
        report({
          item,
          messageId: 'gke',
          data: { ...base, annotation: GKE_SA_ANNOTATION, value: gsa, cloud: 'Google Cloud' },
          path: ['metadata', 'annotations', GKE_SA_ANNOTATION],
          facts: facts('gke-workload-identity', GKE_SA_ANNOTATION, gsa),
        });
      }
      const clientId = annotations[AZURE_CLIENT_ID_ANNOTATION];
      if (typeof clientId === 'string') {
        const tenant = annotations[AZURE_TENANT_ID_ANNOTATION];
        report({
          item,
          messageId: 'azureSa',
          data: {
            ...base,
            annotation: AZURE_CLIENT_ID_ANNOTATION,
            value: clientId,
            tenant: tenant ? `, ${AZURE_TENANT_ID_ANNOTATION}` : '',
            cloud: 'Azure',
          },
          path: ['metadata', 'annotations', AZURE_CLIENT_ID_ANNOTATION],
          facts: facts('azure-workload-identity', AZURE_CLIENT_ID_ANNOTATION, clientId),
        });
      }
      const roleArn = annotations[IRSA_ANNOTATION];
      if (typeof roleArn === 'string') {
        report({
          item,
          messageId: 'irsa',
          severity: 'info',
          data: { ...base, annotation: IRSA_ANNOTATION, value: roleArn },
          path: ['metadata', 'annotations', IRSA_ANNOTATION],
          facts: facts('irsa', IRSA_ANNOTATION, roleArn),
        });
      }
      return;
    }

    if (kind === 'Namespace') {
      for (const { annotation, agent } of NAMESPACE_ROLE_ANNOTATIONS) {
        const value = annotations[annotation];
        if (typeof value !== 'string') continue;
        report({
          item,
          messageId: 'kiamNamespace',
          data: { ref: item.ref.name, agent, annotation, value: value.trim() },
          path: ['metadata', 'annotations', annotation],
          facts: { mechanism: agent, restriction: annotation },
        });
      }
      return;
    }
    const group = groupOf(item.ref.apiVersion);
    if (group === 'iam.cnrm.cloud.google.com' && /^IAM(PolicyMember|PartialPolicy|Policy)$/.test(kind)) {
      // Members look like serviceAccount:<project>.svc.id.goog[<namespace>/<ksa>].
      const text = JSON.stringify(obj.spec ?? {});
      const members = [...text.matchAll(/\.svc\.id\.goog\[([^/\]"]+)\/([^\]"]+)\]/g)].map(
        (m) => `${m[1]}/${m[2]}`,
      );
      if (members.length) {
        report({
          item,
          messageId: 'gkeBinding',
          data: { kind, ref, members: [...new Set(members)].join(', ') },
          path: ['spec'],
          facts: { mechanism: 'gke-workload-identity', serviceAccounts: [...new Set(members)] },
        });
      }
      return;
    }
    if (group === 'managedidentity.azure.com' && kind === 'FederatedIdentityCredential') {
      const subject = getPath(obj, ['spec', 'subject']);
      const issuer = getPath(obj, ['spec', 'issuer']);
      if (typeof subject === 'string' && subject.startsWith('system:serviceaccount:')) {
        const [, , ns = '', sa = ''] = subject.split(':');
        report({
          item,
          messageId: 'azureFederation',
          data: {
            ref,
            subject: `${ns}/${sa}`,
            issuer: typeof issuer === 'string' ? issuer : 'the AKS issuer',
          },
          path: ['spec', 'subject'],
          facts: { mechanism: 'azure-workload-identity', namespace: ns, serviceAccount: sa },
        });
      }
      return;
    }
    if (group === 'aadpodidentity.k8s.io' && AAD_POD_IDENTITY_KINDS[kind]) {
      report({
        item,
        messageId: 'aadObject',
        data: { kind, ref, what: AAD_POD_IDENTITY_KINDS[kind] },
        path: ['kind'],
        facts: { mechanism: 'aad-pod-identity' },
      });
      return;
    }

    const view = ctx.pod;
    if (!view) return;
    const sa = view.spec.serviceAccountName ?? view.spec.serviceAccount ?? 'default';
    const serviceAccount = typeof sa === 'string' && sa ? sa : 'default';
    const base = { kind, ref, namespace, serviceAccount };
    const podFacts = (mechanism: string, key: string, value: string) => ({
      namespace,
      serviceAccount,
      mechanism,
      from: `${key}=${value}`,
      eks: 'pod-identity',
      irsaAnnotation: workloadIdentityMapping(ctx.catalog, key)?.eks?.annotation ?? IRSA_ANNOTATION,
    });
    const labelPath = (key: string): FieldPath => [...view.templatePath, 'metadata', 'labels', key];
    const annotationPath = (key: string): FieldPath => [...view.templatePath, 'metadata', 'annotations', key];

    const use = view.labels[AZURE_USE_LABEL];
    if (use !== undefined && String(use) === 'true') {
      report({
        item,
        messageId: 'azurePod',
        data: { ...base, label: AZURE_USE_LABEL, value: String(use), cloud: 'Azure' },
        path: labelPath(AZURE_USE_LABEL),
        facts: podFacts('azure-workload-identity', AZURE_USE_LABEL, String(use)),
      });
    }
    const binding = view.labels[AAD_POD_IDENTITY_LABEL];
    if (binding !== undefined) {
      report({
        item,
        messageId: 'aadPodIdentity',
        data: { ...base, label: AAD_POD_IDENTITY_LABEL, value: String(binding), cloud: 'Azure' },
        path: labelPath(AAD_POD_IDENTITY_LABEL),
        facts: podFacts('aad-pod-identity', AAD_POD_IDENTITY_LABEL, String(binding)),
      });
    }
    const role = view.annotations[KUBE2IAM_ANNOTATION];
    if (role !== undefined) {
      report({
        item,
        messageId: 'kube2iam',
        data: { ...base, annotation: KUBE2IAM_ANNOTATION, value: String(role) },
        path: annotationPath(KUBE2IAM_ANNOTATION),
        facts: podFacts('kube2iam', KUBE2IAM_ANNOTATION, String(role)),
      });
    }
  },
});
