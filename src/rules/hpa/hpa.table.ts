// Knowledge tables of the hpa area: where a custom or external metric comes from on the source platform, which
// adapter serves custom.metrics.k8s.io / external.metrics.k8s.io, and the AWS counterpart of KEDA's cloud scalers.
// Sources: GKE docs "Autoscale deployments using Pub/Sub metrics" / "Custom Metrics Stackdriver Adapter" (metric
// names written as service|path|kind), Google Cloud Managed Service for Prometheus docs (prometheus.googleapis.com
// metrics), KEDA scaler docs (keda.sh/docs/latest/scalers: gcp-pubsub, gcp-stackdriver, gcp-storage, gcp-cloudtasks,
// azure-servicebus, azure-queue, azure-eventhub, azure-blob, azure-monitor, azure-log-analytics, azure-app-insights,
// aws-sqs-queue, aws-kinesis-stream, aws-cloudwatch, aws-dynamodb, prometheus with awsRegion for Amazon Managed
// Service for Prometheus since KEDA 2.13), Datadog Cluster Agent external metrics provider docs. Checked 2026-11.

export interface MetricSource {
  match: RegExp;
  /** What the metric is on the source platform; `$1` is replaced by the first capture. */
  source: string;
  /** Its counterpart on AWS and what serves it to the HPA on EKS. */
  aws: string;
}

export const METRIC_SOURCES: readonly MetricSource[] = [
  {
    match: /^prometheus\.googleapis\.com\|([^|]+)\|/,
    source:
      'a Prometheus metric ($1) stored in Google Cloud Managed Service for Prometheus and read through the Custom Metrics Stackdriver Adapter',
    aws: 'scrape $1 into Amazon Managed Service for Prometheus (or a Prometheus on EKS) and serve it with prometheus-adapter or a KEDA prometheus scaler querying $1',
  },
  {
    match: /^pubsub\.googleapis\.com\|subscription\|(num_undelivered_messages|oldest_unacked_message_age)/,
    source: 'the backlog of a Google Cloud Pub/Sub subscription ($1), a Google Cloud Monitoring metric',
    aws: 'if the queue moves to Amazon SQS, scale on ApproximateNumberOfMessagesVisible with KEDA aws-sqs-queue (or on a Kinesis stream with aws-kinesis-stream)',
  },
  {
    match: /^pubsub\.googleapis\.com\|/,
    source: 'a Google Cloud Pub/Sub metric',
    aws: 'scale on the matching Amazon SQS / SNS metric with KEDA aws-sqs-queue or aws-cloudwatch',
  },
  {
    match: /^loadbalancing\.googleapis\.com\|/,
    source: 'a Google Cloud Load Balancing metric (request rate or latency of the GCE load balancer)',
    aws: 'use the ALB metric RequestCountPerTarget (CloudWatch namespace AWS/ApplicationELB) with KEDA aws-cloudwatch',
  },
  {
    match: /^(custom|external|workload)\.googleapis\.com\|/,
    source: 'a custom metric written to Google Cloud Monitoring',
    aws: 'publish it to Amazon CloudWatch (PutMetricData, the CloudWatch agent or ADOT) and scale with KEDA aws-cloudwatch, or expose it to Prometheus and use prometheus-adapter',
  },
  {
    match: /^kubernetes\.io\|/,
    source: 'a Kubernetes metric collected by Google Cloud Monitoring',
    aws: 'use a Resource metric (metrics-server) or the same metric from CloudWatch Container Insights with KEDA aws-cloudwatch',
  },
  {
    match: /googleapis\.com|^[a-z0-9_.-]+\|[^|]+/,
    source: 'a Google Cloud Monitoring metric read through the Custom Metrics Stackdriver Adapter',
    aws: 'publish its AWS counterpart to Amazon CloudWatch and scale with KEDA aws-cloudwatch',
  },
  {
    match: /azure|servicebus|eventhub|storage-queue|queuemessages/i,
    source: 'an Azure Monitor metric (Azure metrics adapter or a KEDA Azure scaler)',
    aws: 'scale on its AWS counterpart (Amazon SQS queue depth, Kinesis, CloudWatch) with KEDA aws-sqs-queue, aws-kinesis-stream or aws-cloudwatch',
  },
  {
    match: /^s\d+-/,
    source: 'a metric KEDA generated for a ScaledObject trigger',
    aws: 'move the ScaledObject instead of this HPA (KEDA recreates the HPA) and pick the matching AWS scaler',
  },
];

export interface AdapterInfo {
  /** Matched against `namespace/name` of the Service the APIService points at. */
  match: RegExp;
  name: string;
  /** True when the same adapter can run on EKS and keep serving the metrics. */
  portable: boolean;
  /** Why it does or does not come along (completes "which ..."). */
  why: string;
  /** What to install on EKS, for a portable adapter. */
  install?: string;
}

