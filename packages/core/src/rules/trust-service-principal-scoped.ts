import { coversAction } from '../effective/statement-coverage';
import { isNarrowingTest } from '../policy/condition-keys';
import { conditionsOn, type Statement } from '../policy/policy-document';
import { defineRule, type RuleReport } from './rule';

/**
 * Services that assume roles on behalf of many customers from their own infrastructure, so a role
 * trusting them without a source condition can be used through another customer's resources.
 * Compute services (ec2, lambda, ecs-tasks, ...) are not here: a role reaches them only through
 * iam:PassRole in the owner's account.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention
 */
const ACTS_FOR_OTHERS = new Set([
  's3.amazonaws.com', 'sns.amazonaws.com', 'config.amazonaws.com', 'cloudtrail.amazonaws.com', 'events.amazonaws.com',
  'scheduler.amazonaws.com', 'delivery.logs.amazonaws.com', 'logs.amazonaws.com', 'ses.amazonaws.com', 'backup.amazonaws.com',
  'guardduty.amazonaws.com', 'securityhub.amazonaws.com', 'firehose.amazonaws.com', 'replication.dynamodb.amazonaws.com',
  'batchoperations.s3.amazonaws.com', 'transfer.amazonaws.com', 'datasync.amazonaws.com', 'dms.amazonaws.com',
  'bedrock.amazonaws.com', 'sagemaker.amazonaws.com', 'appsync.amazonaws.com', 'apigateway.amazonaws.com', 'iot.amazonaws.com',
]);
const SOURCE_KEYS = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOrgID', 'aws:SourceOrgPaths', 'aws:SourceOwner'];
const POD_IDENTITY = 'pods.eks.amazonaws.com';

export default defineRule({
  meta: {
    id: 'trust-service-principal-scoped',
    category: 'confused-deputy',
    severity: 'medium',
    title: 'Service trust must name its source',
    description:
      'A role trusts an AWS service that acts for many customers (S3, SNS, Config, CloudTrail, EventBridge, log delivery, Backup, Bedrock, ...) with no `aws:SourceAccount`/`aws:SourceArn` condition (medium: the cross-service confused deputy). For EKS Pod Identity (`pods.eks.amazonaws.com`): the trust must allow `sts:TagSession` as well as `sts:AssumeRole` (low: otherwise the association fails), and without source or session-tag conditions any Pod Identity association in the account can use the role (low).',
    rationale:
      'Such a service calls sts:AssumeRole from its own account; the source condition is the only thing that ties the call to your resource. Pod Identity passes the cluster, namespace and service account as session tags, which the trust can require. See https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html and https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html',
    fix: 'Add "StringEquals": {"aws:SourceAccount": "<your account>"} and "ArnLike": {"aws:SourceArn": "<the source resource>"}.',
  },
  check({ inventory, report }) {
    for (const use of inventory.documents) {
      if (use.kind !== 'trust') continue;
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !statement.principal || !coversAction(statement, 'sts:AssumeRole')) continue;
        const pinned = SOURCE_KEYS.some((k) => conditionsOn(statement, k).some(isNarrowingTest));
        for (const service of statement.principal.byType.Service ?? []) {
          const base = { origin: statement.origin, statement: statement.label, identity: use.identities[0], element: ['Principal'] };
          if (service === POD_IDENTITY) checkPodIdentity(statement, pinned, base, report);
          else if (ACTS_FOR_OTHERS.has(service) && !pinned) {
            report({
              ...base,
              message: `${statement.label} lets ${service} assume the role with no aws:SourceAccount or aws:SourceArn condition: the service can be made to use it on behalf of another customer's resources (confused deputy)`,
              evidence: { service },
              suggestion: `Add "StringEquals": {"aws:SourceAccount": "<your account>"} and "ArnLike": {"aws:SourceArn": "<the ${service.split('.')[0]} resource that uses the role>"}.`,
            });
          }
        }
      }
    }
  },
});

function checkPodIdentity(statement: Statement, pinned: boolean, base: Omit<RuleReport, 'message'>, report: (r: RuleReport) => void): void {
  if (!coversAction(statement, 'sts:TagSession')) {
    report({
      ...base,
      severity: 'low',
      message: `${statement.label} trusts EKS Pod Identity but does not allow sts:TagSession, which Pod Identity needs: the association will fail`,
      evidence: { service: POD_IDENTITY },
      suggestion: 'Allow both "sts:AssumeRole" and "sts:TagSession".',
    });
  }
  const tagged = statement.conditions.some((c) => c.keyLower.startsWith('aws:requesttag/') && isNarrowingTest(c));
  if (!pinned && !tagged) {
    report({
      ...base,
      severity: 'low',
      message: `${statement.label} trusts EKS Pod Identity with no condition: any Pod Identity association in the account (any cluster, namespace, service account) can use the role`,
      evidence: { service: POD_IDENTITY },
      suggestion: 'Add "StringEquals": {"aws:SourceAccount": "<your account>", "aws:RequestTag/kubernetes-namespace": "<ns>", "aws:RequestTag/kubernetes-service-account": "<sa>"}.',
    });
  }
}
