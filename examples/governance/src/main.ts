/**
 * `tsx src/main.ts` (or `cdktf synth`): synthesizes the flawed variant into cdktf.out/;
 * `WIGA_VARIANT=compliant` the compliant twin, `WIGA_REVISION=1` the app before its last change.
 */
import type { Severity } from '@workload-iga/core';
import { buildApp } from './app';

const failOn = (process.env.WIGA_FAIL_ON ?? 'none') as Severity | 'none';
const variant = process.env.WIGA_VARIANT === 'compliant' ? 'compliant' : 'flawed';
const revision = process.env.WIGA_REVISION === '1' ? 1 : 2;
buildApp({ failOn, variant, revision }).synth();
