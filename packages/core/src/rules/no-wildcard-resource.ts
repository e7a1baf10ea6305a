import { expandAction, isWildcardOnly, type ActionInfo } from '../catalog/iam-catalog';
import { isBroadResource } from '../effective/statement-coverage';
import { masking } from '../effective/identity-permissions';
import { byNotability, isCredentialAction, isDataReadAction, isExposureAction } from '../effective/risk-actions';
import { ESCALATION_ACTIONS } from './no-privilege-escalation-action';
import { defineRule } from './rule';

const RESOURCE_SCOPING_KEY = /^aws:(resourcetag\/|resourceaccount$|resourceorgid$|resourceorgpaths$)/;

export default defineRule({
  meta: {
    id: 'no-wildcard-resource',
    category: 'wildcard-resource',
    severity: 'medium',
    title: 'No wildcard resources on actions that can be scoped',
    description:
      'An Allow statement applies actions that support resource-level permissions to `Resource: "*"` (or an ARN whose resource part is only `*`). Actions that only accept `*`, such as `sts:GetCallerIdentity` or `s3:ListAllMyBuckets`, are never reported.',
    rationale:
      'When an action can be limited to named resources, `*` extends it to every such resource in the account, today and later. See https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
    fix: 'Name the ARNs the workload uses; keep "*" only for actions that accept nothing else.',
  },
  check({ inventory, report }) {
    for (const use of inventory.documents) {
      if (use.kind !== 'identity') continue;
      for (const statement of use.document.statements) {
        if (statement.effect !== 'Allow' || !statement.action || statement.action.negated || !statement.resource || statement.resource.negated) continue;
        const broad = statement.resource.values.filter(isBroadResource);
        if (broad.length === 0 || statement.action.values.includes('*')) continue;
        // Actions with a risk of their own are reported by that risk's rule, once.
        const scopable = new Map<string, ActionInfo>();
        for (const pattern of statement.action.values) {
          for (const action of expandAction(pattern).actions) if (!isWildcardOnly(action) && !claimedElsewhere(action)) scopable.set(action.fullName, action);
        }
        if (scopable.size === 0) continue;
        const actions = [...scopable.values()].sort(byNotability);
        const scopingKeys = statement.conditions.filter((c) => RESOURCE_SCOPING_KEY.test(c.keyLower)).map((c) => c.key);
        const changes = actions.some((a) => a.accessLevels.includes('Write') || a.accessLevels.includes('Permissions management'));
        const masked = masking(inventory, use, statement, actions.map((a) => a.fullName));
        report({
          // Reading or listing every resource of a type is the lesser risk; changing them is the greater.
          severity: masked?.severity ?? (scopingKeys.length > 0 ? 'info' : !changes ? 'low' : 'medium'),
          message:
            `${statement.label} applies ${actions.length} action${actions.length === 1 ? '' : 's'} that can be scoped to resources (${actions.slice(0, 4).map((a) => a.fullName).join(', ')}${actions.length > 4 ? ', ...' : ''}) to '${broad[0]}'` +
            (scopingKeys.length > 0 ? `; narrowed by the condition ${scopingKeys.join(', ')}` : '') +
            (masked?.note ?? ''),
          origin: statement.origin,
          statement: statement.label,
          element: ['Resource', statement.resource.values.indexOf(broad[0]!)],
          evidence: { resources: broad, scopableActions: actions.map((a) => a.fullName).slice(0, 25), scopableActionCount: actions.length, conditionKeys: scopingKeys },
          suggestion: `Replace '${broad[0]}' with the ARNs of the ${resourceTypesToName(actions)} resources the workload uses.`,
        });
      }
    }
  },
});

/** The resource types to name in a fix: those every call needs first, then the optional ones. */
function resourceTypesToName(actions: readonly ActionInfo[]): string {
  const required = new Set(actions.flatMap((a) => a.requiredResourceTypes));
  const types = required.size > 0 ? [...required] : [...new Set(actions.flatMap((a) => a.resourceTypes))];
  return types.slice(0, 3).join('/') + (types.length > 3 ? '/...' : '');
}

const ESCALATION = new Set([...ESCALATION_ACTIONS, 'iam:PassRole'].map((a) => a.toLowerCase()));

/** Reported by the escalation, credentials, data or resource-exposure rules instead. */
function claimedElsewhere(action: ActionInfo): boolean {
  return ESCALATION.has(action.fullName.toLowerCase()) || isCredentialAction(action) || isDataReadAction(action) || isExposureAction(action, ESCALATION);
}
