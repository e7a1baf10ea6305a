import { expandAction } from '../catalog/iam-catalog';
import { hasBroadResource } from '../effective/statement-coverage';
import { hasWildcard } from '../policy/wildcard-match';
import { masking } from '../effective/identity-permissions';
import { defineRule } from './rule';

/** Services where holding every action is close to owning the account or its data. */
const SENSITIVE_SERVICES = new Set(['iam', 'sts', 'kms', 's3', 'secretsmanager', 'organizations', 'lambda', 'ec2', 'ssm', 'dynamodb', 'rds', 'ecr', 'eks', 'cloudformation', 'sso', 'identitystore']);

export default defineRule({
  meta: {
    id: 'no-wildcard-action',
    category: 'wildcard-action',
    severity: 'high',
    title: 'No wildcard actions',
    description: 'An Allow statement grants `*`, `service:*`, or a pattern whose expansion covers every action of a service.',
    rationale:
      'A wildcard grants every current and future action, including the destructive and permissions-management ones the workload never needs; least privilege means naming the actions. See https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    fix: 'Name the actions the workload calls, e.g. only the Read and List actions for a reader.',
  },
  check({ inventory, report }) {
    for (const use of inventory.documents) {
      // Identity policies only: in a resource policy `kms:*` on "*" for the account root is the
      // documented default key policy; who gets in is judged by no-public-resource-policy.
      if (use.kind !== 'identity') continue;
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !statement.action || statement.action.negated) continue;
        statement.action.values.forEach((pattern, index) => {
          const element = ['Action', index];
          const masked = masking(inventory, use, statement, [pattern]);
          if (pattern === '*') {
            const broad = hasBroadResource(statement);
            report({
              severity: masked?.severity ?? (broad ? 'critical' : 'high'),
              message: `${statement.label} grants every action of every AWS service ('*')${broad ? ' on all resources: this is administrator access' : ''}${masked?.note ?? ''}`,
              origin: statement.origin,
              statement: statement.label,
              element,
              evidence: { pattern },
              suggestion: 'Replace "*" with the specific actions the workload calls.',
            });
            return;
          }
          if (!hasWildcard(pattern)) return;
          const expansion = expandAction(pattern);
          if (!expansion.coversWholeService) return;
          const service = pattern.slice(0, pattern.indexOf(':')).toLowerCase();
          const risky = expansion.actions.filter((a) => a.accessLevels.includes('Permissions management') || a.accessLevels.includes('Write'));
          report({
            severity: masked?.severity ?? (SENSITIVE_SERVICES.has(service) ? 'high' : 'medium'),
            message: `${statement.label} grants all ${expansion.actions.length} actions of ${service} ('${pattern}'), ${risky.length} of them Write or Permissions management${masked?.note ?? ''}`,
            origin: statement.origin,
            statement: statement.label,
            element,
            evidence: {
              pattern,
              service,
              actionCount: expansion.actions.length,
              sensitiveExamples: risky.filter((a) => a.accessLevels.includes('Permissions management')).slice(0, 5).map((a) => a.fullName),
            },
            suggestion: `Replace '${pattern}' with the ${service} actions the workload calls (for read access: the List and Read actions it uses).`,
          });
        });
      }
    }
  },
});
