// Workload identity knowledge beyond data/cloud-equivalence.json: the pod-side markers of each mechanism
// and the well-known names of static cloud credentials. Sources: Azure Workload Identity docs
// (azure.github.io/azure-workload-identity, annotations and labels), AAD Pod Identity docs
// (azure.github.io/aad-pod-identity), kube2iam and kiam READMEs, Google Cloud "Authenticate with service
// account keys" (GOOGLE_APPLICATION_CREDENTIALS), Azure Identity EnvironmentCredential variables, AWS
// SDK environment variables; EKS side: EKS Pod Identity and IRSA in the EKS user guide.

export const GKE_SA_ANNOTATION = 'iam.gke.io/gcp-service-account';
export const AZURE_CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
export const AZURE_TENANT_ID_ANNOTATION = 'azure.workload.identity/tenant-id';
export const AZURE_USE_LABEL = 'azure.workload.identity/use';
export const AAD_POD_IDENTITY_LABEL = 'aadpodidbinding';
export const KUBE2IAM_ANNOTATION = 'iam.amazonaws.com/role';
export const KIAM_NAMESPACE_ANNOTATION = 'iam.amazonaws.com/permitted';
/** kube2iam's namespace restriction (with --namespace-restrictions): a JSON list of role ARNs or globs. */
export const KUBE2IAM_NAMESPACE_ANNOTATION = 'iam.amazonaws.com/allowed-roles';

/** Namespace annotations that restrict which roles pods may assume, by the agent that reads them. */
export const NAMESPACE_ROLE_ANNOTATIONS: ReadonlyArray<{ annotation: string; agent: string }> = [
  { annotation: KIAM_NAMESPACE_ANNOTATION, agent: 'kiam' },
  { annotation: KUBE2IAM_NAMESPACE_ANNOTATION, agent: 'kube2iam' },
];
export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** AAD Pod Identity custom resources (aadpodidentity.k8s.io). */
export const AAD_POD_IDENTITY_KINDS: Record<string, string> = {
  AzureIdentity: 'declares a managed identity or service principal for pods',
  AzureIdentityBinding: 'binds an AzureIdentity to pods labelled aadpodidbinding',
  AzurePodIdentityException: 'lets pods reach the instance metadata endpoint directly',
  AzureAssignedIdentity: 'status object written by AAD Pod Identity',
};

export type CloudProvider = 'GCP' | 'Azure' | 'AWS';

/** Environment variables that carry (or point at) static cloud credentials. */
/** `path`: the value is a file path (safe to show); otherwise the value is the secret itself and never shown. */
export const CREDENTIAL_ENV: Record<string, { provider: CloudProvider; what: string; path?: boolean }> = {
  GOOGLE_APPLICATION_CREDENTIALS: {
    provider: 'GCP',
    what: 'path of a Google service account key file',
    path: true,
  },
  GOOGLE_CREDENTIALS: { provider: 'GCP', what: 'Google service account key' },
  GCP_SERVICE_ACCOUNT_KEY: { provider: 'GCP', what: 'Google service account key' },
  AZURE_CLIENT_SECRET: { provider: 'Azure', what: 'Microsoft Entra service principal secret' },
  AZURE_CLIENT_CERTIFICATE_PATH: {
    provider: 'Azure',
    what: 'Microsoft Entra service principal certificate',
    path: true,
  },
  AZURE_STORAGE_KEY: { provider: 'Azure', what: 'Azure Storage account key' },
  AZURE_STORAGE_CONNECTION_STRING: { provider: 'Azure', what: 'Azure Storage connection string' },
  AWS_ACCESS_KEY_ID: { provider: 'AWS', what: 'static AWS access key' },
  AWS_SECRET_ACCESS_KEY: { provider: 'AWS', what: 'static AWS secret key' },
  AWS_SESSION_TOKEN: { provider: 'AWS', what: 'AWS session token' },
  AWS_SHARED_CREDENTIALS_FILE: { provider: 'AWS', what: 'path of an AWS credentials file', path: true },
};

/** Secret keys that are cloud credential files or variables (key names only; values are never read). */
export const CREDENTIAL_KEYS: ReadonlyArray<{ key: RegExp; provider: CloudProvider; what: string }> = [
  {
    key: /^(key|sa|sa-key|service-account|service-account-key|credentials|gcp-credentials|google-credentials|application_default_credentials|gcs-key|gcp-key)\.json$/i,
    provider: 'GCP',
    what: 'Google service account key file',
  },
  { key: /^(aws_access_key_id|aws_secret_access_key)$/i, provider: 'AWS', what: 'static AWS access key' },
  { key: /^azure_client_secret$/i, provider: 'Azure', what: 'Microsoft Entra service principal secret' },
];

/** Mount paths where images conventionally look for cloud credential files. */
export const CREDENTIAL_MOUNT_PATHS: ReadonlyArray<{ path: RegExp; provider: CloudProvider; what: string }> =
  [
    {
      path: /\/var\/secrets\/google|\/gcloud|\/gcp|google-cloud|gcp-credentials/i,
      provider: 'GCP',
      what: 'Google service account key file',
    },
    { path: /\/\.aws(\/|$)/, provider: 'AWS', what: 'AWS credentials file' },
    { path: /\/\.azure(\/|$)/, provider: 'Azure', what: 'Azure CLI credentials' },
  ];
