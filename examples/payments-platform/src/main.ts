/** `tsx src/main.ts` (or `cdktf synth`): synthesizes the payments platform into cdktf.out/. */
import { buildApp } from './app';
import type { Severity } from '@workload-iga/core';

const failOn = (process.env.WIGA_FAIL_ON ?? 'none') as Severity | 'none';
buildApp({ failOn }).synth();
