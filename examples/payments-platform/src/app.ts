/** Builds the example app in-process, so tests and tools can synth it without a CLI. */
import { App } from 'cdktf';
import { Governance } from '@workload-iga/cdktf';
import type { Severity } from '@workload-iga/core';
import { PaymentsPlatformStack } from './platform-stack';

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Output directory (default `cdktf.out`, or `CDKTF_OUTDIR`). */
  readonly outdir?: string;
  /**
   * Severity that fails the synth. Default `'none'`: the legacy IAM is flawed on purpose, and the
   * example is meant to be synthesized and then analyzed.
   */
  readonly failOn?: Severity | 'none';
  /** "Now" for expiry decisions (default `WIGA_NOW` or the system clock). */
  readonly now?: Date | string;
}

/** The payments platform app with its single stack `payments-platform`. */
export function buildApp(options: BuildAppOptions = {}): App {
  const app = new App({ ...(options.outdir ? { outdir: options.outdir } : {}) });
  Governance.of(app).enforce({ failOn: options.failOn ?? 'none', ...(options.now ? { now: options.now } : {}) });
  new PaymentsPlatformStack(app, 'payments-platform');
  return app;
}
