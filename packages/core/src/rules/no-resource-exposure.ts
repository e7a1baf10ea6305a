import { isExposureAction, specificallyGranted } from '../effective/risk-actions';
import { ESCALATION_ACTIONS } from './no-privilege-escalation-action';
import { hasBroadResource } from '../effective/statement-coverage';
import { defineRule } from './rule';
import { reportRiskyGrant } from './statement-risk';

const ESCALATION = new Set([...ESCALATION_ACTIONS, 'iam:PassRole'].map((a) => a.toLowerCase()));

export default defineRule({
  meta: {
    id: 'no-resource-exposure',
    category: 'resource-exposure',
    severity: 'high',
    title: 'No permissions-management actions on every resource',
    description:
      'An identity policy allows, on `*` or NotResource, an action whose access level is Permissions management: rewriting bucket, key, queue, topic, secret or repository policies, ACLs, KMS grants, Lambda permissions, snapshot sharing. (IAM actions that escalate privilege are reported by the escalation rules.)',
    rationale:
      'With these the holder can make any resource of the account public or share it with another account, without touching IAM. See https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html',
    fix: 'Name the resources whose policies the workload manages, or remove the actions.',
  },
  check({ inventory, report }) {
    for (const use of inventory.documents) {
      if (use.kind !== 'identity') continue;
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !hasBroadResource(statement)) continue;
        const actions = specificallyGranted(statement).filter((a) => isExposureAction(a, ESCALATION));
        reportRiskyGrant(inventory, use, statement, actions, {
          severity: 'high',
          what: 'the holder can open any of them to the public or to other accounts',
          suggestion: 'Name the ARNs of the resources whose policies the workload manages, or remove the actions.',
        }, report);
      }
    }
  },
});
