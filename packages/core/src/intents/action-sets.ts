/**
 * Named, documented action sets for common workload needs. The constructs' intent helpers
 * (`grantReadBucket`, `grantReadSecret`, ...) expand through these, and rules can compare a grant to
 * the intent it claims. Each set is the least that the intent needs, taken from the Service
 * Authorization Reference of the service.
 */
export interface Intent {
  readonly id: string;
  readonly description: string;
  readonly actions: readonly string[];
  /**
   * How the resources of the grant are built from the one the user names:
   * `self` — the ARN itself; `bucket-and-objects` — the bucket ARN and `ARN/*`.
   */
  readonly resourceShape: 'self' | 'bucket-and-objects';
  /** @see the AWS documentation the set is drawn from. */
  readonly reference: string;
}

function intent(value: Intent): Intent {
  return Object.freeze({ ...value, actions: Object.freeze([...value.actions]) });
}

export const INTENTS: readonly Intent[] = Object.freeze([
  intent({
    id: 's3-read-bucket',
    description: 'List one bucket and read its objects.',
    actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:GetObject', 's3:GetObjectVersion'],
    resourceShape: 'bucket-and-objects',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html',
  }),
  intent({
    id: 's3-write-bucket',
    description: 'Put and delete objects in one bucket (no bucket configuration, no ACLs).',
    actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
    resourceShape: 'bucket-and-objects',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html',
  }),
  intent({
    id: 'secret-read',
    description: 'Read the value of one Secrets Manager secret.',
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    resourceShape: 'self',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html',
  }),
  intent({
    id: 'sqs-publish',
    description: 'Send messages to one SQS queue.',
    actions: ['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
    resourceShape: 'self',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html',
  }),
  intent({
    id: 'sqs-consume',
    description: 'Receive and delete messages from one SQS queue.',
    actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
    resourceShape: 'self',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html',
  }),
  intent({
    id: 'sns-publish',
    description: 'Publish to one SNS topic.',
    actions: ['sns:Publish'],
    resourceShape: 'self',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html',
  }),
  intent({
    id: 'dynamodb-read-table',
    description: 'Read items of one DynamoDB table.',
    actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'],
    resourceShape: 'self',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html',
  }),
  intent({
    id: 'dynamodb-write-table',
    description: 'Write items of one DynamoDB table.',
    actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:DescribeTable'],
    resourceShape: 'self',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html',
  }),
  intent({
    id: 'kms-decrypt',
    description: 'Decrypt with one KMS key.',
    actions: ['kms:Decrypt', 'kms:DescribeKey'],
    resourceShape: 'self',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html',
  }),
  intent({
    id: 'logs-write',
    description: 'Write log events to one CloudWatch Logs log group.',
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resourceShape: 'self',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html',
  }),
  intent({
    id: 'ecr-pull',
    description: 'Pull images from one ECR repository.',
    actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
    resourceShape: 'self',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html',
  }),
  intent({
    id: 'bedrock-invoke-model',
    description: 'Invoke one Bedrock foundation model.',
    actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
    resourceShape: 'self',
    reference: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrock.html',
  }),
]);

/** The intent with this id; throws for an unknown id, since callers pass ids from this list. */
export function intentById(id: string): Intent {
  const found = INTENTS.find((i) => i.id === id);
  if (!found) {
    throw new Error(`Unknown intent '${id}'. Known intents: ${INTENTS.map((i) => i.id).join(', ')}.`);
  }
  return found;
}
