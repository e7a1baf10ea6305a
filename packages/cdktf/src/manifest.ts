/**
 * The per-stack governance manifest. Terraform knows nothing of owners, purposes, expired grants or
 * suppressions; this element writes them into the synthesized `cdk.tf.json` under the top-level
 * comment key (`{"//": {"workload-iga": ...}}`), which Terraform ignores, so the core can read them
 * back from the same file. cdktf deep-merges every element's `toTerraform()` into the stack JSON
 * after writing its own `"//"` metadata, so both survive side by side.
 * @see https://developer.hashicorp.com/terraform/language/syntax/json#comment-properties
 */
import * as path from 'node:path';
import { App, TerraformElement, TerraformStack } from 'cdktf';
import type { IConstruct, IValidation } from 'constructs';
import {
  MANIFEST_COMMENT_KEY,
  MANIFEST_VERSION,
  type GovernanceManifest,
  type ManifestSuppression,
  type ManifestWorkload,
  type SourcePosition,
} from '@workload-iga/core';
import { addressOf, addressesUnder, isOmitted } from './addresses';
import { onTerraformElement, resolveCallSite, sourceOf, type PendingSite } from './source-capture';

/** Something that contributes a workload to its stack's manifest (a `WorkloadIdentity`). */
export interface ManifestContributor {
  toManifestWorkload(): ManifestWorkload;
}

/** A suppression as recorded at `Governance.suppress` time; addresses are computed at synth. */
export interface RecordedSuppression {
  readonly construct: IConstruct;
  readonly ruleId: string;
  readonly reason: string;
  readonly expires?: string;
  readonly site: PendingSite;
}

/** Builds validations for a stack (installed by `Governance`, kept here to avoid an import cycle). */
type ValidationFactory = (stack: TerraformStack, manifest: GovernanceManifestElement) => IValidation;
const validationFactories: ValidationFactory[] = [];

/** Registers a validation added to every stack's manifest element (used by `Governance`). */
export function registerStackValidation(factory: ValidationFactory): void {
  validationFactories.push(factory);
}

const ELEMENT_KEY = Symbol.for('@workload-iga/cdktf/manifest-element');
const MANIFEST_ID = 'workload-iga-manifest';
let creating = false;

/**
 * The invisible element carrying the manifest. One per stack, created on demand (by the first
 * Terraform element created in the stack after `@workload-iga/cdktf` was imported, or by the first
 * workload or suppression).
 */
export class GovernanceManifestElement extends TerraformElement {
  /** The stack's manifest element, created if missing. */
  static of(stack: TerraformStack): GovernanceManifestElement {
    const holder = stack as unknown as Record<symbol, GovernanceManifestElement | undefined>;
    const existing = holder[ELEMENT_KEY];
    if (existing) return existing;
    creating = true;
    try {
      const created = new GovernanceManifestElement(stack, MANIFEST_ID);
      holder[ELEMENT_KEY] = created;
      return created;
    } finally {
      creating = false;
    }
  }

  private readonly contributors: ManifestContributor[] = [];
  private readonly suppressionRecords: RecordedSuppression[] = [];

  private constructor(
    private readonly stack: TerraformStack,
    id: string,
  ) {
    super(stack, id);
    for (const factory of validationFactories) this.node.addValidation(factory(stack, this));
  }

  /** Adds a workload to this stack's manifest. */
  addWorkload(contributor: ManifestContributor): void {
    this.contributors.push(contributor);
  }

  /** Adds a suppression to this stack's manifest. */
  addSuppression(record: RecordedSuppression): void {
    this.suppressionRecords.push(record);
  }

  /** The manifest as it is at this point of the synth (call at synth time). */
  build(): GovernanceManifest {
    const sources: Record<string, SourcePosition> = {};
    for (const c of this.stack.node.findAll()) {
      if (isOmitted(c)) continue;
      const address = addressOf(c);
      if (!address) continue;
      const source = sourceOf(c);
      if (source) sources[address] = source;
    }
    const suppressions: ManifestSuppression[] = this.suppressionRecords.map((s) => {
      const source = resolveCallSite(s.site);
      return {
        ruleId: s.ruleId,
        reason: s.reason,
        ...(s.expires ? { expires: s.expires } : {}),
        addresses: addressesUnder(s.construct),
        constructPath: s.construct.node.path,
        ...(source ? { source } : {}),
      };
    });
    return {
      version: MANIFEST_VERSION,
      workloads: this.contributors.map((c) => c.toManifestWorkload()),
      sources,
      suppressions,
      sourceRoot: sourceRootOf(this.stack),
    };
  }

  /** Emits only a top-level comment; cdktf deep-merges it next to its own `"//"` metadata. */
  override toTerraform(): Record<string, unknown> {
    return { '//': { [MANIFEST_COMMENT_KEY]: this.build() } };
  }
}

// Attach the manifest element to every stack that gets a Terraform element, so raw provider
// constructs written by hand also get their source positions recorded in the manifest.
onTerraformElement((construct) => {
  if (creating || construct instanceof GovernanceManifestElement) return;
  let stack: TerraformStack;
  try {
    stack = TerraformStack.of(construct);
  } catch {
    return; // not inside a stack (cdktf would reject it anyway)
  }
  if (stack === (construct as unknown)) return;
  GovernanceManifestElement.of(stack);
});

/**
 * The working directory (which `sources` are relative to) as seen from the stack's output directory
 * (`<outdir>/stacks/<id>`), so tools reading `cdk.tf.json` from anywhere can resolve the files.
 */
function sourceRootOf(stack: TerraformStack): string {
  let outdir = 'cdktf.out';
  try {
    outdir = App.of(stack).outdir;
  } catch {
    // a stack outside an App: the default layout
  }
  const stackDir = path.resolve(outdir, 'stacks', stack.node.id);
  return path.relative(stackDir, process.cwd()).split(path.sep).join('/') || '.';
}
