import { hasBroadResource } from '../effective/statement-coverage';
import { defineRule } from './rule';

export default defineRule({
  meta: {
    id: 'no-allow-not-action-or-not-resource',
    category: 'not-action-or-not-resource',
    severity: 'high',
    title: 'No NotAction or NotResource with Allow',
    description: 'An Allow statement uses `NotAction` (everything except the listed actions) or `NotResource` (everything except the listed resources).',
    rationale:
      'Allow with NotAction grants every action of every service except a few, including those AWS adds later; Allow with NotResource grants on every resource except a few. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
    fix: 'Use Action and Resource with the actions and ARNs the workload needs; express exceptions as a Deny.',
  },
  check({ inventory, report }) {
    for (const use of inventory.documents) {
      if (use.kind === 'boundary') continue;
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow') continue;
        if (statement.action?.negated) {
          const everywhere = hasBroadResource(statement);
          report({
            severity: everywhere ? 'critical' : 'high',
            message: `${statement.label} allows every action except ${statement.action.values.join(', ')}${everywhere ? ' on all resources: close to administrator access' : ''}`,
            origin: statement.origin,
            statement: statement.label,
            element: ['NotAction'],
            evidence: { notAction: statement.action.values },
            suggestion: 'Replace NotAction with Action listing what the workload needs.',
          });
        }
        if (statement.resource?.negated) {
          report({
            message: `${statement.label} allows its actions on every resource except ${statement.resource.values.join(', ')}`,
            origin: statement.origin,
            statement: statement.label,
            element: ['NotResource'],
            evidence: { notResource: statement.resource.values },
            suggestion: 'Replace NotResource with Resource listing the ARNs the workload uses.',
          });
        }
      }
    }
  },
});
