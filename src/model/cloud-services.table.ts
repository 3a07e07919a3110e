// Other clouds' managed services that workloads depend on, and their AWS counterparts.
// Sources (checked 2026-12):
// - Cloud SQL Auth Proxy: github.com/GoogleCloudPlatform/cloud-sql-proxy README (v1 image
//   gcr.io/cloudsql-docker/gce-proxy with `-instances=PROJECT:REGION:INSTANCE=tcp:PORT`, v2 image
//   gcr.io/cloud-sql-connectors/cloud-sql-proxy with positional `PROJECT:REGION:INSTANCE?port=N`).
// - Dapr components: docs.dapr.io/reference/components-reference/ (secret stores, bindings, pub/sub, state).
// - Config Connector resource reference: cloud.google.com/config-connector/docs/reference/overview;
//   Azure Service Operator v2 resource list: azure.github.io/azure-service-operator/reference/;
//   Crossplane providers: marketplace.upbound.io (provider-gcp, provider-azure, provider-aws);
//   AWS Controllers for Kubernetes: aws-controllers-k8s.github.io/community/docs/community/services/.
// - Secrets Store CSI providers: secrets-store-csi-driver.sigs.k8s.io/providers.html and
//   github.com/aws/secrets-store-csi-driver-provider-aws README (objectType secretsmanager | ssmparameter).
// - Service endpoints: Azure "Azure service domains" lists (database.windows.net, servicebus.windows.net,
//   blob.core.windows.net, documents.azure.com, redis.cache.windows.net, vault.azure.net …) and Google
//   Cloud API endpoints (*.googleapis.com); OpenTelemetry Collector contrib exporters (googlecloud,
//   googlemanagedprometheus, azuremonitor, awsxray, awsemf).

/** An AWS replacement as messages name it. */
export interface AwsTarget {
  /** The AWS service, e.g. "Amazon RDS for PostgreSQL or Aurora PostgreSQL". */
  service: string;
  /** How the data or configuration moves, when there is more to it than redeploying. */
  move?: string;
}

// --- Cloud SQL Auth Proxy ------------------------------------------------------------------------

/** Image repositories (path without host and tag) of the Cloud SQL Auth Proxy, v1 and v2. */
export const CLOUD_SQL_PROXY_REPOSITORIES = [
  'cloudsql-docker/gce-proxy',
  'cloud-sql-connectors/cloud-sql-proxy',
] as const;

/** Database engine by the port the proxy listens on, and its AWS home. */
export const SQL_ENGINE_BY_PORT: Readonly<Record<number, string>> = {
  5432: 'postgres',
  3306: 'mysql',
  1433: 'sqlserver',
};

export const SQL_ENGINES: Readonly<Record<string, { label: string; aws: string }>> = {
  postgres: { label: 'PostgreSQL', aws: 'Amazon RDS for PostgreSQL or Aurora PostgreSQL' },
  mysql: { label: 'MySQL', aws: 'Amazon RDS for MySQL or Aurora MySQL' },
  sqlserver: { label: 'SQL Server', aws: 'Amazon RDS for SQL Server' },
};

// --- Dapr components ---------------------------------------------------------------------------

export interface DaprMapping {
  /** Component `spec.type` (without version), or a prefix ending in `*`. */
  type: string;
  /** The managed service the component binds to. */
  service: string;
  /** The AWS component type to use instead. */
  awsType: string;
  /** What changes in `spec.metadata`. */
  metadata: string;
}

