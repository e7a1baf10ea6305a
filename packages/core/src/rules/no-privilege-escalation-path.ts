import { permissionHolders } from '../effective/identity-permissions';
import { ESCALATION_PATHS } from '../effective/escalation-catalogue';
import { reachesOtherResources } from '../effective/statement-coverage';
import { firstComplete, grantingStatements, holderName } from '../effective/escalation-search';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'no-privilege-escalation-path',
    category: 'privilege-escalation',
    severity: 'high',
    title: 'No privilege escalation without iam:PassRole',
    description:
      "One identity holds, across all of its policies and on resources beyond named ones, the actions of a known escalation path that needs no iam:PassRole: running commands on other workloads' compute (SSM, EC2 Instance Connect, ECS Exec), replacing Lambda code or configuration, rewriting EC2 user data or launch templates, CloudFormation change sets, CodeBuild projects, Glue development endpoints, SageMaker notebooks, removing permissions boundaries, or rewriting a role's trust or policies and assuming it.",
    rationale:
      'Each path lets the holder act with the permissions of another, usually more privileged, identity. Paths that end in sts:AssumeRole of a role the holder just changed give it that role outright, so they are critical. See https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    fix: 'Scope the actions to the named resources the workload manages, or remove them.',
  },
  check({ inventory, report }) {
    for (const permissions of permissionHolders(inventory)) {
      // Only grants that reach beyond named resources open the path.
      const allows = permissions.allows.filter((g) => reachesOtherResources(g.statement));
      if (allows.length === 0) continue;
      const broad = { ...permissions, allows };
      for (const path of ESCALATION_PATHS) {
        const found = firstComplete(broad, path.anyOf);
        if (!found) continue;
        if (found.every((f) => f.use.awsManagedArn)) continue; // reported as the managed policy itself
        const [first, ...rest] = found;
        const { identity } = permissions;
        const holder = holderName(permissions);
        const related = grantingStatements(rest, first!.granted.statement);
        report({
          severity: path.severity,
          message: `${holder} can ${path.description}: it holds ${found.map((f) => f.action).join(' + ')} beyond named resources`,
          origin: first!.granted.statement.origin,
          statement: first!.granted.statement.label,
          element: ['Action'],
          ...(!permissions.holderOfUnattached && { identity: identity.address }),
          related,
          evidence: { path: path.id, actions: found.map((f) => f.action) },
          suggestion: `Scope ${found.map((f) => f.action).join(', ')} to the named resources the workload manages, or remove ${found.length > 1 ? 'one of them' : 'it'}.`,
        });
      }
    }
  },
});
