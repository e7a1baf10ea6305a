import type { JsonDocument } from './json-document';
import type { InputError } from '../engine/analysis';
import { MANIFEST_COMMENT_KEY, type GovernanceManifest } from '../inventory/governance-manifest';
import { isPlainObject, type TerraformBlock, type TerraformModel } from './terraform-config';

/**
 * Reads Terraform JSON configuration: cdktf's `cdk.tf.json` and hand-written `*.tf.json`.
 * `"//"` keys are comments to Terraform; cdktf puts construct metadata there, and
 * @workload-iga/cdktf its governance manifest.
 * @see https://developer.hashicorp.com/terraform/language/syntax/json
 */
export function readTerraformJson(file: string, document: JsonDocument, kind: 'cdktf-synth' | 'terraform-json'): TerraformModel {
  const root = document.value as Record<string, unknown>;
  const problems: InputError[] = [];
  const blocks: TerraformBlock[] = [];
  const problem = (path: (string | number)[], message: string) => problems.push({ file, ...document.positionOf(path), message });

  for (const [section, mode] of [['resource', 'managed'], ['data', 'data']] as const) {
    const types = root[section];
    if (types === undefined) continue;
    if (!isPlainObject(types)) {
      problem([section], `'${section}' must be an object of block types, got ${Array.isArray(types) ? 'a list' : typeof types}`);
      continue;
    }
    for (const [type, names] of Object.entries(types)) {
      if (type === '//') continue;
      if (!isPlainObject(names)) {
        problem([section, type], `'${section}.${type}' must be an object of block names`);
        continue;
      }
      for (const [name, rawBody] of Object.entries(names)) {
        if (name === '//') continue;
        // JSON syntax also allows a list of bodies for one block; Terraform merges them.
        const body = Array.isArray(rawBody) && rawBody.length === 1 ? rawBody[0] : rawBody;
        const path = Array.isArray(rawBody) ? [section, type, name, 0] : [section, type, name];
        if (!isPlainObject(body)) {
          problem(path, `block ${section === 'data' ? 'data.' : ''}${type}.${name} must be an object`);
          continue;
        }
        const { '//': comment, ...values } = body;
        const metadata = isPlainObject(comment) && isPlainObject(comment.metadata) ? comment.metadata : undefined;
        blocks.push({
          address: `${mode === 'data' ? 'data.' : ''}${type}.${name}`,
          modulePrefix: '',
          mode,
          type,
          name,
          values,
          raw: true,
          file,
          path,
          constructPath: typeof metadata?.path === 'string' ? metadata.path : undefined,
        });
      }
    }
  }
  const locals = isPlainObject(root.locals) ? { '': root.locals } : Array.isArray(root.locals) ? { '': Object.assign({}, ...root.locals.filter(isPlainObject)) } : undefined;
  const ownAccounts = providerAccounts(root.provider);
  return { file, kind, blocks, ownAccounts, positionOf: (path) => document.positionOf(path), rangeOf: (path) => document.rangeOf(path), locals, manifest: readManifest(root), problems };
}

function readManifest(root: Record<string, unknown>): GovernanceManifest | undefined {
  const comment = root['//'];
  if (!isPlainObject(comment)) return undefined;
  const manifest = comment[MANIFEST_COMMENT_KEY];
  if (!isPlainObject(manifest) || !Array.isArray(manifest.workloads)) return undefined;
  return {
    version: 1,
    workloads: manifest.workloads as GovernanceManifest['workloads'],
    sources: isPlainObject(manifest.sources) ? (manifest.sources as GovernanceManifest['sources']) : {},
    suppressions: Array.isArray(manifest.suppressions) ? (manifest.suppressions as GovernanceManifest['suppressions']) : [],
    ...(typeof manifest.sourceRoot === 'string' && { sourceRoot: manifest.sourceRoot }),
  };
}

/** True when the value looks like cdktf output (its top-level comment carries cdktf metadata). */
export function isCdktfSynth(root: Record<string, unknown>): boolean {
  const comment = root['//'];
  return isPlainObject(comment) && (isPlainObject(comment.metadata) || MANIFEST_COMMENT_KEY in comment);
}

/** `provider.aws[].allowed_account_ids` (a list of blocks or one block), literal values only. */
function providerAccounts(provider: unknown): string[] {
  if (!isPlainObject(provider)) return [];
  const aws = provider.aws;
  const blocks = Array.isArray(aws) ? aws : [aws];
  return blocks.flatMap((b) => (isPlainObject(b) && Array.isArray(b.allowed_account_ids) ? b.allowed_account_ids.filter((a): a is string => typeof a === 'string' && /^\d{12}$/.test(a)) : []));
}