export const DAPR_COMPONENTS: readonly DaprMapping[] = [
  {
    type: 'secretstores.azure.keyvault',
    service: 'Azure Key Vault',
    awsType: 'secretstores.aws.secretmanager',
    metadata:
      'replace vaultName and the azureTenantId/azureClientId/azureClientSecret/azureCertificate fields with region (credentials come from EKS Pod Identity or IRSA)',
  },
  {
    type: 'secretstores.gcp.secretmanager',
    service: 'Google Secret Manager',
    awsType: 'secretstores.aws.secretmanager',
    metadata:
      'replace project_id, private_key and the other service-account key fields with region (credentials come from EKS Pod Identity or IRSA)',
  },
  {
    type: 'bindings.azure.blobstorage',
    service: 'Azure Blob Storage',
    awsType: 'bindings.aws.s3',
    metadata: 'replace accountName, accountKey and containerName with bucket and region',
  },
  {
    type: 'state.azure.blobstorage',
    service: 'Azure Blob Storage',
    awsType: 'state.aws.dynamodb',
    metadata: 'replace accountName, accountKey and containerName with table and region',
  },
  {
    type: 'bindings.gcp.bucket',
    service: 'Google Cloud Storage',
    awsType: 'bindings.aws.s3',
    metadata: 'replace bucket, project_id and the service-account key fields with bucket and region',
  },
  {
    type: 'pubsub.azure.servicebus*',
    service: 'Azure Service Bus',
    awsType: 'pubsub.aws.snssqs',
    metadata:
      'replace connectionString or namespaceName (and the azureClientId fields) with region; topics become SNS topics and subscriptions SQS queues',
  },
  {
    type: 'bindings.azure.servicebusqueues',
    service: 'Azure Service Bus',
    awsType: 'bindings.aws.sqs',
    metadata: 'replace connectionString/namespaceName and queueName with queueName and region',
  },
  {
    type: 'bindings.azure.storagequeues',
    service: 'Azure Queue Storage',
    awsType: 'bindings.aws.sqs',
    metadata: 'replace accountName, accountKey and queue with queueName and region',
  },
  {
    type: 'pubsub.azure.eventhubs',
    service: 'Azure Event Hubs',
    awsType: 'pubsub.aws.snssqs (or pubsub.kafka on Amazon MSK)',
    metadata:
      'replace connectionString/eventHubNamespace and the checkpoint storage fields with region (SNS/SQS) or brokers (MSK)',
  },
  {
    type: 'bindings.azure.eventhubs',
    service: 'Azure Event Hubs',
    awsType: 'bindings.aws.kinesis',
    metadata: 'replace connectionString/eventHubNamespace and the storage fields with streamName and region',
  },
  {
    type: 'pubsub.gcp.pubsub',
    service: 'Google Cloud Pub/Sub',
    awsType: 'pubsub.aws.snssqs',
    metadata: 'replace projectId and the service-account key fields with region',
  },
  {
    type: 'bindings.gcp.pubsub',
    service: 'Google Cloud Pub/Sub',
    awsType: 'bindings.aws.sqs',
    metadata: 'replace topic, subscription, projectId and the key fields with queueName and region',
  },
  {
    type: 'state.azure.cosmosdb',
    service: 'Azure Cosmos DB',
    awsType: 'state.aws.dynamodb',
    metadata: 'replace url, masterKey, database and collection with table and region',
  },
  {
    type: 'bindings.azure.cosmosdb*',
    service: 'Azure Cosmos DB',
    awsType: 'bindings.aws.dynamodb',
    metadata: 'replace url, masterKey, database and collection with table and region',
  },
  {
    type: 'state.azure.tablestorage',
    service: 'Azure Table Storage',
    awsType: 'state.aws.dynamodb',
    metadata: 'replace accountName, accountKey and tableName with table and region',
  },
  {
    type: 'state.gcp.firestore',
    service: 'Google Cloud Firestore',
    awsType: 'state.aws.dynamodb',
    metadata: 'replace project_id, entity_kind and the service-account key fields with table and region',
  },
  {
    type: 'configuration.azure.appconfig',
    service: 'Azure App Configuration',
    awsType: 'configuration.redis or configuration.postgresql (Dapr has no AWS configuration store)',
    metadata:
      'replace host/connectionString with the Redis (ElastiCache) or PostgreSQL (RDS) connection fields',
  },
  {
    type: 'bindings.azure.signalr',
    service: 'Azure SignalR Service',
    awsType: 'no Dapr AWS binding (Amazon API Gateway WebSocket APIs or AWS AppSync are the services)',
    metadata: 'rewrite the publishing side against the chosen service',
  },
  {
    type: 'bindings.azure.openai',
    service: 'Azure OpenAI',
    awsType: 'conversation.aws.bedrock',
    metadata: 'replace endpoint and apiKey with region and model',
  },
];

