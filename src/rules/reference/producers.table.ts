// Objects that something other than the input produces, so a reference to them is not missing.
// Sources (checked 2026-12): Kubernetes docs (the `default` ServiceAccount of every namespace, the
// `kube-root-ca.crt` ConfigMap published into every namespace since 1.20); cert-manager docs
// (Certificate.spec.secretName, ingress-shim annotations); External Secrets Operator
// (ExternalSecret.spec.target.name, default metadata.name); Sealed Secrets (SealedSecret
// spec.template.metadata.name, default metadata.name); Secrets Store CSI driver (secretObjects[].secretName);
// HashiCorp Vault Secrets Operator (VaultStaticSecret/VaultDynamicSecret/VaultPKISecret spec.destination.name);
// OpenShift service serving certificates (service.beta.openshift.io/serving-cert-secret-name and
// the alpha annotation) and the openshift-service-ca.crt ConfigMap; jet/kube-webhook-certgen README (`create
// --secret-name`).

/** Provided in every namespace by the cluster itself. */
export const CLUSTER_PROVIDED: Readonly<Record<string, readonly string[]>> = {
  ServiceAccount: ['default'],
  ConfigMap: ['kube-root-ca.crt', 'openshift-service-ca.crt'],
};

/** Custom resources that produce a Secret: group/Kind → where the Secret's name is (first found wins). */
export const SECRET_PRODUCERS: Readonly<Record<string, ReadonlyArray<ReadonlyArray<string>>>> = {
  'cert-manager.io/Certificate': [['spec', 'secretName']],
  'external-secrets.io/ExternalSecret': [
    ['spec', 'target', 'name'],
    ['metadata', 'name'],
  ],
  'bitnami.com/SealedSecret': [
    ['spec', 'template', 'metadata', 'name'],
    ['metadata', 'name'],
  ],
  'secrets.hashicorp.com/VaultStaticSecret': [['spec', 'destination', 'name']],
  'secrets.hashicorp.com/VaultDynamicSecret': [['spec', 'destination', 'name']],
  'secrets.hashicorp.com/VaultPKISecret': [['spec', 'destination', 'name']],
  'onepassword.com/OnePasswordItem': [['metadata', 'name']],
};

/** Service annotations that make OpenShift's service CA write a TLS Secret of that name. */
export const SERVING_CERT_ANNOTATIONS = [
  'service.beta.openshift.io/serving-cert-secret-name',
  'service.alpha.openshift.io/serving-cert-secret-name',
] as const;

/** Ingress annotations with which cert-manager's ingress-shim creates the TLS Secrets the Ingress names. */
export const INGRESS_SHIM_ANNOTATIONS = [
  'cert-manager.io/cluster-issuer',
  'cert-manager.io/issuer',
  'kubernetes.io/tls-acme',
] as const;

/** Command-line flags with which certificate generators (kube-webhook-certgen, used by ingress-nginx and
 * kube-prometheus-stack admission Jobs) write a Secret of that name. */
export const SECRET_NAME_FLAGS = ['--secret-name'] as const;
