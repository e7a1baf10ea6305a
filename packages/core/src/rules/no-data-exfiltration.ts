import { isDataReadAction, SECRET_READ_ACTIONS, specificallyGranted } from '../effective/risk-actions';
import { hasBroadResource } from '../effective/statement-coverage';
import { defineRule } from './rule';
import { reportRiskyGrant } from './statement-risk';

export default defineRule({
  meta: {
    id: 'no-data-exfiltration',
    category: 'data-exfiltration',
    severity: 'medium',
    title: 'No data-reading actions on every resource',
    description:
      'An identity policy allows, on `*` or NotResource, an action that reads stored data: S3 objects, SSM parameters, Secrets Manager secrets, KMS decryption, DynamoDB reads and exports, RDS and EC2 snapshots. Secrets, parameters and decryption are high.',
    rationale:
      'A workload that can read every object, secret or table in the account can leak all of them when it is compromised; naming the buckets, secrets and tables bounds the damage. Object wildcards in one bucket (`arn:aws:s3:::reports/*`) are not "every resource". See https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    fix: 'Name the buckets, secrets, parameters, keys or tables the workload reads.',
  },
  check({ inventory, report }) {
    for (const use of inventory.documents) {
      if (use.kind !== 'identity') continue;
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !hasBroadResource(statement)) continue;
        const actions = specificallyGranted(statement).filter(isDataReadAction);
        const secrets = actions.some((a) => SECRET_READ_ACTIONS.has(a.fullName.toLowerCase()));
        reportRiskyGrant(inventory, use, statement, actions, {
          severity: secrets ? 'high' : 'medium',
          what: secrets ? 'the holder can read every secret, parameter or encrypted value it reaches' : 'the holder can read the data of every such resource in the account',
          suggestion: 'Name the ARNs of the buckets (arn:aws:s3:::NAME/*), secrets, parameters, keys or tables the workload reads.',
        }, report);
      }
    }
  },
});