// --- Operators that create another cloud's resources --------------------------------------------

export interface OperatorFamily {
  /** Matches the API group as a suffix (`.x`) or exactly. */
  groups: readonly string[];
  /** Groups inside `groups` that belong to something else. */
  except?: readonly string[];
  label: string;
}

export const CLOUD_OPERATORS: readonly OperatorFamily[] = [
  { groups: ['.cnrm.cloud.google.com'], label: 'Config Connector (Google Cloud)' },
  { groups: ['.azure.com'], except: ['.kubernetes.azure.com'], label: 'Azure Service Operator' },
  { groups: ['azure.microsoft.com'], label: 'Azure Service Operator v1' },
  {
    groups: ['.gcp.crossplane.io', 'gcp.crossplane.io', '.gcp.upbound.io', 'gcp.upbound.io'],
    label: 'Crossplane provider-gcp',
  },
  {
    groups: ['.azure.crossplane.io', 'azure.crossplane.io', '.azure.upbound.io', 'azure.upbound.io'],
    label: 'Crossplane provider-azure',
  },
];

export interface ResourceMapping {
  /** Kinds across Config Connector, Azure Service Operator and Crossplane that mean the same thing. */
  kinds: readonly string[];
  /** Only when the group contains this (a kind name several families use differently). */
  groupHint?: string;
  aws: string;
  /** AWS Controllers for Kubernetes kind, `group Kind`. */
  ack?: string;
  /** Crossplane AWS provider kind, `group Kind`. */
  crossplane?: string;
}

