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
      'A role trusted by an OIDC provider has no `<issuer>:sub` condition, one that matches other tenants (`repo:*`, `project_path:*`, `organization:*`), one that matches every project of a tenant (`repo:acme/*`), or one tested with `ForAllValues:` (true when the claim is absent). Issuers: GitHub Actions (classic and immutable `OWNER@ID/REPO@ID` subjects), GitLab.com, HCP Terraform, EKS IRSA, CircleCI, Bitbucket and any other `oidc-provider/...`. Global issuers (GitHub, GitLab.com, HCP Terraform) are critical, per-tenant ones (EKS cluster, CircleCI org, Bitbucket workspace) high.',
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

/**
 * OIDC issuers by family. Global issuers sign tokens for every tenant of the platform, so a missing
 * or open `sub` lets anyone on it in (critical); tenant issuers (one per cluster, workspace or org)
 * limit that to the tenant (high). Subject formats per workload-iga.md §c.
 */
interface IssuerFamily {
  readonly id: string;
  readonly matches: (issuer: string) => boolean;
  readonly global: boolean;
  /** Who can assume the role when `sub` is missing. */
  readonly who: string;
  readonly example: string;
  /** 'any': matches other tenants; 'tenant': every project of one tenant; undefined: narrow enough. */
  readonly breadth: (subject: string) => 'any' | 'tenant' | undefined;
  readonly tenantWord: string;
  /** The audience the platform puts in its tokens by default, when it has one. */
  readonly audience?: string;
}

const FAMILIES: readonly IssuerFamily[] = [
  {
    id: 'github', matches: (i) => i === GITHUB, global: true, who: 'any GitHub Actions workflow of any repository',
    example: 'repo:OWNER/REPO:environment:prod', breadth: (s) => githubSubjectBreadth(s), tenantWord: 'repository of the owner', audience: 'sts.amazonaws.com',
  },
  {
    id: 'gitlab', matches: (i) => i === 'gitlab.com', global: true, who: 'any GitLab CI job of any project on gitlab.com',
    example: 'project_path:GROUP/PROJECT:ref_type:branch:ref:main', breadth: (s) => pathSubjectBreadth(s, 'project_path:'), tenantWord: 'project of the group',
  },
  {
    id: 'terraform', matches: (i) => i === 'app.terraform.io', global: true, who: 'any run of any HCP Terraform organization',
    example: 'organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:apply', breadth: (s) => terraformSubjectBreadth(s), tenantWord: 'workspace of the organization',
  },
  {
    id: 'eks', matches: (i) => EKS_ISSUER.test(i), global: false, who: 'any service account in the cluster',
    example: 'system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT', breadth: (s) => eksSubjectBreadth(s), tenantWord: 'service account of the namespace', audience: 'sts.amazonaws.com',
  },
  {
    id: 'circleci', matches: (i) => /^oidc\.circleci\.com\/org\//.test(i), global: false, who: 'any project of the CircleCI organization',
    example: 'org/ORG_ID/project/PROJECT_ID/user/*', breadth: (s) => (/^[*?]/.test(s) || /^org\/[^/]*[*?]/.test(s) ? 'any' : /^org\/[^/]+\/project\/[^/]*[*?]/.test(s) ? 'tenant' : undefined), tenantWord: 'project of the organization',
  },
  {
    id: 'bitbucket', matches: (i) => /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/.test(i), global: false, who: 'any repository of the Bitbucket workspace',
    example: '{REPOSITORY_UUID}:*', breadth: (s) => (/^[*?]/.test(s) ? 'any' : undefined), tenantWord: 'repository of the workspace',
  },
];

const OTHER: IssuerFamily = { id: 'other', matches: () => true, global: false, who: 'any subject the issuer signs for', example: '<subject>', breadth: (s) => (/^[*?]+$/.test(s) ? 'any' : undefined), tenantWord: 'subject' };

