import { describe, expect, it } from 'vitest';
import { runRule, summarize } from '../../../test/support/rule-tester.js';
import kedaScaler from './keda-scaler.js';

const FIXTURE = `apiVersion: keda.sh/v1alpha1
kind: TriggerAuthentication
metadata: {name: sb-auth, namespace: orders}
spec:
  podIdentity: {provider: azure-workload}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: fires-service-bus, namespace: orders}
spec:
  scaleTargetRef: {name: order-processor}
  maxReplicaCount: 10
  triggers:
  - type: azure-servicebus
    metadata: {namespace: shop, queueName: orders, messageCount: '5'}
    authenticationRef: {name: sb-auth}
---
apiVersion: keda.sh/v1alpha1
kind: ClusterTriggerAuthentication
metadata: {name: gcp-auth}
spec:
  podIdentity: {provider: gcp}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: fires-managed-prometheus, namespace: batch}
spec:
  scaleTargetRef: {apiVersion: slinky.slurm.net/v1beta1, kind: NodeSet, name: workers}
  triggers:
  - type: prometheus
    metadata:
      serverAddress: https://monitoring.googleapis.com/v1/projects/p/location/global/prometheus
      query: sum(jobs_pending)
      threshold: "1"
    authenticationRef: {kind: ClusterTriggerAuthentication, name: gcp-auth}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: fires-portable-kafka, namespace: batch}
spec:
  scaleTargetRef: {name: consumer}
  triggers:
  - type: kafka
    metadata: {bootstrapServers: kafka:9092, consumerGroup: g, topic: t, lagThreshold: '10'}
  - type: cpu
    metricType: Utilization
    metadata: {value: '60'}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledJob
metadata: {name: fires-sqs-job, namespace: batch}
spec:
  jobTargetRef: {template: {spec: {containers: [{name: w, image: w:1}]}}}
  triggers:
  - type: aws-sqs-queue
    metadata: {queueURL: https://sqs.us-east-1.amazonaws.com/1/q, awsRegion: us-east-1}
---
apiVersion: other.example.com/v1
kind: ScaledObject
metadata: {name: dont-fire-other-group}
spec: {triggers: [{type: azure-servicebus}]}
`;

describe('hpa/keda-scaler', () => {
  const findings = runRule(kedaScaler, FIXTURE);
  const byName = (n: string) => findings.find((f) => f.resource.name === n);

  it('reports every KEDA ScaledObject and ScaledJob, warning on cloud triggers', () => {
    expect(summarize(findings)).toEqual([
      'warning hpa/keda-scaler ScaledObject/fires-service-bus@orders :14',
      'warning hpa/keda-scaler ScaledObject/fires-managed-prometheus@batch :30',
      'info hpa/keda-scaler ScaledObject/fires-portable-kafka@batch :43',
      'info hpa/keda-scaler ScaledJob/fires-sqs-job@batch :55',
    ]);
  });

  it('maps an Azure Service Bus trigger to Amazon SQS and names the Azure identity', () => {
    const sb = byName('fires-service-bus');
    expect(sb?.message).toBe(
      'ScaledObject fires-service-bus (KEDA) scales Deployment order-processor through its azure-servicebus trigger on an Azure Service Bus queue or topic, which EKS cannot reach as written.',
    );
    expect(sb?.explanation).toContain(
      'TriggerAuthentication sb-auth (podIdentity provider azure-workload, Azure Workload Identity)',
    );
    expect(sb?.remediation).toContain('azure-servicebus becomes aws-sqs-queue on the Amazon SQS queue');
  });

  it('sends Google Managed Prometheus queries to Amazon Managed Service for Prometheus', () => {
    const gmp = byName('fires-managed-prometheus');
    expect(gmp?.message).toContain(
      'through its prometheus trigger on Google Cloud Managed Service for Prometheus (monitoring.googleapis.com)',
    );
    expect(gmp?.remediation).toContain('Amazon Managed Service for Prometheus workspace');
    expect(gmp?.explanation).toContain('ClusterTriggerAuthentication gcp-auth (podIdentity provider gcp');
  });

  it('keeps portable triggers to an install note, with metrics-server for cpu and IAM for AWS scalers', () => {
    expect(byName('fires-portable-kafka')?.message).toBe(
      'ScaledObject fires-portable-kafka (KEDA) scales Deployment consumer on trigger kafka and cpu; KEDA must be installed on EKS first.',
    );
    expect(byName('fires-portable-kafka')?.remediation).toContain('metrics-server EKS add-on');
    expect(byName('fires-sqs-job')?.remediation).toContain('EKS Pod Identity for the AWS triggers');
  });
});
