#!/usr/bin/env node
'use strict';
try {
  require.resolve('../dist/bin.js');
} catch {
  process.stderr.write('wiga: error: @workload-iga/cli is not built; run `npm run build` at the repository root\n');
  process.exit(2);
}
require('../dist/bin.js');
