/**
 * Records where the USER created each construct (file, line, column), so findings can point at the
 * TypeScript line instead of a generated logical id.
 *
 * Why a hook: every cdktf `TerraformElement` constructor calls
 * `this.node.addMetadata("stacktrace", "trace")`, but `constructs` 10.x only captures a trace when
 * `options.stackTrace === true`, and a full trace in `cdk.tf.json` costs ~4.7x its size
 * (see research/toolchain.md, "Mapping resources back to TS source lines"). Importing this module
 * patches `Node.prototype.addMetadata` for the `stacktrace` type only: it captures a short V8 stack
 * (`Error.captureStackTrace`, limited `stackTraceLimit`) and keeps it in a WeakMap keyed by the
 * construct. Nothing is written to the construct's metadata, and the frames are only formatted
 * (which is where source maps are applied) when the manifest is built at synth time.
 *
 * Works with tsx (it maps TS lines itself) and with compiled JS under `node --enable-source-maps`.
 */
import * as path from 'node:path';
import { Node, type IConstruct } from 'constructs';
import type { SourcePosition } from '@workload-iga/core';

/** Frames to capture: enough to climb out of cdktf/provider/our constructors into user code. */
const FRAME_LIMIT = 16;

/** A captured but not yet formatted call site (formatting is the expensive part). */
export interface PendingSite {
  readonly holder: { stack?: string };
  resolved?: SourcePosition | null;
}

type Listener = (construct: IConstruct) => void;

/**
 * Shared through `globalThis` so that two loaded copies of this package (e.g. `src` via an alias and
 * `dist` via node_modules) see the same captures and install the hook only once.
 */
const REGISTRY = Symbol.for('@workload-iga/cdktf/source-registry');
const registry: { sites: WeakMap<IConstruct, PendingSite>; listeners: Listener[]; installed: boolean } =
  ((globalThis as Record<PropertyKey, unknown>)[REGISTRY] as never) ??
  ((globalThis as Record<PropertyKey, unknown>)[REGISTRY] = { sites: new WeakMap(), listeners: [], installed: false });
const sites = registry.sites;

/** Directory of this package (`packages/cdktf`), whether we run from `src` (tsx/vitest) or `dist`. */
const PACKAGE_DIR = toPosix(path.resolve(__dirname, '..'));
const OWN_DIRS = [`${PACKAGE_DIR}/src/`, `${PACKAGE_DIR}/dist/`];

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Captures the current call stack without formatting it. `from` is the function whose frame (and
 * those above it) are left out, as `Error.captureStackTrace` does.
 */
export function captureCallSite(from: Function = captureCallSite): PendingSite {
  const previous = Error.stackTraceLimit;
  Error.stackTraceLimit = FRAME_LIMIT;
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, from);
  Error.stackTraceLimit = previous;
  return { holder };
}

// `at fn (file:line:col)` or `at file:line:col`; file may be a file:// URL (ESM, vitest).
const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?\s*$/;

/** Formats a pending site and returns the first frame in user code, cached. */
export function resolveCallSite(site: PendingSite | undefined): SourcePosition | undefined {
  if (!site) return undefined;
  if (site.resolved !== undefined) return site.resolved ?? undefined;
  site.resolved = null;
  const lines = (site.holder.stack ?? '').split('\n');
  for (const line of lines) {
    const m = FRAME.exec(line);
    if (!m) continue;
    let file = m[1];
    if (file.startsWith('file://')) {
      try {
        file = new URL(file).pathname;
      } catch {
        continue;
      }
    }
    if (file.startsWith('node:') || !path.isAbsolute(file)) continue;
    const posix = toPosix(file);
    if (posix.includes('/node_modules/') || OWN_DIRS.some((d) => posix.startsWith(d))) continue;
    site.resolved = {
      file: toPosix(path.relative(process.cwd(), file)),
      line: Number(m[2]),
      column: Number(m[3]),
    };
    break;
  }
  return site.resolved ?? undefined;
}

/** Where the user created `construct`, if it was created while the hook was installed. */
export function sourceOf(construct: IConstruct): SourcePosition | undefined {
  return resolveCallSite(sites.get(construct));
}

/**
 * Records `site` as the creation site of `construct` (used by constructs that create inner blocks,
 * and by tests). An existing record is kept: the first capture is the creating one.
 */
export function recordSource(construct: IConstruct, site: PendingSite): void {
  if (!sites.has(construct)) sites.set(construct, site);
}

/** Called for every TerraformElement created after this module loaded (used to attach the manifest). */
export function onTerraformElement(listener: Listener): void {
  registry.listeners.push(listener);
}

function install(): void {
  if (registry.installed) return;
  registry.installed = true;
  const proto = Node.prototype as unknown as {
    addMetadata: (type: string, data: unknown, options?: unknown) => void;
  };
  const original = proto.addMetadata;
  const patched = function addMetadata(this: Node, type: string, data: unknown, options?: unknown): void {
    original.call(this, type, data, options);
    if (type !== 'stacktrace') return;
    // `scopes` ends with the construct that owns this node (Node has no public back-pointer).
    const scopes = this.scopes;
    const construct = scopes[scopes.length - 1];
    if (!construct || sites.has(construct)) return;
    sites.set(construct, captureCallSite(patched));
    for (const listener of registry.listeners) listener(construct);
  };
  proto.addMetadata = patched;
}

install();
