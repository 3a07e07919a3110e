// What verify does not expect to find on EKS.

/** Services every cluster has by itself (the API server's own Service). */
export const PLATFORM_SERVICES: readonly string[] = ['default/kubernetes'];

/**
 * CRD groups that belong to the source platform and are not expected on EKS (assess reports them
 * as crd-present findings). Matched as a suffix of the CRD's group.
 */
export const PLATFORM_CRD_GROUP_SUFFIXES: readonly string[] = [
  'gke.io',
  'cloud.google.com',
  'googleapis.com',
  'azure.com',
  'openshift.io',
];

/** Kinds of the source that the target runs under another kind. */
export const KIND_ON_EKS: Readonly<Record<string, string>> = { DeploymentConfig: 'Deployment' };
