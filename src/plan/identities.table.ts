// Tables for identities: hints from the source identity's name to the AWS permissions it likely needs,
// and the AWS SDK versions that first read EKS Pod Identity credentials.

/**
 * A word in the source identity (Google service account, Azure client, role name) and the IAM actions
 * the workload most likely needs instead. Hints only: the role's policy is the team's decision.
 */
export const POLICY_HINTS: ReadonlyArray<{ pattern: RegExp; actions: string[] }> = [
  {
    pattern: /storage|gcs|bucket|blob|object|backup|s3/i,
    actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
  },
  {
    pattern: /pubsub|pub-sub|queue|servicebus|event/i,
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sns:Publish'],
  },
  { pattern: /secret|vault|keyvault/i, actions: ['secretsmanager:GetSecretValue'] },
  { pattern: /kms|crypt|key/i, actions: ['kms:Decrypt'] },
  { pattern: /sql|postgres|mysql|database|db/i, actions: ['rds-db:connect'] },
  { pattern: /dns/i, actions: ['route53:ChangeResourceRecordSets', 'route53:ListHostedZones'] },
  { pattern: /bigquery|analytics|athena/i, actions: ['athena:StartQueryExecution', 'glue:GetTable'] },
  {
    pattern: /dynamo|firestore|datastore|cosmos|bigtable/i,
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
  },
  {
    pattern: /registry|artifact|gcr|acr|image/i,
    actions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage'],
  },
  {
    pattern: /log|monitor|metric|trace/i,
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
