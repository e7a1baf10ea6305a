import { conditionKeyInfo } from '../catalog/condition-keys';
import type { Severity } from '../findings/finding';

import { conditionsOn } from '../policy/policy-document';
import { defineRule } from './rule';

/** OIDC claims (`<issuer>:sub`, `:aud`, ...) carry one value per token. */
const OIDC_CLAIM = /^[a-z0-9.-]+(\/[^:]*)?:(sub|aud|amr|azp|oaud|email|repository|repository_id|environment|ref|job_workflow_ref)$/i;

export default defineRule({
  meta: {
    id: 'no-misleading-condition',
    category: 'condition-misuse',
    severity: 'high',
    title: 'No condition that does not mean what it says',
    description:
      '`ForAllValues:` on a key that has one value per request (aws:RequestedRegion, aws:SourceVpc, aws:PrincipalOrgID, an OIDC `sub` ...), which is true when the key is absent, so the condition lets requests without it through (high in an Allow); `ForAnyValue:` on such a key (low: use the plain operator); `aws:VpcSourceIp` without `aws:SourceVpc`, which matches the same private address in any VPC (medium). Key types come from the IAM catalogue.',
    rationale:
      'Set operators are for multi-valued keys. On a single-valued key `ForAllValues:StringEquals` passes for every request that does not carry the key at all, so a restriction the author meant quietly disappears. Private IP ranges repeat across VPCs, so aws:VpcSourceIp means little without the VPC. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpcsourceip',
    fix: 'Use the plain operator (StringEquals) for single-valued keys; pair aws:VpcSourceIp with aws:SourceVpc.',
  },
  check({ inventory, report }) {
    for (const use of [...inventory.documents, ...inventory.resourcePolicies]) {
      for (const statement of use.document.statements) {
        for (const test of statement.conditions) {
          if (!test.setQualifier || !singleValued(test.key)) continue;
          const allowing = statement.effect === 'Allow';
          const severity: Severity = test.setQualifier === 'ForAllValues' ? (allowing ? 'high' : 'medium') : 'low';
          report({
            severity,
            message:
              test.setQualifier === 'ForAllValues'
                ? `${statement.label} tests the single-valued key ${test.key} with ${test.operator}, which is true when the key is absent: ${allowing ? 'requests without it are allowed' : 'the Deny does not apply to requests without it'}`
                : `${statement.label} tests the single-valued key ${test.key} with ${test.operator}; the plain ${test.baseOperator} says the same without the set operator`,
            origin: statement.origin,
            statement: statement.label,
            element: ['Condition', test.operator],
            evidence: { key: test.key, operator: test.operator },
            suggestion: `Write "${test.baseOperator}${test.ifExists ? 'IfExists' : ''}": {"${test.key}": ${JSON.stringify(test.values.length === 1 ? test.values[0] : test.values)}}.`,
          });
        }
        if (conditionsOn(statement, 'aws:VpcSourceIp').length > 0 && conditionsOn(statement, 'aws:SourceVpc').length === 0) {
          report({
            severity: 'medium',
            message: `${statement.label} tests aws:VpcSourceIp without aws:SourceVpc: the same private address exists in every VPC, so any VPC endpoint path with that address matches`,
            origin: statement.origin,
            statement: statement.label,
            element: ['Condition'],
            evidence: { key: 'aws:VpcSourceIp' },
            suggestion: 'Add "StringEquals": {"aws:SourceVpc": "vpc-..."} next to aws:VpcSourceIp.',
          });
        }
      }
    }
  },
});

function singleValued(key: string): boolean {
  if (OIDC_CLAIM.test(key)) return true;
  const info = conditionKeyInfo(key);
  return info !== undefined && !info.multiValued;
}


