// Tables for identities: hints from the source identity's name to the AWS permissions it likely needs,
// and the AWS SDK versions that first read EKS Pod Identity credentials.

/**
 * Words in the source identity's name (Google service account, Azure client, role name, split at
 * `-`, `_` and `.`) and the IAM actions the workload most likely needs instead. Hints only: the
 * role's policy is the team's decision.
 */
export const POLICY_HINTS: ReadonlyArray<{ words: readonly string[]; actions: string[] }> = [
  {
    words: [
      'storage',
      'gcs',
      'bucket',
      'buckets',
      'blob',
      'blobs',
      'objects',
      'backup',
      'backups',
      's3',
      'uploads',
    ],
    actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
  },
  {
    words: ['pubsub', 'queue', 'queues', 'servicebus', 'events', 'sqs', 'sns'],
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sns:Publish'],
  },
  { words: ['secret', 'secrets', 'vault', 'keyvault'], actions: ['secretsmanager:GetSecretValue'] },
  { words: ['kms', 'crypto', 'encrypt', 'decrypt', 'keys'], actions: ['kms:Decrypt'] },
  {
    words: ['sql', 'cloudsql', 'postgres', 'postgresql', 'mysql', 'database', 'db', 'spanner'],
    actions: ['rds-db:connect'],
  },
  { words: ['dns', 'externaldns'], actions: ['route53:ChangeResourceRecordSets', 'route53:ListHostedZones'] },
  {
    words: ['bigquery', 'bq', 'analytics', 'athena'],
    actions: ['athena:StartQueryExecution', 'glue:GetTable'],
  },
  {
    words: ['dynamo', 'dynamodb', 'firestore', 'datastore', 'cosmos', 'bigtable'],
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
  },
  {
    words: ['registry', 'artifact', 'artifacts', 'gcr', 'acr', 'images'],
    actions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'],
  },
  {
    words: ['log', 'logs', 'logging', 'monitoring', 'metrics', 'trace', 'tracing', 'writer'],
    actions: ['logs:PutLogEvents', 'cloudwatch:PutMetricData', 'xray:PutTraceSegments'],
  },
];

/**
 * Minimum AWS SDK versions that read EKS Pod Identity credentials (the container credential provider
 * with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE). Older SDKs fall back to the node role.
 * Source: Amazon EKS User Guide, "Use pod identity with the AWS SDK" (pod-id-minimum-sdk.html).
 */
export const POD_IDENTITY_MIN_SDKS: ReadonlyArray<[string, string]> = [
  ['Java (v2)', '2.21.30'],
  ['Java (v1)', '1.12.746'],
  ['Go v1', 'v1.47.11'],
  ['Go v2', 'release-2023-11-14'],
  ['Python (Boto3)', '1.34.41'],
  ['Python (botocore)', '1.34.41'],
  ['AWS CLI v1', '1.30.0'],
  ['AWS CLI v2', '2.15.0'],
  ['JavaScript v2', '2.1550.0'],
  ['JavaScript v3', 'v3.458.0'],
  ['Kotlin', 'v1.0.1'],
  ['Ruby', '3.188.0'],
  ['Rust', 'release-2024-03-13'],
  ['C++', '1.11.263'],
  ['.NET', '3.7.734.0'],
  ['PowerShell', '4.1.502'],
  ['PHP', '3.287.1'],
];