function checkIssuer(statement: Statement, issuer: string, identity: string | undefined, report: (r: RuleReport) => void): void {
  const family = FAMILIES.find((f) => f.matches(issuer)) ?? OTHER;
  const subjectKey = `${issuer}:sub`;
  const base = { origin: statement.origin, statement: statement.label, identity, element: statement.conditions.length > 0 ? ['Condition'] : ['Principal'] };
  const suggestion = `Add "StringEquals": {"${subjectKey}": "${family.example}"}.`;
  const tests = conditionsOn(statement, subjectKey);
  const forAll = tests.filter((t) => t.setQualifier === 'ForAllValues');
  const usable = tests.filter((t) => t.setQualifier !== 'ForAllValues' && !t.ifExists && ['StringEquals', 'StringLike'].includes(t.baseOperator));
  const missingSeverity: Severity = family.global ? 'critical' : 'high';

  if (usable.length === 0) {
    report({
      ...base,
      severity: missingSeverity,
      message:
        forAll.length > 0
          ? `${statement.label} tests ${subjectKey} with ForAllValues:, which is true when the claim is absent, so ${family.who} can assume the role`
          : `${statement.label} trusts ${issuer} with no ${subjectKey} condition: ${family.who} can assume the role`,
      evidence: { issuer, family: family.id, conditionKeys: statement.conditions.map((c) => c.key) },
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
            suggestion: `Name the exact subject, e.g. "${family.example}".`,
          });
        }
        continue;
      }
      for (const value of test.values) {
        const verdict = family.breadth(value);
        if (!verdict) continue;
        report({
          ...base,
          severity: verdict === 'any' ? missingSeverity : family.id === 'eks' ? 'high' : 'medium',
          message:
            verdict === 'any'
              ? `${statement.label} allows ${subjectKey} like '${value}', which matches ${family.who}`
              : `${statement.label} allows ${subjectKey} like '${value}', which matches every ${family.tenantWord}, including ones created later`,
          evidence: { issuer, family: family.id, subject: value },
          suggestion,
        });
      }
    }
  }
  if (family.audience && conditionsOn(statement, `${issuer}:aud`).length === 0) {
    report({
      ...base,
      severity: 'low',
      message: `${statement.label} trusts ${issuer} with no ${issuer}:aud condition`,
      evidence: { issuer },
      suggestion: `Add "StringEquals": {"${issuer}:aud": "${family.audience}"}.`,
    });
  }
}

/** `project_path:GROUP/SUBGROUP/PROJECT:...`: 'any' when the top group is a wildcard, 'tenant' when a lower part is. */
function pathSubjectBreadth(subject: string, prefix: string): 'any' | 'tenant' | undefined {
  if (!hasWildcard(subject)) return undefined;
  if (/^[*?]/.test(subject) || !subject.startsWith(prefix)) return /^[*?]/.test(subject) ? 'any' : undefined;
  const path = subject.slice(prefix.length).split(':', 1)[0]!;
  const [top, ...rest] = path.split('/');
  if (hasWildcard(top!) || rest.length === 0) return 'any';
  return rest.some(hasWildcard) ? 'tenant' : undefined;
}

/** `organization:ORG:project:P:workspace:W:run_phase:X`: 'any' for a wildcard organization, 'tenant' for a wildcard after it. */
function terraformSubjectBreadth(subject: string): 'any' | 'tenant' | undefined {
  if (!hasWildcard(subject)) return undefined;
  const match = /^organization:([^:]*)(:.*)?$/.exec(subject);
  if (!match || hasWildcard(match[1]!)) return 'any';
  // Only the run phase may be open (plan and apply of one workspace).
  const rest = match[2] ?? '';
  const workspace = /^:project:([^:]*):workspace:([^:]*)/.exec(rest);
  if (!workspace || hasWildcard(workspace[1]!) || hasWildcard(workspace[2]!)) return 'tenant';
  return undefined;
}

/**
 * `repo:OWNER/REPO:...` (or the immutable `repo:OWNER@ID/REPO@ID:...`): 'any' when the owner part is
 * a wildcard, 'owner' when only the repository name is.
 * @see https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
function githubSubjectBreadth(subject: string): 'any' | 'tenant' | undefined {
  if (!hasWildcard(subject)) return undefined;
  const match = /^repo:([^/:]*)\/([^:]*)/.exec(subject);
  // No `owner/` part: `*`, `repo:*`, `repo:acme*` all reach repositories of other owners.
  if (!match) return /^[*?]/.test(subject) || /^repo:[^/:]*[*?]/.test(subject) ? 'any' : undefined;
  if (hasWildcard(match[1]!)) return 'any';
  if (hasWildcard(match[2]!)) return 'tenant';
  return undefined;
}

/** `system:serviceaccount:NAMESPACE:NAME`. */
function eksSubjectBreadth(subject: string): 'any' | 'tenant' | undefined {
  if (!hasWildcard(subject)) return undefined;
  const match = /^system:serviceaccount:([^:]*):(.*)$/.exec(subject);
  if (!match || hasWildcard(match[1]!)) return 'any';
  return hasWildcard(match[2]!) ? 'tenant' : undefined;
}
