import { DEFAULT_AI_AGENT_MAX_SESSION_SECONDS } from '../governance/defaults';
import { findTeam } from '../governance/owners';
import { workloadsOf } from '../governance/workloads';
import { defineRule } from './rule';

/** AWS's default `max_session_duration` of a role (1 hour). */
const AWS_DEFAULT_SESSION = 3600;

export default defineRule({
  meta: {
    id: 'ai-agent-governance',
    category: 'org-policy-violation',
    severity: 'medium',
    title: 'AI agents need a sponsor, short sessions and an end date',
    description: `A workload of kind \`ai-agent\` must name a human \`sponsor\` (a person, not a team of the teams file), allow sessions no longer than \`policy.maxSessionDurationSeconds\` of .wiga.yaml (default ${DEFAULT_AI_AGENT_MAX_SESSION_SECONDS} s; the role's \`max_session_duration\`, AWS default 3600 s), and have an \`expires\` date. Reported under the category org-policy-violation: each requirement is an organisation policy for agents, not a defect of the IAM text.`,
    rationale:
      'An agent acts on its own and at machine speed; a named person must answer for what it does, its credentials should be short-lived so a leaked session ends soon, and an end date forces a decision on whether it is still needed. OWASP NHI Top 10: NHI1 improper offboarding, NHI7 long-lived secrets; NIST SP 800-53 AC-2.',
    fix: 'Set the sponsor (a person), a maxSessionDuration of at most an hour and an expires date on the agent\'s WorkloadIdentity.',
  },
  check({ inventory, governance, report }) {
    const max = governance?.config?.policy?.maxSessionDurationSeconds ?? DEFAULT_AI_AGENT_MAX_SESSION_SECONDS;
    for (const w of workloadsOf(inventory)) {
      if (w.kind !== 'ai-agent' || w.retired) continue;
      const base = { origin: w.origin, identity: w.address };
      if (!w.sponsor) {
        report({ ...base, message: `ai-agent '${w.name}' (${w.address}) has no human sponsor`, evidence: { requirement: 'sponsor' }, suggestion: 'Set sponsor to the person who answers for the agent (e-mail or user name).' });
      } else if (findTeam(governance?.teams, w.sponsor)) {
        report({ ...base, message: `ai-agent '${w.name}' (${w.address}) names the team ${w.sponsor} as sponsor; the sponsor must be a person`, evidence: { requirement: 'sponsor', sponsor: w.sponsor }, suggestion: `Name a member of ${w.sponsor} as sponsor.` });
      }
      const session = w.maxSessionDuration ?? AWS_DEFAULT_SESSION;
      if (session > max) {
        report({ ...base, message: `ai-agent '${w.name}' (${w.address}) allows sessions of ${session} s, more than ${max} s`, evidence: { requirement: 'maxSessionDuration', maxSessionDuration: session, max }, suggestion: `Set maxSessionDuration (max_session_duration) to ${max} s or less.` });
      }
      if (!w.expires) {
        report({ ...base, message: `ai-agent '${w.name}' (${w.address}) has no expires date`, evidence: { requirement: 'expires' }, suggestion: 'Set expires to the date the agent must be re-approved or retired.' });
      }
    }
  },
});