export const RESOURCE_MAPPINGS: readonly ResourceMapping[] = [
  {
    kinds: [
      'SQLInstance',
      'CloudsqlInstance',
      'DatabaseInstance',
      'FlexibleServer',
      'Server',
      'PostgreSQLServer',
      'MySQLServer',
    ],
    aws: 'Amazon RDS or Aurora',
    ack: 'rds.services.k8s.aws DBInstance (or DBCluster for Aurora)',
    crossplane: 'rds.aws.upbound.io Instance (or Cluster)',
  },
  {
    kinds: ['SQLDatabase', 'SQLUser', 'FlexibleServersDatabase', 'ServersDatabase', 'Database', 'User'],
    groupHint: 'sql',
    aws: 'a database and user inside the RDS instance',
    ack: 'none (create them with the engine, e.g. a migration Job)',
    crossplane: 'postgresql.sql.crossplane.io Database / Role (provider-sql)',
  },
  {
    kinds: ['StorageBucket', 'Bucket', 'StorageAccount', 'StorageAccountsBlobServicesContainer', 'Container'],
    groupHint: 'storage',
    aws: 'Amazon S3',
    ack: 's3.services.k8s.aws Bucket',
    crossplane: 's3.aws.upbound.io Bucket',
  },
  {
    kinds: ['PubSubTopic', 'Topic', 'NamespacesTopic'],
    aws: 'Amazon SNS',
    ack: 'sns.services.k8s.aws Topic',
    crossplane: 'sns.aws.upbound.io Topic',
  },
  {
    kinds: ['PubSubSubscription', 'Subscription', 'NamespacesQueue', 'NamespacesTopicsSubscription', 'Queue'],
    aws: 'Amazon SQS (subscribed to the SNS topic)',
    ack: 'sqs.services.k8s.aws Queue',
    crossplane: 'sqs.aws.upbound.io Queue',
  },
  {
    kinds: ['RedisInstance', 'Redis', 'RedisEnterprise', 'RedisCache'],
    aws: 'Amazon ElastiCache (Valkey or Redis OSS)',
    ack: 'elasticache.services.k8s.aws ReplicationGroup',
    crossplane: 'elasticache.aws.upbound.io ReplicationGroup',
  },
  {
    kinds: [
      'DatabaseAccount',
      'MongodbDatabase',
      'SqlDatabase',
      'FirestoreDatabase',
      'SpannerInstance',
      'BigtableInstance',
    ],
    aws: 'Amazon DynamoDB (or Amazon DocumentDB for the MongoDB API)',
    ack: 'dynamodb.services.k8s.aws Table (docdb.services.k8s.aws DBCluster)',
    crossplane: 'dynamodb.aws.upbound.io Table',
  },
  {
    kinds: [
      'IAMServiceAccount',
      'UserAssignedIdentity',
      'ServiceAccount',
      'IAMPolicyMember',
      'IAMPolicy',
      'RoleAssignment',
    ],
    aws: 'an IAM role for EKS Pod Identity (or IRSA)',
    ack: 'iam.services.k8s.aws Role + eks.services.k8s.aws PodIdentityAssociation',
    crossplane: 'iam.aws.upbound.io Role + eks.aws.upbound.io PodIdentityAssociation',
  },
  {
    kinds: ['SecretManagerSecret', 'Vault', 'VaultsSecret', 'KMSKeyRing', 'KMSCryptoKey'],
    aws: 'AWS Secrets Manager / AWS KMS',
    ack: 'secretsmanager.services.k8s.aws Secret / kms.services.k8s.aws Key',
    crossplane: 'secretsmanager.aws.upbound.io Secret / kms.aws.upbound.io Key',
  },
  {
    kinds: [
      'DNSRecordSet',
      'DNSManagedZone',
      'DnsZone',
      'DnsZonesARecord',
      'DnsZonesCNAMERecord',
      'RecordSet',
    ],
    aws: 'Amazon Route 53',
    ack: 'route53.services.k8s.aws RecordSet / HostedZone',
    crossplane: 'route53.aws.upbound.io Record / Zone',
  },
  {
    kinds: ['ComputeAddress', 'ComputeGlobalAddress', 'PublicIPAddress'],
    aws: 'an Elastic IP address',
    ack: 'ec2.services.k8s.aws ElasticIPAddress',
    crossplane: 'ec2.aws.upbound.io EIP',
  },
  {
    kinds: [
      'ComputeNetwork',
      'ComputeSubnetwork',
      'VirtualNetwork',
      'VirtualNetworksSubnet',
      'Network',
      'Subnetwork',
    ],
    aws: 'an Amazon VPC and subnets',
    ack: 'ec2.services.k8s.aws VPC / Subnet',
    crossplane: 'ec2.aws.upbound.io VPC / Subnet',
  },
  {
    kinds: ['ArtifactRegistryRepository', 'Registry'],
    aws: 'Amazon ECR',
    ack: 'ecr.services.k8s.aws Repository',
    crossplane: 'ecr.aws.upbound.io Repository',
  },
  {
    kinds: [
      'ContainerCluster',
      'ContainerNodePool',
      'ManagedCluster',
      'ManagedClustersAgentPool',
      'Cluster',
      'NodePool',
    ],
    groupHint: 'container',
    aws: 'Amazon EKS (the plan kube2eks writes)',
    ack: 'eks.services.k8s.aws Cluster / Nodegroup',
    crossplane: 'eks.aws.upbound.io Cluster / NodeGroup',
  },
  {
    kinds: ['CloudFunctionsFunction', 'RunService', 'Site', 'FunctionApp'],
    aws: 'AWS Lambda (or a workload on the EKS cluster)',
    ack: 'lambda.services.k8s.aws Function',
    crossplane: 'lambda.aws.upbound.io Function',
  },
  {
    kinds: ['EventhubNamespace', 'Namespace', 'NamespacesEventhub', 'Eventhub'],
    groupHint: 'eventhub',
    aws: 'Amazon Kinesis Data Streams or Amazon MSK',
    ack: 'kinesis.services.k8s.aws Stream / kafka.services.k8s.aws Cluster',
    crossplane: 'kinesis.aws.upbound.io Stream',
  },
  {
    kinds: ['Namespace'],
    groupHint: 'servicebus',
    aws: 'Amazon SQS and SNS',
    ack: 'sqs.services.k8s.aws Queue / sns.services.k8s.aws Topic',
    crossplane: 'sqs.aws.upbound.io Queue',
  },
  {
    kinds: ['ResourceGroup', 'Project', 'Folder'],
    aws: 'an AWS account or tags (no resource of its own)',
  },
];

