/** Builds core and the CLI for tests that spawn the real `wiga` binary. */
import * as path from 'node:path';
import { ensureBuilt as ensurePackagesBuilt, repoRoot } from '../../../test/ensure-built';

export { repoRoot };
export const wigaBin = path.join(repoRoot, 'packages', 'cli', 'bin', 'wiga.js');

/** Builds core and the CLI when their dist is missing or older than their sources. */
export function ensureBuilt(): void {
  ensurePackagesBuilt({ core: 'index.js', cli: 'bin.js' });
}
