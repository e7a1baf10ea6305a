import { isCredentialAction, specificallyGranted } from '../effective/risk-actions';
import { hasBroadResource } from '../effective/statement-coverage';
import { defineRule } from './rule';
import { reportRiskyGrant } from './statement-risk';

export default defineRule({
  meta: {
    id: 'no-credentials-exposure',
    category: 'credentials-exposure',
    severity: 'high',
    title: 'No credential-returning actions on every resource',
    description:
      'An identity policy allows, on `*` or NotResource, an action that returns credentials, keys or passwords for other principals or resources: `sts:AssumeRole` of any role, `sts:GetFederationToken`, service-specific credentials, `ec2:GetPasswordData`, Redshift and RDS database credentials, SSO role credentials, and similar.',
    rationale:
      "Each of these turns the holder into whoever the credentials belong to; on every resource, that is every role or database in the account. `sts:AssumeRole` on `*` lets the workload become any role whose trust allows it, so its permissions are the union of theirs. OWASP NHI Top 10: NHI5 overprivileged NHI. See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_enable-create.html",
    fix: 'Name the roles, users or databases whose credentials the workload needs.',
  },
  check({ inventory, report }) {
    for (const use of inventory.documents) {
      if (use.kind !== 'identity') continue;
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !hasBroadResource(statement)) continue;
        const actions = specificallyGranted(statement).filter(isCredentialAction);
        reportRiskyGrant(inventory, use, statement, actions, {
          severity: 'high',
          what: 'the holder can obtain credentials for any of them and act as their owner',
          suggestion: `Replace the resource with the ARNs of the roles, users or databases the workload needs credentials for (e.g. sts:AssumeRole on arn:aws:iam::ACCOUNT:role/NAME).`,
        }, report);
      }
    }
  },
});
