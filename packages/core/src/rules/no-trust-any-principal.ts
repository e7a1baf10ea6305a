import { coversAction } from '../effective/statement-coverage';
import { principalRestrictingKeys } from '../policy/condition-keys';
import { defineRule } from './rule';

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession'];

export default defineRule({
  meta: {
    id: 'no-trust-any-principal',
    category: 'trust-wildcard-principal',
    severity: 'critical',
    title: 'No role trust open to any principal',
    description:
      'A trust policy allows `"Principal": "*"`, `{"AWS": "*"}` or `NotPrincipal` to assume the role, with no condition that restricts who (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceArn, aws:SourceAccount, sts:ExternalId, ...).',
    rationale:
      'Anyone with an AWS account can call sts:AssumeRole on a role whose trust names every principal. A condition on the organisation, account or principal ARN makes it sound. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    fix: 'Name the trusted principal, or add a condition such as "StringEquals": {"aws:PrincipalOrgID": "o-..."}.',
  },
  check({ inventory, report }) {
    for (const use of inventory.documents) {
      if (use.kind !== 'trust') continue;
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !statement.principal) continue;
        if (!ASSUME_ACTIONS.some((a) => coversAction(statement, a))) continue;
        const { principal } = statement;
        if (!principal.anyone && !principal.negated) continue;
        const keys = principalRestrictingKeys(statement);
        const who = principal.negated ? 'every principal except those in NotPrincipal' : 'any principal';
        report({
          severity: keys.length > 0 ? 'low' : 'critical',
          message:
            keys.length > 0
              ? `${statement.label} trusts ${who}, narrowed by ${keys.join(', ')}`
              : `${statement.label} lets ${who} in any AWS account assume the role`,
          origin: statement.origin,
          statement: statement.label,
          element: [principal.negated ? 'NotPrincipal' : 'Principal'],
          identity: use.identities[0],
          evidence: { restrictingKeys: keys },
          suggestion: keys.length > 0 ? 'Prefer naming the trusted principals in Principal.' : 'Name the trusted principal, or add "StringEquals": {"aws:PrincipalOrgID": "o-..."}.',
        });
      }
    }
  },
});