export const ADAPTERS: readonly AdapterInfo[] = [
  {
    match: /stackdriver|custom-metrics-sd|gke-metrics/i,
    name: "GKE's Custom Metrics Stackdriver Adapter",
    portable: false,
    why: 'reads Google Cloud Monitoring only, so it cannot serve these metrics on EKS',
  },
  {
    match: /datadog/i,
    name: 'the Datadog Cluster Agent',
    portable: true,
    why: 'runs on EKS as well and keeps reading the metrics from Datadog, but must be installed there first',
    install: 'Install the Datadog Cluster Agent on EKS with its external metrics provider enabled',
  },
  {
    match: /prometheus-adapter|custom-metrics-apiserver/i,
    name: 'prometheus-adapter',
    portable: true,
    why: 'runs on EKS as well, pointed at the Prometheus (or Amazon Managed Service for Prometheus) that scrapes the workload',
    install: 'Install prometheus-adapter on EKS with the same rules',
  },
  {
    match: /keda/i,
    name: "KEDA's metrics API server",
    portable: true,
    why: 'runs on EKS as well once KEDA is installed there; KEDA recreates this HPA from its ScaledObject',
    install: 'Install KEDA on EKS and move the ScaledObject',
  },
  {
    match: /azure|k8s-metrics-adapter/i,
    name: 'the Azure Kubernetes metrics adapter',
    portable: false,
    why: 'reads Azure Monitor only, so it cannot serve these metrics on EKS',
  },
];

export interface KedaTrigger {
  /** KEDA trigger types this entry covers. */
  types: readonly string[];
  /** The source service, in plain words. */
  service: string;
  /** What to use on EKS. */
  aws: string;
}

/** KEDA triggers bound to another cloud's services. */
export const CLOUD_TRIGGERS: readonly KedaTrigger[] = [
  {
    types: ['gcp-pubsub'],
    service: 'a Google Cloud Pub/Sub subscription or topic',
    aws: 'aws-sqs-queue on the Amazon SQS queue that replaces it (or aws-kinesis-stream, or apache-kafka on Amazon MSK)',
  },
  {
    types: ['gcp-stackdriver'],
    service: 'a Google Cloud Monitoring metric',
    aws: 'aws-cloudwatch on the CloudWatch metric that replaces it',
  },
  {
    types: ['gcp-cloudtasks'],
    service: 'a Google Cloud Tasks queue',
    aws: 'aws-sqs-queue on the Amazon SQS queue that replaces it',
  },
  {
    types: ['gcp-storage'],
    service: 'objects in a Google Cloud Storage bucket',
    aws: 'aws-sqs-queue fed by S3 event notifications (KEDA has no S3 object-count scaler)',
  },
  {
    types: ['azure-servicebus'],
    service: 'an Azure Service Bus queue or topic',
    aws: 'aws-sqs-queue on the Amazon SQS queue that replaces it (an SNS topic with SQS subscriptions for topics)',
  },
  {
    types: ['azure-queue'],
    service: 'an Azure Storage queue',
    aws: 'aws-sqs-queue on the Amazon SQS queue that replaces it',
  },
  {
    types: ['azure-eventhub'],
    service: 'an Azure Event Hub',
    aws: 'aws-kinesis-stream on the Kinesis data stream that replaces it, or apache-kafka on Amazon MSK',
  },
  {
    types: ['azure-blob'],
    service: 'blobs in an Azure Storage container',
    aws: 'aws-sqs-queue fed by S3 event notifications (KEDA has no S3 object-count scaler)',
  },
  {
    types: ['azure-monitor', 'azure-app-insights', 'azure-log-analytics', 'azure-data-explorer'],
    service: 'Azure Monitor data',
    aws: 'aws-cloudwatch on the CloudWatch metric (or Logs metric filter) that replaces it',
  },
  {
    types: ['azure-pipelines'],
    service: 'an Azure Pipelines agent pool',
    aws: 'github-runner or another CI scaler, or move the builds to AWS CodeBuild',
  },
];

/** Prometheus servers run by another cloud (KEDA prometheus trigger serverAddress). */
export const MANAGED_PROMETHEUS: ReadonlyArray<{ match: RegExp; service: string }> = [
  { match: /monitoring\.googleapis\.com/, service: 'Google Cloud Managed Service for Prometheus' },
  { match: /prometheus\.monitor\.azure\.com/, service: 'Azure Monitor managed service for Prometheus' },
];

/** Pod identity providers of TriggerAuthentication that belong to another cloud. */
export const FOREIGN_IDENTITY_PROVIDERS: Readonly<Record<string, string>> = {
  gcp: 'GKE Workload Identity',
  azure: 'AAD Pod Identity',
  'azure-workload': 'Azure Workload Identity',
};
