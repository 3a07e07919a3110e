import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import { daprMapping } from '../../model/cloud-services.js';
import rule from './dapr-component.js';

// Components as the Dapr quickstarts and Azure samples write them (dapr/quickstarts pub_sub,
// Azure-Samples dapr-aca traffic-control: Service Bus pub/sub, Key Vault secret store, Cosmos DB state).
const FIXTURE = `apiVersion: dapr.io/v1alpha1
kind: Component
metadata: {name: fires-pubsub, namespace: dapr-trafficcontrol}
spec:
  type: pubsub.azure.servicebus.topics
  version: v1
  metadata:
  - name: connectionString
    secretKeyRef: {name: servicebus, key: connectionString}
---
apiVersion: dapr.io/v1alpha1
kind: Component
metadata: {name: fires-secretstore}
spec:
  type: secretstores.azure.keyvault
  version: v1
  metadata:
  - {name: vaultName, value: dapr-kv}
  - {name: azureClientId, value: 00000000-0000-0000-0000-000000000000}
---
apiVersion: dapr.io/v1alpha1
kind: Component
metadata: {name: fires-statestore}
spec:
  type: state.gcp.firestore
  version: v1
---
apiVersion: dapr.io/v1alpha1
kind: Component
metadata: {name: fires-unmapped}
spec:
  type: bindings.gcp.bigquery
  version: v1
---
apiVersion: dapr.io/v1alpha1
kind: Component
metadata: {name: dont-fire-redis}
spec:
  type: state.redis
  version: v1
  metadata: [{name: redisHost, value: redis-master:6379}]
---
apiVersion: dapr.io/v1alpha1
kind: Component
metadata: {name: dont-fire-aws}
spec: {type: pubsub.aws.snssqs, version: v1}
---
apiVersion: example.com/v1
kind: Component
metadata: {name: dont-fire-other-group}
spec: {type: pubsub.azure.servicebus}
`;

describe('cloud/dapr-component', () => {
  it('names the AWS component type and the metadata to change', () => {
    const findings = runRule(rule, FIXTURE);
    expect(summarize(findings)).toEqual([
      'warning cloud/dapr-component Component/fires-pubsub@dapr-trafficcontrol :5',
      'warning cloud/dapr-component Component/fires-secretstore :15',
      'warning cloud/dapr-component Component/fires-statestore :25',
      'warning cloud/dapr-component Component/fires-unmapped :32',
    ]);
    const [pubsub, secrets, state, unmapped] = findings;
    expect(pubsub?.message).toBe(
      'Dapr Component fires-pubsub (pubsub.azure.servicebus.topics) is bound to Azure Service Bus; on AWS use pubsub.aws.snssqs.',
    );
    expect(pubsub?.remediation).toContain('replace connectionString or namespaceName');
    expect(secrets?.message).toContain('secretstores.aws.secretmanager');
    expect(secrets?.remediation).toContain('vaultName');
    expect(state?.message).toContain('state.aws.dynamodb');
    expect(unmapped?.message).toBe(
      'Dapr Component fires-unmapped (bindings.gcp.bigquery) is bound to a Google Cloud service.',
    );
  });

  it('maps type prefixes', () => {
    expect(daprMapping('pubsub.azure.servicebus.queues')?.awsType).toBe('pubsub.aws.snssqs');
    expect(daprMapping('bindings.azure.blobstorage')?.awsType).toBe('bindings.aws.s3');
    expect(daprMapping('state.azure.cosmosdb')?.awsType).toBe('state.aws.dynamodb');
    expect(daprMapping('state.redis')).toBeUndefined();
  });
});
