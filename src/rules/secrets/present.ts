// secrets/present: every Secret must be recreated on EKS. Values are never read into any text:
// only the name, the type and the number of keys are reported.
import { getPath, isRecord } from '../../model/kinds.js';
import { defineRule } from '../define.js';

/** Advice per Secret type; anything else (Opaque, custom types) gets the general advice. */
const TYPE_ADVICE: Record<string, 'serviceAccountToken' | 'registry' | 'tls' | 'helm' | 'bootstrap'> = {
  'kubernetes.io/service-account-token': 'serviceAccountToken',
  'kubernetes.io/dockerconfigjson': 'registry',
  'kubernetes.io/dockercfg': 'registry',
  'kubernetes.io/tls': 'tls',
  'helm.sh/release.v1': 'helm',
  'bootstrap.kubernetes.io/token': 'bootstrap',
};

const EXPLANATION =
  'Secrets hold data that lives only in the source cluster (or in the repository that applied them); EKS starts empty, and any pod that mounts or reads {{name}} fails until it exists in the same namespace on the target.';

export default defineRule({
  meta: {
    id: 'secrets/present',
    targets: ['Secret', 'SealedSecret'],
    category: 'secret-present',
    severity: 'info',
    description: 'Secrets that must be recreated on the EKS cluster (values are never shown).',
    fixable: false,
    messages: {
      generic: {
        message: 'Secret {{name}} ({{type}}, {{keys}}) must be recreated on EKS.',
        explanation: EXPLANATION,
        remediation:
          'Keep the value in AWS Secrets Manager (or SSM Parameter Store) and sync it into the cluster with External Secrets Operator or the Secrets Store CSI Driver with the AWS provider; or re-apply it from the source of truth during cut-over. Velero can copy Secrets with the rest of the namespace. Never commit the values to the manifests repository.',
      },
      serviceAccountToken: {
        message: 'Secret {{name}} is a service account token ({{type}}); do not copy it to EKS.',
        explanation:
          'A service account token is signed by the source cluster and is worthless on EKS. EKS issues its own tokens: projected, short-lived tokens in every pod, and a long-lived token Secret only when you create an empty Secret annotated kubernetes.io/service-account.name.',
        remediation:
          'Leave it out of the move. If something outside the cluster used this long-lived token, give it an EKS access entry (IAM) instead, or recreate an empty token Secret with the kubernetes.io/service-account.name annotation on EKS.',
      },
      registry: {
        message:
          'Secret {{name}} holds registry credentials ({{type}}); on EKS pull from Amazon ECR with IAM instead.',
        explanation:
          'Image pull Secrets authenticate to the source registry. Once the images are copied to Amazon ECR (or served by an ECR pull-through cache), EKS nodes pull with their node IAM role (AmazonEC2ContainerRegistryReadOnly) and need no pull Secret.',
        remediation:
          'Copy the images to ECR (kube2eks generate writes the copy list) and drop imagePullSecrets that point at {{name}}. If a pull-through cache rule needs upstream credentials, store them in AWS Secrets Manager under the ecr-pullthroughcache/ prefix, not in the cluster.',
      },
      tls: {
        message: 'Secret {{name}} holds a TLS certificate ({{type}}) that must be recreated on EKS.',
        explanation: EXPLANATION,
        remediation:
          'For TLS ended at an ALB or NLB, import or issue the certificate in AWS Certificate Manager and reference it with the alb.ingress.kubernetes.io/certificate-arn or service.beta.kubernetes.io/aws-load-balancer-ssl-cert annotation. For TLS inside the cluster, let cert-manager issue it again, or sync it from AWS Secrets Manager with External Secrets Operator.',
      },
      helm: {
        message:
          'Secret {{name}} is a Helm release record ({{type}}); reinstall the release on EKS instead of copying it.',
        explanation:
          'Helm keeps release history in Secrets. Copying them without the objects they describe confuses helm upgrade; Velero copies them together with the release objects.',
        remediation:
          'Run helm install for the chart on EKS (with the same values), or restore the whole namespace with Velero so the record and the objects stay consistent.',
      },
      sealed: {
        message:
          "SealedSecret {{name}} ({{keys}}) can only be unsealed with the source cluster's sealing key.",
        explanation:
          'The sealed-secrets controller decrypts SealedSecrets with a private key that lives only in the source cluster; on EKS a new controller generates a new key and cannot unseal {{name}}.',
        remediation:
          'Install the sealed-secrets controller on EKS and restore the sealing key (the kube-system Secret labelled sealedsecrets.bitnami.com/sealed-secrets-key) before applying it, or re-seal every value against the new controller; External Secrets Operator with AWS Secrets Manager is the AWS-native alternative.',
      },
      bootstrap: {
        message: 'Secret {{name}} is a node bootstrap token ({{type}}); do not copy it to EKS.',
        explanation:
          'Bootstrap tokens let nodes join the source cluster. EKS nodes join with their IAM role through access entries.',
        remediation:
          'Leave it out of the move; EKS managed node groups and Karpenter register nodes with IAM.',
      },
    },
  },
  checkObject(item, _ctx, report) {
    if (item.ref.kind === 'SealedSecret' && item.ref.apiVersion.startsWith('bitnami.com/')) {
      const encrypted = getPath(item.object, ['spec', 'encryptedData']);
      const count = isRecord(encrypted) ? Object.keys(encrypted).length : 0;
      report({
        item,
        messageId: 'sealed',
        data: { name: item.ref.name, keys: countKeys(count) },
        facts: { secretType: 'SealedSecret', keyCount: count },
      });
      return;
    }
    if (item.ref.kind !== 'Secret' || item.ref.apiVersion !== 'v1') return;
    const type = typeof item.object.type === 'string' && item.object.type ? item.object.type : 'Opaque';
    // Count keys only: values never leave this function.
    const keyNames = [
      ...new Set([
        ...(isRecord(item.object.data) ? Object.keys(item.object.data) : []),
        ...(isRecord(item.object.stringData) ? Object.keys(item.object.stringData) : []),
      ]),
    ];
    const keys = countKeys(keyNames.length);
    report({
      item,
      messageId: (Object.hasOwn(TYPE_ADVICE, type) ? TYPE_ADVICE[type] : undefined) ?? 'generic',
      data: { name: item.ref.name, type, keys },
      facts: { secretType: type, keyCount: keyNames.length },
    });
  },
});

function countKeys(n: number): string {
  return n === 0 ? 'no keys' : n === 1 ? '1 key' : `${n} keys`;
}