// --- Secrets Store CSI providers -----------------------------------------------------------------

export const SECRET_STORE_PROVIDERS: Readonly<Record<string, string>> = {
  azure: 'Azure Key Vault',
  gcp: 'Google Secret Manager',
};

// --- Endpoints in configuration -------------------------------------------------------------------

export interface EndpointPattern {
  /** Matched case-insensitively against env values and ConfigMap data; the match is what messages quote. */
  pattern: RegExp;
  /**
   * Lowercase text every match holds one of: a text that holds none is not scanned (a substring search is
   * much cheaper than a pattern that may start at any letter). Absent: the pattern always runs.
   */
  needles?: readonly string[];
  service: string;
  aws: string;
}

const HOST = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';

/** Most specific first: the first pattern that matches a piece of text names it. */
export const ENDPOINT_PATTERNS: readonly EndpointPattern[] = [
  {
    pattern: new RegExp(`${HOST}\\.postgres\\.database\\.azure\\.com`, 'i'),
    needles: ['.postgres.database.azure.com'],
    service: 'Azure Database for PostgreSQL',
    aws: 'Amazon RDS for PostgreSQL or Aurora PostgreSQL',
  },
  {
    pattern: new RegExp(`${HOST}\\.mysql\\.database\\.azure\\.com`, 'i'),
    needles: ['.mysql.database.azure.com'],
    service: 'Azure Database for MySQL',
    aws: 'Amazon RDS for MySQL or Aurora MySQL',
  },
  {
    pattern: new RegExp(`${HOST}\\.database\\.windows\\.net`, 'i'),
    needles: ['.database.windows.net'],
    service: 'Azure SQL Database',
    aws: 'Amazon RDS for SQL Server',
  },
  {
    pattern: new RegExp(`${HOST}\\.servicebus\\.windows\\.net`, 'i'),
    needles: ['.servicebus.windows.net'],
    service: 'Azure Service Bus / Event Hubs',
    aws: 'Amazon SQS and SNS (Amazon MSK or Kinesis for Event Hubs)',
  },
  {
    pattern: new RegExp(`${HOST}\\.blob\\.core\\.windows\\.net`, 'i'),
    needles: ['.blob.core.windows.net'],
    service: 'Azure Blob Storage',
    aws: 'Amazon S3',
  },
  {
    pattern: new RegExp(`${HOST}\\.queue\\.core\\.windows\\.net`, 'i'),
    needles: ['.queue.core.windows.net'],
    service: 'Azure Queue Storage',
    aws: 'Amazon SQS',
  },
  {
    pattern: new RegExp(`${HOST}\\.table\\.core\\.windows\\.net`, 'i'),
    needles: ['.table.core.windows.net'],
    service: 'Azure Table Storage',
    aws: 'Amazon DynamoDB',
  },
  {
    pattern: new RegExp(`${HOST}\\.file\\.core\\.windows\\.net`, 'i'),
    needles: ['.file.core.windows.net'],
    service: 'Azure Files',
    aws: 'Amazon EFS or FSx',
  },
  {
    pattern: new RegExp(`${HOST}\\.(?:dfs\\.core\\.windows\\.net|azuredatalakestore\\.net)`, 'i'),
    needles: ['dfs.core.windows.net', 'azuredatalakestore.net'],
    service: 'Azure Data Lake Storage',
    aws: 'Amazon S3',
  },
  {
    pattern: /\b(?:abfss?|wasbs?):\/\/[^\s"',;]+/i,
    needles: ['abfs', 'wasb'],
    service: 'Azure Blob / Data Lake Storage',
    aws: 'Amazon S3 (s3:// URLs)',
  },
  {
    pattern: new RegExp(`${HOST}\\.mongo\\.cosmos\\.azure\\.com`, 'i'),
    needles: ['.mongo.cosmos.azure.com'],
    service: 'Azure Cosmos DB for MongoDB',
    aws: 'Amazon DocumentDB',
  },
  {
    pattern: new RegExp(`${HOST}\\.documents\\.azure\\.com`, 'i'),
    needles: ['.documents.azure.com'],
    service: 'Azure Cosmos DB',
    aws: 'Amazon DynamoDB (or Amazon DocumentDB)',
  },
  {
    pattern: new RegExp(`${HOST}\\.redis\\.cache\\.windows\\.net`, 'i'),
    needles: ['.redis.cache.windows.net'],
    service: 'Azure Cache for Redis',
    aws: 'Amazon ElastiCache',
  },
  {
    pattern: new RegExp(`${HOST}\\.vault\\.azure\\.net`, 'i'),
    needles: ['.vault.azure.net'],
    service: 'Azure Key Vault',
    aws: 'AWS Secrets Manager (and AWS KMS for keys)',
  },
  {
    pattern: new RegExp(`${HOST}\\.openai\\.azure\\.com`, 'i'),
    needles: ['.openai.azure.com'],
    service: 'Azure OpenAI',
    aws: 'Amazon Bedrock',
  },
  {
    pattern: new RegExp(`${HOST}\\.(?:in\\.)?applicationinsights\\.azure\\.com|InstrumentationKey=`, 'i'),
    needles: ['applicationinsights.azure.com', 'instrumentationkey='],
    service: 'Azure Monitor Application Insights',
    aws: 'AWS X-Ray and Amazon CloudWatch (through the AWS Distro for OpenTelemetry)',
  },
  {
    pattern: /\bcloudtrace\.googleapis\.com/i,
    needles: ['cloudtrace.googleapis.com'],
    service: 'Google Cloud Trace',
    aws: 'AWS X-Ray (through the AWS Distro for OpenTelemetry)',
  },
  {
    pattern: /\bmonitoring\.googleapis\.com/i,
    needles: ['monitoring.googleapis.com'],
    service: 'Google Cloud Monitoring',
    aws: 'Amazon CloudWatch (or Amazon Managed Service for Prometheus)',
  },
  {
    pattern: /\blogging\.googleapis\.com/i,
    needles: ['logging.googleapis.com'],
    service: 'Google Cloud Logging',
    aws: 'Amazon CloudWatch Logs',
  },
  {
    pattern: /\b(?:storage\.googleapis\.com|gs:\/\/[a-z0-9][a-z0-9._-]*)/i,
    needles: ['storage.googleapis.com', 'gs://'],
    service: 'Google Cloud Storage',
    aws: 'Amazon S3',
  },
  {
    pattern: /\bpubsub\.googleapis\.com/i,
    needles: ['pubsub.googleapis.com'],
    service: 'Google Cloud Pub/Sub',
    aws: 'Amazon SNS and SQS',
  },
  {
    pattern: /\bfirestore\.googleapis\.com/i,
    needles: ['firestore.googleapis.com'],
    service: 'Google Cloud Firestore',
    aws: 'Amazon DynamoDB',
  },
  {
    pattern: /\bspanner\.googleapis\.com/i,
    needles: ['spanner.googleapis.com'],
    service: 'Google Cloud Spanner',
    aws: 'Amazon Aurora DSQL or DynamoDB',
  },
  {
    pattern: /\bbigquery\.googleapis\.com/i,
    needles: ['bigquery.googleapis.com'],
    service: 'Google BigQuery',
    aws: 'Amazon Redshift or Athena',
  },
  {
    pattern: /\bsecretmanager\.googleapis\.com/i,
    needles: ['secretmanager.googleapis.com'],
    service: 'Google Secret Manager',
    aws: 'AWS Secrets Manager',
  },
  {
    pattern: /\/cloudsql\/[a-z0-9-]+:[a-z0-9-]+:[a-z0-9-]+|\/cloudsql\b/i,
    needles: ['/cloudsql'],
    service: 'Cloud SQL (Auth Proxy socket)',
    aws: 'Amazon RDS or Aurora (a TCP endpoint)',
  },
  {
    pattern: /\b[a-z0-9-]+\.googleapis\.com/i,
    needles: ['.googleapis.com'],
    service: 'a Google Cloud API',
    aws: 'the matching AWS service',
  },
];

/** Telemetry exporters bound to another cloud, as written in collector or agent configuration. */
export const EXPORTER_PATTERNS: readonly EndpointPattern[] = [
  {
    pattern: /^\s*(?:googlecloud|googlemanagedprometheus|stackdriver)(?:\/[\w-]+)?:\s*(?:#.*)?$/m,
    needles: ['googlecloud', 'googlemanagedprometheus', 'stackdriver'],
    service: 'a Google Cloud Trace / Monitoring exporter',
    aws: 'the awsxray and awsemf exporters of the AWS Distro for OpenTelemetry (X-Ray and CloudWatch)',
  },
  {
    pattern: /^\s*azuremonitor(?:\/[\w-]+)?:\s*(?:#.*)?$/m,
    needles: ['azuremonitor'],
    service: 'an Azure Monitor exporter',
    aws: 'the awsxray and awsemf exporters of the AWS Distro for OpenTelemetry (X-Ray and CloudWatch)',
  },
];

/** Agent images that ship telemetry to another cloud (repository path, without host and tag). */
export const EXPORTER_IMAGES: ReadonlyArray<{ repository: string; service: string; aws: string }> = [
  {
    repository: 'stackdriver-agents/stackdriver-logging-agent',
    service: 'the Google Cloud Logging agent',
    aws: 'Fluent Bit for Amazon CloudWatch Logs (the amazon-cloudwatch-observability EKS add-on)',
  },
  {
    repository: 'stackdriver-prometheus/stackdriver-prometheus-sidecar',
    service: 'the Stackdriver Prometheus sidecar',
    aws: 'Amazon Managed Service for Prometheus (remote write through the ADOT collector)',
  },
  {
    repository: 'google-containers/prometheus-to-sd',
    service: 'prometheus-to-sd (Cloud Monitoring)',
    aws: 'Amazon Managed Service for Prometheus or CloudWatch',
  },
];

/**
 * Environment variable names that configure a client of another cloud's service even when the value holds
 * no host (an account name, a connection string kept in a Secret). Only the name is quoted. Sources: the
 * fluent-plugin-azure-storage-append-blob-lts and Azure SDK environment settings (AZURE_STORAGE_*), Azure
 * Monitor Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING, APPINSIGHTS_INSTRUMENTATIONKEY),
 * Azure Service Bus and Cosmos DB samples (AZURE_SERVICEBUS_*, AZURE_COSMOS_*), Google Cloud Storage
 * fluentd plugin (GCS_BUCKET).
 */
export const ENV_NAME_PATTERNS: readonly EndpointPattern[] = [
  {
    pattern: /^(AZUREBLOB|AZURE_STORAGE|AZURE_BLOB)_[A-Z_]+$/,
    service: 'Azure Blob Storage',
    aws: 'Amazon S3',
  },
  {
    pattern: /^(APPLICATIONINSIGHTS_CONNECTION_STRING|APPINSIGHTS_INSTRUMENTATIONKEY)$/,
    service: 'Azure Monitor Application Insights',
    aws: 'AWS X-Ray and Amazon CloudWatch (through the AWS Distro for OpenTelemetry)',
  },
  { pattern: /^AZURE_SERVICE_?BUS_[A-Z_]+$/, service: 'Azure Service Bus', aws: 'Amazon SQS and SNS' },
  {
    pattern: /^AZURE_COSMOS(DB)?_[A-Z_]+$/,
    service: 'Azure Cosmos DB',
    aws: 'Amazon DynamoDB (or Amazon DocumentDB)',
  },
  { pattern: /^GCS_BUCKET(_NAME)?$/, service: 'Google Cloud Storage', aws: 'Amazon S3' },
];
