import { defineRule } from './rule';

/**
 * Reported by `rightsize` (`wiga rightsize --last-accessed FILE...`), which reads IAM Access Advisor
 * data beside the configuration; `analyze` has no usage data, so this rule has no `check`.
 */
export default defineRule({
  meta: {
    id: 'unused-access',
    category: 'unused-access',
    severity: 'low',
    title: 'No granted access left unused',
    description:
      "With IAM Access Advisor data for a role (`aws iam get-service-last-accessed-details`, one file per role), reports the services, and for services with action-level tracking the actions, that the role's statements in the configuration grant and that it has not used in the last N days, with a suggested reduced grant. Reported by `wiga rightsize`, not by `wiga check`.",
    rationale:
      'Access a workload never uses is pure risk: if its credentials are stolen or it is tricked (an AI agent, a CI job), that access is what the attacker gets. Last-accessed data is how AWS recommends refining permissions toward least privilege. OWASP NHI Top 10: NHI5 overprivileged NHI. See https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html',
    fix: 'Review the suggested reduced grant with the workload owner and remove the services and actions it does not need.',
  },
});
