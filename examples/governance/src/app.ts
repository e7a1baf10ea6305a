/** Builds the governance example app in-process, so tests and tools can synth it without a CLI. */
import { App } from 'cdktf';
import { Governance } from '@workload-iga/cdktf';
import type { Severity } from '@workload-iga/core';
import type { Revision } from './revision';
import { GovernanceStack, type Variant } from './stack';

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Output directory (default `cdktf.out`, or `CDKTF_OUTDIR`). */
  readonly outdir?: string;
  /** Severity that fails the synth. Default `'none'`: the flawed variant is meant to be analysed. */
  readonly failOn?: Severity | 'none';
  /** "Now" for expiry decisions (default `WIGA_NOW` or the system clock). The tests pin 2026-12-01. */
  readonly now?: Date | string;
  /** `flawed` (default, src/flawed.ts; governance in ./.wiga.yaml) or `compliant` (src/compliant.ts; compliant/.wiga.yaml). */
  readonly variant?: Variant;
  /** 2 (default) is today's code; 1 is before settlement-worker got its disputes-queue grant. */
  readonly revision?: Revision;
}

/** The governance example app with its single stack `governance`. */
export function buildApp(options: BuildAppOptions = {}): App {
  const app = new App({ ...(options.outdir ? { outdir: options.outdir } : {}) });
  Governance.of(app).enforce({ failOn: options.failOn ?? 'none', ...(options.now ? { now: options.now } : {}) });
  new GovernanceStack(app, 'governance', { variant: options.variant ?? 'flawed', revision: options.revision ?? 2 });
  return app;
}
