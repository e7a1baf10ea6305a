/** The workloads of one inventory with their governance facts, from the manifest and the tags. */
import { GOVERNANCE_TAGS, type ManifestWorkload } from '../inventory/governance-manifest';
import type { Identity, Inventory } from '../inventory/inventory';
import type { StatementOrigin } from '../policy/policy-document';

export interface WorkloadFacts {
  readonly name: string;
  readonly kind?: string;
  readonly owner?: string;
  readonly backupOwner?: string;
  readonly sponsor?: string;
  readonly environment?: string;
  readonly purpose?: string;
  readonly reviewEveryDays?: number;
  readonly maxSessionDuration?: number;
  readonly expires?: string;
  readonly retired?: { readonly date: string; readonly reason: string };
  /** The role's address (manifest `roleAddress`, or the tagged identity's address). */
  readonly address: string;
  readonly identity?: Identity;
  readonly manifest?: { readonly file: string; readonly workload: ManifestWorkload };
  /** Where to report about the workload: the role block, else the manifest's file. */
  readonly origin: StatementOrigin;
}

const text = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined);

const cache = new WeakMap<Inventory, WorkloadFacts[]>();

/** Every workload: each manifest workload (also retired ones), then each tagged identity not in a manifest. */
export function workloadsOf(inventory: Inventory): readonly WorkloadFacts[] {
  const cached = cache.get(inventory);
  if (cached) return cached;
  const byAddress = new Map(inventory.identities.map((i) => [i.address, i]));
  const out: WorkloadFacts[] = [];
  const declared = new Set<string>();
  for (const { file, manifest } of inventory.manifests) {
    for (const w of manifest.workloads) {
      const identity = byAddress.get(w.roleAddress);
      declared.add(w.roleAddress);
      const tags = identity?.tags ?? {};
      const origin = identity?.origin ?? inventory.originOf(w.roleAddress) ?? { file, address: w.roleAddress, constructPath: w.constructPath };
      out.push({
        name: w.name,
        kind: w.kind,
        ...optional('owner', text(w.owner) ?? text(tags[GOVERNANCE_TAGS.owner])),
        ...optional('backupOwner', text(w.backupOwner) ?? text(tags[GOVERNANCE_TAGS.backupOwner])),
        ...optional('sponsor', text(w.sponsor) ?? text(tags[GOVERNANCE_TAGS.sponsor])),
        ...optional('environment', w.environment ?? tags[GOVERNANCE_TAGS.environment]),
        ...optional('purpose', w.purpose),
        ...optional('reviewEveryDays', w.reviewEveryDays),
        ...optional('maxSessionDuration', identity?.maxSessionDuration ?? w.maxSessionDuration),
        ...optional('expires', w.expires ?? tags[GOVERNANCE_TAGS.expires]),
        ...optional('retired', w.retired),
        address: w.roleAddress,
        ...optional('identity', identity),
        manifest: { file, workload: w },
        origin: origin.constructPath !== undefined ? origin : { file: origin.file, address: origin.address, position: origin.position, constructPath: w.constructPath },
      });
    }
  }
  for (const identity of inventory.identities) {
    if (!identity.workload || declared.has(identity.address)) continue;
    const tags = identity.tags;
    out.push({
      name: identity.workload,
      ...optional('kind', tags[GOVERNANCE_TAGS.kind]),
      ...optional('owner', text(tags[GOVERNANCE_TAGS.owner])),
      ...optional('backupOwner', text(tags[GOVERNANCE_TAGS.backupOwner])),
      ...optional('sponsor', text(tags[GOVERNANCE_TAGS.sponsor])),
      ...optional('environment', tags[GOVERNANCE_TAGS.environment]),
      ...optional('purpose', tags[GOVERNANCE_TAGS.purpose]),
      ...optional('maxSessionDuration', identity.maxSessionDuration),
      ...optional('expires', tags[GOVERNANCE_TAGS.expires]),
      address: identity.address,
      identity,
      origin: identity.origin,
    });
  }
  cache.set(inventory, out);
  return out;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
