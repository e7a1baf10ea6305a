import type { Severity } from '../findings/finding';
import { coversAction } from '../effective/statement-coverage';
import { conditionsOn, type Statement } from '../policy/policy-document';
import { hasWildcard } from '../policy/wildcard-match';
import { defineRule, type RuleReport } from './rule';

const GITHUB = 'token.actions.githubusercontent.com';
const EKS_ISSUER = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com\/id\/[A-Za-z0-9]+$/;

export default defineRule({
  meta: {
    id: 'oidc-trust-requires-subject',
    category: 'trust-federated-missing-condition',
    severity: 'critical',
    title: 'OIDC trust must pin the subject',
    description:
      'A role trusted by an OIDC provider (GitHub Actions, EKS IRSA, any `oidc-provider/...`) has no `<issuer>:sub` condition, or one that matches any repository or namespace, or tests `sub` with `ForAllValues:` (true when the claim is absent).',
    rationale:
      'The issuer signs tokens for every repository on GitHub and every service account in the cluster; only the `sub` claim says which one. Without it, anyone who can run a GitHub workflow can assume the role. See https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services and https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html',
    fix: 'Add "StringEquals": {"<issuer>:sub": "<exact subject>"} (e.g. repo:OWNER/REPO:environment:prod, or system:serviceaccount:NAMESPACE:NAME).',
  },
  check({ inventory, report }) {
    for (const use of inventory.documents) {
      if (use.kind !== 'trust') continue;
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !coversAction(statement, 'sts:AssumeRoleWithWebIdentity')) continue;
        for (const federated of statement.principal?.byType.Federated ?? []) {
          const issuer = /:oidc-provider\/(.+)$/.exec(federated)?.[1];
          if (issuer) checkIssuer(statement, issuer, use.identities[0], report);
        }
      }
    }
  },
});

function checkIssuer(statement: Statement, issuer: string, identity: string | undefined, report: (r: RuleReport) => void): void {
  const family = issuer === GITHUB ? 'github' : EKS_ISSUER.test(issuer) ? 'eks' : 'other';
  const subjectKey = `${issuer}:sub`;
  const base = { origin: statement.origin, statement: statement.label, identity, element: statement.conditions.length > 0 ? ['Condition'] : ['Principal'] };
  const example = family === 'github' ? 'repo:OWNER/REPO:environment:prod' : family === 'eks' ? 'system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT' : '<subject>';
  const suggestion = `Add "StringEquals": {"${subjectKey}": "${example}"}.`;
  const tests = conditionsOn(statement, subjectKey);
  const forAll = tests.filter((t) => t.setQualifier === 'ForAllValues');
  const usable = tests.filter((t) => t.setQualifier !== 'ForAllValues' && !t.ifExists && ['StringEquals', 'StringLike'].includes(t.baseOperator));
  const who = family === 'github' ? 'any GitHub Actions workflow of any repository' : family === 'eks' ? 'any service account in the cluster' : `any subject of ${issuer}`;
  const missingSeverity: Severity = family === 'github' ? 'critical' : 'high';

  if (usable.length === 0) {
    report({
      ...base,
      severity: missingSeverity,
      message:
        forAll.length > 0
          ? `${statement.label} tests ${subjectKey} with ForAllValues:, which is true when the claim is absent, so ${who} can assume the role`
          : `${statement.label} trusts ${issuer} with no ${subjectKey} condition: ${who} can assume the role`,
      evidence: { issuer, conditionKeys: statement.conditions.map((c) => c.key) },
      suggestion,
    });
  } else {
    for (const test of usable) {
      if (test.baseOperator === 'StringEquals') {
        // StringEquals compares literally: a `*` there is a character, so the statement matches no
        // token at all. Safe, but the role does not work as intended.
        for (const value of test.values.filter(hasWildcard)) {
          report({
            ...base,
            severity: 'info',
            message: `${statement.label} compares ${subjectKey} with StringEquals to '${value}': the '*' is taken literally, so no token matches (use StringLike if a pattern is meant, and pin it as narrowly as possible)`,
            evidence: { issuer, subject: value },
            suggestion: `Name the exact subject, e.g. "${example}".`,
          });
        }
        continue;
      }
      if (test.baseOperator !== 'StringLike') continue;
      for (const value of test.values) {
        const verdict = family === 'github' ? githubSubjectBreadth(value) : family === 'eks' ? eksSubjectBreadth(value) : hasWildcard(value) && /^\*+$/.test(value) ? 'any' : undefined;
        if (!verdict) continue;
        const severity: Severity = verdict === 'any' ? missingSeverity : family === 'eks' ? 'high' : 'medium';
        report({
          ...base,
          severity: verdict === 'owner' && family === 'github' ? 'medium' : severity,
          message:
            verdict === 'any'
              ? `${statement.label} allows ${subjectKey} like '${value}', which matches ${who}`
              : family === 'github'
                ? `${statement.label} allows ${subjectKey} like '${value}', which matches every repository of the owner`
                : `${statement.label} allows ${subjectKey} like '${value}', which matches every service account of the namespace`,
          evidence: { issuer, subject: value },
          suggestion,
        });
      }
    }
  }
  if (family === 'github' && conditionsOn(statement, `${issuer}:aud`).length === 0) {
    report({
      ...base,
      severity: 'low',
      message: `${statement.label} trusts ${issuer} with no ${issuer}:aud condition`,
      evidence: { issuer },
      suggestion: `Add "StringEquals": {"${issuer}:aud": "sts.amazonaws.com"}.`,
    });
  }
}

/**
 * `repo:OWNER/REPO:...` (or the immutable `repo:OWNER@ID/REPO@ID:...`): 'any' when the owner part is
 * a wildcard, 'owner' when only the repository name is.
 * @see https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
function githubSubjectBreadth(subject: string): 'any' | 'owner' | undefined {
  if (!hasWildcard(subject)) return undefined;
  const match = /^repo:([^/:]*)\/([^:]*)/.exec(subject);
  // No `owner/` part: `*`, `repo:*`, `repo:acme*` all reach repositories of other owners.
  if (!match) return /^[*?]/.test(subject) || /^repo:[^/:]*[*?]/.test(subject) ? 'any' : undefined;
  if (hasWildcard(match[1]!)) return 'any';
  if (hasWildcard(match[2]!)) return 'owner';
  return undefined;
}

/** `system:serviceaccount:NAMESPACE:NAME`. */
function eksSubjectBreadth(subject: string): 'any' | 'namespace' | undefined {
  if (!hasWildcard(subject)) return undefined;
  const match = /^system:serviceaccount:([^:]*):(.*)$/.exec(subject);
  if (!match || hasWildcard(match[1]!)) return 'any';
  return hasWildcard(match[2]!) ? 'namespace' : undefined;
}
