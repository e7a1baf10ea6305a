/** The data the payments workloads touch: buckets, the database secret, the payout queue, the image repository. */
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';

/** Storage and messaging shared by the payments workloads. */
export class PaymentsDataStores extends Construct {
  /** Settlement statements received from the acquiring bank. */
  readonly statements: S3Bucket;
  /** Reconciliation reports produced nightly. */
  readonly reports: S3Bucket;
  /** Credentials of the payments database. */
  readonly dbSecret: SecretsmanagerSecret;
  /** Payout instructions for the payout service. */
  readonly payoutQueue: SqsQueue;
  /** Images of the payments API. */
  readonly apiImages: EcrRepository;
  /** Application logs of the payments API. */
  readonly apiLogs: CloudwatchLogGroup;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.statements = new S3Bucket(this, 'statements', { bucket: 'acme-payments-settlement-statements' });
    this.reports = new S3Bucket(this, 'reports', { bucket: 'acme-payments-reconciliation-reports' });
    this.dbSecret = new SecretsmanagerSecret(this, 'db-secret', { name: 'payments/db-credentials' });
    this.payoutQueue = new SqsQueue(this, 'payouts', { name: 'payments-payout-instructions', messageRetentionSeconds: 1209600 });
    this.apiImages = new EcrRepository(this, 'api-images', { name: 'payments-api', imageTagMutability: 'IMMUTABLE' });
    this.apiLogs = new CloudwatchLogGroup(this, 'api-logs', { name: '/payments/api', retentionInDays: 30 });
  }
}
