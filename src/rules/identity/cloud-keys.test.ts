import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import cloudKeys from './cloud-keys.js';

const FIXTURE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-gcp-key-file, namespace: shop}
spec:
  template:
    spec:
      serviceAccountName: uploader
      containers:
      - name: app
        image: app:1
        env:
        - name: GOOGLE_APPLICATION_CREDENTIALS
          value: /var/secrets/google/key.json
        volumeMounts:
        - name: google-cloud-key
          mountPath: /var/secrets/google
      volumes:
      - name: google-cloud-key
        secret: {secretName: pubsub-key}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-aws-keys}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        env:
        - name: AWS_ACCESS_KEY_ID
          valueFrom: {secretKeyRef: {name: aws-creds, key: id}}
        - name: AWS_SECRET_ACCESS_KEY
          value: not-a-real-secret-value
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fires-azure-env-from}
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        envFrom: [{secretRef: {name: azure-sp}}]
---
apiVersion: v1
kind: Secret
metadata: {name: azure-sp}
stringData:
  AZURE_CLIENT_ID: placeholder-id
  AZURE_CLIENT_SECRET: placeholder-value
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dont-fire-oauth-proxy}
spec:
  template:
    spec:
      containers:
      - name: proxy
        image: proxy:1
        env:
        - {name: OAUTH2_PROXY_CLIENT_SECRET, value: abc}
        - {name: MINIO_SECRET_KEY, value: def}
        volumeMounts: [{name: tls, mountPath: /etc/tls}]
      volumes: [{name: tls, secret: {secretName: web-tls}}]
`;

describe('identity/cloud-keys', () => {
  const findings = runRule(cloudKeys, FIXTURE, { targetVersion: '1.31' });

  it('reports workloads that authenticate with static cloud keys', () => {
    expect(summarize(findings)).toEqual([
      'warning identity/cloud-keys Deployment/fires-gcp-key-file@shop :12',
      'warning identity/cloud-keys Deployment/fires-aws-keys :31',
      'warning identity/cloud-keys Deployment/fires-azure-env-from :45',
    ]);
  });

  it('names the evidence without printing any secret value', () => {
    const [gcp, aws, azure] = findings;
    expect(gcp?.message).toBe(
      'Deployment shop/fires-gcp-key-file authenticates to Google Cloud with static credentials: env GOOGLE_APPLICATION_CREDENTIALS = /var/secrets/google/key.json (path of a Google service account key file) and Secret pubsub-key mounted at /var/secrets/google (Google service account key file); on EKS use EKS Pod Identity or IRSA (service account uploader).',
    );
    expect(gcp?.data).toMatchObject({
      serviceAccount: 'uploader',
      namespace: 'shop',
      secrets: ['pubsub-key'],
    });
    expect(aws?.message).toContain('env AWS_ACCESS_KEY_ID from Secret aws-creds');
    expect(aws?.message).toContain('env AWS_SECRET_ACCESS_KEY written in plain text in the manifest');
    expect(azure?.message).toContain('envFrom Secret azure-sp (AZURE_CLIENT_SECRET)');
    const everything = JSON.stringify(findings);
    expect(everything).not.toContain('not-a-real-secret-value');
    expect(everything).not.toContain('placeholder-value');
  });
});
