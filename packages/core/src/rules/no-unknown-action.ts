import { expandAction, isKnownService } from '../catalog/iam-catalog';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'no-unknown-action',
    category: 'unknown-action',
    severity: 'medium',
    title: 'No unknown services or actions',
    description: 'A statement names a service prefix or an action that does not exist in the IAM catalogue, or a pattern that matches no action.',
    rationale:
      'IAM accepts unknown actions silently: an Allow with a typo grants nothing (the workload fails at run time), a Deny with a typo denies nothing, and a NotAction with a typo allows more than meant. See https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
    fix: 'Correct the action name against the Service Authorization Reference.',
  },
  check({ inventory, report }) {
    for (const use of inventory.documents) {
      for (const statement of use.document.statements) {
        if (!statement.action) continue;
        for (const [index, pattern] of statement.action.values.entries()) {
          if (pattern === '*' || !pattern.includes(':')) continue;
          const service = pattern.slice(0, pattern.indexOf(':'));
          const expansion = expandAction(pattern);
          if (expansion.actions.length > 0) continue;
          const unknownService = !/[*?]/.test(service) && !isKnownService(service);
          report({
            severity: statement.action.negated ? 'high' : 'medium',
            message: unknownService
              ? `${statement.label} names '${pattern}', but '${service}' is not an AWS service prefix`
              : `${statement.label} names '${pattern}', which matches no ${service} action`,
            origin: statement.origin,
            statement: statement.label,
            element: [statement.action.negated ? 'NotAction' : 'Action', index],
            evidence: { action: pattern, unknownService },
            suggestion: statement.action.negated
              ? 'A NotAction entry that matches nothing widens the grant; correct or remove it.'
              : `Correct '${pattern}' to an existing action.`,
          });
        }
      }
    }
  },
});
