import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import rule from './secret-provider.js';

// Shapes from kubernetes-sigs/secrets-store-csi-driver test/bats/tests/azure (Key Vault objects array)
// and GoogleCloudPlatform/secrets-store-csi-driver-provider-gcp examples (secrets with resourceName).
const FIXTURE = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata: {name: fires-azure-sync, namespace: default}
spec:
  provider: azure
  secretObjects:
  - secretName: foosecret
    type: Opaque
    data: [{objectName: secretalias, key: username}]
  parameters:
    usePodIdentity: "false"
    keyvaultName: "kv-demo"
    objects: |
      array:
        - |
          objectName: db-password
          objectType: secret
        - |
          objectName: signing-key
          objectType: key
    tenantId: "00000000-0000-0000-0000-000000000000"
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata: {name: fires-gcp}
spec:
  provider: gcp
  parameters:
    secrets: |
      - resourceName: "projects/demo/secrets/testsecret/versions/latest"
        path: "good1.txt"
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata: {name: dont-fire-aws}
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "MySecret"
        objectType: "secretsmanager"
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata: {name: dont-fire-vault}
spec:
  provider: vault
  parameters: {roleName: app}
`;

describe('cloud/secret-provider', () => {
  it('fires on azure and gcp providers and names the secrets to copy', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning cloud/secret-provider SecretProviderClass/fires-azure-sync@default :5',
      'warning cloud/secret-provider SecretProviderClass/fires-gcp :27',
    ]);
    const [azure, gcp] = findings;
    expect(azure?.message).toBe(
      'SecretProviderClass fires-azure-sync reads Azure Key Vault (provider azure).',
    );
    expect(azure?.remediation).toContain(
      'Copy the secrets (db-password, signing-key) to AWS Secrets Manager',
    );
    expect(azure?.remediation).toContain('spec.provider: aws');
    expect(gcp?.message).toContain('Google Secret Manager');
    expect(gcp?.remediation).toContain('projects/demo/secrets/testsecret/versions/latest');
  });
});
