import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Tests import the workspace packages from source, so no build is needed before `vitest run`.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@workload-iga/core': src('core'),
      '@workload-iga/cdktf': src('cdktf'),
      '@workload-iga/cli': src('cli'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'extension/test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
