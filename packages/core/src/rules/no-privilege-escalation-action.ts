import { coversAction, hasBroadResource, onlyTargetsSelf, reachesOtherResources } from '../effective/statement-coverage';
import { isNarrowingTest } from '../policy/condition-keys';
import { conditionsOn } from '../policy/policy-document';
import { mayCoverService } from '../effective/statement-coverage';
import { masking } from '../effective/identity-permissions';
import { defineRule } from './rule';

/**
 * Single actions that let a principal raise its own privileges when allowed on other principals or
 * policies (Rhino Security Labs' methods 1, 2, 4–14).
 * @see https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 */
export const ESCALATION_ACTIONS: readonly string[] = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:AddUserToGroup',
  'iam:UpdateAssumeRolePolicy',
];

export default defineRule({
  meta: {
    id: 'no-privilege-escalation-action',
    category: 'privilege-escalation',
    severity: 'high',
    title: 'No single-action privilege escalation',
    description:
      'An Allow statement grants an action that lets its holder give itself more privilege (iam:CreatePolicyVersion, SetDefaultPolicyVersion, Attach/Put User/Group/Role Policy, CreateAccessKey, Create/UpdateLoginProfile, AddUserToGroup, UpdateAssumeRolePolicy, or iam:PassRole on `*`) on resources beyond the caller itself.',
    rationale:
      'Each of these actions, on a target other than the caller, is a documented path to administrator access; scoping it to the caller (`user/${aws:username}`, the role\'s own ARN) closes the path. See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_delegate-permissions_examples.html',
    fix: 'Remove the action, or scope its Resource to the caller itself or to named non-privileged targets.',
  },
  check({ inventory, report }) {
    const identities = new Map(inventory.identities.map((i) => [i.address, i]));
    for (const use of inventory.documents) {
      if (use.kind !== 'identity') continue;
      const selves = use.identities.flatMap((a) => identities.get(a) ?? []);
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !statement.action || !mayCoverService(statement, 'iam')) continue;
        if (!statement.resource || onlyTargetsSelf(statement, selves)) continue;
        // Any principal (wildcards, NotResource) is high; a named other principal is still a path to
        // its privileges, but a narrower one.
        const broad = reachesOtherResources(statement);
        const actions = ESCALATION_ACTIONS.filter((action) => coversAction(statement, action));
        // PassRole pinned to named services with iam:PassedToService is the documented safe form.
        const pinned = conditionsOn(statement, 'iam:PassedToService').some(isNarrowingTest);
        if (coversAction(statement, 'iam:PassRole') && hasBroadResource(statement) && !pinned) actions.push('iam:PassRole');
        // Denied in the same document for every resource: not granted at all.
        const denied = (action: string) =>
          use.document.statements.some((d) => d.effect === 'Deny' && d.conditions.length === 0 && d.resource?.values.includes('*') && coversAction(d, action));
        const granted = actions.filter((a) => !denied(a));
        if (granted.length === 0) continue;
        const masked = masking(inventory, use, statement, granted);
        report({
          severity: masked?.severity ?? (broad ? 'high' : 'medium'),
          message: `${statement.label} allows ${granted.join(', ')} on ${statement.resource?.negated ? 'every resource but a few' : `'${statement.resource?.values.join("', '")}'`}: a holder can use it to give itself more privilege${masked?.note ?? ''}`,
          origin: statement.origin,
          statement: statement.label,
          element: statement.action.negated ? ['NotAction'] : ['Action'],
          evidence: { actions: granted, resources: statement.resource?.values ?? [] },
          suggestion: granted.includes('iam:PassRole')
            ? 'Scope iam:PassRole to the ARNs of the roles the workload passes, with an iam:PassedToService condition.'
            : `Remove ${granted.join(', ')}, or scope the Resource to the caller itself (e.g. arn:aws:iam::ACCOUNT:user/\${aws:username}).`,
        });
      }
    }
  },
});
