import { allowsOf, permissionHolders, type GrantedStatement } from '../effective/identity-permissions';
import { firstComplete, grantingStatements, holderName } from '../effective/escalation-search';
import { PASS_ROLE_FAMILIES } from '../effective/escalation-catalogue';
import { hasBroadResource } from '../effective/statement-coverage';
import { conditionsOn } from '../policy/policy-document';
import { wildcardMatch } from '../policy/wildcard-match';
import type { RelatedLocation } from '../findings/finding';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'no-pass-role-compute-escalation',
    category: 'privilege-escalation',
    severity: 'critical',
    title: 'No iam:PassRole on any role together with launching compute',
    description:
      'One identity may pass any role (`iam:PassRole` on `*` or `role/*`) and also start something that runs as the passed role: EC2 instances, Lambda functions, ECS tasks, Glue jobs, CloudFormation stacks and stack sets, CodeBuild projects, SageMaker notebooks and jobs, Data Pipelines, App Runner services, Auto Scaling groups, Bedrock AgentCore code interpreters, across all of its policies.',
    rationale:
      'With both, the holder starts compute under the most privileged role it can pass and acts as that role. Checkers that look at one policy at a time miss it when the actions sit in different policies. An `iam:PassedToService` condition that names other services closes the path. See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    fix: 'Scope iam:PassRole to the one role the workload hands to the service, with an iam:PassedToService condition.',
  },
  check({ inventory, report }) {
    for (const permissions of permissionHolders(inventory)) {
      const passRole = allowsOf(permissions, 'iam:PassRole').filter((g) => hasBroadResource(g.statement));
      if (passRole.length === 0) continue;
      for (const family of PASS_ROLE_FAMILIES) {
        const pass = passRole.find((g) => passedToServiceAllows(g, family.service));
        if (!pass) continue;
        const launch = firstComplete(permissions, family.anyOf);
        if (!launch) continue;
        // Both from one AWS managed policy (AdministratorAccess, PowerUserAccess...): the attachment
        // is already reported by no-admin-managed-policy; more criticals add nothing.
        if (pass.use.awsManagedArn && launch.every((l) => l.use === pass.use)) continue;
        const { identity } = permissions;
        const holder = holderName(permissions);
        const actions = launch.map((l) => l.action);
        const others = launch.filter((l) => l.granted.statement !== pass.statement);
        const where = others.map((l) => `${l.granted.use === pass.use ? '' : `${l.granted.statement.origin.address ?? l.granted.statement.origin.file} `}${l.granted.statement.label}`);
        const related: RelatedLocation[] = [
          ...(permissions.holderOfUnattached
            ? []
            : [{ role: 'identity holding both permissions', address: identity.address, file: identity.origin.file, line: identity.origin.position?.line, column: identity.origin.position?.column }]),
          ...grantingStatements(others, pass.statement),
        ];
        report({
          message: `${holder} can pass any role (iam:PassRole on '${pass.statement.resource?.values.join("', '")}') and call ${actions.join(' + ')}${where.length ? ` (granted by ${[...new Set(where)].join(', ')})` : ''}: it can run code in ${family.runs} as any role it passes`,
          origin: pass.statement.origin,
          statement: pass.statement.label,
          element: ['Resource'],
          ...(!permissions.holderOfUnattached && { identity: identity.address }),
          related,
          evidence: { passRole: pass.statement.resource?.values ?? [], family: family.id, actions },
          suggestion: `Scope iam:PassRole to the ARN of the role the workload passes to ${family.service}, with "StringEquals": {"iam:PassedToService": "${family.service}"}.`,
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
