import type { Category, Finding, RelatedLocation, Severity, SourcePosition } from '../findings/finding';
import type { GovernanceContext } from '../governance/types';
import type { Inventory } from '../inventory/inventory';
import type { TerraformModel } from '../input/terraform-config';
import type { ManifestSuppression } from '../inventory/governance-manifest';
import type { StatementOrigin } from '../policy/policy-document';

/** Rule metadata: the single source for docs pages, the README table, JSON/SARIF and LSP codes. */
export interface RuleMeta {
  /** Stable, kebab-case; never renamed. */
  readonly id: string;
  readonly category: Category;
  /** Default severity; a finding may state another when the evidence warrants it. */
  readonly severity: Severity;
  readonly title: string;
  readonly description: string;
  /** Why it matters, with the AWS documentation it relies on. */
  readonly rationale: string;
  /** Generic fix shown when a finding has no specific suggestion. */
  readonly fix: string;
  /** Repository path of the rule's doc page. */
  readonly docs: string;
}

/** What a rule reports; the engine adds rule id, category, workload, source position. */
export interface RuleReport {
  readonly severity?: Severity;
  readonly message: string;
  readonly origin: StatementOrigin;
  readonly statement?: string;
  /** The statement element the finding is about (`['Action', 2]`), for a precise position. */
  readonly element?: readonly (string | number)[];
  readonly identity?: string;
  readonly related?: readonly RelatedLocation[];
  readonly evidence?: Readonly<Record<string, unknown>>;
  readonly suggestion?: string;
  /** Where the user wrote it, when the rule knows better than the block's recorded position. */
  readonly source?: SourcePosition;
}

export interface RuleContext {
  readonly inventory: Inventory;
  readonly now: Date;
  /** The user's own account ids: the provider's allowed_account_ids and the analysis options. */
  readonly ownAccounts: ReadonlySet<string>;
  /** For a plan: the inventory of the state it starts from (`prior_state`). */
  readonly prior?: Inventory;
  /** The models the inventory was built from (blocks with their values). */
  readonly models?: readonly TerraformModel[];
  /** Every governance manifest of the analysis (all inputs), so a plan can be checked against synth output. */
  readonly analysisManifests?: Inventory['manifests'];
  /** The governance config, teams file and review records, when the caller has them. */
  readonly governance?: GovernanceContext;
  /** For rules with `afterOthers`: the findings the other rules reported on this inventory. */
  readonly findingsSoFar?: () => readonly Finding[];
  report(report: RuleReport): void;
}

/** Context of rules that run after suppressions were matched. */
export interface SuppressionRuleContext {
  readonly now: Date;
  readonly unused: readonly { readonly suppression: ManifestSuppression; readonly file: string }[];
  report(report: RuleReport): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  /** Runs on the inventory of one configuration or policy file. */
  readonly check?: (context: RuleContext) => void;
  /** Runs `check` after every other rule of the inventory, with `findingsSoFar` (e.g. review-overdue). */
  readonly afterOthers?: boolean;
  /** Runs once per analysis after suppressions are applied. */
  readonly checkSuppressions?: (context: SuppressionRuleContext) => void;
}

export function ruleDocPath(id: string): string {
  return `packages/core/docs/rules/${id}.md`;
}

/** Declares a rule; freezes it so no adapter can change metadata at run time. */
export function defineRule(rule: Omit<Rule, 'meta'> & { meta: Omit<RuleMeta, 'docs'> }): Rule {
  return Object.freeze({ ...rule, meta: Object.freeze({ ...rule.meta, docs: ruleDocPath(rule.meta.id) }) });
}
