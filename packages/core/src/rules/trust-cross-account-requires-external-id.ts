import { coversAction } from '../effective/statement-coverage';
import { isNarrowingTest, principalRestrictingKeys } from '../policy/condition-keys';
import { conditionsOn } from '../policy/policy-document';
import { isSymbolicPrincipal, principalAccount } from '../policy/principals';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'trust-cross-account-requires-external-id',
    category: 'trust-cross-account-no-external-id',
    severity: 'medium',
    title: 'Cross-account trust needs sts:ExternalId',
    description:
      "A role trusts a principal of another account (its root or one of its roles/users) to call sts:AssumeRole with no `sts:ExternalId` condition. Accounts listed in the AWS provider's `allowed_account_ids` (or the analysis options) are your own and are not reported.",
    rationale:
      'A third party that assumes roles in many customers\' accounts can be tricked into using its access to yours (the confused deputy); an ExternalId that the third party generates per customer prevents it. See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html and https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    fix: 'Add "StringEquals": {"sts:ExternalId": "<the id the third party gave you>"}, or name the principal and list the account as your own.',
  },
  check({ inventory, ownAccounts, report }) {
    for (const use of inventory.documents) {
      if (use.kind !== 'trust') continue;
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !statement.principal || statement.principal.anyone || !coversAction(statement, 'sts:AssumeRole')) continue;
        const externalId = conditionsOn(statement, 'sts:ExternalId').filter(isNarrowingTest);
        for (const aws of statement.principal.byType.AWS ?? []) {
          if (isSymbolicPrincipal(aws)) continue;
          const account = principalAccount(aws);
          if (!account || ownAccounts.has(account)) continue;
          if (externalId.length > 0) {
            // An ExternalId must be the third party's per-customer secret, not something guessable.
            const weak = externalId.flatMap((t) => t.values).filter((v) => v === account || v.length < 8);
            if (weak.length > 0) {
              report({
                severity: 'low',
                message: `${statement.label} trusts account ${account} with an sts:ExternalId that is easy to guess ('${weak[0]}')`,
                origin: statement.origin,
                statement: statement.label,
                element: ['Condition'],
                identity: use.identities[0],
                evidence: { account, externalId: weak[0] },
                suggestion: 'Use the unique ExternalId the third party generates for your account.',
              });
            }
            continue;
          }
          const narrowed = principalRestrictingKeys(statement).filter((k) => k.toLowerCase() !== 'sts:externalid');
          report({
            message: `${statement.label} lets account ${account} (${aws}) assume the role with no sts:ExternalId condition${narrowed.length ? ` (narrowed by ${narrowed.join(', ')})` : ''}; if ${account} is one of your accounts, list it in the AWS provider's allowed_account_ids`,
            origin: statement.origin,
            statement: statement.label,
            element: ['Principal'],
            identity: use.identities[0],
            evidence: { account, principal: aws },
            suggestion: 'Add "StringEquals": {"sts:ExternalId": "<the id the third party gave you>"}.',
          });
        }
      }
    }
  },
});
