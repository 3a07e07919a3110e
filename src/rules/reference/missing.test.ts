import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { podReferences } from '../../model/pod-references.js';
import rule from './missing.js';

// Shapes from GoogleCloudPlatform/microservices-demo and kubernetes-engine-samples (workloads naming
// Secrets and ServiceAccounts kept out of Git), cert-manager's Certificate, External Secrets and Sealed
// Secrets producers, a Secrets Store CSI secretObjects sync, and an OpenShift serving-cert Service.
const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web
      imagePullSecrets: [{name: regcred}]
      containers:
      - name: web
        image: example/web:1
        env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db-credentials, key: password}}
        - name: FEATURE
          valueFrom: {configMapKeyRef: {name: feature-flags, key: x, optional: true}}
        envFrom: [{configMapRef: {name: web-config}}]
      volumes:
      - {name: tls, secret: {secretName: web-tls}}
      - {name: api-tls, secret: {secretName: api-serving-cert}}
      - {name: synced, secret: {secretName: kv-synced}}
      - {name: eso, secret: {secretName: from-vault}}
      - {name: sealed, secret: {secretName: sealed-db}}
      - {name: ca, configMap: {name: kube-root-ca.crt}}
      - {name: data, persistentVolumeClaim: {claimName: web-data}}
      - {name: webhook-cert, secret: {secretName: web-admission}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: shop}
data: {A: "1"}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: web, namespace: shop}
spec: {secretName: web-tls, dnsNames: [shop.example.com], issuerRef: {name: letsencrypt, kind: ClusterIssuer}}
---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: shop
  annotations: {service.beta.openshift.io/serving-cert-secret-name: api-serving-cert}
spec: {selector: {app: web}, ports: [{port: 443}]}
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata: {name: kv, namespace: shop}
spec: {provider: aws, secretObjects: [{secretName: kv-synced, type: Opaque, data: [{objectName: a, key: a}]}]}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: from-vault, namespace: shop}
spec: {secretStoreRef: {name: vault, kind: ClusterSecretStore}}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: sealed-db, namespace: shop}
spec: {encryptedData: {password: AgBy3i4OJSWK}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: admission-create, namespace: shop}
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: create
        image: registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.5.2
        args: [create, --host=web-admission, --namespace=shop, --secret-name=web-admission]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: fires-hpa, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: checkout}
  minReplicas: 1
  maxReplicas: 3
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: dont-fire-hpa, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: fires-web}
  minReplicas: 1
  maxReplicas: 3
---
apiVersion: v1
kind: Service
metadata: {name: fires-orphan-service, namespace: shop}
spec: {selector: {app: payments}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: dont-fire-external, namespace: shop}
spec: {type: ExternalName, externalName: db.example.com}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-default-sa, namespace: shop}
spec:
  template:
    metadata: {labels: {app: plain}}
    spec:
      serviceAccountName: default
      containers: [{name: c, image: example/c:1}]
`;

describe('reference/missing', () => {
  it('lists what workloads name and the input does not hold, never what something else produces', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'info reference/missing Deployment/fires-web@shop :9',
      'info reference/missing HorizontalPodAutoscaler/fires-hpa@shop :79',
      'info reference/missing Service/fires-orphan-service@shop :94',
    ]);
    const [web, hpa, svc] = findings;
    expect(web?.message).toBe(
      'Deployment shop/fires-web uses ServiceAccount web, Secret regcred, Secret db-credentials and PersistentVolumeClaim web-data, which the input does not hold.',
    );
    expect(web?.explanation).toContain('The input holds no Secret at all in namespace shop');
    expect(hpa?.message).toBe(
      'HorizontalPodAutoscaler fires-hpa scales Deployment checkout, which the input does not hold.',
    );
    expect(svc?.message).toBe(
      'Service shop/fires-orphan-service selects app=payments, and no workload in the input has those pod labels.',
    );
  });

  it('does not call the input partial when the namespace holds Secrets', () => {
    const text = `apiVersion: v1
kind: Secret
metadata: {name: other, namespace: shop}
type: Opaque
---
apiVersion: v1
kind: Pod
metadata: {name: fires-pod, namespace: shop}
spec:
  containers: [{name: c, image: x, envFrom: [{secretRef: {name: missing}}, {secretRef: {name: opt, optional: true}}]}]
`;
    const [finding] = runRule(rule, text);
    expect(finding?.message).toBe('Pod shop/fires-pod uses Secret missing, which the input does not hold.');
    expect(finding?.explanation).not.toContain('no Secret at all');
  });

  it('skips template parameters and optional references', () => {
    const refs = podReferences({
      object: {
        kind: 'Pod',
        spec: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an OpenShift Template parameter, not JavaScript
          serviceAccountName: '${SA}',
          containers: [{ name: 'c', envFrom: [{ configMapRef: { name: 'x', optional: true } }] }],
        },
      },
      ref: { apiVersion: 'v1', kind: 'Pod', name: 'p' },
      location: {},
      origin: 'manifest',
    });
    expect(refs).toEqual([]);
  });
});
