import { allowsOf, permissionHolders, type GrantedStatement } from '../effective/identity-permissions';
import { hasBroadResource } from '../effective/statement-coverage';
import { conditionsOn } from '../policy/policy-document';
import { wildcardMatch } from '../policy/wildcard-match';
import { defineRule } from './rule';

/**
 * iam:PassRole plus an action that starts compute running as the passed role: the holder gets the
 * permissions of any role it can pass (Rhino methods 3 and 15).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
const COMPUTE_LAUNCHERS = [
  { action: 'ec2:RunInstances', service: 'ec2.amazonaws.com' },
  { action: 'lambda:CreateFunction', service: 'lambda.amazonaws.com' },
] as const;

export default defineRule({
  meta: {
    id: 'no-pass-role-compute-escalation',
    category: 'privilege-escalation',
    severity: 'critical',
    title: 'No iam:PassRole on any role together with launching compute',
    description:
      'One identity may pass any role (`iam:PassRole` on `*` or `role/*`) and also run EC2 instances or create Lambda functions, across all of its policies.',
    rationale:
      'With both, the holder starts an instance or function under the most privileged role it can pass and acts as that role. Checkers that look at one policy at a time miss it when the two actions sit in different policies. See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    fix: 'Scope iam:PassRole to the one role the workload hands to EC2 or Lambda, with an iam:PassedToService condition.',
  },
  check({ inventory, report }) {
    for (const permissions of permissionHolders(inventory)) {
      const { identity } = permissions;
      const holder = permissions.holderOfUnattached ? 'a principal holding this policy' : identity.address;
      const passRole = allowsOf(permissions, 'iam:PassRole').filter((g) => hasBroadResource(g.statement));
      if (passRole.length === 0) continue;
      for (const launcher of COMPUTE_LAUNCHERS) {
        const pass = passRole.find((g) => passedToServiceAllows(g, launcher.service));
        const launch = allowsOf(permissions, launcher.action)[0];
        if (!pass || !launch) continue;
        // Both from one AWS managed policy (AdministratorAccess, PowerUserAccess...): the attachment
        // is already reported by no-admin-managed-policy; a second and third critical add nothing.
        if (pass.use.awsManagedArn && pass.use === launch.use) continue;
        const sameStatement = pass.statement === launch.statement;
        report({
          message: `${holder} can pass any role (iam:PassRole on '${pass.statement.resource?.values.join("', '")}') and call ${launcher.action}${sameStatement ? '' : ` (granted by ${launch.use === pass.use ? '' : `${launch.statement.origin.address ?? launch.statement.origin.file} `}${launch.statement.label})`}: it can run code as any role it passes`,
          origin: pass.statement.origin,
          statement: pass.statement.label,
          ...(!permissions.holderOfUnattached && { identity: identity.address }),
          related: [
            ...(permissions.holderOfUnattached
              ? []
              : [{ role: 'identity holding both permissions', address: identity.address, file: identity.origin.file, line: identity.origin.position?.line, column: identity.origin.position?.column }]),
            ...(sameStatement
              ? []
              : [{ role: `statement granting ${launcher.action}`, address: launch.statement.origin.address, statement: launch.statement.label, file: launch.statement.origin.file, line: launch.statement.origin.position?.line, column: launch.statement.origin.position?.column }]),
          ],
          evidence: { passRole: pass.statement.resource?.values ?? [], launcher: launcher.action },
          suggestion: `Scope iam:PassRole to the ARN of the role the workload passes to ${launcher.service}, with "StringEquals": {"iam:PassedToService": "${launcher.service}"}.`,
        });
      }
    }
  },
});

/** False when an iam:PassedToService condition pins PassRole to other services. */
function passedToServiceAllows(granted: GrantedStatement, service: string): boolean {
  const tests = conditionsOn(granted.statement, 'iam:PassedToService').filter((t) => !t.ifExists && t.setQualifier !== 'ForAllValues');
  if (tests.length === 0) return true;
  return tests.every((t) => {
    if (t.baseOperator === 'StringEquals' || t.baseOperator === 'StringEqualsIgnoreCase') return t.values.some((v) => v.toLowerCase() === service);
    if (t.baseOperator === 'StringLike') return t.values.some((v) => wildcardMatch(v, service, true));
    return true;
  });
}
